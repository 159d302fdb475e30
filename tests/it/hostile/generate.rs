//! The hostile inputs that are not committed: too big (a 5 MB line,
//! 100,000 paragraphs), too deep (100 nested folders, Markdown nested 100
//! and 10,000 levels) or machine-dependent (symlinks, absolute paths).
//! Each writes into a temporary site at test time; the same inputs are
//! made by `tests/fixtures/hostile/sweep.py` for looking around by hand.

use std::path::{Path, PathBuf};

/// Text planted in files outside the site: it must never reach the output.
pub const CANARY: &str = "CANARY-outside-the-site-7f3a";

/// Bytes of the single-line article.
pub const BIG_LINE_BYTES: usize = 5 * 1024 * 1024;

/// Paragraphs of the many-paragraph article.
pub const MANY_PARAGRAPHS: usize = 100_000;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `seeds/big-line.txt`: one 5 MB line of words, no sentence end.
pub fn big_line(root: &Path) -> PathBuf {
    let words =
        "the port authority said on monday that repairs to the northern berths were finished";
    let mut line = String::with_capacity(BIG_LINE_BYTES + 100);
    while line.len() < BIG_LINE_BYTES {
        for word in words.split(' ') {
            line.push_str(word);
            line.push(' ');
        }
    }
    let path = root.join("seeds/big-line.txt");
    write(&path, line.trim_end());
    path
}

/// `seeds/many-paragraphs.txt`: 100,000 one-line paragraphs.
pub fn many_paragraphs(root: &Path) -> PathBuf {
    let mut text = String::new();
    for n in 0..MANY_PARAGRAPHS {
        text.push_str(&format!(
            "Paragraph {n} says the harbour reopened on Monday.\n"
        ));
    }
    let path = root.join("seeds/many-paragraphs.txt");
    write(&path, &text);
    path
}

/// `seeds/d0/d1/…/d99/deep.txt`: an article 100 folders down.
pub fn deep_folders(root: &Path) -> PathBuf {
    let mut path = root.join("seeds");
    for n in 0..100 {
        path.push(format!("d{n}"));
    }
    path.push("deep.txt");
    write(&path, "A story a hundred folders down deep-marker-ok.\n");
    path
}

/// Markdown nested 100 levels (block quotes, lists) and 10,000 levels
/// (block quotes, brackets, emphasis).
pub fn deep_markdown(root: &Path) {
    write(
        &root.join("seeds/nested-quotes.md"),
        &format!(
            "+++\ntitle = \"Nested quotes\"\n+++\n{}quoted a hundred deep nested-quote-marker-ok\n",
            "> ".repeat(100)
        ),
    );
    let mut lists = String::from(
        "+++\ntitle = \"Nested lists\"\n+++\nLists nested deep nested-list-marker-ok.\n\n",
    );
    for n in 0..100 {
        lists.push_str(&"  ".repeat(n));
        lists.push_str("- item\n");
    }
    write(&root.join("seeds/nested-lists.md"), &lists);
    write(
        &root.join("seeds/nested-deep-10k.md"),
        &format!(
            "+++\ntitle = \"Ten thousand levels\"\n+++\nDeep nesting nested-10k-marker-ok.\n\n{}x\n\n{}x{}\n\n{}x{}\n",
            "> ".repeat(10_000),
            "[".repeat(10_000),
            "]".repeat(10_000),
            "*".repeat(10_000),
            "*".repeat(10_000),
        ),
    );
}

/// Where each kind of symlink was put, relative to the site root.
pub struct Links {
    /// Links that leave the site: (link, the name of the file or folder it
    /// points at, which a diagnostic should show).
    pub outward: Vec<(String, String)>,
    /// `seeds/inside-link.txt` → `../notes/inside.txt`, inside the site.
    pub inside: String,
}

/// Symlinks in `root` (a site) and the files they lead to in `outside`
/// (a folder beside it): a loop to an ancestor, a two-link loop, dangling
/// links to a file and a folder, links out of the site to a file and a
/// folder, absolute and relative, in `seeds/`, `static/` and `templates/`,
/// and one link that stays inside the site.
#[cfg(unix)]
pub fn symlinks(root: &Path, outside: &Path) -> Links {
    use std::os::unix::fs::symlink;
    let secret = outside.join("outside-secret.txt");
    let secret_dir = outside.join("outside-folder");
    write(
        &secret,
        &format!("This file is outside the site {CANARY}.\n"),
    );
    write(
        &secret_dir.join("secret.txt"),
        &format!("This folder is outside the site {CANARY}.\n"),
    );
    write(
        &outside.join("outside-404.html"),
        &format!("{{% extends \"base.html\" %}}{{% block main %}}{CANARY}{{% endblock main %}}\n"),
    );
    write(
        &root.join("notes/inside.txt"),
        "A story linked from inside the site inside-link-marker-ok.\n",
    );
    let seeds = root.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    symlink(&seeds, seeds.join("loop-to-seeds")).unwrap();
    symlink("loop-b.txt", seeds.join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", seeds.join("loop-b.txt")).unwrap();
    symlink("missing.txt", seeds.join("dangling.txt")).unwrap();
    symlink("missing-dir", seeds.join("dangling-dir")).unwrap();
    symlink("../notes/inside.txt", seeds.join("inside-link.txt")).unwrap();
    // A story in a folder of its own and a standalone page, each
    // referencing a file beside it that is a link out of the site.
    write(
        &seeds.join("2025-07-10-folder/index.md"),
        "+++\ntitle = \"Folder story\"\n+++\nA story in its own folder folder-marker-ok.\n\n![Chart](chart.png)\n",
    );
    write(
        &root.join("pages/about.md"),
        "+++\ntitle = \"About\"\n+++\nAbout this site page-marker-ok.\n\n![Photo](photo.jpg)\n",
    );
    let relative = |to: &Path, from_dir: &str| {
        // The site and `outside` are siblings in one temporary folder.
        let depth = from_dir.split('/').count() + 1;
        let mut up = PathBuf::new();
        for _ in 0..depth {
            up.push("..");
        }
        up.join(outside.file_name().unwrap())
            .join(to.strip_prefix(outside).unwrap())
    };
    let outward = vec![
        ("seeds/out-abs-file.txt", secret.clone()),
        ("seeds/out-rel-file.txt", relative(&secret, "seeds")),
        ("seeds/out-abs-dir", secret_dir.clone()),
        ("seeds/out-rel-dir", relative(&secret_dir, "seeds")),
        ("static/leak.txt", secret.clone()),
        ("static/leak-dir", secret_dir.clone()),
        ("templates/404.html", outside.join("outside-404.html")),
        ("seeds/2025-07-10-folder/chart.png", secret.clone()),
        (
            "seeds/2025-07-10-folder/img",
            relative(&secret_dir, "seeds/2025-07-10-folder"),
        ),
        ("pages/photo.jpg", secret.clone()),
        ("pages/leak.md", relative(&secret, "pages")),
        ("pages/leak-dir", secret_dir.clone()),
    ];
    for (link, target) in &outward {
        let at = root.join(link);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(target, &at).unwrap();
    }
    Links {
        outward: outward
            .into_iter()
            .map(|(link, target)| {
                let name = target.file_name().unwrap().to_string_lossy().into_owned();
                (link.to_string(), name)
            })
            .collect(),
        inside: "seeds/inside-link.txt".to_string(),
    }
}
