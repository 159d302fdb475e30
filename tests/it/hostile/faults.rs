//! Nothing lost: a build that fails (a broken template, a full disk, a
//! read-only output folder) or is killed part-way leaves the previous
//! output complete and byte-identical.

use std::collections::BTreeMap;

use super::*;

/// A site of `n` short stories; `version` changes every story's text, so
/// two versions give two different outputs.
fn stories(site: &Site, n: usize, version: u32) {
    for i in 0..n {
        site.write(
            &format!("seeds/{i:03}_story{i}.txt"),
            &format!(
                "Harbour workers in Valdera met on Monday for talks number {i}, version {version}.\n\
                 The port authority said berth {i} would reopen after repairs, revision {version}.\n"
            ),
        );
    }
}

/// The hidden leftovers of a build beside the output (`.public.staging`,
/// `.public.old`).
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

fn assert_unchanged(site: &Site, before: &BTreeMap<String, Vec<u8>>, run: &Run) {
    assert!(
        *before == tree(&site.public()),
        "the previous output changed; stderr:\n{}",
        run.stderr
    );
}

#[test]
fn a_broken_template_leaves_the_previous_output_as_it_was() {
    let site = hostile(&[]);
    stories(&site, 5, 1);
    site.build_ok();
    let before = tree(&site.public());
    stories(&site, 5, 2);
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/article.html"),
        "{}",
        run.stderr
    );
    assert_unchanged(&site, &before, &run);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A build killed (SIGKILL) at any moment leaves either the previous output
/// or the new one, each complete, never a mix or nothing; the next build
/// finishes normally and cleans up.
#[cfg(unix)]
#[test]
fn a_build_killed_part_way_leaves_a_complete_output() {
    let site = hostile(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    stories(&site, 150, 2);
    let new_out = elsewhere.path().join("new");
    let run = site.build(&["--output", new_out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = tree(&new_out);
    stories(&site, 150, 1);
    let started = Instant::now();
    site.build_ok();
    let full = started.elapsed();
    let old = tree(&site.public());
    assert!(old != new);
    let mut seen = [0, 0];
    for step in 1..=12u32 {
        if tree(&site.public()) != old {
            stories(&site, 150, 1);
            site.build_ok();
        }
        stories(&site, 150, 2);
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["build", "--quiet"])
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole build, and a little past it.
        std::thread::sleep(full * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&site.public());
        assert!(
            now == old || now == new,
            "kill {step}: the output is neither the previous build nor the new one \
             ({} files; previous {}, new {})",
            now.len(),
            old.len(),
            new.len()
        );
        seen[usize::from(now == new)] += 1;
    }
    eprintln!(
        "kills leaving the previous output: {}, the new: {}",
        seen[0], seen[1]
    );
    site.build_ok();
    assert!(tree(&site.public()) == new);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A file-size limit (`ulimit -f`, the portable stand-in for a full disk)
/// fails the build with a message; the previous output stays. With the
/// limit's signal left at its default the build is killed instead, and the
/// output stays all the same.
#[cfg(unix)]
#[test]
fn a_file_size_limit_fails_the_build_and_keeps_the_previous_output() {
    let site = hostile(&[]);
    stories(&site, 40, 1);
    site.build_ok();
    let before = tree(&site.public());
    stories(&site, 40, 2);
    for (trap, expect_message) in [("trap '' XFSZ; ", true), ("", false)] {
        let script = format!("{trap}ulimit -f 16 && exec \"$0\" build", trap = trap);
        let output = Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_briefing")])
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap();
        let run = Run::from(output);
        assert_ne!(run.code, 0, "{}", run.stderr);
        if expect_message {
            assert_eq!(run.code, 1, "{}", run.stderr);
            assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
            assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
        }
        assert_unchanged(&site, &before, &run);
    }
    site.build_ok();
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A tmpfs mounted over a folder, unmounted when dropped.
#[cfg(target_os = "linux")]
struct Mount(PathBuf);

#[cfg(target_os = "linux")]
impl Mount {
    /// Mounts a `size` tmpfs at `at`, or `None` where that is not allowed
    /// (not root).
    fn tmpfs(at: &Path, size: u64) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }
}

#[cfg(target_os = "linux")]
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A real full disk: the output on a small tmpfs with room for one build
/// but not two. The build fails naming the file it could not write, and
/// the previous output on that disk stays complete.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_output() {
    let site = hostile(&[]);
    stories(&site, 40, 1);
    let probe = tempfile::tempdir().unwrap();
    let probe_out = probe.path().join("out");
    let run = site.build(&["--output", probe_out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let size: u64 = tree(&probe_out).values().map(|b| b.len() as u64).sum();
    let disk = tempfile::tempdir().unwrap();
    // tmpfs counts whole pages per file: allow for that, then about 1.5
    // builds' worth of bytes.
    let files = tree(&probe_out).len() as u64;
    let Some(_mount) = Mount::tmpfs(disk.path(), size * 3 / 2 + files * 4096) else {
        return crate::support::require_tool("permission to mount a tmpfs (root)");
    };
    let out = disk.path().join("public");
    let out_arg = out.to_str().unwrap();
    let run = site.build(&["--output", out_arg]);
    assert_eq!(run.code, 0, "the first build must fit: {}", run.stderr);
    let before = tree(&out);
    stories(&site, 40, 2);
    let run = site.build(&["--output", out_arg]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert!(before == tree(&out), "the previous output changed");
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("public")]);
}

/// A read-only output folder is refused before anything is written.
#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_refused_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let site = hostile(&[]);
    stories(&site, 5, 1);
    site.build_ok();
    let before = tree(&site.public());
    stories(&site, 5, 2);
    let mode = |m| std::fs::set_permissions(site.public(), std::fs::Permissions::from_mode(m));
    mode(0o555).unwrap();
    let run = site.build(&[]);
    mode(0o755).unwrap();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_unchanged(&site, &before, &run);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}
