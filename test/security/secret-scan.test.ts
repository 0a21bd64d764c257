/** The credential-leak finder itself: it must see a secret in every form it claims, and nothing else. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSecret } from './secret-scan';

const SECRET = 'Pa55w0rd!Lync2013';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folderWith(files: Record<string, string | Buffer>): string {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-secret-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('findSecret', () => {
  it('finds the secret as plain text in a nested file and in a log line', () => {
    const folder = folderWith({ 'logs/session.log': `connecting as admin with ${SECRET}\n`, 'recent-files.json': '{}' });
    expect(findSecret(SECRET, { folders: [folder], texts: { 'main log': `oops ${SECRET}` } })).toEqual([
      { where: join(folder, 'logs/session.log'), form: 'text (UTF-8)' },
      { where: 'main log', form: 'text (UTF-8)' },
    ]);
  });

  it('finds it in UTF-16LE, as PowerShell transcripts and exported credentials are written', () => {
    const folder = folderWith({ 'transcript.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`pwd=${SECRET}`, 'utf16le')]) });
    expect(findSecret(SECRET, { folders: [folder] }).map((s) => s.form)).toEqual(['text (UTF-16LE)']);
  });

  it('finds it Base64-encoded at every alignment inside a longer run, as in -EncodedCommand', () => {
    for (const prefix of ['', 'x', 'xy', '$p = "']) {
      const command = Buffer.from(`${prefix}${SECRET}"; Enable-CsTopology`, 'utf16le').toString('base64');
      const sightings = findSecret(SECRET, { texts: { [`powershell -EncodedCommand (${prefix.length})`]: `powershell.exe -EncodedCommand ${command}` } });
      expect(sightings.map((s) => s.form)).toContain('Base64 of UTF-16LE');
    }
    const utf8 = Buffer.from(`user:${SECRET}`).toString('base64');
    expect(findSecret(SECRET, { texts: { header: `Authorization: Basic ${utf8}` } }).map((s) => s.form)).toContain('Base64 of UTF-8');
  });

  it('finds it hex-encoded', () => {
    expect(findSecret(SECRET, { texts: { dump: Buffer.from(SECRET).toString('hex') } }).map((s) => s.form)).toEqual(['hex']);
  });

  it('reports nothing when the secret is not there, even when parts of it are', () => {
    const folder = folderWith({ 'snapshot.poolpilot': '{"user":"Pa55w0rd","note":"Lync2013"}' });
    expect(findSecret(SECRET, { folders: [folder], texts: { log: 'Pa55w0rd!Lync201' } })).toEqual([]);
  });

  it('refuses secrets too short to search for reliably', () => {
    expect(() => findSecret('abc', { texts: {} })).toThrow(/at least 8 characters/);
  });
});
