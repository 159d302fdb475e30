//! The preview's HTTP side: axum + tower-http's `ServeDir` on its own thread
//! with a current-thread tokio runtime (the only async code in the crate).
//! Open tabs hear about rebuilds over server-sent events: reload, restyle,
//! or a build error to show as an overlay on the last good page.
//!
//! The site is served under the same path as its `base_url` (`/REPO/`
//! for a GitHub Pages project site), so root-relative links that work when
//! published work in the preview too; `/` redirects there.
//!
//! Only files inside the preview folder are ever served: a guard in front of
//! `ServeDir` refuses `..` segments (also percent-encoded), backslashes and
//! NUL bytes, and any path whose real location (symlinks resolved) is outside
//! the folder. Only requests addressed to this machine are answered (see
//! [`super::guard`]). Each connection is served by hyper with a deadline
//! for its request headers, so slow or silent clients are dropped instead
//! of holding a connection forever.
//!
//! SIGINT, SIGTERM and SIGHUP (Ctrl-C on Windows) stop the preview the same
//! way, so its temporary folder is always removed; the handlers are in
//! place before [`Server::start`] returns.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};

use super::guard::{PathCheck, check_path, host_allowed};
use crate::error::Error;

/// How long a client may take to send a request's headers (slowloris).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the live-reload script is served.
pub const LIVE_RELOAD_PATH: &str = "/__briefing/live.js";
/// Where open tabs listen for rebuild notices.
pub const EVENTS_PATH: &str = "/__briefing/events";

const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");

/// What open tabs are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// These pages changed (URL paths; `*` for any): tabs showing one of
    /// them reload.
    Reload(Vec<String>),
    /// Only stylesheets changed: restyle in place.
    Css,
    /// The last change failed to build: show this message.
    BuildError(String),
    /// Pages changed but some input has an error: reload, then show it.
    ReloadWithError(Vec<String>, String),
    /// The site builds cleanly again: hide any error.
    Ok,
}

/// State shared by the handlers.
struct Shared {
    notices: broadcast::Sender<Notice>,
    /// The current build error, shown to tabs that connect later.
    error: Mutex<Option<String>>,
}

/// A running preview server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    /// Serves `dir` on `listener` from a new thread. A stop signal (Ctrl-C,
    /// SIGTERM, SIGHUP) calls `on_stop` (which stops whatever drives the
    /// preview).
    pub fn start(
        listener: TcpListener,
        dir: &Path,
        mount: Option<&str>,
        on_stop: impl FnOnce() + Send + 'static,
    ) -> Result<Server, Error> {
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("listen on", dir, e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io("listen on", dir, e))?;
        let dir = crate::fs::canonicalize(dir)?;
        crate::fs::raise_open_files_limit();
        let (notices, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            notices,
            error: Mutex::new(None),
        });
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = router(&dir, mount, Arc::clone(&shared), addr.port());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::io("start the server for", &dir, e))?;
        let signals = {
            let _inside = runtime.enter();
            StopSignals::listen().map_err(|e| Error::io("listen for signals in", &dir, e))?
        };
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                tokio::select! {
                    () = signals.recv() => on_stop(),
                    _ = stopped => {}
                    () = accept(listener, app) => {}
                }
            });
        });
        Ok(Server {
            addr,
            shared,
            thread: Some(thread),
            shutdown: Some(shutdown),
        })
    }

    /// Tells every open tab about a rebuild.
    pub fn notify(&self, notice: Notice) {
        if let Ok(mut error) = self.shared.error.lock() {
            match &notice {
                Notice::BuildError(message) | Notice::ReloadWithError(_, message) => {
                    *error = Some(message.clone());
                }
                Notice::Ok | Notice::Reload(_) | Notice::Css => *error = None,
            }
        }
        let _ = self.shared.notices.send(notice);
    }

    /// Whether a build error is being shown.
    pub fn has_error(&self) -> bool {
        self.shared.error.lock().is_ok_and(|e| e.is_some())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The signals that stop the preview, registered when made.
struct StopSignals {
    #[cfg(unix)]
    each: Vec<tokio::signal::unix::Signal>,
}

impl StopSignals {
    /// Starts listening (inside a tokio runtime).
    fn listen() -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                SignalKind::interrupt(),
                SignalKind::terminate(),
                SignalKind::hangup(),
            ];
            let each = kinds.into_iter().map(signal).collect::<Result<_, _>>()?;
            Ok(StopSignals { each })
        }
        #[cfg(not(unix))]
        Ok(StopSignals {})
    }

    /// Waits for any of them.
    async fn recv(mut self) {
        #[cfg(unix)]
        {
            let waits = self.each.iter_mut().map(|s| Box::pin(s.recv()));
            futures_util::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Accepts connections for ever, each served on its own task. When the
/// process runs out of file descriptors, waits a moment and goes on.
async fn accept(listener: tokio::net::TcpListener, app: Router) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, app.clone()));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// Serves one connection (HTTP/1.1, keep-alive), dropping it when a
/// request's headers take longer than [`HEADER_TIMEOUT`].
async fn connection(stream: tokio::net::TcpStream, app: Router) {
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
        .await;
}

