import { describe, expect, it } from 'vitest';
import { formatRecord, outcomeOf, parseOutput, RECORD_PREFIX, type JobRecord } from '../../../src/main/powershell/records';

const lines = (...records: JobRecord[]) => records.map(formatRecord).join('\n');

describe('records', () => {
  it('are one ASCII line each and parse back, non-ASCII included', () => {
    const records: JobRecord[] = [
      { id: 'a1', type: 'result', data: { Identity: 'Site:Tōkyō', Pools: ['pool1.contoso.com'], n: 2, ok: true, none: null } },
      { id: 'a1', type: 'warning', message: 'Sync “behind” – 5 min' },
      { id: 'a1', type: 'verbose', message: 'What if: Performing the operation' },
      { id: 'a1', type: 'error', message: 'Nope', errorId: 'X,Y', category: 'InvalidOperation' },
      { id: 'a1', type: 'end' },
    ];
    const text = lines(...records);
    expect(text).toMatch(/^[\x20-\x7e\n]+$/);
    expect(parseOutput(text, 'a1')).toEqual({ records, host: [], malformed: [] });
  });

  it('keep the job\'s own records, apart from host text and leftovers of another job', () => {
    const stdout = [
      '\uFEFFWhat if: Performing the operation "Set-CsSite" on target "Site2".',
      formatRecord({ id: 'old', type: 'result', data: 'stale' }),
      formatRecord({ id: '', type: 'error', message: 'payload unreadable' }),
      `${RECORD_PREFIX}{"id":"a1","type":"result"`,
      `${RECORD_PREFIX}{"id":"a1","type":"shout"}`,
      formatRecord({ id: 'a1', type: 'result', data: 7 }),
      '',
    ].join('\r\n');
    const parsed = parseOutput(stdout, 'a1');
    expect(parsed.records).toEqual([
      { id: '', type: 'error', message: 'payload unreadable' },
      { id: 'a1', type: 'result', data: 7 },
    ]);
    expect(parsed.host).toEqual(['What if: Performing the operation "Set-CsSite" on target "Site2".']);
    expect(parsed.malformed).toHaveLength(2);
  });

  it('are found behind the cursor-key mode switches pwsh writes before reading a line', () => {
    const stdout = `\u001b[?1h\u001b[?1l${formatRecord({ id: 'a1', type: 'result', data: { PoolFqdn: 'pool1.contoso.com' } })}\n${formatRecord({ id: 'a1', type: 'end' })}\n`;
    expect(parseOutput(stdout, 'a1').records).toEqual([
      { id: 'a1', type: 'result', data: { PoolFqdn: 'pool1.contoso.com' } },
      { id: 'a1', type: 'end' },
    ]);
  });
});

describe('the outcome', () => {
  const outcome = (stdout: string, stderr = '') => outcomeOf(parseOutput(stdout, 'a1'), stderr, 5);

  it('is success when the script ended without an error record, whatever reached stderr', () => {
    const o = outcome(lines({ id: 'a1', type: 'result', data: { x: 1 } }, { id: 'a1', type: 'verbose', message: 'v' }, { id: 'a1', type: 'end' }), 'WARNING: something on stderr');
    expect(o).toMatchObject({ status: 'succeeded', results: [{ x: 1 }], verbose: ['v'], stderr: 'WARNING: something on stderr' });
  });

  it('is failure when the script reported an error, with its message', () => {
    const o = outcome(lines({ id: 'a1', type: 'error', message: 'The pool is busy.', errorId: 'LabFault' }, { id: 'a1', type: 'end' }));
    expect(o).toMatchObject({ status: 'failed', errors: [{ message: 'The pool is busy.', errorId: 'LabFault' }] });
  });

  it('is failure when the script never ran (nothing but stderr), and unknown when it stopped half-way', () => {
    expect(outcome('', 'PoolPilot lab: refused a line')).toMatchObject({ status: 'failed', reason: 'the job script did not run: PoolPilot lab: refused a line' });
    expect(outcome(lines({ id: 'a1', type: 'verbose', message: 'starting' }))).toMatchObject({ status: 'unknown', reason: expect.stringContaining('no end record') });
  });
});
