/**
 * What every runbook export says the same way: step numbers, where a step runs, what kind of step
 * it is. Kept in one place so the printed runbook, the HTML page and the `.ps1` agree.
 */
import type { Finding } from '../rules/types';
import type { RunOn, Step } from '../plan/types';
import { formatMinutes } from '../plan/durations';

/** `2.4` for a section's step, `2.4.a.1` inside branch a of decision 2.4. */
export function stepNumber(parent: string, index: number): string {
  return `${parent}.${index + 1}`;
}

export function branchNumber(decision: string, index: number): string {
  return `${decision}.${String.fromCharCode(97 + (index % 26))}`;
}

export function runOnText(r: RunOn): string {
  switch (r.on) {
    case 'any':
      return 'the Management Shell (any server, or a remote session)';
    case 'frontEnd':
      return `a Front End server of ${r.pool}${r.servers.length > 0 ? ` (${r.servers.join(', ')})` : ''}`;
    case 'frontEndServer':
      return `the Front End server ${r.server} (pool ${r.pool})`;
    case 'edgeServer':
      return `the Edge server ${r.server} (pool ${r.pool}), at its console`;
    case 'sqlInstance':
      return `the SQL Server instance ${r.instance}`;
  }
}

/** The servers a step may run on (empty: anywhere), for the `.ps1`'s "am I on the right server" test. */
export function runOnServers(r: RunOn): string[] {
  switch (r.on) {
    case 'any':
      return [];
    case 'frontEnd':
      return r.servers;
    case 'frontEndServer':
    case 'edgeServer':
    case 'sqlInstance':
      return [r.server];
  }
}

export function kindText(step: Step): string {
  switch (step.kind) {
    case 'command':
      return step.effect === 'changes' ? `command, changes the deployment${step.whatIf ? ' (supports -WhatIf)' : ''}` : 'command, read-only';
    case 'check':
      return 'check';
    case 'decision':
      return 'decision';
    case 'manual':
      return `manual: ${step.tool}`;
    case 'wait':
      return 'wait';
  }
}

export function stepSummary(step: Step): string {
  return `${step.procedure} · ${kindText(step)} · ${formatMinutes(step.estimate)}`;
}

export const SEVERITY_WORDS: Record<Finding['severity'], string> = { blocker: 'Blocker', warning: 'Warning', info: 'Note' };
