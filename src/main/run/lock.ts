/**
 * One run at a time per journal directory: a lock file holding the pid of the process that runs.
 * Created exclusively (O_EXCL), so two runs starting together cannot both get it. A lock whose
 * process no longer exists is stale (the run was killed): it is taken over, and the caller is told.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'run.lock';

export class RunLockedError extends Error {
  override readonly name = 'RunLockedError';
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the lock file, and whether that run is alive (one on another computer is assumed to be). */
async function holder(file: string): Promise<{ info: Partial<LockInfo>; live: boolean }> {
  let info: Partial<LockInfo> = {};
  try {
    info = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
  } catch {
    // Missing, unreadable or half-written: no live holder (a live run writes it at once).
  }
  const sameHost = info.host === undefined || info.host === hostname();
  return { info, live: typeof info.pid === 'number' && (!sameHost || alive(info.pid)) };
}

/** True when a live run holds the lock of `dir`: the run there is going on, not interrupted. */
export async function heldByLiveRun(dir: string): Promise<boolean> {
  return (await holder(join(dir, LOCK_FILE))).live;
}

export interface RunLock {
  /** Set when a stale lock of a killed run was taken over: its pid. */
  tookOverFrom?: number;
  release(): Promise<void>;
}

/** Takes the lock of `dir` (which must exist). Throws RunLockedError when another live run holds it. */
export async function acquireRunLock(dir: string): Promise<RunLock> {
  const file = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(mine));
      await handle.close();
      return {
        ...(tookOverFrom !== undefined ? { tookOverFrom } : {}),
        release: () => unlink(file).catch(() => undefined),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`Cannot create the run lock ${file}: ${(err as Error).message}`);
    }
    const { info: held, live } = await holder(file);
    if (live) throw new RunLockedError(`${dir}: another run holds the lock (pid ${held.pid} on ${held.host ?? 'this computer'}, since ${held.since ?? '?'}); only one run at a time`);
    tookOverFrom = held.pid;
    await unlink(file).catch(() => undefined);
  }
  throw new RunLockedError(`${dir}: could not take the run lock ${file}`);
}
