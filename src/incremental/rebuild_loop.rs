//! The rebuild loop `serve` and `watch` share: it waits for changes,
//! applies them to a [`LiveBuild`] and reports each outcome.
//!
//! It knows nothing of notify: whoever watches the files sends its events
//! as [`Message::Events`] and, through [`Inputs`], classifies them against
//! the live build's current root and output and picks up input folders
//! created since it started.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use super::changes::ChangeSet;
use super::{Finished, LiveBuild, Rebuild};
use crate::error::Error;

/// A message to the rebuild loop.
#[derive(Debug)]
pub enum Message<E> {
    /// File-system events, as the watcher reports them.
    Events(E),
    /// Stop.
    Quit,
}

/// What the rebuild loop reports.
pub enum Outcome<'a> {
    /// Edited articles' pages were written ahead of the full rebuild.
    Preview(&'a [String]),
    /// A rebuild finished (possibly with article errors).
    Rebuilt(&'a Rebuild),
    /// A rebuild failed; the previous output is untouched.
    Failed(&'a Error),
}

/// The watcher behind the messages, as far as the loop needs it.
pub trait Inputs {
    /// What the watcher reports in one [`Message::Events`].
    type Events;
    /// Starts watching any input folder created since the last call.
    fn watch_inputs(&mut self) -> Result<(), Error>;
    /// What `events` changed of the site at `root`; anything under `output`
    /// is the build's own writing.
    fn classify(&self, events: Self::Events, root: &Path, output: &Path) -> ChangeSet;
}

/// How often the loop looks at a running whole-site step between messages.
const POLL: Duration = Duration::from_millis(5);

/// Waits for changes, applies them to `live` and hands each outcome to
/// `report`, until a [`Message::Quit`] arrives or the channel closes.
/// Edited pages are written and reported first ([`LiveBuild::update`]);
/// the rest of the rebuild, the whole-site step, starts only once no
/// further change is waiting and runs on its own thread
/// ([`LiveBuild::start_finish`]), so the loop keeps taking changes while it
/// runs: a new edit is previewed at once and cancels the step, which is
/// started again after, from where the output then is. A burst of saves is
/// one rebuild, and an edit never waits behind a rebuild it makes obsolete.
pub fn run<I: Inputs>(
    live: &mut LiveBuild,
    inputs: &mut I,
    messages: &Receiver<Message<I::Events>>,
    report: &mut dyn FnMut(Outcome<'_>),
) {
    loop {
        let next = if live.is_finishing() {
            messages.recv_timeout(POLL)
        } else if live.wants_finish() {
            messages.recv_timeout(Duration::ZERO)
        } else {
            messages.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        let first = match next {
            Ok(message) => message,
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                live.start_finish();
                match live.poll_finish() {
                    Some(Finished::First(pages)) => report(Outcome::Preview(&pages)),
                    Some(Finished::Done(Ok(rebuild))) => report(Outcome::Rebuilt(&rebuild)),
                    Some(Finished::Done(Err(e))) => report(Outcome::Failed(&e)),
                    None => {}
                }
                continue;
            }
        };
        let mut changes = ChangeSet::default();
        if !absorb(live, inputs, first, &mut changes)
            || !drain(live, inputs, messages, &mut changes)
        {
            return;
        }
        if !changes.is_empty() {
            if let Err(e) = inputs.watch_inputs() {
                report(Outcome::Failed(&e));
            }
            match live.update(&changes) {
                Ok(pages) if !pages.is_empty() => report(Outcome::Preview(&pages)),
                Ok(_) => {}
                Err(e) => report(Outcome::Failed(&e)),
            }
        }
    }
}

/// Adds every message already queued; false when one is Quit.
fn drain<I: Inputs>(
    live: &LiveBuild,
    inputs: &I,
    messages: &Receiver<Message<I::Events>>,
    changes: &mut ChangeSet,
) -> bool {
    loop {
        match messages.recv_timeout(Duration::ZERO) {
            Ok(message) => {
                if !absorb(live, inputs, message, changes) {
                    return false;
                }
            }
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Adds a message's changes; false for Quit.
fn absorb<I: Inputs>(
    live: &LiveBuild,
    inputs: &I,
    message: Message<I::Events>,
    changes: &mut ChangeSet,
) -> bool {
    match message {
        Message::Quit => false,
        Message::Events(events) => {
            changes.merge(inputs.classify(events, live.root(), live.output()));
            true
        }
    }
}
