/**
 * Writes a file so that readers (and the admin after a crash or a full disk) see either the old
 * content or the new, never half of it: write a temporary file beside the target, flush it to
 * disk, then rename it over the target. Rename within one directory is atomic on POSIX and
 * replaces atomically on NTFS (libuv uses MoveFileEx with MOVEFILE_REPLACE_EXISTING).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './fs-errors';

/** Throws an Error naming `filePath` and the reason; the target is then untouched. */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(filePath);
  // Same directory as the target (rename cannot cross file systems); dot-prefixed so file
  // listings and globs pass over it while it exists.
  const temp = join(dir, `.${basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, filePath);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw new Error(`Cannot write ${filePath}: ${describeFsError(err)}`, { cause: err });
  }
  await syncDirectory(dir);
}

/**
 * Makes the rename itself durable on POSIX. Best effort: the new content is already in place, and
 * some file systems refuse to flush a directory. Windows cannot open one for flushing at all.
 */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Nothing to undo: the file was written and renamed.
  }
}
