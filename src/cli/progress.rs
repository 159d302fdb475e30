//! A progress bar for builds that take a while. The only `indicatif` user.
//!
//! Shown on stderr, and only when stderr is a terminal and the build has
//! already taken more than a second: a quick build prints nothing but its
//! summary, and CI logs never fill with redraws.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::Progress;

/// How long a build runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);

/// A build's progress bar: hidden until the build has run for [`DELAY`].
pub(super) struct Bar {
    bar: ProgressBar,
    started: Instant,
    /// Whether the bar may ever be shown (stderr is a terminal).
    wanted: bool,
    /// Whether it is being drawn.
    shown: AtomicBool,
}

impl Bar {
    /// A bar for a build starting now, shown only when stderr is a
    /// terminal and `quiet` is not asked.
    pub(super) fn for_stderr(quiet: bool) -> Bar {
        Bar::new(!quiet && std::io::stderr().is_terminal())
    }

    fn new(wanted: bool) -> Bar {
        let style = ProgressStyle::with_template("{msg:>16} [{bar:30}] {pos}/{len}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(style);
        Bar {
            bar,
            started: Instant::now(),
            wanted,
            shown: AtomicBool::new(false),
        }
    }

    /// Removes the bar from the terminal, before the summary is printed.
    pub(super) fn clear(&self) {
        if self.shown.load(Ordering::Relaxed) {
            self.bar.finish_and_clear();
        }
    }

    /// Starts drawing once the build has run long enough.
    fn show_when_due(&self) {
        if self.wanted
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Progress for Bar {
    fn step(&self, name: &'static str, total: usize) {
        self.bar.set_message(name);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.show_when_due();
    }

    fn advance(&self) {
        self.bar.inc(1);
        self.show_when_due();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_counts_each_step_and_stays_hidden_when_not_wanted() {
        let bar = Bar::new(false);
        bar.step("reading articles", 3);
        bar.advance();
        bar.advance();
        assert_eq!(bar.bar.position(), 2);
        assert_eq!(bar.bar.length(), Some(3));
        bar.step("writing pages", 10);
        assert_eq!(bar.bar.position(), 0);
        assert!(!bar.shown.load(Ordering::Relaxed));
        bar.clear();
    }

    #[test]
    fn a_wanted_bar_waits_a_second_before_it_is_drawn() {
        let bar = Bar::new(true);
        bar.advance();
        assert!(
            !bar.shown.load(Ordering::Relaxed),
            "a quick build shows nothing"
        );
        let late = Bar {
            started: Instant::now() - DELAY,
            ..Bar::new(true)
        };
        late.bar.set_draw_target(ProgressDrawTarget::hidden());
        late.show_when_due();
        assert!(late.shown.load(Ordering::Relaxed));
        late.bar.set_draw_target(ProgressDrawTarget::hidden());
        late.clear();
    }
}
