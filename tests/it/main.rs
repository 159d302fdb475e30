//! One integration-test binary: the real `briefing` binary run on temp sites.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// A test binary has no public API: its helpers are `pub` for the other
// test modules, which is all `unreachable_pub` would flag here.
#![allow(unreachable_pub)]

mod accessibility;
mod assets;
mod briefing_layer;
mod browser;
mod build;
mod cache;
mod check;
mod duplicates;
mod editions;
mod email_print;
mod entities;
mod feeds;
mod hostile;
mod in_brief;
mod incremental;
mod live_reload;
mod messages;
mod new;
mod pages;
mod pagination;
mod pictures;
mod preview;
mod publish;
mod reader;
mod search;
mod summary;
mod support;
mod templates;
mod validate;
