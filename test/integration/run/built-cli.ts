/**
 * The installed `poolpilot` command, as an admin runs it: bin/poolpilot.cjs over the bundle that
 * `npm run build:cli` writes. Built here (out/cli/ may be missing, or older than the source) into a
 * scratch copy of the package layout — bin/, out/cli/, and scripts/ and resources/ linked to this
 * checkout's, where the CLI finds the lab executable and the lab module — the same way test/integration/cli.test.ts builds it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds the CLI under `dir`; returns the path of its bin/poolpilot.cjs. */
export async function buildCli(dir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const outfile = join(dir, 'out', 'cli', 'poolpilot.cjs');
  const args = pkg.scripts['build:cli']!.split(' ').slice(1).map((a) => (a.startsWith('--outfile=') ? `--outfile=${outfile}` : a));
  await new Promise<void>((done, fail) =>
    execFile(join(ROOT, 'node_modules/.bin/esbuild'), args, { cwd: ROOT }, (err, _stdout, stderr) => (err ? fail(new Error(`esbuild: ${stderr || err.message}`)) : done())),
  );
  await mkdir(join(dir, 'bin'), { recursive: true });
  const bin = join(dir, 'bin', 'poolpilot.cjs');
  await copyFile(join(ROOT, 'bin', 'poolpilot.cjs'), bin);
  await symlink(join(ROOT, 'scripts'), join(dir, 'scripts'), 'dir');
  await symlink(join(ROOT, 'resources'), join(dir, 'resources'), 'dir');
  return bin;
}

/** Starts `node <bin> …args` (node itself, so a kill reaches the CLI and not a wrapper). */
export function startCli(bin: string, args: readonly string[]): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const result = new Promise<CliResult>((done) => child.on('close', (code, signal) => done({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
  return { child, result };
}

export const runCli = (bin: string, args: readonly string[]): Promise<CliResult> => startCli(bin, args).result;
