/**
 * How long steps take, in minutes. Microsoft states targets for the two long ones: a pool failover
 * within 15–20 minutes, and a failback of up to 60 minutes for a pool of 20,000 users. The rest are
 * what the steps take an admin who has the tools open: enough to plan a maintenance window by, not
 * a promise.
 */
import type { Minutes, Step } from './types';

export const DURATIONS = {
  /** A read-only cmdlet and a look at its output. */
  read: { min: 1, max: 2 },
  /** A Set-Cs* cmdlet. */
  setting: { min: 1, max: 3 },
  /** Microsoft's target for a pool failover (Invoke-CsPoolFailover). */
  poolFailover: { min: 15, max: 20 },
  /** Microsoft: failback takes minutes, up to 60 for a pool of 20,000 users; the pool size is not known here. */
  poolFailback: { min: 10, max: 60 },
  /** Invoke-CsManagementServerFailover: the CMS databases and services move. */
  cmsFailover: { min: 5, max: 15 },
  /** Install-CsDatabase -CentralManagementDatabase. */
  cmsInstall: { min: 10, max: 20 },
  /** Move-CsManagementServer, which also exports and imports the configuration. */
  cmsMove: { min: 10, max: 30 },
  /** Bootstrapper /Setup on one server. */
  bootstrapper: { min: 10, max: 20 },
  /** One change in Topology Builder. */
  topologyEdit: { min: 3, max: 10 },
  /** Publishing the topology. */
  topologyPublish: { min: 2, max: 10 },
  /** Replication of a published change to every replica (the Edge servers included). */
  replication: { min: 1, max: 15 },
  /** Deployment Wizard "Run Again" on one Edge server. */
  deploymentWizard: { min: 10, max: 20 },
  /** Stopping or starting the services of one server. */
  services: { min: 2, max: 5 },
  /** One external DNS record (the TTL decides when the world sees it). */
  dnsRecord: { min: 5, max: 15 },
  /** A port test from outside the perimeter. */
  portCheck: { min: 5, max: 15 },
  /** One SQL Server Management Studio action on the Persistent Chat database. */
  sqlAction: { min: 5, max: 15 },
  /** Copying and restoring the log backups not yet applied: depends on how far log shipping lagged. */
  logRestore: { min: 10, max: 60 },
  /** Backing up and restoring the whole `mgc` database. */
  databaseCopy: { min: 15, max: 60 },
  /** Setting up SQL Server mirroring or log shipping. */
  sqlSetup: { min: 15, max: 30 },
} as const satisfies Record<string, Minutes>;

export function sum(estimates: readonly Minutes[]): Minutes {
  let min = 0;
  let max = 0;
  for (const e of estimates) {
    min += e.min;
    max += e.max;
  }
  return { min, max };
}

/** A list of steps; a decision takes as long as its own command plus its shortest or longest branch. */
export function estimateSteps(steps: readonly Step[]): Minutes {
  return sum(steps.map(estimateStep));
}

function estimateStep(step: Step): Minutes {
  if (step.kind !== 'decision') return step.estimate;
  const branches = step.branches.map((b) => estimateSteps(b.steps));
  const min = Math.min(...branches.map((b) => b.min));
  const max = Math.max(...branches.map((b) => b.max));
  return { min: step.estimate.min + min, max: step.estimate.max + max };
}

/** `15–20 min`, or `1 h 5 min – 2 h` for long ones. */
export function formatMinutes(e: Minutes): string {
  const one = (m: number) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 === 0 ? '' : ` ${m % 60} min`}`);
  if (e.min === e.max) return one(e.min);
  return e.max < 60 ? `${e.min}–${e.max} min` : `${one(e.min)} – ${one(e.max)}`;
}
