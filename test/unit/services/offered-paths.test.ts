/**
 * The paths main offered the window: a recent file or an OS request counts, in any spelling of the
 * same file; anything else, and any UNC or device path not offered, does not.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUncOrDevicePath, OfferedPaths } from '../../../src/main/services/offered-paths';

const recent = (...paths: string[]) => async () => paths.map((path) => ({ path }));

describe('OfferedPaths', () => {
  it('a recent file is offered; another file beside it is refused with the message naming it', async () => {
    const offered = new OfferedPaths(recent('/home/admin/topologies/contoso.tbxml'));
    expect(await offered.isOffered('/home/admin/topologies/contoso.tbxml')).toBe(true);
    await expect(offered.check('/home/admin/topologies/../topologies/contoso.tbxml')).resolves.toBeUndefined();
    await expect(offered.check('/home/admin/.ssh/id_rsa')).rejects.toThrow(
      'PoolPilot opens only files chosen in its Open dialog, dropped on the window, opened from Windows, in Recent files or kept in Snapshots: /home/admin/.ssh/id_rsa',
    );
  });

  it('a path handed to the window (a file Windows asked to open) is offered from then on', async () => {
    const offered = new OfferedPaths(recent());
    expect(await offered.isOffered('/media/usb/fe01.poolpilot')).toBe(false);
    offered.offer('/media/usb/fe01.poolpilot');
    expect(await offered.isOffered('/media/usb/fe01.poolpilot')).toBe(true);
  });

  it('on Windows one file in another case is the same file', async () => {
    const offered = new OfferedPaths(recent('C:\\Topologies\\Contoso.tbxml'), 'win32');
    offered.offer('D:\\Snapshots\\FE01.poolpilot');
    // resolve() is POSIX here, so the spelling stays a single name; case is what is compared.
    expect(await offered.isOffered('c:\\topologies\\contoso.TBXML')).toBe(true);
    expect(await offered.isOffered('d:\\snapshots\\fe01.poolpilot')).toBe(true);
    expect(await new OfferedPaths(recent('/t/Contoso.tbxml'), 'linux').isOffered('/t/contoso.tbxml')).toBe(false);
  });

  it('UNC and device paths are refused unless offered; an offered share path is allowed', async () => {
    for (const path of ['\\\\fileserver\\share\\topology.xml', '//fileserver/share/topology.xml', '\\\\?\\C:\\Windows\\win.ini', '\\\\.\\PhysicalDrive0']) {
      expect(isUncOrDevicePath(path), path).toBe(true);
      await expect(new OfferedPaths(recent()).check(path), path).rejects.toThrow(`in Recent files or kept in Snapshots: ${path}`);
    }
    expect(isUncOrDevicePath('C:\\topologies\\contoso.tbxml')).toBe(false);
    expect(isUncOrDevicePath('/home/admin/contoso.tbxml')).toBe(false);
    const share = '\\\\fileserver\\skype\\DefaultTopology.xml';
    expect(await new OfferedPaths(recent(share), 'win32').isOffered('\\\\FILESERVER\\skype\\defaulttopology.xml')).toBe(true);
  });

  it('a dropped file joins the recent files only where the file on disk holds the dropped bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poolpilot-offered-'));
    try {
      const file = join(dir, 'topology.xml');
      writeFileSync(file, '<Topology/>');
      const offered = new OfferedPaths(recent());
      const bytes = (text: string) => new TextEncoder().encode(text);
      expect(await offered.droppedFileIsAt(file, bytes('<Topology/>'))).toBe(true);
      expect(await offered.droppedFileIsAt(file, bytes('<Topology>'))).toBe(false);
      expect(await offered.droppedFileIsAt(file, bytes('<Topology/>!'))).toBe(false);
      expect(await offered.droppedFileIsAt(join(dir, 'missing.xml'), bytes('<Topology/>'))).toBe(false);
      if (process.platform !== 'win32') {
        // A pipe reports size 0 like an empty drop; reading it would never end (the test would time out).
        const pipe = join(dir, 'pipe.xml');
        execFileSync('mkfifo', [pipe]);
        expect(await offered.droppedFileIsAt(pipe, bytes(''))).toBe(false);
      }
      expect(await offered.droppedFileIsAt('\\\\fileserver\\share\\topology.xml', bytes('<Topology/>'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
