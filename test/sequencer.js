/**
 * The order jest runs test files in: longest first, from test/durations.json (seconds per file, as
 * the last full `npm test` measured them: `UPDATE_TEST_DURATIONS=1 npm test` rewrites it). Two files
 * run at a time; a long file started last would keep one worker busy while the other idles, and a
 * clean clone has no jest cache to order by (jest's default then orders by file size, which says
 * little about how long a file that starts a local cloud and a browser takes). Files not listed yet
 * count as a minute, so a new slow file is not left for the end.
 */
const { relative } = require('node:path');
const { default: TestSequencer } = require('@jest/test-sequencer');
const durations = require('./durations.json');

const UNKNOWN_SECONDS = 60;
const seconds = (test) => durations[relative(__dirname + '/..', test.path)] ?? UNKNOWN_SECONDS;

class LongestFirst extends TestSequencer {
  sort(tests) {
    return [...tests].sort((a, b) => seconds(b) - seconds(a) || a.path.localeCompare(b.path));
  }
}

module.exports = LongestFirst;
