// Jest reporter: writes the run's totals to $KINERJA_TEST_SUMMARY for run-tests.js, which prints
// them as the closing line `<N> passed, <M> failed[, <K> skipped]`.
'use strict';
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.KINERJA_TEST_SUMMARY;
    if (!file) return;
    const summary = {
      passed: results.numPassedTests,
      // A file that failed to run (syntax error, failing beforeAll without tests...) has no failed test.
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    fs.writeFileSync(file, JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
