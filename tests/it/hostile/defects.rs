//! The defects issue 11 lists: `--output` over a foreign folder or a file,
//! permalinks moving on a correction, `<time datetime>` without
//! `SOURCE_DATE_EPOCH`, `serve` and its temporary folder on SIGTERM and
//! SIGHUP, and `serve` answering foreign `Host`s.

use super::*;

/// `build --output DIR` writes into DIR only when it is empty, missing or
/// a previous briefing output; a folder holding anything else is refused
/// with a message naming `--force`, and left exactly as it was.
#[test]
fn a_foreign_output_folder_is_refused_and_left_untouched() {
    let site = hostile(&[]);
    site.write("docs/NOTES.md", "my notes\n");
    site.write("docs/img/chart.svg", "<svg/>");
    let before = tree(&site.root().join("docs"));
    let run = site.build(&["--output", "docs"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("docs"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(
        before == tree(&site.root().join("docs")),
        "docs/ was changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn force_writes_into_a_foreign_output_folder() {
    let site = hostile(&[]);
    site.write("docs/NOTES.md", "my notes\n");
    let run = site.build(&["--output", "docs", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("docs/index.html").is_file());
}

/// The site root, a folder holding it and the input folders are refused
/// even with `--force`, and nothing in them changes. The site sits two
/// folders down in a scratch folder, so a wrong answer could only delete
/// the scratch folder.
#[test]
fn the_site_root_its_ancestors_and_input_folders_stay_refused_with_force() {
    let scratch = tempfile::tempdir().unwrap();
    let new = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["new", "project/site"])
        .current_dir(scratch.path())
        .output()
        .unwrap();
    assert!(new.status.success());
    std::fs::write(scratch.path().join("project/notes.txt"), "mine\n").unwrap();
    let before = tree(scratch.path());
    for output in [
        "project/site",
        "project",
        ".",
        "project/site/seeds",
        "project/site/seeds/out",
        "project/site/static",
        "project/site/templates",
    ] {
        for force in [false, true] {
            let mut args = vec!["build", "--root", "project/site", "--output", output];
            if force {
                args.push("--force");
            }
            let run = Command::new(env!("CARGO_BIN_EXE_briefing"))
                .args(&args)
                .current_dir(scratch.path())
                .env("SOURCE_DATE_EPOCH", EPOCH)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.contains("refusing"), "{args:?}: {stderr}");
            assert!(
                before == tree(scratch.path()),
                "{args:?} changed the scratch folder"
            );
        }
    }
}

/// A file is never replaced by the output folder.
#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let site = hostile(&[]);
    site.write("README.md", "readme\n");
    let run = site.build(&["--output", "README.md"]);
    assert_ne!(run.code, 0);
    assert!(
        site.root().join("README.md").is_file(),
        "README.md was replaced by the output folder"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("README.md")).unwrap(),
        "readme\n"
    );
    assert!(!site.root().join(".README.md.old").exists());
}

/// What the refusal must not break: a new folder, an empty one, and a
/// previous output (built twice) are all written.
#[test]
fn empty_missing_and_previous_output_folders_are_written() {
    let site = hostile(&[]);
    std::fs::create_dir_all(site.root().join("empty")).unwrap();
    for out in ["empty", "fresh", "fresh"] {
        let run = site.build(&["--output", out]);
        assert_eq!(run.code, 0, "{out}: {}", run.stderr);
        assert!(site.root().join(out).join("index.html").is_file());
    }
    site.build_ok();
    site.build_ok();
}

fn feed_ids(site: &Site) -> (Vec<String>, Vec<String>) {
    let atom = site.read("atom.xml");
    let atom_ids = atom
        .split("<entry>")
        .skip(1)
        .map(|e| e[e.find("<id>").unwrap() + 4..e.find("</id>").unwrap()].to_string())
        .collect();
    let feed: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let json_ids = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    (atom_ids, json_ids)
}

/// Correcting an untitled wire story (6.1 → 6.3) keeps its URL working
/// (the same page, or a redirect to the new one) and its feed ids.
#[test]
fn a_corrected_story_keeps_its_url_and_feed_id() {
    let site = hostile(&[]);
    let file = "seeds/001_9a3c5e7d2b4f6a8c.txt";
    let story = "A magnitude 6.1 earthquake struck off the coast of Valdera on Monday, officials said.\nThere were no immediate reports of damage.\n";
    site.write(file, story);
    site.build_ok();
    let (old_page, _) = page_with(&site, "magnitude 6.1");
    let old_ids = feed_ids(&site);
    site.write(file, &story.replace("6.1", "6.3"));
    site.build_ok();
    let (new_page, _) = page_with(&site, "magnitude 6.3");
    assert!(
        site.has(&old_page),
        "{old_page} is gone after the correction"
    );
    if old_page != new_page {
        let old = site.read(&old_page);
        let new_dir = new_page.trim_end_matches("index.html");
        assert!(
            old.contains("http-equiv=\"refresh\"") && old.contains(new_dir),
            "{old_page} is not a redirect to {new_dir}:\n{old}"
        );
    }
    assert_eq!(feed_ids(&site), old_ids, "feed ids changed");
}

/// Every `<time datetime>` is a valid HTML date or global date-time (at
/// most three fractional digits) when SOURCE_DATE_EPOCH is not set.
#[test]
fn time_elements_are_valid_without_source_date_epoch() {
    let site = hostile(&[]);
    site.write("seeds/undated.txt", "An undated story about the harbour.\n");
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut checked = 0;
    for (rel, bytes) in tree(&site.public()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for value in html.split("datetime=\"").skip(1) {
            let value = &value[..value.find('"').unwrap()];
            checked += 1;
            assert!(is_valid_datetime(value), "{rel}: datetime=\"{value}\"");
        }
    }
    assert!(checked > 0);
}

/// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.s{1,3}]]` with `Z` or an offset.
fn is_valid_datetime(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date_ok = |d: &str| {
        let parts: Vec<&str> = d.split('-').collect();
        parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| digits(p))
    };
    let Some((date, time)) = value.split_once('T') else {
        return date_ok(value);
    };
    let time = time.strip_suffix('Z').unwrap_or(time);
    let clock = time.split(['+', '-']).next().unwrap_or(time);
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "1"));
    date_ok(date)
        && hms.split(':').all(digits)
        && (1..=3).contains(&fraction.len())
        && digits(fraction)
}

