//! A timeline: one bar per edition, as tall as the count it stands for
//! (on entity pages, how many stories named the entity that day). The
//! page gives the same facts as a table, so the drawing is hidden from
//! screen readers.

use super::num;
use crate::html::escape;

/// A bar's width and the gap after it, in view-box units.
const BAR: f64 = 14.0;
const GAP: f64 = 4.0;
/// The tallest bar's height, and the baseline's.
const TALLEST: f64 = 40.0;
const AXIS: f64 = 1.0;

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bar {
    /// What the bar stands for, e.g. "30 November 2026".
    pub label: String,
    /// Its count.
    pub count: usize,
}

/// The bars, oldest first, as an inline `<svg>` element titled `title`:
/// a baseline across the whole width, then a bar for each non-zero count
/// (a zero is the baseline showing through), with a tooltip giving its
/// label and count. Its size grows with the bars drawn, not the editions.
pub(crate) fn timeline(title: &str, bars: &[Bar]) -> String {
    let most = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let width = (bars.len().max(1) as f64) * (BAR + GAP) - GAP;
    let mut svg = format!(
        "<svg class=\"picture timeline\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\"><title>{}</title>\
         <rect class=\"axis\" y=\"{}\" width=\"{w}\" height=\"{}\"/>",
        escape(title),
        num(TALLEST - AXIS),
        num(AXIS),
        w = num(width),
        h = num(TALLEST),
    );
    for (n, bar) in bars.iter().enumerate().filter(|(_, b)| b.count > 0) {
        let height = (bar.count as f64 / most * TALLEST).max(2.0);
        let stories = if bar.count == 1 { "story" } else { "stories" };
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} {stories}</title></rect>",
            num(n as f64 * (BAR + GAP)),
            num(TALLEST - height),
            num(BAR),
            num(height),
            escape(&bar.label),
            bar.count
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, count: usize) -> Bar {
        Bar {
            label: label.to_string(),
            count,
        }
    }

    #[test]
    fn bars_are_as_tall_as_their_counts_and_zero_is_the_baseline() {
        let svg = timeline(
            "Stories by edition",
            &[bar("1 May", 2), bar("2 May", 0), bar("3 May", 4)],
        );
        assert!(
            svg.starts_with(
                "<svg class=\"picture timeline\" width=\"50\" height=\"40\" viewBox=\"0 0 50 40\""
            ),
            "{svg}"
        );
        assert!(svg.contains("aria-hidden=\"true\""));
        assert!(
            svg.contains("<rect class=\"axis\" y=\"39\" width=\"50\" height=\"1\"/>"),
            "{svg}"
        );
        assert!(
            svg.contains("<rect class=\"bar\" x=\"0\" y=\"20\" width=\"14\" height=\"20\"><title>1 May: 2 stories</title></rect>"),
            "{svg}"
        );
        assert!(!svg.contains("2 May"), "{svg}");
        assert!(
            svg.contains("<rect class=\"bar\" x=\"36\" y=\"0\" width=\"14\" height=\"40\"><title>3 May: 4 stories</title></rect>"),
            "{svg}"
        );
    }

    #[test]
    fn one_story_reads_as_one_story_and_no_bars_still_draw() {
        assert!(timeline("t", &[bar("1 May", 1)]).contains("1 May: 1 story<"));
        let empty = timeline("t", &[]);
        assert!(empty.contains("viewBox=\"0 0 14 40\"") && empty.ends_with("</svg>"));
    }
}
