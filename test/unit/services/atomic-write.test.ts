import * as realFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Lets one test make the disk "fill up" half-way through a write, which a real disk won't do on cue.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename) };
});

const { writeFileAtomic } = await import('../../../src/main/services/atomic-write');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-atomic-'));
});
afterEach(async () => {
  vi.mocked(realFs.open).mockClear();
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, leaving no temporary files', async () => {
    const target = join(dir, 'topology.xml');
    await writeFileAtomic(target, '<Topology/>');
    expect(await readFile(target, 'utf8')).toBe('<Topology/>');
    await writeFileAtomic(target, new TextEncoder().encode('second'));
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual(['topology.xml']);
  });

  it('a write that fails half-way leaves the old file intact and no temporary file behind', async () => {
    const target = join(dir, 'snapshot.json');
    await writeFile(target, 'old content');
    const actualOpen = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).open;
    vi.mocked(realFs.open).mockImplementationOnce(async (...args: Parameters<typeof actualOpen>) => {
      const handle = await actualOpen(...args);
      return Object.assign(Object.create(handle), {
        close: () => handle.close(),
        writeFile: async () => {
          await handle.write('new cont'); // part of the data reaches the file, then the disk is full
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      });
    });
    await expect(writeFileAtomic(target, 'new content that never fits')).rejects.toThrow(
      `Cannot write ${target}: the disk is full`,
    );
    expect(await readFile(target, 'utf8')).toBe('old content');
    expect(await readdir(dir)).toEqual(['snapshot.json']);
  });

  it('a failing rename leaves the old file intact and cleans up', async () => {
    const target = join(dir, 'recent-files.json');
    await writeFile(target, 'old');
    vi.mocked(realFs.rename).mockRejectedValueOnce(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }));
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(`Cannot write ${target}: the file is in use by another program`);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['recent-files.json']);
  });

  it('names the file when its folder does not exist, and creates nothing', async () => {
    const target = join(dir, 'missing', 'out.xml');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(`Cannot write ${target}: no such file or folder`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to replace a folder, which stays as it was', async () => {
    const target = join(dir, 'folder');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'keep');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(`Cannot write ${target}`);
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('keep');
    expect(await readdir(dir)).toEqual(['folder']);
  });
});
