import { describe, expect, it } from 'vitest';
import { MAX_UNDO, record, redoEdit, startHistory, undoEdit } from '../../../src/renderer/store/scenario-history';
import type { Scenario, ScenarioChange } from '../../../src/shared/scenario/types';

const failover = (pool: string): ScenarioChange => ({ kind: 'failoverPool', pool });
const s = (changes: ScenarioChange[], applied = changes.length): Scenario => ({ down: [], changes, applied });

describe('scenario history', () => {
  it('undoes the last edit wherever it landed, and redoes it', () => {
    const first = s([failover('b')]);
    // The edit inserts before the existing change: undo must take that one away, not the last change.
    const second = s([failover('a'), failover('b')]);
    let h = record(record(startHistory(s([])), first), second);
    h = undoEdit(h);
    expect(h.present).toBe(first);
    h = undoEdit(h);
    expect(h.present.changes).toEqual([]);
    expect(undoEdit(h)).toBe(h);
    h = redoEdit(redoEdit(h));
    expect(h.present).toBe(second);
    expect(redoEdit(h)).toBe(h);
  });

  it('drops the redo steps on a new edit, and ignores an edit that changed nothing', () => {
    const h = undoEdit(record(startHistory(s([])), s([failover('a')])));
    expect(h.future).toHaveLength(1);
    const edited = record(h, s([failover('b')]));
    expect(edited.future).toEqual([]);
    expect(record(edited, edited.present)).toBe(edited);
  });

  it('turns changes a saved scenario lists but has not applied into redo steps', () => {
    const h = startHistory(s([failover('a'), failover('b'), failover('c')], 1));
    expect(h.present).toEqual(s([failover('a')]));
    expect(redoEdit(h).present).toEqual(s([failover('a'), failover('b')]));
    expect(redoEdit(redoEdit(h)).present).toEqual(s([failover('a'), failover('b'), failover('c')]));
    expect(h.past).toEqual([]);
  });

  it(`keeps the last ${MAX_UNDO} edits`, () => {
    let h = startHistory(s([]));
    for (let i = 0; i < MAX_UNDO + 5; i++) h = record(h, s([failover(`p${i}`)]));
    expect(h.past).toHaveLength(MAX_UNDO);
    expect(h.past[0]!.changes).toEqual([failover('p4')]);
  });
});
