import { describe, expect, it } from 'vitest';
import {
  looksLikeSnapshot,
  parseSnapshot,
  serializeSnapshot,
  SnapshotError,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
} from '../../../src/shared/snapshot/snapshot';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { sampleDeployment } from './sample-deployment';

function sampleSnapshot(): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt: '2024-05-01T10:20:30.000Z',
    deployment: sampleDeployment(),
    incomplete: { reasons: ['Get-CsPersistentChatState failed'] },
    positions: { 'pool1.contoso.com': { x: 10, y: -20.5 } },
    scenario: { changes: [{ kind: 'failover', pool: 'pool1.contoso.com' }] },
    jobs: [{ id: 'job-1', steps: 3 }],
  };
}

/** The serialized sample as a plain object, to damage one field at a time. */
function sampleJson(): any {
  return JSON.parse(serializeSnapshot(sampleSnapshot()));
}

function errorOf(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    return err as SnapshotError;
  }
  throw new Error('expected a SnapshotError');
}

describe('snapshot round trip', () => {
  it('reads back exactly what it wrote, optional parts included', () => {
    const s = sampleSnapshot();
    expect(parseSnapshot(serializeSnapshot(s), 'x.json')).toEqual(s);
  });

  it('reads back a minimal snapshot (no optional parts)', () => {
    const s: Snapshot = { format: SNAPSHOT_FORMAT, version: 1, takenAt: '2024-05-01T10:20:30+02:00', deployment: sampleDeployment() };
    expect(parseSnapshot(serializeSnapshot(s))).toEqual(s);
  });

  it('round-trips the built-in demo deployment', () => {
    const s: Snapshot = { format: SNAPSHOT_FORMAT, version: 1, takenAt: '2025-01-15T09:00:00.000Z', deployment: demoDeployment() };
    expect(parseSnapshot(serializeSnapshot(s), 'demo.json')).toEqual(s);
  });

  it('is stable: the same content in another key order gives the same bytes', () => {
    const s = sampleSnapshot();
    const reordered = JSON.parse(JSON.stringify(s), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(Object.keys(reordered)[0]).toBe('jobs');
    expect(serializeSnapshot(reordered)).toBe(serializeSnapshot(s));
  });

  it('is pretty, starts with what the file is, and ends with a newline', () => {
    const text = serializeSnapshot(sampleSnapshot());
    expect(text.startsWith(`{\n  "format": "${SNAPSHOT_FORMAT}",\n  "version": 1,`)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('reads a snapshot saved with a UTF-8 byte order mark', () => {
    expect(parseSnapshot(`\uFEFF${serializeSnapshot(sampleSnapshot())}`).takenAt).toBe('2024-05-01T10:20:30.000Z');
  });

  it('lower-cases host names written in mixed case, so references still match', () => {
    const raw = sampleJson();
    raw.deployment.topology.pools[0].fqdn = 'Pool1.Contoso.COM';
    raw.deployment.state.backupPools = { 'POOL2.contoso.com': 'Pool1.contoso.com' };
    const d = parseSnapshot(JSON.stringify(raw)).deployment;
    expect(d.topology.pools[0]!.fqdn).toBe('pool1.contoso.com');
    expect(d.state.backupPools).toEqual({ 'pool2.contoso.com': 'pool1.contoso.com' });
  });
});

describe('looksLikeSnapshot', () => {
  it('recognises snapshots (with or without BOM and leading blank lines) and not XML', () => {
    const text = serializeSnapshot(sampleSnapshot());
    expect(looksLikeSnapshot(text)).toBe(true);
    expect(looksLikeSnapshot(`\uFEFF\r\n  ${text}`)).toBe(true);
    expect(looksLikeSnapshot('<?xml version="1.0"?><Topology/>')).toBe(false);
    expect(looksLikeSnapshot('\uFEFF<Topology xmlns="urn:x"/>')).toBe(false);
    expect(looksLikeSnapshot('')).toBe(false);
  });
});

describe('parseSnapshot errors', () => {
  it('corrupt JSON: names the file, line and column', () => {
    const lines = serializeSnapshot(sampleSnapshot()).split('\n');
    // Drop the comma after `"version": 1` (line 3): the next line starts where the parser stops.
    lines[2] = lines[2]!.replace(/,$/, '');
    const err = errorOf(() => parseSnapshot(lines.join('\n'), 'site1.poolpilot.json'));
    expect(err.message).toMatch(/^site1\.poolpilot\.json:4:3: not valid JSON: expected ',' or '\}', found "\\""$/);
    expect(err.details).toMatchObject({ fileName: 'site1.poolpilot.json', line: 4, column: 3 });
  });

  it('truncated file: points at the end', () => {
    const text = serializeSnapshot(sampleSnapshot());
    const cut = text.slice(0, 200);
    const err = errorOf(() => parseSnapshot(cut, 'cut.json'));
    const lastLine = cut.split('\n').length;
    expect(err.message).toContain(`cut.json:${lastLine}:`);
    expect(err.message).toMatch(/not valid JSON: (a string is not closed|the text ends before the JSON is complete)/);
  });

  it('a newer version: says so, with both versions', () => {
    const raw = sampleJson();
    raw.version = 2;
    raw.deployment = { somethingNew: true };
    const err = errorOf(() => parseSnapshot(JSON.stringify(raw), 'future.json'));
    expect(err.message).toBe('future.json: made by a newer PoolPilot (version 2); this one reads up to 1');
  });

  it('not a snapshot at all: says so instead of listing every field', () => {
    expect(errorOf(() => parseSnapshot('{"name": "poolpilot", "version": "0.1.0"}', 'package.json')).message).toBe(
      'package.json: not a PoolPilot snapshot (its "format" is not "poolpilot.snapshot")',
    );
    expect(errorOf(() => parseSnapshot('[1, 2]', 'list.json')).message).toBe(
      'list.json: not a PoolPilot snapshot (expected a JSON object)',
    );
  });

  it('schema failure: names the field path', () => {
    const raw = sampleJson();
    raw.deployment.topology.pools[3].kind = 'Mainframe';
    const err = errorOf(() => parseSnapshot(JSON.stringify(raw), 'bad.json'));
    expect(err.message).toMatch(/^bad\.json: not a valid PoolPilot snapshot: deployment\.topology\.pools\[3\]\.kind: /);
    expect(err.message).toContain('"FrontEnd"');
    expect(err.details.field).toBe('deployment.topology.pools[3].kind');
  });

  it.each([
    ['a host name with a space', (r: any) => (r.deployment.topology.pools[1].fqdn = 'pool 2.contoso.com'), 'deployment.topology.pools[1].fqdn'],
    ['a machine that is not a host name', (r: any) => (r.deployment.topology.pools[0].machines[1] = 'fe02..contoso.com'), 'deployment.topology.pools[0].machines[1]'],
    ['a pool in a site that does not exist', (r: any) => (r.deployment.topology.pools[2].siteId = 'Site9'), 'deployment.topology.pools[2].siteId'],
    ['two pools with one FQDN', (r: any) => (r.deployment.topology.pools[1].fqdn = 'POOL1.contoso.com'), 'deployment.topology.pools[1].fqdn'],
    ['an unknown source kind', (r: any) => (r.deployment.source.kind = 'fax'), 'deployment.source.kind'],
    ['a bad backup pool value', (r: any) => (r.deployment.state.backupPools['pool1.contoso.com'] = 42), 'deployment.state.backupPools["pool1.contoso.com"]'],
    ['a missing takenAt', (r: any) => delete r.takenAt, 'takenAt'],
    ['a non-numeric position', (r: any) => (r.positions['pool1.contoso.com'].x = 'left'), 'positions["pool1.contoso.com"].x'],
    ['version 0', (r: any) => (r.version = 0), 'version'],
  ])('schema failure: %s', (_what, damage, field) => {
    const raw = sampleJson();
    damage(raw);
    const err = errorOf(() => parseSnapshot(JSON.stringify(raw), 'bad.json'));
    expect(err.details.field).toBe(field);
    expect(err.message).toContain(`: ${field}: `);
  });

  it('lists a few schema problems and counts the rest, in one line', () => {
    const raw = sampleJson();
    for (const pool of raw.deployment.topology.pools) pool.kind = 'Nope';
    const err = errorOf(() => parseSnapshot(JSON.stringify(raw), 'bad.json'));
    expect(err.message).toContain('pools[0].kind');
    expect(err.message).toContain('pools[2].kind');
    expect(err.message).not.toContain('pools[3].kind');
    expect(err.message).toMatch(/; and 1 more$/);
    expect(err.message).not.toContain('\n');
  });
});
