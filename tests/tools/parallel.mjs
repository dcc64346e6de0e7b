// Runs npm scripts side by side (two at a time: the machine has two cores), prints
// each one's output when it ends, and fails if any failed. Used by `npm test` for
// everything before the end-to-end tests (checks, unit tests, both builds): none
// depends on another, and side by side they fill the gaps each leaves (a single-
// threaded type check beside the unit tests' workers). Give the longest first.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const WIDTH = 2;
let failed = false;
let next = 0;

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `\n── ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n${output}`,
      );
      if (code !== 0) failed = true;
      resolve();
    });
  });
}

async function worker() {
  while (next < scripts.length) await run(scripts[next++]);
}

await Promise.all(Array.from({ length: Math.min(WIDTH, scripts.length) }, worker));
process.exit(failed ? 1 : 0);
