// Prints the failures and one closing line "N passed, N failed" over every unit test, browser test and check.
// A check whose tests are counted individually (unit-tests, browser-tests) adds to the totals only if it
// failed without reporting any test (a crash before the first test).
import { existsSync, readFileSync } from 'node:fs';

const [checksFile, unitFile, e2eFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];
const fail = (what) => {
  failed++;
  failures.push(what);
};

function countVitest(file) {
  if (!existsSync(file)) return 0;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'passed') passed++;
      else if (t.status === 'failed') fail(`unit: ${t.fullName}`);
    }
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).length) fail(`unit file: ${suite.name}`);
  }
  return report.numTotalTests ?? 1;
}

function countPlaywright(file) {
  if (!existsSync(file)) return 0;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let n = 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        n++;
        const status = test.status ?? test.results?.at(-1)?.status;
        if (status === 'expected' || status === 'flaky') passed++;
        else if (status !== 'skipped') fail(`browser: ${spec.file} › ${spec.title}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const e of report.errors ?? []) fail(`browser: ${e.message?.split('\n')[0]}`);
  return n;
}

const counted = { 'unit-tests': countVitest(unitFile), 'browser-tests': countPlaywright(e2eFile) };
for (const line of readFileSync(checksFile, 'utf8').split('\n').filter(Boolean)) {
  const [result, name] = line.split(' ');
  if (name in counted && counted[name] > 0) continue;
  if (result === 'pass') passed++;
  else fail(`check: ${name}`);
}
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
