/**
 * What happens when an admin double-clicks a snapshot or a .tbxml the installer associated with
 * PoolPilot: main picks the file out of the command line (first launch, or a second launch handing
 * over to the running window) and the preload holds it until the renderer listens.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileToOpen } from '../../src/main/launch-files';
import { createOpenRequests } from '../../src/preload/open-requests';

const dir = mkdtempSync(join(tmpdir(), 'poolpilot-launch-'));
const snapshot = join(dir, 'site1-2026-11-24-0931.poolpilot');
const tbxml = join(dir, 'Topology Builder export.tbxml');
writeFileSync(snapshot, '{}');
writeFileSync(tbxml, '<xml/>');
mkdirSync(join(dir, 'app.xml'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileToOpen (file associations, Open with, second launch)', () => {
  it('opens the snapshot Windows passes when it is double-clicked', () => {
    expect(fileToOpen(['C:\\Program Files\\PoolPilot\\PoolPilot.exe', snapshot], 'C:\\Windows\\System32')).toBe(snapshot);
  });

  it('resolves a relative path against the launching folder, and keeps spaces', () => {
    expect(fileToOpen(['PoolPilot.exe', 'Topology Builder export.tbxml'], dir)).toBe(tbxml);
  });

  it("skips Chromium's switches in a second instance's argv", () => {
    const argv = ['PoolPilot.exe', '--allow-file-access-from-files', '--original-process-start-time=1337', snapshot];
    expect(fileToOpen(argv, dir)).toBe(snapshot);
  });

  it('opens nothing for a plain launch, a development run, a folder, a missing file or another type', () => {
    expect(fileToOpen(['PoolPilot.exe'], dir)).toBeUndefined();
    expect(fileToOpen(['electron', '.'], dir)).toBeUndefined();
    expect(fileToOpen(['PoolPilot.exe', 'app.xml'], dir)).toBeUndefined();
    expect(fileToOpen(['PoolPilot.exe', join(dir, 'gone.tbxml')], dir)).toBeUndefined();
    expect(fileToOpen(['PoolPilot.exe', join(dir, 'notes.txt')], dir, () => true)).toBeUndefined();
  });

  it('does not take the executable itself for a file to open', () => {
    expect(fileToOpen([snapshot], dir)).toBeUndefined();
  });
});

describe('open requests in the preload', () => {
  it('keeps a request that arrives before the renderer listens, then delivers it once', () => {
    const requests = createOpenRequests();
    requests.receive(snapshot);
    const seen: string[] = [];
    requests.listen((path) => seen.push(path));
    expect(seen).toEqual([snapshot]);
    requests.receive(tbxml);
    expect(seen).toEqual([snapshot, tbxml]);
  });

  it('drops what main should never send, and stops delivering after unsubscribe', () => {
    const requests = createOpenRequests();
    const seen: string[] = [];
    const stop = requests.listen((path) => seen.push(path));
    requests.receive(42);
    requests.receive('');
    stop();
    requests.receive(snapshot);
    expect(seen).toEqual([]);
    const later: string[] = [];
    requests.listen((path) => later.push(path));
    expect(later).toEqual([snapshot]);
  });
});
