/**
 * What PoolPilot remembers between runs, under one data directory (Electron's userData folder in
 * the app, a temporary folder in tests): recent files and node positions per topology. Plus
 * saving snapshots, which lands in the recent list too. JSON files, written atomically; a store
 * file that cannot be read is set aside as `<name>.corrupt-<time>` and PoolPilot starts afresh,
 * because losing a recent-files list must never stop the app from opening.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { positionsSchema, type Positions, type RecentFile } from '../../shared/ipc/contract';
import {
  parseSnapshot,
  serializeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
} from '../../shared/snapshot/snapshot';
import { writeFileAtomic } from './atomic-write';
import { Serial } from './serial';
import { describeFsError } from './fs-errors';

export const MAX_RECENT_FILES = 10;

const recentStoreSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() })),
});

const positionsStoreSchema = z.object({ key: z.string(), savedAt: z.string(), positions: positionsSchema });

/** What a caller supplies for a snapshot; format, version and the time are filled in on save. */
export type SnapshotContent = Omit<Snapshot, 'format' | 'version' | 'takenAt'>;

export class AppData {
  /** Store writes run one after another, so two quick updates cannot overwrite each other's read-modify-write. */
  private readonly writes = new Serial();

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return this.writes.run(task);
  }

  private get recentPath(): string {
    return join(this.dir, 'recent-files.json');
  }

  /** One file per topology: a layout save rewrites only its own file. The name hashes the key, which may hold any characters. */
  private positionsPath(key: string): string {
    return join(this.dir, 'positions', `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  /** Reads a store file; missing → undefined; unreadable → set aside and undefined. */
  private async readStore<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read ${file}: ${describeFsError(err)}`, { cause: err });
    }
    let parsed: T | undefined;
    try {
      const result = schema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // Not JSON: handled below like a schema failure.
    }
    if (parsed === undefined) {
      const stamp = this.now().toISOString().replace(/[:.]/g, '-');
      // If even setting it aside fails, the next save replaces it: starting empty matters more.
      await rename(file, `${file}.corrupt-${stamp}`).catch(() => undefined);
    }
    return parsed;
  }

  private async writeStore(file: string, value: unknown): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Most recent first. */
  recentFiles(): Promise<RecentFile[]> {
    return this.serial(async () => (await this.readStore(this.recentPath, recentStoreSchema))?.files ?? []);
  }

  /** Puts `path` first (once), keeps at most MAX_RECENT_FILES, and returns the new list. */
  addRecentFile(path: string): Promise<RecentFile[]> {
    return this.serial(async () => {
      const full = resolve(path);
      // Windows paths are case-insensitive: C:\Topo.xml and c:\topo.xml are one file.
      const same = (p: string) => (process.platform === 'win32' ? p.toLowerCase() === full.toLowerCase() : p === full);
      const current = (await this.readStore(this.recentPath, recentStoreSchema))?.files ?? [];
      const entry: RecentFile = { path: full, name: basename(full), openedAt: this.now().toISOString() };
      const files = [entry, ...current.filter((f) => !same(f.path))].slice(0, MAX_RECENT_FILES);
      await this.writeStore(this.recentPath, { version: 1, files });
      return files;
    });
  }

  /** Saved positions for a topology key, or null when none were saved (or the file was unreadable). */
  positions(key: string): Promise<Positions | null> {
    return this.serial(async () => {
      const stored = await this.readStore(this.positionsPath(key), positionsStoreSchema);
      return stored && stored.key === key ? stored.positions : null;
    });
  }

  savePositions(key: string, positions: Positions): Promise<void> {
    return this.serial(() => this.writeStore(this.positionsPath(key), { key, savedAt: this.now().toISOString(), positions }));
  }

  /**
   * Writes a snapshot atomically and adds it to the recent files. The text is read back through
   * parseSnapshot before anything touches the disk, so PoolPilot never writes a snapshot it would
   * refuse to open.
   */
  async saveSnapshot(filePath: string, content: SnapshotContent): Promise<Snapshot> {
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      takenAt: this.now().toISOString(),
      ...content,
    };
    const text = serializeSnapshot(snapshot);
    try {
      parseSnapshot(text, basename(filePath));
    } catch (err) {
      throw new Error(`Cannot save ${filePath}: ${(err as Error).message}`, { cause: err });
    }
    await writeFileAtomic(filePath, text);
    await this.addRecentFile(filePath);
    return snapshot;
  }
}
