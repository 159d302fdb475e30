//! A small driver for headless Chromium over the DevTools protocol, and a
//! static file server to point it at; for tests that need a real browser
//! (the search box, live reload).
//!
//! `Browser::launch()` starts Debian's `chromium` with a fresh profile and
//! returns `None` when it is not installed (callers report that through
//! `require_tool`, which fails under `BRIEFING_REQUIRE_TOOLS=1`). Commands go
//! over one WebSocket to the browser, to a page attached with a flat
//! session: `open(url)`, `eval(js)`, `wait_until(condition, timeout)`,
//! `type_text(text)` and `press(key)`.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// Where Debian installs Chromium.
const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium with one page open.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium, or `None` when it is not installed.
    pub fn launch() -> Option<Browser> {
        let binary =
            std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from(CHROMIUM), PathBuf::from);
        if !binary.is_file() {
            return None;
        }
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(&binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (port, path) = devtools_endpoint(profile.path());
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (socket, _) = tungstenite::client(url, stream).unwrap();
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser.send("Page.enable", json!({}));
        Some(browser)
    }

    /// Sends a command to the browser itself and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.command(method, params, None)
    }

    /// Sends a command to the page and returns its result.
    pub fn send(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.command(method, params, Some(&session))
    }

    fn command(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = match self.socket.read().unwrap() {
                Message::Text(text) => serde_json::from_str::<Value>(&text).unwrap(),
                _ => continue,
            };
            if reply["id"] == id {
                assert!(reply["error"].is_null(), "{method} failed: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Loads `url` in the page and waits for it to finish loading.
    pub fn open(&mut self, url: &str) {
        self.send("Page.navigate", json!({ "url": url }));
        let loaded = self.wait_until(
            &format!(
                "location.href === {} && document.readyState === 'complete'",
                json!(url)
            ),
            Duration::from_secs(20),
        );
        assert!(loaded, "{url} did not load");
    }

    /// Evaluates `js` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, js: &str) -> Value {
        let result = self.send(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result["exceptionDetails"].is_null(),
            "{js} threw: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Polls `condition` until it is true or `timeout` passes.
    pub fn wait_until(&mut self, condition: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        loop {
            if self.eval(&format!("Boolean({condition})")) == json!(true) {
                return true;
            }
            if start.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `text` into the focused element, as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        self.send("Input.insertText", json!({ "text": text }));
    }

    /// Presses and releases a key such as "ArrowDown" or "Enter".
    pub fn press(&mut self, key: &str) {
        for kind in ["keyDown", "keyUp"] {
            self.send(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key }),
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port and browser path Chromium writes to `DevToolsActivePort`.
fn devtools_endpoint(profile: &Path) -> (u16, String) {
    let file = profile.join("DevToolsActivePort");
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                return (port.trim().parse().unwrap(), path.trim().to_string());
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "Chromium did not start (no {})",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Serves the files under `root` over HTTP on a free local port, from a
/// background thread that lives as long as the test process; returns the
/// port. `/x/` serves `x/index.html`.
pub fn serve(root: &Path) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(&root, stream));
        }
    });
    port
}

fn respond(root: &Path, mut stream: TcpStream) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let safe = !path.split('/').any(|part| part == "..");
    let (status, body) = match std::fs::File::open(&file) {
        Ok(mut f) if safe => {
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap_or_default();
            ("200 OK", body)
        }
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let sent = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
    if let Err(e) = sent {
        assert!(
            matches!(e.kind(), ErrorKind::BrokenPipe | ErrorKind::ConnectionReset),
            "{e}"
        );
    }
}
