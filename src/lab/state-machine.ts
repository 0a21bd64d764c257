/**
 * The lab: a simulated deployment that answers the jobs the PowerShell session sends, as a real
 * deployment would. Pure: a LabState goes in with a job, a new LabState and the answer come out.
 * The executable (lab-shell.ts) puts it behind node-powershell's stdin protocol, so tests exercise
 * the whole path — session, job script line, payload, records, timeouts — against it.
 *
 * The state is the deployment (who serves whose users, where the CMS is active, next hops, routes,
 * Persistent Chat) plus the conditions (what is down) and the log of the jobs run, in order. What
 * only the log knows (which Windows services were stopped) is read back from it.
 */
import type { Deployment } from '../shared/model/types';
import { ScenarioView } from '../shared/scenario/view';
import { topologyIndex } from '../shared/scenario/indexes';
import { cmdletSpec, type AllowedCmdlet, type Job, type ParameterValue } from '../main/powershell/job';
import type { ErrorDetail, JobRecord } from '../main/powershell/records';
import type { PayloadCredential } from '../main/powershell/payload';
import { HANDLERS, LabCmdletError, whatIfMessage, windowsServices, windowsServiceServer, type CmdletContext, type LabEvent } from './cmdlets';
import { defaultConditions, type LabConditions } from './conditions';
import { accessDenied, credentialAccepted } from './credential';

/** One job the lab ran, as the state file logs it. */
export interface LabJobEntry {
  cmdlet: string;
  /** Named values, and `true` for each switch. */
  parameters: Record<string, ParameterValue | true>;
  whatIf: boolean;
  /** ISO time. */
  at: string;
  /** The server it ran on, when it was sent to one. */
  target?: string;
  /** The error it stopped with. */
  error?: string;
}

export interface LabState {
  deployment: Deployment;
  conditions: LabConditions;
  jobs: LabJobEntry[];
  /** The server the session connected to (not saved: a new shell connects again). */
  connected?: string;
}

/** What the lab answered: the cmdlet's output and messages, then its error if it failed. */
export interface LabAnswer {
  events: LabEvent[];
  error?: ErrorDetail;
}

export function createLab(deployment: Deployment, conditions: Partial<LabConditions> = {}, jobs: LabJobEntry[] = []): LabState {
  return { deployment, conditions: { ...defaultConditions(), ...conditions }, jobs };
}

const COMMON_PARAMETERS = [
  'Verbose',
  'Debug',
  'ErrorAction',
  'WarningAction',
  'InformationAction',
  'ErrorVariable',
  'WarningVariable',
  'InformationVariable',
  'OutVariable',
  'OutBuffer',
  'PipelineVariable',
];

/** Parameters the lab's cmdlets leave out, per spelling (cmdlets.md's conflicts). */
function missingBySpelling(conditions: LabConditions, cmdlet: AllowedCmdlet): string[] {
  const { xmppRoute, cmsMirror } = conditions.spelling;
  if (cmdlet === 'Set-CsSite') return xmppRoute === 'both' ? [] : [xmppRoute === 'reference' ? 'XmppExternalFederationRoute' : 'XmppFederationRoute'];
  if (cmdlet === 'Invoke-CsManagementServerFailover') {
    if (cmsMirror === 'both') return [];
    return cmsMirror === 'reference' ? ['MirrorSqlServerFqdn', 'MirrorSqlInstanceName'] : ['BackupMirrorSqlServerFqdn', 'BackupMirrorSqlInstanceName'];
  }
  return [];
}

/** What `(Get-Command <cmdlet>).Parameters.Keys` lists in the lab. */
export function labParameters(conditions: LabConditions, cmdlet: AllowedCmdlet): string[] {
  const spec = cmdletSpec(cmdlet);
  const missing = missingBySpelling(conditions, cmdlet);
  return [...Object.keys(spec.parameters), ...spec.switches, ...COMMON_PARAMETERS, ...(spec.whatIf ? ['WhatIf', 'Confirm'] : [])].filter((p) => !missing.includes(p));
}

/** Windows services stopped per server: the last Stop-/Start-CsWindowsService that succeeded for each. */
export function stoppedServices(jobs: readonly LabJobEntry[], deployment: Deployment): Map<string, Set<string>> {
  const { poolOfMachine } = topologyIndex(deployment.topology);
  const stopped = new Map<string, Set<string>>();
  for (const entry of jobs) {
    if (entry.error !== undefined || entry.whatIf) continue;
    if (entry.cmdlet !== 'Stop-CsWindowsService' && entry.cmdlet !== 'Start-CsWindowsService') continue;
    const named = entry.parameters.ComputerName;
    const server = typeof named === 'string' ? named.toLowerCase() : entry.target;
    const pool = server === undefined ? undefined : poolOfMachine.get(server);
    if (!server || !pool) continue;
    const name = entry.parameters.Name;
    const set = stopped.get(server) ?? new Set<string>();
    const names = typeof name === 'string' ? [name.toUpperCase()] : windowsServices(pool.kind);
    for (const n of names) {
      if (entry.cmdlet === 'Stop-CsWindowsService') set.add(n);
      else set.delete(n);
    }
    stopped.set(server, set);
  }
  return stopped;
}

/** The error Invoke-Command / New-PSSession stops with when WinRM cannot reach a server. */
function unreachableError(server: string, opening: boolean): ErrorDetail {
  return {
    message:
      `Connecting to remote server ${server} failed with the following error message : WinRM cannot complete the operation. ` +
      'Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall ' +
      'exception for the WinRM service is enabled and allows access from this computer. By default, the WinRM firewall exception ' +
      'for public profiles limits access to remote computers within the same local subnet. For more information, see the ' +
      'about_Remote_Troubleshooting Help topic.',
    errorId: opening ? 'CannotConnect,PSSessionOpenFailed' : 'CannotConnect,PSSessionStateBroken',
    category: 'OpenError',
  };
}

