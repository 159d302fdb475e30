//! One integration-test binary: the real `briefing` binary run on temp sites.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod build;
mod incremental;
mod preview;
mod support;
mod validate;
