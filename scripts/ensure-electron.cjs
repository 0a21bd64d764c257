#!/usr/bin/env node
/*
 * `npm start` needs the Electron binary. npm 11 no longer runs dependencies' install scripts, so the
 * binary may not have been downloaded at `npm install`; electron-vite looks for it before anything
 * would fetch it. Requiring the `electron` package fetches it on first use (needs internet once).
 */
const fs = require('node:fs');

function fail(message) {
  console.error(`PoolPilot: ${message}`);
  process.exit(1);
}

let electronPath;
try {
  electronPath = require('electron');
} catch (err) {
  fail(
    `the Electron binary is missing and could not be downloaded (${err.message.split('\n')[0]}).\n` +
      'Connect to the internet once and run `npm start` again, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
  );
}
if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) {
  fail(`the Electron binary was not found at ${electronPath}. Delete node_modules/electron and run npm install again.`);
}
