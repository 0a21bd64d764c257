/**
 * Lab faults as the lab reads them (POOLPILOT_LAB_FAULTS, `@N` for the first N jobs of a cmdlet),
 * when they strike (counted in the lab's job log, so a new shell does not strike again), and as
 * `poolpilot run --lab-fault STEP:KIND[@N]` turns a plan step into one.
 */
import { describe, expect, it } from 'vitest';
import { labFault } from '../../../src/cli/commands/run';
import { UsageError } from '../../../src/cli/command';
import { parseLabConfig } from '../../../src/lab/config';
import { LabConfigError } from '../../../src/lab/conditions';
import { failedByFault, strikingFault } from '../../../src/lab/faults';
import { cmdletJob, parameterCheckJob } from '../../../src/main/powershell/job';
import { buildPlan } from '../../../src/shared/plan/planner';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { AT, EDGE1, Lab, POOL1, POOL2 } from './helpers';

const PS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'];
const faults = (spec: string) => parseLabConfig(PS, { POOLPILOT_LAB_FAULTS: spec }).faults;
const setNextHop = cmdletJob('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` });

describe('lab fault settings', () => {
  it('reads @N after the kind, before a message', () => {
    expect([...faults('Set-CsEdgeServer=hang@1; Invoke-CsPoolFailover=fail@2:The pool is busy; Get-CsSite=exit; Get-CsPool=stderr@3:late')]).toEqual([
      ['Set-CsEdgeServer', { kind: 'hang', times: 1 }],
      ['Invoke-CsPoolFailover', { kind: 'fail', message: 'The pool is busy', times: 2 }],
      ['Get-CsSite', { kind: 'exit' }],
      ['Get-CsPool', { kind: 'stderr', text: 'late', times: 3 }],
    ]);
    // A message may hold an @ of its own.
    expect(faults('Get-CsSite=fail:Ask admin@contoso.com').get('Get-CsSite')).toEqual({ kind: 'fail', message: 'Ask admin@contoso.com' });
  });

  it('refuses a count that strikes nothing, or is not a number', () => {
    expect(() => faults('Get-CsSite=fail@0')).toThrow(/@0 strikes no job/);
    expect(() => faults('Get-CsSite=fail@x')).toThrow(LabConfigError);
    expect(() => faults('Get-CsSite=fail@x')).toThrow(/optionally with @N/);
  });
});

describe('when a fault strikes', () => {
  it('strikes every job of its cmdlet without @N, and only that cmdlet\'s jobs', () => {
    const lab = new Lab();
    const always = faults('Set-CsEdgeServer=fail');
    lab.ok('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` });
    expect(strikingFault(always, lab.state, setNextHop)).toEqual({ kind: 'fail', message: 'Set-CsEdgeServer failed (lab fault).' });
    expect(strikingFault(always, lab.state, cmdletJob('Get-CsService', { Identity: `EdgeServer:${EDGE1}` }))).toBeUndefined();
    // A parameter check (Get-Command) is not a job of the cmdlet.
    expect(strikingFault(always, lab.state, parameterCheckJob('Set-CsEdgeServer'))).toBeUndefined();
  });

  it('with @N, strikes while the job log holds fewer than N jobs of the cmdlet (-WhatIf ones too)', () => {
    const lab = new Lab();
    const twice = faults('Set-CsEdgeServer=exit@2');
    expect(strikingFault(twice, lab.state, setNextHop)).toEqual({ kind: 'exit', times: 2 });
    lab.run('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` }, { whatIf: true });
    lab.ok('Get-CsService', { Identity: `EdgeServer:${EDGE1}` });
    expect(strikingFault(twice, lab.state, setNextHop)).toBeDefined();
    lab.ok('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` });
    expect(strikingFault(twice, lab.state, setNextHop)).toBeUndefined();
  });

  it('a failed job is logged with the fault\'s message and changes nothing, so fail@1 lets the retry through', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: POOL1 }] });
    const once = faults('Set-CsEdgeServer=fail@1:The topology is locked.');
    const fault = strikingFault(once, lab.state, setNextHop);
    expect(fault).toEqual({ kind: 'fail', message: 'The topology is locked.', times: 1 });
    const after = failedByFault(lab.state, setNextHop, 'The topology is locked.', AT);
    expect(after.deployment).toBe(lab.state.deployment);
    expect(after.jobs).toEqual([
      { cmdlet: 'Set-CsEdgeServer', parameters: { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` }, whatIf: false, at: AT, error: 'The topology is locked.' },
    ]);
    expect(strikingFault(once, after, setNextHop)).toBeUndefined();
  });
});

describe('poolpilot run --lab-fault STEP:KIND[@N]', () => {
  const plan = buildPlan(demoDeployment(), { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 });

  it('names the cmdlet of the step (ids hold colons), with the count', () => {
    expect(labFault(plan, `failoverPool:${POOL1}/failover:fail@1`)).toBe('Invoke-CsPoolFailover=fail@1');
    expect(labFault(plan, `reassignNextHop:${EDGE1}/set-edge-server:timeout@2`)).toBe('Set-CsEdgeServer=hang@2');
    expect(labFault(plan, 'Get-CsSite:die')).toBe('Get-CsSite=exit');
  });

  it('refuses another kind, a bad count, or a step that runs no cmdlet', () => {
    expect(() => labFault(plan, `failoverPool:${POOL1}/failover:crash`)).toThrow(UsageError);
    expect(() => labFault(plan, `failoverPool:${POOL1}/failover:fail@0`)).toThrow(/optionally with @N/);
    expect(() => labFault(plan, 'no-such-step:fail')).toThrow(/not a plan step that runs a cmdlet/);
  });
});
