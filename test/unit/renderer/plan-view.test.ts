/**
 * What the Plan tab decides before it draws: a plan, nothing to plan, or the blockers; the counts
 * in its summary; the step selection that highlights the graph; the ticks of manual checklists;
 * and its shortcut.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { countSteps, planFor, prerequisiteCount } from '../../../src/renderer/plan/plan-state';
import { isPlanShortcut } from '../../../src/renderer/plan/shortcut';
import { useAppStore } from '../../../src/renderer/store/store';
import { isTicked, PLAN_STEP_FOCUS, shownPlanStep } from '../../../src/renderer/store/plan-slice';
import { allSteps, NOW, POOL1, POOL2, scenario } from '../plan/scenarios';

const demo = demoDeployment();
const failover = scenario([{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);

describe('planFor', () => {
  it('plans the failover with the prerequisites the planner adds', () => {
    const state = planFor(demo, failover, NOW);
    expect(state.kind).toBe('plan');
    if (state.kind !== 'plan') return;
    expect(state.plan.sections.map((s) => s.procedure)).toEqual(['P0', 'P1', 'P1']);
    expect(prerequisiteCount(state.plan)).toBe(2);
    expect(countSteps(state.plan)).toBe(allSteps(state.plan).length);
    expect(countSteps(state.plan)).toBe(17);
  });

  it('has nothing to plan without a change in effect (marked down only, or every change undone)', () => {
    expect(planFor(demo, scenario([], [{ kind: 'pool', fqdn: POOL1 }]), NOW)).toEqual({ kind: 'empty' });
    expect(planFor(demo, { ...failover, applied: 0 }, NOW)).toEqual({ kind: 'empty' });
  });

  it('gives the blockers instead of a plan', () => {
    const state = planFor(demo, scenario([{ kind: 'failbackPool', pool: POOL1 }]), NOW);
    expect(state.kind).toBe('blocked');
    if (state.kind !== 'blocked') return;
    expect(state.blockers.map((b) => b.rule)).toEqual(['pool-failover-state']);
  });

  it('says which change it cannot plan when a name cannot go into a command', () => {
    const d = structuredClone(demo);
    d.topology.sites[1]!.id = 'Site2\nline';
    for (const pool of d.topology.pools) if (pool.siteId === 'Site2') pool.siteId = 'Site2\nline';
    const state = planFor(d, scenario([{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: 'edgeserver2.contoso.com' }], [{ kind: 'pool', fqdn: 'edgepool1.contoso.com' }]), NOW);
    expect(state.kind).toBe('unplannable');
    expect(state.kind === 'unplannable' && state.message).toMatch(/^cannot plan change 1 /);
  });
});

describe('plan step selection and checklist ticks', () => {
  beforeEach(() => {
    useAppStore.setState({ deployment: demo, selectedId: POOL1, findingFocus: null, planStep: null, planChecks: { deployment: null, ticked: new Set() } });
  });

  it('highlights the step’s elements in place of the selection, and clears them again', () => {
    const store = useAppStore.getState();
    store.focusPlanStep('step-a', [POOL2, POOL1]);
    let s = useAppStore.getState();
    expect(s.findingFocus).toMatchObject({ index: PLAN_STEP_FOCUS, elements: [POOL2, POOL1] });
    expect(s.selectedId).toBeNull();
    expect(shownPlanStep(s)).toBe('step-a');
    s.focusPlanStep(null);
    s = useAppStore.getState();
    expect(s.findingFocus).toBeNull();
    expect(shownPlanStep(s)).toBeNull();
  });

  it('is no longer shown selected once a finding or a graph element takes the highlight', () => {
    useAppStore.getState().focusPlanStep('step-a', [POOL1]);
    useAppStore.getState().select(POOL2);
    expect(shownPlanStep(useAppStore.getState())).toBeNull();
    useAppStore.getState().focusPlanStep('step-a', [POOL1]);
    useAppStore.setState({ findingFocus: { index: 0, elements: [POOL2], seq: 9 } });
    expect(shownPlanStep(useAppStore.getState())).toBeNull();
    // Clearing the step does not clear a finding's highlight.
    useAppStore.getState().focusPlanStep(null);
    expect(useAppStore.getState().findingFocus?.index).toBe(0);
  });

  it('ticks and unticks checklist items, for the deployment they were ticked on only', () => {
    useAppStore.getState().togglePlanCheck('s#0');
    expect(isTicked(useAppStore.getState(), 's#0')).toBe(true);
    expect(isTicked(useAppStore.getState(), 's#1')).toBe(false);
    useAppStore.getState().togglePlanCheck('s#0');
    expect(isTicked(useAppStore.getState(), 's#0')).toBe(false);
    useAppStore.getState().togglePlanCheck('s#0');
    useAppStore.setState({ deployment: demoDeployment() });
    expect(isTicked(useAppStore.getState(), 's#0')).toBe(false);
  });
});

describe('isPlanShortcut', () => {
  const keys = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
  it('is Ctrl+P or ⌘P, and nothing else', () => {
    expect(isPlanShortcut({ ...keys, key: 'p', ctrlKey: true })).toBe(true);
    expect(isPlanShortcut({ ...keys, key: 'P', metaKey: true })).toBe(true);
    expect(isPlanShortcut({ ...keys, key: 'p' })).toBe(false);
    expect(isPlanShortcut({ ...keys, key: 'p', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isPlanShortcut({ ...keys, key: 'p', ctrlKey: true, altKey: true })).toBe(false);
    expect(isPlanShortcut({ ...keys, key: 'o', ctrlKey: true })).toBe(false);
  });
});
