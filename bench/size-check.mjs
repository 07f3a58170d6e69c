// Size gate for CI: rebuilds every bundle in bench/entries/ and fails when one of ours grew
// past its budget in bench/budgets.json, or breaks a rule (token-only auth ≤ openid-client,
// quick start ≤ 16 KB gzip). Needs the packages built first.
//   node size-check.mjs           check (exit 1 naming each entry over budget)
//   node size-check.mjs --update  write budgets 5% above today's sizes (quick start capped at 16 KB)
import { writeFileSync } from "node:fs";
import { checkBudgets, ENTRIES, measureAll, readBudgets, RULES } from "./lib/sizes.mjs";

const HEADROOM = 1.05;
const measured = await measureAll();

for (const m of measured) {
  const size = m.error ? `not bundled: ${m.error}` : `${m.gzip} B gzip (${m.minified} B min)`;
  console.log(`${m.ours ? "ours  " : "other "} ${m.id.padEnd(20)} ${size}`);
}

if (process.argv.includes("--update")) {
  const budgets = readBudgets();
  for (const m of measured) {
    if (!m.ours || m.error) continue;
    const capRule = RULES.find((rule) => rule.id === m.id && rule.atMostBytes);
    const budget = Math.ceil((m.gzip * HEADROOM) / 10) * 10;
    budgets.entries[m.id] = capRule ? Math.min(budget, capRule.atMostBytes) : budget;
  }
  writeFileSync(new URL("budgets.json", import.meta.url), `${JSON.stringify(budgets, null, 2)}\n`);
  console.log("size-check: wrote bench/budgets.json");
  process.exit(0);
}

const budgets = readBudgets();
const { failures, rules } = checkBudgets(measured, budgets);
for (const rule of rules) console.log(`rule: ${rule.why}: ${rule.verdict.replaceAll("**", "")}`);
const unbudgeted = ENTRIES.filter((e) => e.ours && budgets.entries[e.id] === undefined).map((e) => e.id);
if (unbudgeted.length > 0) failures.push(`no budget committed for ${unbudgeted.join(", ")} (run: node size-check.mjs --update)`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`size-check: FAIL ${failure}`);
  process.exit(1);
}
console.log("size-check: every bundle is within its budget");
