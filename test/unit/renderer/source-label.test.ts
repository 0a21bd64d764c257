import { describe, expect, it } from 'vitest';
import { formatTime, sourceLabel } from '../../../src/renderer/panels/source-label';

describe('status bar source label', () => {
  it('says lab for the built-in demo', () => {
    expect(sourceLabel({ kind: 'demo', name: 'Built-in demo deployment' })).toBe('Lab · Built-in demo deployment');
  });

  it('names the file and its form', () => {
    expect(sourceLabel({ kind: 'file', name: 'topology.xml', form: 'published' })).toBe('File · topology.xml (published topology)');
    expect(sourceLabel({ kind: 'file', name: 'lab.tbxml', form: 'tbxml' })).toBe('File · lab.tbxml (Topology Builder file)');
  });

  it('names a snapshot (its time and age are the environment’s to say)', () => {
    expect(sourceLabel({ kind: 'snapshot', name: 'before-failover.json' })).toBe('Snapshot · before-failover.json');
  });

  it('gives times to the minute, in local time', () => {
    expect(formatTime(new Date(2024, 4, 1, 9, 5))).toBe('2024-05-01 09:05');
  });
});
