//! Empty files, encodings (invalid UTF-8, byte order marks, UTF-16), line
//! endings, NUL and control characters, a binary file named `.txt`.

use super::*;

#[test]
fn empty_and_whitespace_only_files_are_errors_naming_the_file() {
    let files = ["empty.txt", "whitespace-only.txt", "whitespace-only.md"];
    let site = hostile(&files);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for file in files {
        let line = format!("seeds/{file}: error: article has no text");
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file_and_line() {
    let site = hostile(&["invalid-utf8.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr
            .contains("seeds/invalid-utf8.txt:2:1: error: not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_binary_file_named_txt_is_an_error_and_publishes_nothing() {
    let site = hostile(&["binary.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr.contains("seeds/binary.txt:1:1: error:"),
        "{}",
        run.stderr
    );
    let articles: Vec<String> = tree(&site.public())
        .into_keys()
        .filter(|rel| rel.starts_with("articles/"))
        .collect();
    assert_eq!(articles, vec![CONTROL_PAGE.to_string()]);
}

#[test]
fn a_utf8_byte_order_mark_is_dropped() {
    let site = hostile(&["utf8-bom.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "bom-marker-ok");
    assert_eq!(headline(&html), "BOM headline for the harbour");
    for (rel, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains('\u{feff}'),
            "{rel} holds a byte order mark"
        );
    }
}

/// UTF-16 with a byte order mark is either decoded (and rendered like the
/// same text in UTF-8) or reported as UTF-16, naming the file: never
/// "not valid UTF-8 (byte 0)", which leaves the writer guessing.
#[test]
fn utf16_with_a_byte_order_mark_is_decoded_or_named_as_utf16() {
    let files = [
        ("utf16le-bom.txt", "utf16-marker-ok"),
        ("utf16be-bom.txt", "utf16be-marker-ok"),
    ];
    let site = hostile(&files.map(|(file, _)| file));
    let run = site.build(&[]);
    for (file, marker) in files {
        let said = said_about(&run, &format!("seeds/{file}"));
        if said.is_empty() {
            let (_, html) = page_with(&site, marker);
            assert_eq!(headline(&html), "UTF-16 headline from Ørsted");
            assert!(
                body_paragraphs(&html)[0].contains("with “curly quotes”"),
                "{html}"
            );
        } else {
            assert!(
                said.iter()
                    .any(|l| l.contains("error") && l.contains("UTF-16")),
                "{file} must be decoded or named as UTF-16:\n{}",
                run.stderr
            );
        }
    }
    assert!(site.has(CONTROL_PAGE), "{}", run.stderr);
}

#[test]
fn crlf_and_cr_only_line_endings_read_like_line_feeds() {
    let site = hostile(&["crlf.txt", "cr-only.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    for (marker, title, first, second) in [
        (
            "crlf-first",
            "CRLF headline about the grid",
            "The first paragraph ends with a carriage return crlf-first.",
            "The second paragraph follows on its own line crlf-second.",
        ),
        (
            "cr-first",
            "CR-only headline about the grid",
            "The first paragraph ends with a lone carriage return cr-first.",
            "The second paragraph follows on its own line cr-second.",
        ),
    ] {
        let (_, html) = page_with(&site, marker);
        assert_eq!(headline(&html), title);
        assert_eq!(body_paragraphs(&html), vec![first, second]);
    }
    for (rel, bytes) in tree(&site.public()) {
        assert!(!bytes.contains(&b'\r'), "{rel} holds a carriage return");
    }
}

/// Stray control characters (a teleprinter's BEL, an ANSI colour code, a
/// form feed, DEL, C1 controls) are dropped: the text around them renders
/// and no page, feed or JSON file holds one.
#[test]
fn control_characters_are_dropped_from_every_output_file() {
    let site = hostile(&["control-chars.txt", "control-escapes.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "ctl-marker-ok");
    let body = body_paragraphs(&html).join(" ");
    assert!(body.contains("bell"), "{body}");
    assert!(body.contains("c1-marker-ok"), "{body}");
    // Made by escapes after the cleaner ran: TOML "\u0001" in front
    // matter, Markdown "&#131;".
    let (_, html) = page_with(&site, "esc-marker-ok");
    assert_eq!(headline(&html), "Escaped control title");
    assert!(
        text_of(element(&html, "article")).contains("Escapes esc-marker-ok: a b c d"),
        "{html}"
    );
    let found = control_characters_in_output(&site);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A NUL byte means the file is not text (binary, or UTF-16 without a
/// byte order mark): an error naming the file and the line, nothing
/// published.
#[test]
fn nul_bytes_are_an_error_naming_the_file_and_line() {
    let site = hostile(&["nul-bytes.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr.contains("seeds/nul-bytes.txt:1:"),
        "{}",
        run.stderr
    );
    let found = control_characters_in_output(&site);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
