/**
 * The snapshots PoolPilot keeps in its data folder (<data>/snapshots/): every discovery lands here,
 * so the last known state of the deployment is at hand when the deployment itself no longer
 * answers. One file per snapshot, named for its time and source, written atomically; listed newest
 * first; read back only from this folder — a path elsewhere is refused, because the renderer names
 * the file and this channel must not become a way to read any file on the machine.
 */
import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { KeptSnapshot, OpenResult } from '../../shared/ipc/contract';
import { parseSnapshot, serializeSnapshot, type Snapshot } from '../../shared/snapshot/snapshot';
import { writeFileAtomic } from './atomic-write';
import { describeFsError } from './fs-errors';
import { openFile } from './open-source';

export const SNAPSHOT_EXTENSION = '.poolpilot';

/** `Live: fe01.contoso.com` → `live-fe01.contoso.com`: safe in a file name on every system. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'snapshot'
  );
}

/** 2026-11-24T09:31:05.123Z → 2026-11-24T093105Z (no colons: Windows file names cannot hold them). */
function fileStamp(takenAt: string): string {
  return new Date(takenAt).toISOString().slice(0, 19).replace(/:/g, '') + 'Z';
}

export class SnapshotStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'snapshots');
  }

  /**
   * Saves a snapshot under a new name (`<time>-<source><ext>`, numbered if that is taken) and returns
   * its path. The text is read back through parseSnapshot first: nothing is kept that would not open.
   */
  async save(snapshot: Snapshot): Promise<string> {
    const text = serializeSnapshot(snapshot);
    const base = `${fileStamp(snapshot.takenAt)}-${slug(snapshot.deployment.source.name)}`;
    parseSnapshot(text, `${base}${SNAPSHOT_EXTENSION}`);
    await mkdir(this.dir, { recursive: true });
    for (let n = 1; ; n++) {
      const path = join(this.dir, `${base}${n === 1 ? '' : `-${n}`}${SNAPSHOT_EXTENSION}`);
      const taken = await stat(path).then(
        () => true,
        () => false,
      );
      if (taken) continue;
      await writeFileAtomic(path, text);
      return path;
    }
  }

  /**
   * The kept snapshots, newest first. A file that does not read is listed too, marked incomplete
   * with the reason as its source, so it is seen rather than silently missing.
   */
  async list(): Promise<KeptSnapshot[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`Cannot list the snapshots in ${this.dir}: ${describeFsError(err)}`, { cause: err });
    }
    // Dot files are writeFileAtomic's temporaries.
    const files = names.filter((n) => n.endsWith(SNAPSHOT_EXTENSION) && !n.startsWith('.'));
    const kept = await Promise.all(files.map((name) => this.describe(name)));
    return kept.filter((k): k is KeptSnapshot => k !== undefined).sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt) || b.name.localeCompare(a.name));
  }

  private async describe(name: string): Promise<KeptSnapshot | undefined> {
    const path = join(this.dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      // Gone between the listing and the read (or a folder with the extension): nothing to show.
      if (['ENOENT', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw new Error(`Cannot read ${path}: ${describeFsError(err)}`, { cause: err });
    }
    try {
      const s = parseSnapshot(text, name);
      return { path, name, takenAt: s.takenAt, source: s.deployment.source.name, incomplete: s.incomplete !== undefined };
    } catch (err) {
      const modified = await stat(path).then((i) => i.mtime.toISOString(), () => new Date(0).toISOString());
      return { path, name, takenAt: modified, source: `Unreadable: ${(err as Error).message}`, incomplete: true };
    }
  }

  /** Opens a kept snapshot (recent files untouched). Refuses, naming the folder, any path outside it. */
  async read(path: string): Promise<OpenResult> {
    await this.checkInside(path);
    return openFile(resolve(path));
  }

  private async checkInside(path: string): Promise<void> {
    const refuse = () =>
      new Error(`${path} is not one of the snapshots PoolPilot keeps: only files in ${this.dir} are read this way (use Open… for any other file).`);
    const inside = (dir: string, file: string) => {
      const rel = relative(dir, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(sep) && rel.endsWith(SNAPSHOT_EXTENSION);
    };
    if (!isAbsolute(path) || !inside(this.dir, resolve(path))) throw refuse();
    // A link in the folder must not lead out of it.
    const real = await realpath(path).catch(() => undefined);
    const realDir = await realpath(this.dir).catch(() => this.dir);
    if (real !== undefined && !inside(realDir, real)) throw refuse();
  }
}
