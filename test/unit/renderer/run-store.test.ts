/**
 * The run slice, fed as main feeds it: events in order, events that overtake the answer to
 * `run.start`, a reload catching up with `run.current` while the run goes on, prompts answered,
 * the end of the run, and a discrepancy highlighted on the graph.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { RunEvent, RunSummary, StepRecord, StepStatus } from '../../../src/shared/run/types';
import { useAppStore } from '../../../src/renderer/store/store';
import { RUN_FOCUS } from '../../../src/renderer/store/run-slice';
import { currentStepId, upsertRecord } from '../../../src/renderer/run/run-events';
import { plan, POOL1, POOL2 } from '../plan/scenarios';

const store = () => useAppStore.getState();
const RUN = 'run-1';
const SET_EDGE = 'reassignNextHop:edgepool1.contoso.com/set-edge-server';
const READ_BACK = 'reassignNextHop:edgepool1.contoso.com/read-back';
const failover = plan(demoDeployment(), [{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);

function record(id: string, status: StepStatus, extra: Partial<StepRecord> = {}): StepRecord {
  const finished = status !== 'running' ? { finishedAt: '2026-01-01T10:00:02.000Z', durationMs: 2000 } : {};
  return { id, title: id, kind: 'command', status, startedAt: '2026-01-01T10:00:00.000Z', attempts: 1, comments: [], by: 'admin', ...finished, ...extra };
}

function summary(extra: Partial<RunSummary> = {}): RunSummary {
  return {
    runId: RUN,
    mode: 'run',
    status: 'running',
    environment: 'Lab',
    operator: 'admin',
    startedAt: '2026-01-01T10:00:00.000Z',
    confirmedUpFront: false,
    plan: failover,
    steps: [],
    journalDir: '/data/runs/run-1',
    ...extra,
  };
}

const step = (r: StepRecord): RunEvent => ({ type: 'step', runId: RUN, record: r });
const statuses = () => Object.fromEntries(store().runView!.run.steps.map((s) => [s.id, s.status]));

beforeEach(() => {
  useAppStore.setState({ runView: null, runConsole: { kind: 'closed' }, runSyncs: 0, runBuffer: [], runStepShown: null, findingFocus: null });
});

describe('the run slice', () => {
  it('applies events of the run it shows, newest record per step', () => {
    store().beginRunSync();
    store().endRunSync(summary());
    store().receiveRunEvent({ type: 'command', runId: RUN, stepId: SET_EDGE, command: "Set-CsEdgeServer …   (on fe1)" });
    store().receiveRunEvent(step(record(SET_EDGE, 'running')));
    store().receiveRunEvent(step(record(SET_EDGE, 'succeeded')));
    store().receiveRunEvent(step(record(READ_BACK, 'running')));
    expect(statuses()).toEqual({ [SET_EDGE]: 'succeeded', [READ_BACK]: 'running' });
    expect(store().runView!.lastCommand).toEqual({ stepId: SET_EDGE, command: 'Set-CsEdgeServer …   (on fe1)' });
    expect(currentStepId(store().runView!.run)).toBe(READ_BACK);
  });

  it('keeps events that overtake the answer to run.start, and ends with the newest state', () => {
    store().beginRunSync();
    store().receiveRunEvent(step(record(SET_EDGE, 'running')));
    store().receiveRunEvent(step(record(SET_EDGE, 'succeeded')));
    expect(store().runView).toBeNull();
    // The answer was made when the step had only started.
    store().endRunSync(summary({ steps: [record(SET_EDGE, 'running')] }));
    expect(statuses()).toEqual({ [SET_EDGE]: 'succeeded' });
    expect(store().runBuffer).toEqual([]);
  });

  it('does not let an older copy of a record overtake a newer one, but a retry replaces a failure', () => {
    const failed = record(SET_EDGE, 'failed');
    expect(upsertRecord([failed], record(SET_EDGE, 'running'))).toEqual([failed]);
    const retry = record(SET_EDGE, 'running', { attempts: 2 });
    expect(upsertRecord([failed, record(READ_BACK, 'succeeded')], retry).map((r) => [r.id, r.status])).toEqual([
      [READ_BACK, 'succeeded'],
      [SET_EDGE, 'running'],
    ]);
    // Settled after an unknown outcome: same attempt, finished both times; the later word wins.
    expect(upsertRecord([record(SET_EDGE, 'unknown')], record(SET_EDGE, 'succeeded'))[0]!.status).toBe('succeeded');
  });

  it('says when an event belongs to a run it has not seen (a reload), and catches up from run.current', () => {
    expect(store().receiveRunEvent(step(record(SET_EDGE, 'succeeded')))).toBe('unknown-run');
    store().beginRunSync();
    store().receiveRunEvent(step(record(READ_BACK, 'running')));
    store().endRunSync(summary({ steps: [record(SET_EDGE, 'succeeded')], prompt: undefined }));
    expect(statuses()).toEqual({ [SET_EDGE]: 'succeeded', [READ_BACK]: 'running' });
  });

  it('shows a prompt, brings the console back to its step, and drops it once answered', () => {
    store().beginRunSync();
    store().endRunSync(summary());
    expect(store().runConsole.kind).toBe('closed');
    store().showRunStep(READ_BACK);
    store().receiveRunEvent({ type: 'prompt', runId: RUN, prompt: { kind: 'confirm', stepId: SET_EDGE, title: 'Make pool2 the next hop', command: 'Set-CsEdgeServer …' } });
    expect(store().runView!.run.prompt?.kind).toBe('confirm');
    expect(store().runConsole.kind).toBe('open');
    // The console shows the step the prompt is about, not the one picked before.
    expect(store().runStepShown).toBeNull();
    expect(currentStepId(store().runView!.run)).toBe(SET_EDGE);
    store().promptAnswered('some-other-step');
    expect(store().runView!.run.prompt).toBeDefined();
    store().promptAnswered(SET_EDGE);
    expect(store().runView!.run.prompt).toBeUndefined();
  });

  it('takes the end of a run with its discrepancies and the deployment after it, even of a run not seen before', () => {
    const after = { deployment: demoDeployment(), issues: [], positionsKey: 'lab-after' };
    const ended = summary({ status: 'completed', finishedAt: '2026-01-01T10:01:00.000Z', steps: [record(SET_EDGE, 'succeeded')] });
    const discrepancy = { severity: 'warning' as const, message: `${POOL1} is not failed over to ${POOL2}`, elementIds: [POOL1, POOL2] };
    expect(store().receiveRunEvent({ type: 'finished', runId: RUN, run: ended, after, discrepancies: [discrepancy] })).toBe('handled');
    expect(store().runView!.run.status).toBe('completed');
    expect(store().runView!.finished).toEqual({ discrepancies: [discrepancy], after });
    // A later catch-up with the same ended run keeps how it ended.
    store().beginRunSync();
    store().endRunSync(ended);
    expect(store().runView!.finished?.discrepancies).toHaveLength(1);
    // A resume runs it again: the old ending goes.
    store().beginRunSync();
    store().endRunSync({ ...ended, status: 'running' });
    expect(store().runView!.finished).toBeUndefined();
  });

  it('highlights a discrepancy’s elements on the graph, and closing the console takes the highlight away', () => {
    store().focusRunElements([POOL1, POOL2]);
    expect(store().findingFocus).toMatchObject({ index: RUN_FOCUS, elements: [POOL1, POOL2] });
    store().showRunConsole();
    store().closeRunConsole();
    expect(store().findingFocus).toBeNull();
    expect(store().runConsole.kind).toBe('closed');
  });

  it('opens the review in the mode asked for', () => {
    store().openRunReview('rehearsal');
    expect(store().runConsole).toEqual({ kind: 'review', mode: 'rehearsal' });
  });
});
