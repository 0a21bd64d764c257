import { describe, expect, it } from 'vitest';
import {
  activeChanges,
  addChange,
  canRedo,
  canUndo,
  emptyScenario,
  insertChange,
  isMarkedDown,
  redo,
  removeChange,
  replaceChange,
  setDown,
  undo,
} from '../../../src/shared/scenario/edit';
import type { ScenarioChange } from '../../../src/shared/scenario/types';

const failover: ScenarioChange = { kind: 'failoverPool', pool: 'pool1.contoso.com' };
const nextHop: ScenarioChange = { kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' };
const cms: ScenarioChange = { kind: 'failoverCms' };

describe('scenario editing', () => {
  it('undoes and redoes changes in order', () => {
    let s = addChange(addChange(emptyScenario(), nextHop), failover);
    expect(activeChanges(s)).toEqual([nextHop, failover]);
    expect(canRedo(s)).toBe(false);

    s = undo(s);
    expect(activeChanges(s)).toEqual([nextHop]);
    expect(canRedo(s)).toBe(true);
    s = undo(undo(s));
    expect(activeChanges(s)).toEqual([]);
    expect(canUndo(s)).toBe(false);
    expect(undo(s)).toBe(s);

    s = redo(redo(s));
    expect(activeChanges(s)).toEqual([nextHop, failover]);
    expect(redo(s)).toBe(s);
  });

  it('drops the redo stack when a new change is made after an undo', () => {
    const s = addChange(undo(addChange(addChange(emptyScenario(), nextHop), failover)), cms);
    expect(s.changes).toEqual([nextHop, cms]);
    expect(canRedo(s)).toBe(false);
  });

  it('inserts, replaces and removes among the changes in effect', () => {
    const base = addChange(emptyScenario(), failover);
    const inserted = insertChange(base, 0, nextHop);
    expect(activeChanges(inserted)).toEqual([nextHop, failover]);
    expect(activeChanges(replaceChange(inserted, 1, cms))).toEqual([nextHop, cms]);
    expect(activeChanges(removeChange(inserted, 0))).toEqual([failover]);
    expect(() => insertChange(base, 2, cms)).toThrow(RangeError);
    expect(() => replaceChange(base, 1, cms)).toThrow(/outside 0..0/);
  });

  it('does not modify the scenario it is given', () => {
    const s = addChange(emptyScenario(), failover);
    const before = structuredClone(s);
    insertChange(s, 0, nextHop);
    setDown(s, { kind: 'site', siteId: 'Site1' }, true);
    undo(s);
    expect(s).toEqual(before);
  });

  it('marks components down and back up, once each', () => {
    const site = { kind: 'site', siteId: 'Site1' } as const;
    let s = setDown(setDown(emptyScenario(), site, true), site, true);
    expect(s.down).toEqual([site]);
    expect(isMarkedDown(s, site)).toBe(true);
    expect(isMarkedDown(s, { kind: 'pool', fqdn: 'Site1' })).toBe(false);
    s = setDown(s, site, false);
    expect(s.down).toEqual([]);
  });
});
