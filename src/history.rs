//! When each article file first entered the site: the only caller of `git`.
//! [`date_undated`] dates the articles that gave no date by it.
//!
//! An undated article is dated by the first commit that added its file,
//! read for the whole of `seeds/` with one `git log` (added and renamed
//! files, oldest first, NUL-separated), so the cost does not grow with a
//! call per file. A renamed file keeps the date its old name entered with.
//! In a shallow checkout the oldest commits present stand for everything
//! before them, so what they add is not trusted. When git is missing, the
//! site is not a repository or a file is not committed yet, the caller
//! falls back to the file's modification time and says why
//! ([`History::note`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use jiff::Timestamp;

use crate::enrich::{self, Article, DateSource, EnrichContext};
use crate::error::{Diagnostic, Location};

/// Dates each article of `articles` that gave no date by when its file
/// entered the site: the first commit that added it (one `git log` for
/// all of them, and none when every article is dated), else its
/// modification time. Never by the latest commit, so an undated story
/// keeps its edition across later commits. Returns a note for each article
/// dated by modification time, saying why git could not date it, by its
/// source path.
pub fn date_undated<'a>(
    root: &Path,
    context: &EnrichContext,
    articles: impl Iterator<Item = &'a mut Arc<Article>>,
) -> HashMap<PathBuf, Diagnostic> {
    let mut undated = articles
        .filter(|a| a.date_source == DateSource::Edition)
        .peekable();
    let mut notes = HashMap::new();
    if undated.peek().is_none() {
        return notes;
    }
    let history = History::read(root, "seeds");
    for article in undated {
        let rel = article.source_path.clone();
        let (at, source) = match history.entered(&rel) {
            Some(at) => (at, DateSource::Git),
            None => match crate::fs::modified(&root.join(&rel))
                .and_then(|t| Timestamp::try_from(t).ok())
            {
                Some(at) => (at, DateSource::Modified),
                None => continue,
            },
        };
        let article = Arc::make_mut(article);
        enrich::date_undated(article, at, source, context);
        if source == DateSource::Modified {
            let message = format!(
                "undated: dated {} by its file's modification time ({})",
                article.date,
                history.note()
            );
            notes.insert(rel.clone(), Diagnostic::note(Location::file(&rel), message));
        }
    }
    notes
}

/// Why a file is dated by its modification time when git cannot be run.
const NO_GIT: &str = "git could not be run";
/// Why a file is dated by its modification time outside a repository.
const NOT_A_REPOSITORY: &str = "the site is not in a git repository";

/// Whether `note` (from [`date_undated`]) only says that the site is not
/// under git, which is how every undated story of such a site is dated:
/// worth a line in a machine-read summary, noise on a terminal.
pub fn is_outside_git(note: &Diagnostic) -> bool {
    note.message.ends_with(&format!("({NO_GIT})"))
        || note.message.ends_with(&format!("({NOT_A_REPOSITORY})"))
}

/// When files entered the site, as far as git knows.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Site-relative path (`seeds/x.txt`) → the commit time that added it.
    entered: HashMap<PathBuf, Timestamp>,
    /// What stands in the way of knowing more, if anything.
    limit: Option<Limit>,
}

/// Why git could not date every file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// `git` could not be run.
    NoGit,
    /// The site is not inside a git repository (or git refused it).
    NotARepository(String),
    /// The checkout is shallow: files older than its history are unknown.
    Shallow,
}

impl History {
    /// Reads when each file under `root/seeds_rel` entered the repository.
    /// Never fails: what git cannot say is left unknown.
    pub fn read(root: &Path, seeds_rel: &str) -> History {
        let shallow = match git(root, &["rev-parse", "--is-shallow-repository"]) {
            Ok(out) => out.trim_ascii() == b"true",
            Err(limit) => {
                return History {
                    entered: HashMap::new(),
                    limit: Some(limit),
                };
            }
        };
        let log = git(
            root,
            &[
                "-c",
                "core.quotepath=off",
                "log",
                "--reverse",
                "--no-merges",
                "-M",
                "--diff-filter=AR",
                "--name-status",
                "-z",
                "--relative",
                "--format=%x01%ct %P",
                "--",
                seeds_rel,
            ],
        );
        match log {
            Ok(out) => History {
                entered: parse_log(&out, shallow),
                limit: shallow.then_some(Limit::Shallow),
            },
            Err(limit) => History {
                entered: HashMap::new(),
                limit: Some(limit),
            },
        }
    }

    /// When `rel` (relative to the site root) was first committed.
    pub fn entered(&self, rel: &Path) -> Option<Timestamp> {
        self.entered.get(rel).copied()
    }

    /// Why a file git does not date is dated by its modification time.
    pub fn note(&self) -> &'static str {
        match self.limit {
            None => "not committed yet",
            Some(Limit::NoGit) => NO_GIT,
            Some(Limit::NotARepository(_)) => NOT_A_REPOSITORY,
            Some(Limit::Shallow) => {
                "the git checkout is shallow (in GitHub Actions, give actions/checkout fetch-depth: 0)"
            }
        }
    }
}

