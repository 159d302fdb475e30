//! `briefing serve`: build, serve on a local address, rebuild on every
//! change and reload the open tabs.
//!
//! The site is built into a preview folder (a temporary one unless
//! `--output` is given) with `base_url` set to the local address and the
//! live-reload script enabled through the `site.live_reload` template
//! variable. A change that fails to build leaves the last good site being
//! served and shows the error over it; the next good save recovers.

pub mod http;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;

use jiff::Timestamp;

use crate::error::{Error, chain};
use crate::incremental::{Rebuild, Session};
use crate::pipeline::{BuildOptions, BuildReport};
use crate::watch::{self, Outcome, Watcher};
use http::{LIVE_RELOAD_PATH, Notice, Server};

/// What `briefing serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to bind; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Where to write the preview; a temporary folder when `None`.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// The build instant.
    pub now: Timestamp,
}

/// What the preview tells the person running it.
pub enum ServeEvent<'a> {
    /// The first build is done and the server is listening.
    Started {
        /// The address to open.
        url: &'a str,
        /// The first build's report.
        report: &'a BuildReport,
    },
    /// A rebuild finished (possibly with article errors).
    Rebuilt(&'a Rebuild),
    /// A rebuild failed; the last good site is still served.
    Failed(&'a Error),
}

/// Runs the preview until Ctrl-C.
pub fn run(options: &ServeOptions, report: &mut dyn FnMut(ServeEvent<'_>)) -> Result<(), Error> {
    let root = crate::fs::canonicalize(&options.root)?;
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::io(
            "listen on",
            &PathBuf::from(format!("{}:{}", options.bind, options.port)),
            e,
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("listen on", &root, e))?;
    let url = format!("http://{addr}/");
    let preview = PreviewDir::new(options.output.clone())?;
    let build = BuildOptions {
        root: root.clone(),
        output: Some(preview.path.clone()),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        now: options.now,
        live_reload: Some(LIVE_RELOAD_PATH.to_string()),
    };
    let (mut session, first) = Session::start(build)?;
    let (sender, messages) = watch::channel_pair();
    let server = Server::start(listener, session.output(), sender.clone())?;
    let mut watcher = Watcher::start(&root, sender)?;
    report(ServeEvent::Started {
        url: &url,
        report: &first,
    });
    watch::run(
        &mut session,
        &mut watcher,
        &messages,
        &mut |outcome| match outcome {
            Outcome::Preview(pages) => server.notify(Notice::Reload(page_urls(pages))),
            Outcome::Rebuilt(rebuild) => {
                report(ServeEvent::Rebuilt(rebuild));
                if let Some(notice) = notice_for(rebuild, server.has_error()) {
                    server.notify(notice);
                }
            }
            Outcome::Failed(e) => {
                report(ServeEvent::Failed(e));
                server.notify(Notice::BuildError(chain(e)));
            }
        },
    );
    drop(server);
    Ok(())
}

/// What to tell the tabs after a rebuild, if anything.
fn notice_for(rebuild: &Rebuild, showing_error: bool) -> Option<Notice> {
    let errors: Vec<String> = rebuild
        .fatal
        .iter()
        .cloned()
        .chain(
            rebuild
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string),
        )
        .collect();
    let changed: Vec<String> = rebuild
        .written
        .iter()
        .chain(&rebuild.removed)
        .cloned()
        .collect();
    match (changed.is_empty(), errors.is_empty()) {
        (false, false) => Some(Notice::ReloadWithError(
            page_urls(&changed),
            errors.join("\n"),
        )),
        (false, true) if rebuild.css_only => Some(Notice::Css),
        (false, true) => Some(Notice::Reload(page_urls(&changed))),
        (true, false) => Some(Notice::BuildError(errors.join("\n"))),
        (true, true) => showing_error.then_some(Notice::Ok),
    }
}

/// The URL paths of output files: `articles/x/index.html` → `/articles/x/`.
/// A change to anything but a page (a stylesheet, a script) is `*`: every
/// tab reloads.
fn page_urls(paths: &[String]) -> Vec<String> {
    let mut urls: Vec<String> = paths
        .iter()
        .map(|p| match p.strip_suffix("index.html") {
            Some(folder) => format!("/{folder}"),
            None if p.ends_with(".html") => format!("/{p}"),
            None => "*".to_string(),
        })
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// The preview folder: the one asked for, or a temporary one removed when
/// the preview stops.
struct PreviewDir {
    path: PathBuf,
    temporary: bool,
}

impl PreviewDir {
    fn new(asked: Option<PathBuf>) -> Result<PreviewDir, Error> {
        Ok(match asked {
            Some(path) => PreviewDir {
                path,
                temporary: false,
            },
            None => {
                let path =
                    std::env::temp_dir().join(format!("briefing-serve-{}", std::process::id()));
                crate::fs::remove_dir_all(&path)?;
                PreviewDir {
                    path,
                    temporary: true,
                }
            }
        })
    }
}

impl Drop for PreviewDir {
    fn drop(&mut self) {
        if self.temporary {
            let _ = crate::fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_become_the_urls_tabs_show() {
        let paths = [
            "articles/x/index.html".to_string(),
            "index.html".to_string(),
            "404.html".to_string(),
            "style.css".to_string(),
            "digest.json".to_string(),
        ];
        assert_eq!(
            page_urls(&paths),
            vec!["*", "/", "/404.html", "/articles/x/"]
        );
    }

    #[test]
    fn notices_follow_what_the_rebuild_did() {
        let mut rebuild = Rebuild {
            written: vec!["articles/x/index.html".into()],
            ..Rebuild::default()
        };
        assert_eq!(
            notice_for(&rebuild, false),
            Some(Notice::Reload(vec!["/articles/x/".into()]))
        );
        rebuild.css_only = true;
        assert_eq!(notice_for(&rebuild, false), Some(Notice::Css));
        let quiet = Rebuild::default();
        assert_eq!(notice_for(&quiet, false), None);
        assert_eq!(notice_for(&quiet, true), Some(Notice::Ok));
        let broken = Rebuild {
            diagnostics: vec![crate::error::Diagnostic::error(
                crate::error::Location::at("seeds/a.md", 2, 1),
                "bad",
            )],
            ..Rebuild::default()
        };
        assert_eq!(
            notice_for(&broken, false),
            Some(Notice::BuildError("seeds/a.md:2:1: error: bad".into()))
        );
    }
}
