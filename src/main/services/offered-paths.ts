/**
 * The paths main itself handed to the window, and so the only ones topology.openPath will read:
 * the recent files, files Windows asked PoolPilot to open (double-click, "Open with", a second
 * launch) and the snapshots it listed. The renderer names the path on that channel, so without
 * this a compromised renderer could have main read any file (and echo parts of it in an import
 * error) or reach out to an SMB server through a UNC path. Checks compare strings only: a refused
 * path is never touched on disk. No Electron imports: tested directly.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * A UNC or device path: \\server\share\…, \\?\…, \\.\… (either slash). Opening one contacts a
 * server or a device, so it is refused before anything else unless main offered it.
 */
export function isUncOrDevicePath(path: string): boolean {
  return /^[\\/]{2}/.test(path);
}

function notOfferedError(path: string): Error {
  return new Error(`PoolPilot opens only files chosen in its Open dialog, dropped on the window, opened from Windows, in Recent files or kept in Snapshots: ${path}`);
}

export class OfferedPaths {
  private readonly handedOut = new Set<string>();

  constructor(
    /** Read at each check, so recent files from earlier sessions count too. */
    private readonly recentFiles: () => Promise<readonly { path: string }[]>,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** One spelling per file: resolved, and case-folded where the file system ignores case (as AppData compares recent files). */
  private key(path: string): string {
    const full = resolve(path);
    return this.platform === 'win32' ? full.toLowerCase() : full;
  }

  /** Records a path main hands the window (before it is sent). */
  offer(path: string): void {
    this.handedOut.add(this.key(path));
  }

  async isOffered(path: string): Promise<boolean> {
    const key = this.key(path);
    if (this.handedOut.has(key)) return true;
    return (await this.recentFiles()).some((f) => this.key(f.path) === key);
  }

  /** Resolves when `path` was offered; otherwise rejects with the reason, having read nothing. */
  async check(path: string): Promise<void> {
    if (!(await this.isOffered(path))) throw notOfferedError(path);
  }

  /**
   * Whether a dropped file's path (named by the renderer, from the preload's webUtils) may join the
   * recent files: only when the file there holds exactly the bytes that were dropped. Otherwise any
   * path could be slipped into the recent files through topology.openBytes and then read through
   * topology.openPath. UNC and device paths are not looked at unless already offered.
   */
  async droppedFileIsAt(path: string, data: Uint8Array): Promise<boolean> {
    if (isUncOrDevicePath(path) && !(await this.isOffered(path))) return false;
    try {
      // A plain file only: a device or pipe could make the read below never end.
      const info = await stat(path);
      if (!info.isFile() || info.size !== data.byteLength) return false;
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(await readFile(path));
    } catch {
      return false;
    }
  }
}
