#!/usr/bin/env node
// The installed `poolpilot` command: runs the CLI bundle that `npm run build:cli` writes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'out', 'cli', 'poolpilot.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `poolpilot: the command-line tool is not built (${bundle} is missing); run 'npm run build:cli' in ${path.dirname(__dirname)}, or 'npm run cli -- <command>' to run it from source\n`,
  );
  process.exitCode = 1;
} else {
  require(bundle);
}
