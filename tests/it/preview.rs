//! Running `briefing serve` and `briefing watch` as a user would: a child
//! process on a temp site, talked to over HTTP on a free port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::{EPOCH, Site};

/// How long any one expected change may take before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A running `briefing` child process whose stdout lines are collected.
pub struct Running {
    child: Child,
    pub lines: Receiver<String>,
}

impl Running {
    /// Starts `briefing ARGS` in `site`'s root.
    pub fn start(site: &Site, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Running { child, lines }
    }

    /// Waits for an output line containing `needle` and returns it.
    pub fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line containing {needle:?}; saw:\n{}", seen.join("\n"));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `briefing serve --port 0` on a site, with its address. The process is
/// stopped when this is dropped.
pub struct Preview {
    _process: Running,
    pub addr: String,
}

impl Preview {
    pub fn start(site: &Site, extra: &[&str]) -> Preview {
        let mut args = vec!["serve", "--port", "0", "--output", "preview"];
        args.extend_from_slice(extra);
        let process = Running::start(site, &args);
        let line = process.wait_for_line("serving");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Preview {
            _process: process,
            addr,
        }
    }

    /// GETs `target` (sent as written, unnormalised) and returns the status
    /// and body.
    pub fn get(&self, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status in {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Polls `target` until `check` accepts its body; fails the test after
    /// [`PATIENCE`].
    pub fn wait_until(&self, target: &str, what: &str, check: impl Fn(u16, &str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (status, body) = self.get(target);
            if check(status, &body) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{target} never showed {what}; last: {status}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__briefing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        EventStream {
            reader: BufReader::new(stream),
        }
    }
}

/// Server-sent events as lines.
pub struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    /// Reads until an `event: NAME` and returns its data line(s).
    pub fn wait_for(&mut self, name: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut line = String::new();
        let mut current = String::new();
        let mut data = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let text = line.trim_end();
            if let Some(event) = text.strip_prefix("event: ") {
                current = event.to_string();
                data.clear();
            } else if let Some(d) = text.strip_prefix("data: ") {
                data.push_str(d);
                data.push('\n');
            } else if text.is_empty() && current == name {
                return data;
            }
        }
        panic!("no {name:?} event arrived");
    }
}

/// Two stories, and a secret file outside the output folder.
pub fn sample_site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10_000_harbour.txt",
        "The harbour reopened on Monday after repairs.\nShips queued overnight.",
    );
    site.write(
        "seeds/2025-07-10_001_rail.md",
        "+++\ntitle = \"Rail strike ends\"\n+++\nTrains run again.\n",
    );
    site.write("secret.txt", "TOP-SECRET-MARKER");
    site
}

#[test]
fn serves_the_site_and_its_404_page() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let (status, body) = preview.get("/");
    assert_eq!(status, 200);
    assert!(body.contains("Test Briefing"), "{body}");
    assert!(
        body.contains("/__briefing/live.js"),
        "live reload script missing: {body}"
    );
    let (status, body) = preview.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    let (status, body) = preview.get("/style.css");
    assert_eq!(status, 200);
    assert!(body.contains("--text"), "{body}");
}

#[test]
fn an_edit_shows_up_in_the_served_page() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let page = "/articles/2025-07-10-harbour/";
    assert!(preview.get(page).1.contains("Ships queued overnight."));
    site.write(
        "seeds/2025-07-10_000_harbour.txt",
        "The harbour reopened on Monday after repairs.\nShips sailed at dawn.",
    );
    preview.wait_until(page, "the edited text", |status, body| {
        status == 200 && body.contains("Ships sailed at dawn.")
    });
}

