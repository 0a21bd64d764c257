/**
 * Which file the admin asked PoolPilot to open from outside the app: a double-clicked snapshot or
 * topology (the installer's file associations), "Open with", or a path on the command line — at first
 * launch, or passed on by a second launch to the running instance. No Electron imports: tested directly.
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** What the open dialog accepts: snapshots (.poolpilot; earlier ones were saved as .poolpilot.json) and topology documents. */
export const OPENABLE_EXTENSIONS = ['.poolpilot', '.json', '.xml', '.tbxml'] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The first openable file named in `argv` (the executable first, as in process.argv), resolved
 * against `cwd`. Switches are skipped: Chromium adds its own to a second instance's argv, and a
 * development run passes the app folder, which is not a file.
 */
export function fileToOpen(argv: readonly string[], cwd: string, exists: (path: string) => boolean = isFile): string | undefined {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!(OPENABLE_EXTENSIONS as readonly string[]).includes(extname(arg).toLowerCase())) continue;
    const path = resolve(cwd, arg);
    if (exists(path)) return path;
  }
  return undefined;
}