/// Starts `briefing serve --port 0` with `TMPDIR` set to `tmp` (so its
/// temporary folder is easy to find) and returns it with its `host:port`.
fn start_serve(site: &Site, tmp: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("TMPDIR", tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let addr = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains("http://") => {
                let rest = &line[line.find("http://").unwrap() + 7..];
                break rest[..rest.find('/').unwrap()].to_string();
            }
            Ok(_) => {}
            Err(_) => {
                let _ = child.kill();
                panic!("serve did not start");
            }
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// `serve` removes its temporary folder when stopped by `signal`.
fn serve_cleans_up_on(signal: &str) {
    let site = hostile(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, _) = start_serve(&site, tmp.path());
    let entries = || std::fs::read_dir(tmp.path()).unwrap().count();
    assert!(entries() > 0, "serve made no temporary folder under TMPDIR");
    // The signal handlers are in place before the address is printed, so
    // the signal is sent at once.
    let killed = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not stop on SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "SIG{signal} left {left:?} behind");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sigint() {
    serve_cleans_up_on("INT");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sigterm() {
    serve_cleans_up_on("TERM");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sighup() {
    serve_cleans_up_on("HUP");
}

/// The status code `serve` at `addr` answers a GET of `path` with `host`
/// as the `Host` header (none when `None`).
fn status_with_host(addr: &str, path: &str, host: Option<&str>) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"))
}

/// The preview answers only requests addressed to it: a foreign `Host`
/// (DNS rebinding) or none at all is refused; the served address,
/// `localhost` and `[::1]` with the port are answered.
#[test]
fn serve_refuses_requests_for_other_hosts() {
    let site = hostile(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, addr) = start_serve(&site, tmp.path());
    let port = addr.rsplit(':').next().unwrap().to_string();
    let other_port = (port.parse::<u32>().unwrap() + 1).to_string();
    let mut wrong = Vec::new();
    for (host, answered) in [
        (Some(addr.clone()), true),
        (Some(format!("localhost:{port}")), true),
        (Some(format!("[::1]:{port}")), true),
        (Some("evil.example".to_string()), false),
        (Some(format!("evil.example:{port}")), false),
        (Some(format!("127.0.0.1:{other_port}")), false),
        (Some("localhost".to_string()), false),
        (None, false),
    ] {
        // The site is served under its base_url's path, `/hostile/`; `/`
        // redirects there, but only for a request addressed to the preview.
        let status = status_with_host(&addr, "/hostile/", host.as_deref());
        let root = status_with_host(&addr, "/", host.as_deref());
        if (status == 200) != answered || (root == 307) != answered {
            wrong.push(format!("Host {host:?}: {status}, / {root}"));
        }
    }
    stop(&mut child);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Sends `request` on a new connection to `addr` and returns the status
/// code of the answer (0 when the server closed without one).
fn raw_status(addr: &str, request: &[u8]) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// Slow clients (slowloris), oversized headers, malformed requests and
/// path traversal get their own answers while other clients are served as
/// usual; a client that never finishes its headers is dropped.
#[test]
fn misbehaving_clients_do_not_affect_others() {
    use std::io::{Read, Write};
    let site = hostile(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, addr) = start_serve(&site, tmp.path());
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: 1\r\n").unwrap();
        slow.push(stream);
    }
    let get = |target: &str| {
        raw_status(
            &addr,
            format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let odd: Vec<(Vec<u8>, Vec<u16>)> = vec![
        (huge.into_bytes(), vec![431, 0]),
        (b"\x16\x03\x01garbage\r\n\r\n".to_vec(), vec![400, 0]),
        (
            format!("GET / HTTP/9.9\r\nHost: {addr}\r\n\r\n").into_bytes(),
            vec![400, 505, 0],
        ),
        (
            format!("GET /../../etc/passwd HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes(),
            vec![400],
        ),
    ];
    for (request, expected) in &odd {
        let status = raw_status(&addr, request);
        assert!(
            expected.contains(&status),
            "{status} for {:?}",
            String::from_utf8_lossy(&request[..40])
        );
        assert_eq!(get("/hostile/"), 200, "a client after a bad request");
    }
    for _ in 0..20 {
        assert_eq!(get("/hostile/"), 200, "a client while 200 slow ones wait");
    }
    // A client that never finishes its headers is dropped (after the
    // server's header deadline; the read timeout only guards a hang).
    let mut left_open = 0;
    let deadline = Instant::now() + Duration::from_secs(40);
    for stream in &mut slow {
        let left = deadline.saturating_duration_since(Instant::now());
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let mut buf = [0; 64];
        if stream.read(&mut buf).is_err() {
            left_open += 1;
        }
    }
    stop(&mut child);
    assert_eq!(left_open, 0, "slow clients still connected");
}

/// Stops `serve` with Ctrl-C, or kills it if it has not stopped in 15 s.
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