#[test]
fn a_broken_edit_shows_the_error_and_keeps_the_old_page_until_fixed() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let page = "/articles/2025-07-10-rail/";
    let mut events = preview.events();
    assert_eq!(events.wait_for("ok"), "ok\n");

    site.write(
        "seeds/2025-07-10_001_rail.md",
        "+++\ntitle = \"Rail strike ends\"\nbogus = true\n+++\nTrains run again, mostly.\n",
    );
    let error = events.wait_for("build-error");
    assert!(
        error.contains("seeds/2025-07-10_001_rail.md:3:1"),
        "{error}"
    );
    assert!(error.contains("bogus"), "{error}");
    let (status, body) = preview.get(page);
    assert_eq!(status, 200);
    assert!(
        body.contains("Trains run again.") && !body.contains("mostly"),
        "{body}"
    );
    // A tab opened now hears about the error too.
    assert!(preview.events().wait_for("build-error").contains("bogus"));

    site.write(
        "seeds/2025-07-10_001_rail.md",
        "+++\ntitle = \"Rail strike ends\"\n+++\nTrains run again, mostly.\n",
    );
    events.wait_for("reload");
    preview.wait_until(page, "the fixed text", |_, body| {
        body.contains("Trains run again, mostly.")
    });
    assert_eq!(preview.events().wait_for("ok"), "ok\n");
}

#[test]
fn a_broken_template_shows_the_error_and_recovers() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    let error = events.wait_for("build-error");
    assert!(error.contains("templates/404.html:1:"), "{error}");
    assert_eq!(preview.get("/").0, 200);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Gone fishing</p>{% endblock main %}",
    );
    preview.wait_until("/missing/", "the new 404 page", |status, body| {
        status == 404 && body.contains("Gone fishing")
    });
}

#[test]
fn deleting_an_article_removes_its_page_and_links() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let page = "/articles/2025-07-10-rail/";
    assert_eq!(preview.get(page).0, 200);
    assert!(preview.get("/").1.contains(page));
    std::fs::remove_file(site.root().join("seeds/2025-07-10_001_rail.md")).unwrap();
    preview.wait_until(page, "a 404", |status, _| status == 404);
    preview.wait_until("/", "no link to the deleted page", |_, body| {
        !body.contains(page)
    });
}

#[test]
fn nothing_outside_the_output_folder_is_ever_served() {
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    std::os::unix::fs::symlink(site.root(), site.root().join("preview/escape")).unwrap();
    let absolute_form = format!("http://{}/../secret.txt", preview.addr);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "//secret.txt",
        "/escape/secret.txt",
        "/escape/site.toml",
        &absolute_form,
    ] {
        let (status, body) = preview.get(target);
        assert!(status == 400 || status == 404, "{target}: status {status}");
        assert!(
            !body.contains("TOP-SECRET-MARKER"),
            "{target} leaked the file"
        );
        assert!(!body.contains("base_url"), "{target} leaked site.toml");
    }
}

#[test]
fn binding_beyond_loopback_warns() {
    let site = sample_site();
    let serve = Running::start(
        &site,
        &[
            "serve", "--port", "0", "--output", "preview", "--bind", "0.0.0.0",
        ],
    );
    serve.wait_for_line("warning: listening on 0.0.0.0");
    serve.wait_for_line("serving");
}

#[test]
fn watch_rebuilds_the_output_folder_like_a_clean_build() {
    let site = sample_site();
    let watch = Running::start(&site, &["watch", "--output", "watched"]);
    watch.wait_for_line("watching for changes");
    site.write(
        "seeds/2025-07-11_000_new.md",
        "+++\ntitle = \"Fresh story\"\ntags = [\"News\"]\n+++\nFresh text.\n",
    );
    watch.wait_for_line("rebuilt:");
    std::fs::remove_file(site.root().join("seeds/2025-07-10_000_harbour.txt")).unwrap();
    watch.wait_for_line("rebuilt:");
    let clean = site.build(&["--output", "clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    let watched = crate::support::tree(&site.root().join("watched"));
    assert!(watched.contains_key("articles/2025-07-11-new/index.html"));
    assert_eq!(watched, crate::support::tree(&site.root().join("clean")));
}