/// Runs `git ARGS` in `root` and returns its standard output.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, Limit> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|_| Limit::NoGit)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(Limit::NotARepository(why))
    }
}

/// Reads `git log --reverse --name-status -z --format=%x01%ct %P` output:
/// each path's earliest addition, a renamed path inheriting its old name's.
/// In a `shallow` checkout a commit without parents is the cut-off, whose
/// additions say nothing about when a file arrived.
pub(crate) fn parse_log(out: &[u8], shallow: bool) -> HashMap<PathBuf, Timestamp> {
    let mut entered: HashMap<PathBuf, Timestamp> = HashMap::new();
    let mut commit: Option<Timestamp> = None;
    let mut fields = out.split(|&b| b == 0).peekable();
    while let Some(field) = fields.next() {
        let field = field.strip_prefix(b"\n").unwrap_or(field);
        if let Some(header) = field.strip_prefix(b"\x01") {
            commit = read_header(header, shallow);
            continue;
        }
        match field.first() {
            Some(b'A') => {
                if let (Some(path), Some(at)) = (fields.next().and_then(path_of), commit) {
                    let slot = entered.entry(path).or_insert(at);
                    *slot = (*slot).min(at);
                }
            }
            Some(b'R') => {
                let old = fields.next().and_then(path_of);
                let new = fields.next().and_then(path_of);
                if let Some(new) = new {
                    let at = old.and_then(|o| entered.get(&o).copied()).or(commit);
                    if let Some(at) = at {
                        let slot = entered.entry(new).or_insert(at);
                        *slot = (*slot).min(at);
                    }
                }
            }
            _ => {}
        }
    }
    entered
}

/// A commit's time from `SECONDS PARENTS…`; `None` for the cut-off of a
/// shallow history.
fn read_header(header: &[u8], shallow: bool) -> Option<Timestamp> {
    let text = std::str::from_utf8(header).ok()?;
    let mut words = text.split_ascii_whitespace();
    let seconds: i64 = words.next()?.parse().ok()?;
    if shallow && words.next().is_none() {
        return None;
    }
    Timestamp::from_second(seconds).ok()
}

fn path_of(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes)
        .ok()
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(commits: &[(i64, &str, &[&[&str]])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (seconds, parents, changes) in commits {
            out.extend_from_slice(format!("\x01{seconds} {parents}\0\n").as_bytes());
            for change in *changes {
                for field in *change {
                    out.extend_from_slice(field.as_bytes());
                    out.push(0);
                }
            }
        }
        out
    }

    fn at(seconds: i64) -> Option<Timestamp> {
        Timestamp::from_second(seconds).ok()
    }

    #[test]
    fn the_first_addition_counts_and_renames_keep_it() {
        let out = log(&[
            (100, "", &[&["A", "seeds/a.txt"]]),
            (200, "c1", &[&["A", "seeds/b é.txt"], &["A", "seeds/a.txt"]]),
            (300, "c2", &[&["R100", "seeds/a.txt", "seeds/a2.txt"]]),
            (400, "c3", &[&["R090", "seeds/gone.txt", "seeds/new.txt"]]),
        ]);
        let entered = parse_log(&out, false);
        assert_eq!(entered.get(Path::new("seeds/a.txt")).copied(), at(100));
        assert_eq!(entered.get(Path::new("seeds/b é.txt")).copied(), at(200));
        assert_eq!(entered.get(Path::new("seeds/a2.txt")).copied(), at(100));
        assert_eq!(entered.get(Path::new("seeds/new.txt")).copied(), at(400));
    }

    #[test]
    fn a_shallow_cut_off_dates_nothing() {
        let out = log(&[
            (500, "", &[&["A", "seeds/old.txt"]]),
            (600, "c1", &[&["A", "seeds/fresh.txt"]]),
        ]);
        let entered = parse_log(&out, true);
        assert_eq!(entered.get(Path::new("seeds/old.txt")), None);
        assert_eq!(entered.get(Path::new("seeds/fresh.txt")).copied(), at(600));
        assert_eq!(parse_log(&out, false).len(), 2);
    }

    #[test]
    fn ten_thousand_files_parse_in_one_pass() {
        let names: Vec<String> = (0..10_000).map(|i| format!("seeds/{i:05}.txt")).collect();
        let mut out = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if i % 100 == 0 {
                out.extend_from_slice(format!("\x01{} p\0\n", 1_000 + i).as_bytes());
            }
            out.extend_from_slice(b"A\0");
            out.extend_from_slice(name.as_bytes());
            out.push(0);
        }
        let entered = parse_log(&out, false);
        assert_eq!(entered.len(), 10_000);
        assert_eq!(
            entered.get(Path::new("seeds/09999.txt")).copied(),
            at(10_900)
        );
    }

    #[test]
    fn outside_a_repository_nothing_is_known_and_the_note_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::read(dir.path(), "seeds");
        assert_eq!(history.entered(Path::new("seeds/a.txt")), None);
        assert!(
            history.note().contains("not in a git repository")
                || history.note().contains("could not be run"),
            "{}",
            history.note()
        );
    }
}
