//! briefing: a static site generator for news briefing digests.
//!
//! A folder of articles goes in; a linked, accessible HTML digest comes out.
//! The build is a pipeline of stages, each a module with one job and a plain
//! data type in and out:
//!
//! ```text
//! site.toml ─► config ─► discover ─► article ─► enrich ─► digest ─► render ─► output
//! ```
//!
//! [`pipeline::build`] runs them in order; [`cli`] is the command line.

pub mod article;
pub mod check;
pub mod cli;
pub mod config;
pub mod corrections;
pub mod digest;
pub mod discover;
pub mod enrich;
pub mod error;
pub mod fs;
pub mod html;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod slug;
pub mod summary;
pub mod verify;
pub mod watch;
