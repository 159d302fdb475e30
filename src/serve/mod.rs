//! `briefing serve`: build, serve on a local address, rebuild on every
//! change and reload the open tabs.
//!
//! The site is built into a preview folder (a temporary one unless
//! `--output` is given) with `base_url` set to the local address (with the
//! path of the site's own `base_url`, so root-relative links work) and the
//! live-reload script enabled through the `site.live_reload` template
//! variable. A change that fails to build leaves the last good site being
//! served and shows the error over it; the next good save recovers.
//! [`Preview`] is the server side only: the command line runs the rebuild
//! loop and hands each outcome to [`Preview::show`].

pub mod guard;
pub mod http;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;

use jiff::Timestamp;

use crate::error::{Error, chain};
use crate::incremental::rebuild_loop::Outcome;
use crate::incremental::{LiveBuild, Rebuild};
use crate::pipeline::{BuildOptions, BuildReport};
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
    /// Write into an `output` that holds files briefing did not write.
    pub force: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Include stories dated after the build instant.
    pub future: bool,
    /// The build instant.
    pub now: Timestamp,
}

/// A running preview: the server showing the preview folder a live build
/// keeps up to date.
pub struct Preview {
    /// The address to open.
    pub url: String,
    /// The path the site is served under (`/REPO`), empty at `/`.
    mount: String,
    server: Server,
    /// Dropped after the server, so the folder outlives every request.
    _dir: PreviewDir,
}

impl Preview {
    /// Builds the site into the preview folder and starts serving it.
    /// A stop signal (Ctrl-C, SIGTERM, SIGHUP) calls `on_stop`, which should
    /// stop the rebuild loop.
    pub fn start(
        options: &ServeOptions,
        on_stop: impl FnOnce() + Send + 'static,
    ) -> Result<(Preview, LiveBuild, BuildReport), Error> {
        let root = crate::fs::canonicalize(&options.root)?;
        let listener =
            TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
                Error::io(
                    "listen on",
                    &PathBuf::from(format!("{}:{}", options.bind, options.port)),
                    e,
                )
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("listen on", &root, e))?;
        let config = crate::pipeline::load_config(&BuildOptions::new(root.clone(), options.now))?;
        let mount = http::mount_point(crate::urls::Urls::new(&config.site.base_url).root());
        let url = format!("http://{addr}{}/", mount.as_deref().unwrap_or_default());
        let dir = PreviewDir::new(options.output.clone())?;
        let build = BuildOptions {
            root: root.clone(),
            output: Some(dir.output()),
            base_url: Some(url.clone()),
            drafts: options.drafts,
            future: options.future,
            now: options.now,
            live_reload: Some(LIVE_RELOAD_PATH.to_string()),
            force: options.force,
            cache: None,
        };
        let (live, first) = LiveBuild::start(build)?;
        let server = Server::start(listener, live.output(), mount.as_deref(), on_stop)?;
        let preview = Preview {
            url,
            mount: mount.unwrap_or_default(),
            server,
            _dir: dir,
        };
        Ok((preview, live, first))
    }

    /// Tells the open tabs what an outcome of the rebuild loop means for
    /// them: reload, restyle, or show (or hide) a build error.
    pub fn show(&self, outcome: &Outcome<'_>) {
        let server = &self.server;
        match outcome {
            Outcome::Preview(pages) => {
                server.notify(mounted(Notice::Reload(page_urls(pages)), &self.mount));
            }
            Outcome::Rebuilt(rebuild) => {
                if let Some(notice) = notice_for(rebuild, server.has_error()) {
                    server.notify(mounted(notice, &self.mount));
                }
            }
            Outcome::Failed(e) => server.notify(Notice::BuildError(chain(e))),
        }
    }
}

/// `notice` with its page URLs under `mount` (the path the site is served
/// under), as the tabs' addresses show them.
fn mounted(notice: Notice, mount: &str) -> Notice {
    let under = |urls: Vec<String>| {
        urls.into_iter()
            .map(|u| if u == "*" { u } else { format!("{mount}{u}") })
            .collect()
    };
    match notice {
        Notice::Reload(urls) => Notice::Reload(under(urls)),
        Notice::ReloadWithError(urls, message) => Notice::ReloadWithError(under(urls), message),
        other => other,
    }
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

/// The preview folder: the one asked for, or a new temporary one (an
/// unguessable name, this user only) removed when the preview stops.
enum PreviewDir {
    Asked(PathBuf),
    Temporary(crate::fs::TempDir),
}

impl PreviewDir {
    fn new(asked: Option<PathBuf>) -> Result<PreviewDir, Error> {
        Ok(match asked {
            Some(path) => PreviewDir::Asked(path),
            None => PreviewDir::Temporary(crate::fs::TempDir::new("briefing-serve")?),
        })
    }

    /// Where the preview is written: the temporary folder's `site/`, so
    /// that a build's staging folder beside it is inside it too.
    fn output(&self) -> PathBuf {
        match self {
            PreviewDir::Asked(path) => path.clone(),
            PreviewDir::Temporary(dir) => dir.path().join("site"),
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
    fn page_urls_are_told_under_the_site_path() {
        let notice = Notice::Reload(vec!["/articles/x/".to_string(), "*".to_string()]);
        assert_eq!(
            mounted(notice, "/REPO"),
            Notice::Reload(vec!["/REPO/articles/x/".to_string(), "*".to_string()])
        );
        assert_eq!(mounted(Notice::Css, "/REPO"), Notice::Css);
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
