// Sums every workspace package's vitest JSON report into one line: "N passed, N failed, N skipped".
// A package with a test script but no report (it crashed before reporting) counts as a failure.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every workspace package's directory, as pnpm lists them (the root, which runs turbo, aside). */
const packageDirs = JSON.parse(
  execFileSync('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { encoding: 'utf8' }),
)
  .map((workspacePackage) => workspacePackage.path)
  .filter((dir) => dir !== process.cwd());

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of packageDirs) {
  const manifest = join(dir, 'package.json');
  if (!JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue;
  const report = join(dir, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    missing.push(dir);
    continue;
  }
  const totals = JSON.parse(readFileSync(report, 'utf8'));
  passed += totals.numPassedTests;
  failed += totals.numFailedTests;
  skipped += totals.numPendingTests + totals.numTodoTests;
}
if (missing.length > 0) console.error(`No test report from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed + missing.length} failed, ${skipped} skipped`);
process.exit(failed + missing.length > 0 || passed === 0 ? 1 : 0);
