//! `Site`: a temporary site folder, the real binary run on it, and helpers
//! to read what it wrote.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The fixed build instant used by tests (2025-07-12T06:00:00Z).
pub const EPOCH: &str = "1752300000";

/// The repository root (the bundled site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder.
pub struct Site {
    dir: TempDir,
}

/// What a run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// An empty site with a minimal `site.toml` and an empty `seeds/`.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.toml",
            "title = \"Test Briefing\"\nbase_url = \"https://example.org/\"\n",
        );
        std::fs::create_dir_all(site.root().join("seeds")).unwrap();
        site
    }

    /// A copy of the bundled site (site.toml, seeds/, templates/, static/).
    pub fn bundled() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        let repo = repo_root();
        std::fs::copy(repo.join("site.toml"), site.root().join("site.toml")).unwrap();
        for dir in ["seeds", "templates", "static"] {
            copy_dir(&repo.join(dir), &site.root().join(dir));
        }
        site
    }

    /// A copy of the fixture site `tests/fixtures/NAME/`.
    pub fn fixture(name: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo_root().join("tests/fixtures").join(name), site.root());
        site
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file under the site root, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs `briefing ARGS` in the site root with a fixed SOURCE_DATE_EPOCH.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .current_dir(self.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap();
        Run::from(output)
    }

    /// Runs `briefing ARGS` in the site root with extra environment
    /// variables (which may replace SOURCE_DATE_EPOCH).
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
        command
            .args(args)
            .current_dir(self.root())
            .env("SOURCE_DATE_EPOCH", EPOCH);
        for (key, value) in env {
            command.env(key, value);
        }
        Run::from(command.output().unwrap())
    }

    /// Runs `briefing build ARGS`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Builds and fails the test unless the build exits 0.
    pub fn build_ok(&self) -> Run {
        let run = self.build(&[]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Reads a file of the output.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Whether the output has `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// The text content of an HTML fragment: tags dropped, the common entities
/// decoded, whitespace collapsed. Written independently of the renderer.
pub fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The inner HTML of the first `<tag ...>` … `</tag>` in `html`.
pub fn element<'a>(html: &'a str, tag: &str) -> &'a str {
    let open = html
        .find(&format!("<{tag}"))
        .unwrap_or_else(|| panic!("no <{tag}>"));
    let start = open + html[open..].find('>').unwrap() + 1;
    let end = start + html[start..].find(&format!("</{tag}>")).unwrap();
    &html[start..end]
}

/// Reports that a test's external tool is missing: the part of the test
/// that needs it is skipped with a message on the real stderr (the test
/// harness does not capture it, so `cargo test` shows it even though the
/// test passes), or the test fails when `BRIEFING_REQUIRE_TOOLS=1` (as
/// `.ci/run` sets, after installing every such tool).
pub fn require_tool(what: &str) {
    let required = std::env::var("BRIEFING_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{what} is required (BRIEFING_REQUIRE_TOOLS=1); run .ci/run to install it"
    );
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED part of {test}: {what} not installed; run .ci/run to install it"
    );
}
