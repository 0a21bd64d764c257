import { describe, expect, it } from 'vitest';
import { formatAge, sourceLabel } from '../../../src/renderer/panels/source-label';

describe('status bar source label', () => {
  const now = new Date(2024, 4, 3, 12, 0);

  it('says lab for the built-in demo', () => {
    expect(sourceLabel({ kind: 'demo', name: 'Built-in demo deployment' }, undefined, now)).toBe('Lab · Built-in demo deployment');
  });

  it('names the file and its form', () => {
    expect(sourceLabel({ kind: 'file', name: 'topology.xml', form: 'published' }, undefined, now)).toBe('File · topology.xml (published topology)');
    expect(sourceLabel({ kind: 'file', name: 'lab.tbxml', form: 'tbxml' }, undefined, now)).toBe('File · lab.tbxml (Topology Builder file)');
  });

  it('gives a snapshot its time and age', () => {
    const taken = new Date(2024, 4, 1, 9, 5).toISOString();
    expect(sourceLabel({ kind: 'snapshot', name: 'before-failover.json' }, taken, now)).toBe(
      'Snapshot · before-failover.json · taken 2024-05-01 09:05 (2 days ago)',
    );
  });

  it('words ages the way an admin reads them', () => {
    const ago = (ms: number) => formatAge(new Date(now.getTime() - ms), now);
    expect(ago(10_000)).toBe('just now');
    expect(ago(60_000)).toBe('1 minute ago');
    expect(ago(5 * 3_600_000)).toBe('5 hours ago');
    expect(ago(30 * 3_600_000)).toBe('30 hours ago');
  });
});
