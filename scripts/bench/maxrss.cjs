// Preloaded into a Node process under benchmark (NODE_OPTIONS=--require): on exit, append the
// process's peak resident set size in KiB to the file named by SOVSCAN_BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');

const file = process.env.SOVSCAN_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
  });
}
