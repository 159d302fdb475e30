//! `briefing check`: build the site into a temporary folder and verify it.
//!
//! The site's own output folder is never touched. The checks themselves are
//! in [`crate::check`]; this module only runs a build where nobody will
//! publish it and hands the result over.

use crate::check::{self, Problem};
use crate::error::Error;
use crate::pipeline::{self, BuildOptions, BuildReport, Progress};
use crate::urls::Urls;

/// What `briefing check` found.
#[derive(Debug, Clone)]
pub(super) struct CheckReport {
    /// The build that was checked (its output folder is gone by now).
    pub build: BuildReport,
    /// Broken links, missing anchors, malformed feeds, duplicates.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Whether the site passed: no problem and no article error.
    pub(super) fn passed(&self) -> bool {
        self.problems.is_empty() && !self.build.has_errors()
    }
}

/// Builds the site of `options` into a temporary folder (its `output` is
/// ignored), telling `progress` how the build goes, and checks everything
/// in it.
pub(super) fn build_and_check(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<CheckReport, Error> {
    let temp = crate::fs::TempDir::new("briefing-check")?;
    let options = BuildOptions {
        output: Some(temp.path().join("site")),
        ..options.clone()
    };
    let (_, build) = pipeline::build_observed(&options, progress)?;
    let urls = Urls::new(&build.base_url);
    let mut problems = check::duplicate_paths(&build.paths);
    problems.extend(check::check_site(&build.output, &urls)?);
    Ok(CheckReport { build, problems })
}
