//! Live reload in a real browser: a headless Chromium keeps a page of
//! `briefing serve` open while the test edits files on disk; the tab shows
//! each change without the test navigating it.

use crate::browser::Browser;
use crate::preview::{PATIENCE, Preview, sample_site};
use crate::support::require_tool;

const PAGE: &str = "/articles/2025-07-10-harbour/";

/// True once the live-reload script's event stream is open.
const LISTENING: &str = "document.documentElement.getAttribute('data-briefing-live') === 'on'";

fn shows(text: &str) -> String {
    format!("document.body && document.body.innerText.includes({text:?})")
}

#[test]
fn an_open_tab_shows_an_edit_without_being_navigated() {
    let Some(mut browser) = Browser::launch() else {
        return require_tool("chromium");
    };
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    browser.open(&format!("http://{}{PAGE}", preview.addr));
    assert!(browser.wait_until(&shows("Ships queued overnight."), PATIENCE));
    // The page is listening for rebuilds.
    assert!(
        browser.wait_until(LISTENING, PATIENCE),
        "the live-reload script never connected"
    );

    site.write(
        "seeds/2025-07-10_000_harbour.txt",
        "The harbour reopened on Monday after repairs.\nShips sailed at dawn.",
    );
    assert!(
        browser.wait_until(&shows("Ships sailed at dawn."), PATIENCE),
        "the open tab never showed the edit"
    );
    assert_eq!(
        browser.eval("location.pathname"),
        serde_json::Value::String(PAGE.to_string()),
        "the tab must still be on the same page"
    );
}

#[test]
fn a_broken_edit_shows_an_overlay_over_the_last_good_page_until_fixed() {
    let Some(mut browser) = Browser::launch() else {
        return require_tool("chromium");
    };
    let site = sample_site();
    let preview = Preview::start(&site, &[]);
    let page = "/articles/2025-07-10-rail/";
    browser.open(&format!("http://{}{page}", preview.addr));
    assert!(browser.wait_until(&shows("Trains run again."), PATIENCE));
    assert!(
        browser.wait_until(LISTENING, PATIENCE),
        "the live-reload script never connected"
    );

    site.write(
        "seeds/2025-07-10_001_rail.md",
        "+++\ntitle = \"Rail strike ends\"\nbogus = 1\n+++\nTrains run again, mostly.\n",
    );
    let overlay = "document.getElementById('briefing-error-overlay')";
    assert!(
        browser.wait_until(
            &format!(
                "{overlay} && {overlay}.innerText.includes('seeds/2025-07-10_001_rail.md:3:1')"
            ),
            PATIENCE
        ),
        "no error overlay naming the file and line"
    );
    assert!(
        browser.wait_until(&shows("Trains run again."), PATIENCE),
        "the last good page is gone"
    );

    site.write(
        "seeds/2025-07-10_001_rail.md",
        "+++\ntitle = \"Rail strike ends\"\n+++\nTrains run again, mostly.\n",
    );
    assert!(
        browser.wait_until(&shows("Trains run again, mostly."), PATIENCE),
        "the fix never showed"
    );
    assert!(
        browser.wait_until(&format!("!{overlay}"), PATIENCE),
        "the overlay stayed after the fix"
    );
}
