#!/usr/bin/env node
// The lab shell (src/lab/lab-shell.ts) as an executable that node-powershell can spawn in place of
// powershell.exe (its `executable` option). POSIX only: it relies on the shebang. Settings: see
// src/lab/config.ts.
//
// It runs an esbuild bundle of the TypeScript source, cached in the temp directory with a manifest
// of the files that went into it (path, size, modification time): when any of them changed, it is
// built again. A bundle starts in half the time tsx needs, which matters because tests start a
// fresh shell after every timeout or crash. Needs the dev dependencies (esbuild).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
// One cache per checkout.
const base = path.join(os.tmpdir(), `poolpilot-lab-shell-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
const bundle = `${base}.cjs`;
const manifest = `${base}.json`;

const stamp = (file) => {
  try {
    const info = fs.statSync(file);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return 'missing';
  }
};

function current() {
  try {
    const inputs = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return fs.existsSync(bundle) && Object.entries(inputs).every(([file, seen]) => stamp(file) === seen);
  } catch {
    return false;
  }
}

/** Writes beside the target and renames over it: shells may start side by side. */
function replace(target, write) {
  const temp = `${target}.${process.pid}.tmp`;
  write(temp);
  fs.renameSync(temp, target);
}

if (!current()) {
  const esbuild = require('esbuild');
  let inputs = {};
  replace(bundle, (temp) => {
    const result = esbuild.buildSync({
      entryPoints: [path.join(root, 'src', 'lab', 'lab-shell.ts')],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: temp,
      metafile: true,
      logLevel: 'warning',
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const file = path.resolve(root, input);
      inputs[file] = stamp(file);
    }
  });
  replace(manifest, (temp) => fs.writeFileSync(temp, JSON.stringify(inputs)));
}
require(bundle);
