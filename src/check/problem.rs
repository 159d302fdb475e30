//! What the site check reports: a [`Problem`] is a [`Kind`] of fault found
//! in one output file, with the line and column where the scanner knows
//! them, the way a build's `Diagnostic` names its input. A leaf: the
//! scanners produce kinds, the site check turns them into problems.

use std::fmt;

use crate::error::Location;

/// One fault in the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The output file it was found in (relative to the output folder) and,
    /// when known, the line and column.
    pub location: Location,
    /// What is wrong.
    pub kind: Kind,
}

impl Problem {
    /// A problem of `kind` in the output file `file`.
    pub fn new(file: &str, kind: Kind) -> Problem {
        let location = match kind.position() {
            Some((line, column)) => Location::at(file, line, column),
            None => Location::file(file),
        };
        Problem { location, kind }
    }

    /// The output file it was found in, `/`-separated.
    pub fn file(&self) -> String {
        self.location.path.display().to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location.path.display(), self.kind)
    }
}

/// A document format the check parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Feeds and the sitemap.
    Xml,
    /// The JSON Feed and data files.
    Json,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A link to a file the output does not have.
    BrokenLink {
        /// The link as written.
        link: String,
        /// The output file it points to.
        file: String,
    },
    /// A link to an anchor its page does not define.
    MissingAnchor {
        /// The link as written.
        link: String,
        /// The page it points to.
        file: String,
        /// The missing id.
        id: String,
    },
    /// A root-relative link outside the path the site is published under.
    OutsidePath {
        /// The link as written.
        link: String,
        /// The site's root path.
        root: String,
    },
    /// A relative link that climbs above the site's root.
    AboveRoot {
        /// The link as written.
        link: String,
    },
    /// An id defined more than once on one page.
    DuplicateId(String),
    /// A value that must be unique in its file, seen twice.
    Duplicate {
        /// What it is: "entry id", "item id", "sitemap URL".
        what: &'static str,
        /// The value.
        value: String,
    },
    /// The file does not parse.
    Malformed {
        /// As what.
        format: Format,
        /// Line and column, when the parser says.
        at: Option<(u32, u32)>,
        /// The parser's explanation.
        reason: String,
    },
    /// Well-formed XML with markup a reader cannot use (an undefined
    /// entity, a bad attribute).
    BadMarkup(String),
    /// A JSON Feed without something every reader needs.
    JsonFeedLacks {
        /// The item lacking it, or `None` for the feed itself.
        item: Option<usize>,
        /// What it lacks ("no title", "no id"…).
        what: &'static str,
    },
    /// An output path written by more than one page.
    DuplicatePath,
}

impl Kind {
    /// Where in its file the problem is, when known.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            Kind::Malformed { at, .. } => *at,
            Kind::BrokenLink { .. }
            | Kind::MissingAnchor { .. }
            | Kind::OutsidePath { .. }
            | Kind::AboveRoot { .. }
            | Kind::DuplicateId(_)
            | Kind::Duplicate { .. }
            | Kind::BadMarkup(_)
            | Kind::JsonFeedLacks { .. }
            | Kind::DuplicatePath => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::BrokenLink { link, file } => {
                write!(f, "broken link {link}: no {file} in the output")
            }
            Kind::MissingAnchor { link, file, id } => {
                write!(f, "missing anchor {link}: {file} has no id {id:?}")
            }
            Kind::OutsidePath { link, root } => {
                write!(f, "{link} is outside the site's path {root}")
            }
            Kind::AboveRoot { link } => write!(f, "{link} climbs above the site root"),
            Kind::DuplicateId(id) => write!(f, "duplicate id {id:?}"),
            Kind::Duplicate { what, value } => write!(f, "duplicate {what} {value}"),
            Kind::Malformed { format, at, reason } => {
                let format = match format {
                    Format::Xml => "XML",
                    Format::Json => "JSON",
                };
                match at {
                    Some((line, column)) => {
                        write!(f, "not well-formed {format} at {line}:{column}: {reason}")
                    }
                    None => write!(f, "not well-formed {format}: {reason}"),
                }
            }
            Kind::BadMarkup(why) => f.write_str(why),
            Kind::JsonFeedLacks { item: None, what } => write!(f, "JSON Feed has {what}"),
            Kind::JsonFeedLacks {
                item: Some(n),
                what,
            } => write!(f, "JSON Feed item {n} has {what}"),
            Kind::DuplicatePath => {
                f.write_str("written by more than one page (duplicate slug or route)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_as_its_file_and_what_is_wrong_and_keeps_its_position() {
        let bad = Problem::new(
            "atom.xml",
            Kind::Malformed {
                format: Format::Xml,
                at: Some((2, 5)),
                reason: "<feed> is never closed".into(),
            },
        );
        assert_eq!(
            bad.to_string(),
            "atom.xml: not well-formed XML at 2:5: <feed> is never closed"
        );
        assert_eq!((bad.location.line, bad.location.column), (Some(2), Some(5)));
        let lacking = Problem::new(
            "feed.json",
            Kind::JsonFeedLacks {
                item: Some(3),
                what: "no id",
            },
        );
        assert_eq!(lacking.to_string(), "feed.json: JSON Feed item 3 has no id");
        assert_eq!(lacking.location.line, None);
        assert_eq!(lacking.file(), "feed.json");
    }
}
