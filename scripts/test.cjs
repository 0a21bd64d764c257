#!/usr/bin/env node
/*
 * `npm test`: every suite, in order — types, unit + integration (vitest), build, browser end-to-end
 * (Playwright on the system Chromium). Finds the browser, installs Debian's Chromium when it can (root
 * with apt), or says exactly what is missing. Ends with one line counting every test.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const root = path.join(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'poolpilot-test-'));

function run(title, cmd, args, env = {}) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function findChromium() {
  const candidates = [process.env.POOLPILOT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && fs.existsSync(p));
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const canApt = process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log('Chromium not found: installing Debian\'s chromium package (apt-get install -y chromium)…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
    found = findChromium();
  }
  return found;
}

function count(file, pick) {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

const steps = [];
steps.push(['types', run('Type check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])]);

// Real PowerShell 7 for the tests that hand generated scripts to its parser; without it they fail
// (under CI) or are skipped with this message (elsewhere).
const { findPwsh, PWSH_MISSING } = require('./find-pwsh.cjs');
const pwsh = findPwsh();
if (!pwsh) console.warn(`\n${PWSH_MISSING}\n`);

const vitestJson = path.join(reports, 'vitest.json');
steps.push([
  'unit+integration',
  run('Unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], pwsh ? { POOLPILOT_PWSH: pwsh } : {}),
]);

const built = run('Build (electron-vite build, CLI bundle)', 'npm', ['run', '--silent', 'build']);
steps.push(['build', built]);

const playwrightJson = path.join(reports, 'playwright.json');
const chromium = ensureChromium();
if (!chromium) {
  console.error(
    '\nBrowser tests need Chromium and none was found. Install Debian\'s package (sudo apt-get install -y chromium),\n' +
      'or point POOLPILOT_CHROMIUM at a Chromium/Chrome executable, then run npm test again.',
  );
  steps.push(['e2e', false]);
} else if (!built) {
  console.error('\nBrowser tests skipped: the build failed.');
  steps.push(['e2e', false]);
} else {
  steps.push([
    'e2e',
    run('Browser end-to-end tests (Playwright, ' + chromium + ')', bin('playwright'), ['test', '--reporter=list,json'], {
      POOLPILOT_CHROMIUM: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    }),
  ]);
}

const v = count(vitestJson, (j) => ({ passed: j.numPassedTests ?? 0, failed: j.numFailedTests ?? 0, skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) }));
const p = count(playwrightJson, (j) => ({ passed: j.stats?.expected ?? 0, failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0), skipped: j.stats?.skipped ?? 0 }));
const failedSteps = steps.filter(([, ok]) => !ok).map(([name]) => name);

console.log('\n── Summary ──');
console.log(`vitest: ${v.passed} passed, ${v.failed} failed; playwright: ${p.passed} passed, ${p.failed} failed`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
// A failed step with no failed test (type errors, build) still counts as a failure in the closing line.
const failed = v.failed + p.failed + (failedSteps.length && v.failed + p.failed === 0 ? failedSteps.length : 0);
console.log(`${v.passed + p.passed} passed, ${failed} failed, ${v.skipped + p.skipped} skipped`);
fs.rmSync(reports, { recursive: true, force: true });
process.exit(failedSteps.length ? 1 : 0);
