//! One integration-test binary: the real `briefing` binary run on temp sites.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod briefing;
mod browser;
mod build;
mod entities;
mod search;
mod support;
mod validate;
