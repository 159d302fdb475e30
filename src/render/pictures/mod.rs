//! Pictures drawn at build time as inline SVG: no script, no request to
//! anyone. A leaf of `render`: it knows points, counts, labels and links,
//! never the digest, so the views decide what is drawn and this module
//! only how.
//!
//! [`map`] draws dots on a world outline (Natural Earth land, compiled in;
//! see `README.md` here); [`timeline`] draws a count per edition as bars.
//! Colours come from the site stylesheet's classes (`.picture`, `.land`,
//! `.dot`, `.bar`), so pictures follow dark mode and print like the text.

pub(crate) mod map;
pub(crate) mod timeline;

/// Formats a map coordinate with at most one decimal, without a trailing
/// `.0`: short, and the same bytes on every platform.
fn num(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!(
            "{}{}.{}",
            if tenths < 0 { "-" } else { "" },
            (tenths / 10).abs(),
            (tenths % 10).abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_short_and_exact_to_a_tenth() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.26), "12.3");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-3.25), "-3.3");
    }
}