/// The path the site is served under for a site whose links start with
/// `root` (`/REPO/` gives `/REPO`), or `None` to serve it at `/`: for a
/// root of `/`, and for a path the router could not take literally.
pub fn mount_point(root: &str) -> Option<String> {
    let mount = root.trim_end_matches('/');
    let literal = mount.split('/').skip(1).all(|segment| {
        !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
    });
    (mount.starts_with('/') && mount.len() > 1 && literal).then(|| mount.to_string())
}

/// What the guard in front of every route needs to know.
struct Served {
    /// The preview folder, canonical.
    root: PathBuf,
    /// The path the site is served under, if not `/`.
    mount: Option<String>,
    /// The port the server listens on.
    port: u16,
}

fn router(dir: &Path, mount: Option<&str>, shared: Arc<Shared>, port: u16) -> Router {
    let files = ServeDir::new(dir).not_found_service(ServeFile::new(dir.join("404.html")));
    let served = Arc::new(Served {
        root: dir.to_path_buf(),
        mount: mount.map(str::to_string),
        port,
    });
    let app = Router::new()
        .route(LIVE_RELOAD_PATH, get(live_reload_js))
        .route(EVENTS_PATH, get(events))
        .with_state(shared);
    let app = match mount {
        None => app.fallback_service(files),
        Some(mount) => {
            let home = format!("{mount}/");
            let not_found = Arc::new(dir.join("404.html"));
            app.nest_service(mount, files)
                .route("/", get(move || async move { Redirect::temporary(&home) }))
                .fallback(move || outside_site(Arc::clone(&not_found)))
        }
    };
    app.layer(middleware::from_fn_with_state(served, guard))
}

/// A request outside the site's path: the site's not-found page.
async fn outside_site(page: Arc<PathBuf>) -> Response {
    let body = crate::fs::read_optional(&page).unwrap_or_default();
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn live_reload_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        LIVE_RELOAD_JS,
    )
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let receiver = shared.notices.subscribe();
    let current = match shared.error.lock().ok().and_then(|e| e.clone()) {
        Some(message) => Notice::BuildError(message),
        None => Notice::Ok,
    };
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(notice) => return Some((notice, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let all = stream::once(async move { current })
        .chain(later)
        .map(|notice| Ok(sse_event(&notice)));
    Sse::new(all).keep_alive(KeepAlive::default())
}

fn sse_event(notice: &Notice) -> SseEvent {
    match notice {
        Notice::Reload(pages) | Notice::ReloadWithError(pages, _) => {
            SseEvent::default().event("reload").data(pages.join("\n"))
        }
        Notice::Css => SseEvent::default().event("css").data("css"),
        Notice::Ok => SseEvent::default().event("ok").data("ok"),
        Notice::BuildError(message) => SseEvent::default().event("build-error").data(message),
    }
}

/// Refuses requests for another host (DNS rebinding) and requests that
/// could reach outside the served folder.
async fn guard(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let host = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_string())
        .or_else(|| {
            request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        });
    let Some(host) = host else {
        return (StatusCode::BAD_REQUEST, "a Host header is required\n").into_response();
    };
    if !host_allowed(&host, served.port) {
        let why = format!(
            "this preview answers only requests for localhost:{port} or an IP address \
             with port {port}\n",
            port = served.port
        );
        return (StatusCode::FORBIDDEN, why).into_response();
    }
    let path = request.uri().path();
    let inside = served
        .mount
        .as_deref()
        .and_then(|mount| path.strip_prefix(mount))
        .unwrap_or(path);
    match check_path(&served.root, inside) {
        PathCheck::Fine => {
            let mut response = next.run(request).await;
            // A preview must never be answered from a stale cache.
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            response
        }
        PathCheck::Bad => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        PathCheck::Outside => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_mounted_at_its_base_path() {
        assert_eq!(mount_point("/"), None);
        assert_eq!(mount_point("/REPO/").as_deref(), Some("/REPO"));
        assert_eq!(mount_point("/a/b-c.d/").as_deref(), Some("/a/b-c.d"));
        assert_eq!(mount_point("/{x}/"), None);
        assert_eq!(mount_point("/:x/"), None);
        assert_eq!(mount_point("/a%20b/"), None);
    }
}
