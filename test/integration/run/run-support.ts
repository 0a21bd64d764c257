/**
 * What the run tests share: the demo's plans, the engine driven with scripted callbacks over a lab
 * session (recording what a person at the console would see), the lab shells this process has
 * started, and the lab's job log read back.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { executeRun, newJournal, type FailureChoice, type JobRunner, type RunCallbacks } from '../../../src/main/run/engine';
import { labDown } from '../../../src/main/run/connect';
import type { ManualRun } from '../../../src/main/powershell/fallback';
import { readJournal, type Journal, type JournalOutcome, type StepRecord } from '../../../src/main/run/journal';
import type { LabJobEntry } from '../../../src/lab/state-machine';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { Plan, Step } from '../../../src/shared/plan/types';
import type { DownComponent, ScenarioChange } from '../../../src/shared/scenario/types';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';

export const POOL1 = 'pool1.contoso.com';
export const POOL2 = 'pool2.contoso.com';
export const EDGE1 = 'edgepool1.contoso.com';
export const EDGE_SERVER2 = 'edgeserver2.contoso.com';

/** The plan steps of the demo's pool1 failover (P0, the CMS, P1), by what they do. */
export const STEP = {
  setNextHop: `reassignNextHop:${EDGE1}/set-edge-server`,
  nextHopReadBack: `reassignNextHop:${EDGE1}/read-back`,
  cmsBackupPool: 'failoverCms/cms-backup-pool',
  /** A read (Get-CsManagementStoreReplicationStatus) that a decision, not a check, follows. */
  cmsStatus: 'failoverCms/cms-status',
  failoverCms: 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms',
  failoverPool: `failoverPool:${POOL1}/failover`,
};

export function demoPlan(changes: ScenarioChange[], down: DownComponent[]): Plan {
  return buildPlan(demoDeployment(), { down, changes, applied: changes.length });
}

/** pool1 is lost: its Edge pool's next hop moves to pool2, then the CMS, then pool1's users (the README's demo). */
export const failoverPlan = () => demoPlan([{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);

export interface LabFile {
  deployment: ReturnType<typeof parseSnapshot>['deployment'];
  jobs: LabJobEntry[];
}

export async function readLab(statePath: string): Promise<LabFile> {
  const snapshot = parseSnapshot(await readFile(statePath, 'utf8'), statePath);
  return { deployment: snapshot.deployment, jobs: (snapshot.jobs ?? []) as LabJobEntry[] };
}

/** Jobs that change the deployment: not a read (Get-*), not a rehearsal. */
export const changes = (jobs: readonly LabJobEntry[]) => jobs.filter((j) => !j.whatIf && !j.cmdlet.startsWith('Get-'));

/** A failure as the person at the console saw it, with the journal on disk at that moment. */
export interface SeenFailure {
  step: string;
  outcome: JournalOutcome | undefined;
  detail: string;
  journal: Journal;
  /** The step as the person could run it by hand, when the run offered that. */
  byHand?: ManualRun;
}

export interface EngineRun {
  journal: Journal;
  /** Every record as it was when the engine reported it (records change in place afterwards). */
  records: StepRecord[];
  failures: SeenFailure[];
}

/**
 * Runs `plan` to the end with executeRun, confirmed up front, manual steps acknowledged, and
 * `onFailure` answering failures (abort when it returns undefined).
 */
export async function runEngine(
  dir: string,
  statePath: string,
  plan: Plan,
  jobs: JobRunner,
  onFailure: (failure: SeenFailure, step: Step) => FailureChoice | undefined | Promise<FailureChoice | undefined>,
  onCommand?: (step: Step) => void,
  mode: 'run' | 'rehearsal' = 'run',
): Promise<EngineRun> {
  await mkdir(dir, { recursive: true });
  const run: Omit<EngineRun, 'journal'> = { records: [], failures: [] };
  const callbacks: RunCallbacks = {
    onCommand: (step) => onCommand?.(step),
    onStep: (record) => void run.records.push(structuredClone(record)),
    confirm: async () => true,
    acknowledge: async () => ({ done: true, comment: 'done in the test' }),
    onFailure: async (step, outcome, detail, byHand) => {
      const seen = { step: step.id, outcome, detail, journal: await readJournal(dir), ...(byHand ? { byHand } : {}) };
      run.failures.push(seen);
      return (await onFailure(seen, step)) ?? { action: 'abort' };
    },
  };
  const journal = newJournal(plan, {
    mode,
    connection: { kind: 'lab', source: 'demo', statePath, down: plan.scenario.down.map(labDown), timeoutMs: 3_000 },
    confirmedUpFront: true,
  });
  return { ...run, journal: await executeRun({ dir, journal, jobs, callbacks, waitPollMs: 100, waitLimitMs: 500 }) };
}

/** The record a step ended with in the journal. */
export function record(journal: Journal, id: string): StepRecord {
  const found = journal.steps.find((s) => s.id === id);
  if (!found) throw new Error(`the journal has no record of ${id}: ${journal.steps.map((s) => s.id).join(', ')}`);
  return found;
}

/**
 * Process ids of the lab shells that are children of `parent` (this process by default), from
 * /proc: zombies count as gone.
 */
export async function labShells(parent = process.pid, marker = 'lab-shell'): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== parent || state === 'Z') continue;
      const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) pids.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return pids.sort((a, b) => a - b);
}

/** Whether process `pid` still runs (a zombie does not). */
export async function running(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Lab shells (live, not zombies) working on the state file `statePath`, whoever their parent is:
 * after the CLI is killed its lab is an orphan, which finishes the line it read and exits.
 */
export async function labShellsOn(statePath: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || !(await running(Number(name)))) continue;
    try {
      const [cmdline, environ] = await Promise.all([readFile(`/proc/${name}/cmdline`, 'utf8'), readFile(`/proc/${name}/environ`, 'utf8')]);
      if (cmdline.includes('lab-shell') && environ.split('\0').includes(`POOLPILOT_LAB_STATE=${statePath}`)) pids.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}
