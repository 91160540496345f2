// Reads Vitest's JSON reports (one per run: the machine's Node.js, Node.js 24) and prints the one
// closing line CI reads: "N passed, N failed", added up over every report.
import { readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/vitest.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`no test report at ${file}: ${error.message}`);
    failed += 1;
    continue;
  }
  const failedSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + failedSuites;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
