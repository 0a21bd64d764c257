/**
 * `poolpilot run` unattended: a change that fails prints, besides the failure, the step as a
 * command to run on the server yourself and the check to run after it — and the run still aborts
 * (nothing at the terminal can say it was done; `resume --by-hand` does, after). A failed check has
 * nothing to run by hand.
 */
import { describe, expect, it } from 'vitest';
import { unattended } from '../../../src/cli/commands/run';
import { byHandRun } from '../../../src/main/run/engine';
import { planSteps } from '../../../src/main/run/plan-steps';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { JournalOutcome } from '../../../src/shared/run/types';

const EDGE = 'edgepool1.contoso.com';
const plan = buildPlan(demoDeployment(), { down: [], changes: [{ kind: 'reassignNextHop', edgePool: EDGE, nextHop: 'pool2.contoso.com' }], applied: 1 });
const [set, readBack] = planSteps(plan);
const failed: JournalOutcome = { status: 'failed', results: [], errors: [{ message: 'Access is denied.' }], warnings: [], verbose: [] };

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('the unattended CLI on a failed change', () => {
  it('prints the command to run by hand, where, and the check; and aborts', async () => {
    const { io, out, err } = cli();
    const choice = await unattended(io, { ackManual: false, skipUnmetWaits: false }).onFailure(set!, failed, 'Access is denied.', byHandRun(set!, readBack));
    expect(choice).toEqual({ action: 'abort' });
    expect(err.join('')).toBe(`poolpilot: run: ${set!.id} failed: Access is denied.\n`);
    expect(out.join('')).toBe(
      [
        '  to run it on the server yourself, on any Skype for Business Server Management Shell:',
        `  PS> Set-CsEdgeServer -Identity 'EdgeServer:${EDGE}' -Registrar 'Registrar:pool2.contoso.com'`,
        '  then check that it took effect:',
        `  PS> Get-CsService -Identity 'EdgeServer:${EDGE}'`,
        '  then resume with --by-hand',
        '',
      ].join('\n'),
    );
  });

  it('offers nothing to run by hand for a failed check', async () => {
    const { io, out } = cli();
    expect(byHandRun(readBack!, undefined)).toBeUndefined();
    expect(await unattended(io, { ackManual: false, skipUnmetWaits: false }).onFailure(readBack!, failed, 'does not hold', undefined)).toEqual({ action: 'abort' });
    expect(out).toEqual([]);
  });
});
