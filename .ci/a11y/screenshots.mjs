// Takes the README's screenshots of a served briefing site: each page at
// 1280 and 390 px wide, in the light and the dark colour scheme, in
// Debian's Chromium through playwright-core. Run by
// docs/screenshots/regenerate.sh, which builds and serves the site.
//
//   node .ci/a11y/screenshots.mjs BASE_URL OUT_DIR NAME=ROUTE...
//
// Writes OUT_DIR/NAME-WIDTH-SCHEME.png for every page.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tools/a11y/node_modules/"));
const { chromium } = require("playwright-core");

const [base, out, ...pages] = process.argv.slice(2);
if (!base || !out || pages.length === 0) {
  console.error("usage: node .ci/a11y/screenshots.mjs BASE_URL OUT_DIR NAME=ROUTE...");
  process.exit(2);
}
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
});
try {
  for (const scheme of ["light", "dark"]) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ colorScheme: scheme, viewport });
      const page = await context.newPage();
      for (const spec of pages) {
        const [name, route] = spec.split("=");
        await page.goto(new URL(route || "", base).href, { waitUntil: "networkidle" });
        const file = path.join(out, `${name}-${viewport.width}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
