//! Reading the site's standalone pages from `pages/` (About, corrections
//! policy, contact): found like articles, parsed like articles, then made
//! into [`StandalonePage`]s and put in footer order by
//! [`crate::digest::pages`]. A page that does not parse is a diagnostic and
//! the rest still build.

use crate::article::{self, ParseOptions};
use crate::config::Config;
use crate::digest::pages::{self, StandalonePage};
use crate::discover;
use crate::error::{Diagnostic, Error};

/// The standalone pages of `config`'s site in footer order (drafts only
/// when `drafts`), and the problems met. No `pages/` folder, no pages.
pub fn load(
    config: &Config,
    drafts: bool,
) -> Result<(Vec<StandalonePage>, Vec<Diagnostic>), Error> {
    let dir = config.pages_dir();
    if !crate::fs::is_dir(&dir) {
        return Ok((Vec::new(), Vec::new()));
    }
    let discovery = discover::discover(&config.root, &dir)?;
    let mut diagnostics = discovery.diagnostics;
    let options = ParseOptions {
        unsafe_html: config.site.markdown.unsafe_html,
    };
    let mut found = Vec::new();
    for file in &discovery.files {
        match article::load(file, options) {
            Ok(parsed) => {
                let page = StandalonePage::from_parsed(parsed);
                if drafts || !page.draft {
                    found.push(page);
                }
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let (ordered, problems) = pages::order(found);
    diagnostics.extend(problems);
    Ok((ordered, diagnostics))
}
