// report.cjs REPORT FILE: read the SARIF log that `Sarif.Multitool
// validate -o REPORT` wrote about FILE, print its results, and exit 1 if
// any is an error or a warning (notes are printed but do not fail).
'use strict';
const fs = require('node:fs');

const [reportPath, file] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const counts = { error: 0, warning: 0, note: 0, none: 0 };
for (const run of log.runs ?? []) {
  const rules = run.tool?.driver?.rules ?? [];
  for (const r of run.results ?? []) {
    const level = r.level ?? 'warning'; // SARIF's default level
    counts[level] = (counts[level] ?? 0) + 1;
    const rule = rules.find((x) => x.id === r.ruleId);
    let text = r.message?.text;
    if (text === undefined && r.message?.id && rule?.messageStrings?.[r.message.id]) {
      // Validation messages are templates: {0} is the JSON path, then arguments.
      const args = r.message.arguments ?? [];
      text = rule.messageStrings[r.message.id].text.replace(/\{(\d+)\}/g, (_, i) => args[i] ?? '');
    }
    const region = r.locations?.[0]?.physicalLocation?.region;
    const where = region ? `(${region.startLine},${region.startColumn ?? 1})` : '';
    console.log(`${file}${where}: ${level} ${r.ruleId}: ${text ?? r.message?.id ?? ''}`);
  }
}
const bad = counts.error + counts.warning;
console.log(`${file}: multitool: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes`);
process.exit(bad ? 1 : 0);