/** The server a name reaches: a server itself, or the first server of a pool (DNS load balancing), if it is up and reachable. */
function reach(state: LabState, view: ScenarioView, name: string): string | undefined {
  const fqdn = name.toLowerCase();
  const pool = view.poolOfMachine.get(fqdn) ?? view.pools.get(fqdn);
  if (!pool) return undefined;
  const servers = pool.machines.includes(fqdn) ? [fqdn] : pool.machines;
  const up = (s: string) => !view.poolDown(pool.fqdn) && !state.conditions.unreachable.includes(s);
  return servers.find(up);
}

function targetError(state: LabState, target: string, server: string | undefined, credential: PayloadCredential | undefined): ErrorDetail | undefined {
  if (server === undefined) return unreachableError(target, false);
  if (!credentialAccepted(state.conditions.credential, credential)) return accessDenied(target, false);
  return undefined;
}

/** What Invoke-Command -ComputerName says before it runs anything on `target`: why it cannot, or nothing. */
export function reachTarget(state: LabState, target: string, credential?: PayloadCredential): ErrorDetail | undefined {
  const view = new ScenarioView(state.deployment, state.conditions.down);
  return targetError(state, target, reach(state, view, target), credential);
}

function logEntry(job: Job, at: string, error: ErrorDetail | undefined): LabJobEntry {
  const parameters: Record<string, ParameterValue | true> =
    job.kind === 'parameters' ? { Name: job.cmdlet } : { ...job.parameters, ...Object.fromEntries(job.switches.map((s) => [s, true] as const)) };
  return {
    cmdlet: job.kind === 'parameters' ? 'Get-Command' : job.cmdlet,
    parameters,
    whatIf: job.whatIf,
    at,
    ...(job.target !== undefined ? { target: job.target.toLowerCase() } : {}),
    ...(error ? { error: error.message } : {}),
  };
}

function bindingError(cmdlet: string, name: string): ErrorDetail {
  return { message: `A parameter cannot be found that matches parameter name '${name}'.`, errorId: `NamedParameterNotFound,${cmdlet}`, category: 'InvalidArgument' };
}

/**
 * Runs one job. Never throws for what a cmdlet would refuse: that is an error in the answer.
 * `credential`: what came with the job (the session sends it with jobs for a server, for Invoke-Command).
 */
export function runJob(state: LabState, job: Job, at: string, credential?: PayloadCredential): { state: LabState; answer: LabAnswer } {
  const view = new ScenarioView(state.deployment, state.conditions.down);
  const answer: LabAnswer = { events: [] };
  let deployment = state.deployment;
  let server = state.connected;
  if (job.target !== undefined) {
    server = reach(state, view, job.target);
    answer.error = targetError(state, job.target, server, credential);
  }
  if (!answer.error && job.kind === 'parameters') {
    answer.events.push({ type: 'result', data: labParameters(state.conditions, job.cmdlet) });
  } else if (!answer.error) {
    const known = labParameters(state.conditions, job.cmdlet);
    const unknown = [...Object.keys(job.parameters), ...job.switches].find((p) => !known.includes(p));
    if (unknown !== undefined) answer.error = bindingError(job.cmdlet, unknown);
    else {
      const c: CmdletContext = {
        deployment,
        view,
        conditions: state.conditions,
        job,
        server,
        stopped: stoppedServices(state.jobs, state.deployment),
        events: answer.events,
      };
      try {
        if (job.whatIf) answer.events.push({ type: 'verbose', message: whatIfMessage(c) });
        else deployment = HANDLERS[job.cmdlet](c) ?? deployment;
      } catch (err) {
        if (!(err instanceof LabCmdletError)) throw err;
        answer.error = { message: err.message, errorId: err.errorId, category: err.category };
      }
    }
  }
  const entry = logEntry(job.target !== undefined && server !== undefined ? { ...job, target: server } : job, at, answer.error);
  // The server Stop-/Start-CsWindowsService acted on is the one the log must name for the fold.
  if (job.kind === 'cmdlet' && job.cmdlet.endsWith('-CsWindowsService') && entry.target === undefined) {
    const acted = windowsServiceServer(job, server);
    if (acted !== undefined) entry.target = acted;
  }
  return { state: { ...state, deployment: answer.error ? state.deployment : deployment, jobs: [...state.jobs, entry] }, answer };
}

/** Opens the management session to a Front End (pool or server): New-PSSession's semantics. */
export function connect(state: LabState, endpoint: string, credential?: PayloadCredential): { state: LabState; answer: LabAnswer } {
  const view = new ScenarioView(state.deployment, state.conditions.down);
  const fqdn = endpoint.toLowerCase();
  const pool = view.poolOfMachine.get(fqdn) ?? view.pools.get(fqdn);
  const server = pool && (pool.kind === 'FrontEnd' || pool.kind === 'Director') ? reach(state, view, fqdn) : undefined;
  if (server === undefined) return { state, answer: { events: [], error: unreachableError(endpoint, true) } };
  if (!credentialAccepted(state.conditions.credential, credential)) return { state, answer: { events: [], error: accessDenied(endpoint, true) } };
  return { state: { ...state, connected: server }, answer: { events: [{ type: 'result', data: { endpoint: fqdn } }] } };
}

/** The answer as the job script's records, ending with `end`. */
export function answerRecords(answer: LabAnswer, id: string): JobRecord[] {
  const records: JobRecord[] = answer.events.map((e) => ({ id, ...e }));
  if (answer.error) records.push({ id, type: 'error', ...answer.error });
  records.push({ id, type: 'end' });
  return records;
}
