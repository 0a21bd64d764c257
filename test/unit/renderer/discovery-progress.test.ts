import { describe, expect, it } from 'vitest';
import type { DiscoveryEvent } from '../../../src/shared/discovery/events';
import { applyProgress, failedQueries, percentDone, startedRun, type DiscoveryRun } from '../../../src/renderer/discovery/progress';

type Progress = Extract<DiscoveryEvent, { type: 'progress' }>;
const progress = (query: string, status: 'running' | 'succeeded' | 'failed', done: number, total: number, message?: string): Progress => ({
  type: 'progress',
  discoveryId: 'd1',
  query: { query, status, ...(message ? { message } : {}) },
  done,
  total,
});

describe('a discovery’s progress in the window', () => {
  it('lists each query once, with its latest status, in the order they started', () => {
    let run: DiscoveryRun = { ...startedRun({ kind: 'lab' }), id: 'd1' };
    run = applyProgress(run, progress('Get-CsTopology -AsXml', 'running', 0, 10));
    run = applyProgress(run, progress('Get-CsTopology -AsXml', 'succeeded', 1, 10));
    run = applyProgress(run, progress('Get-CsSite', 'running', 1, 10));
    expect(run.queries).toEqual([
      { query: 'Get-CsTopology -AsXml', status: 'succeeded' },
      { query: 'Get-CsSite', status: 'running' },
    ]);
    expect(percentDone(run)).toBe(10);
  });

  it('keeps a failure, with its reason, beside the retry that followed it', () => {
    let run: DiscoveryRun = { ...startedRun({ kind: 'lab' }), id: 'd1' };
    run = applyProgress(run, progress('Get-CsPersistentChatState', 'running', 4, 10));
    run = applyProgress(run, progress('Get-CsPersistentChatState', 'failed', 5, 10, 'The CMS did not answer.'));
    run = applyProgress(run, progress('Get-CsPersistentChatState -LocalStore', 'running', 5, 11));
    run = applyProgress(run, progress('Get-CsPersistentChatState -LocalStore', 'succeeded', 6, 11));
    expect(failedQueries(run)).toEqual([{ query: 'Get-CsPersistentChatState', status: 'failed', message: 'The CMS did not answer.' }]);
    expect(run.queries).toHaveLength(2);
  });

  it('is at 100 % once finished, whatever the counts said, and at 0 before anything is known', () => {
    const run = startedRun({ kind: 'server', endpoint: 'pool1.contoso.com' });
    expect(percentDone(run)).toBe(0);
    expect(percentDone({ ...run, done: 3, total: 12, finished: true })).toBe(100);
  });
});
