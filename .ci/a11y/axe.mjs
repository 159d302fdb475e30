// Runs axe-core in Debian's Chromium (headless, through playwright-core;
// no browser is ever downloaded) over pages of a served briefing site, in
// the light and the dark colour scheme, and reports every violation.
//
//   node .ci/a11y/axe.mjs BASE_URL ROUTE...
//
// Exits 1 when any page has a violation, 2 when it cannot run. The npm
// packages come from .ci/tools/a11y (installed by .ci/run); CHROMIUM
// overrides /usr/bin/chromium.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tools/a11y/node_modules/"));
const { chromium } = require("playwright-core");
const axe = require("axe-core");

const [base, ...routes] = process.argv.slice(2);
if (!base || routes.length === 0) {
  console.error("usage: node .ci/a11y/axe.mjs BASE_URL ROUTE...");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
let failures = 0;
try {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const route of routes) {
      const url = new URL(route, base).href;
      await page.goto(url, { waitUntil: "load" });
      // The search page fills its results after the index loads.
      await page.waitForLoadState("networkidle");
      await page.addScriptTag({ content: axe.source });
      const result = await page.evaluate(() =>
        window.axe.run(document, { resultTypes: ["violations"] }));
      const found = result.violations;
      console.log(`${scheme} ${route}: ${found.length} violation(s), ${result.passes.length} rule(s) passed`);
      for (const v of found) {
        failures += 1;
        console.log(`  ${v.impact}: ${v.id}: ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) {
          console.log(`    ${node.target.join(" ")}: ${node.failureSummary.replace(/\n/g, " ")}`);
        }
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(failures === 0 ? "axe: no violations" : `axe: ${failures} violation(s)`);
process.exit(failures === 0 ? 0 : 1);
