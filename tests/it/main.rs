//! One integration-test binary: the real `briefing` binary run on temp sites.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod build;
mod check;
mod feeds;
mod incremental;
mod new;
mod preview;
mod publish;
mod summary;
mod support;
mod validate;
