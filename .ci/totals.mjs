// Sums every workspace package's vitest JSON report into one line: "N passed, N failed, N skipped".
// A package with a test script but no report (it crashed before reporting) counts as a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const root of ['apps', 'packages']) {
  for (const name of readdirSync(root)) {
    const manifest = join(root, name, 'package.json');
    if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test)
      continue;
    const report = join(root, name, 'test-results', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(`${root}/${name}`);
      continue;
    }
    const totals = JSON.parse(readFileSync(report, 'utf8'));
    passed += totals.numPassedTests;
    failed += totals.numFailedTests;
    skipped += totals.numPendingTests + totals.numTodoTests;
  }
}
if (missing.length > 0) console.error(`No test report from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed + missing.length} failed, ${skipped} skipped`);
process.exit(failed + missing.length > 0 || passed === 0 ? 1 : 0);
