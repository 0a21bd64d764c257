/**
 * The lab's state file: a PoolPilot snapshot, so everything that reads snapshots (the app,
 * `poolpilot inspect`, `poolpilot check`) reads a lab run too. The deployment is the lab's current
 * one — a failed-over pool shows as a failedOverTo relation through state.failedOver — what the
 * disaster took is the snapshot's scenario (down components, no changes), and `jobs` is the log of
 * the jobs run, in order: {cmdlet, parameters, whatIf, at} (+ target, error where they apply).
 */
import { z } from 'zod';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, type Snapshot } from '../shared/snapshot/snapshot';
import { scenarioSchema } from '../shared/scenario/schema';
import type { LabConditions } from './conditions';
import { createLab, type LabJobEntry, type LabState } from './state-machine';

export function labSnapshot(state: LabState, takenAt: string): Snapshot {
  const source = state.deployment.source;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt,
    deployment: {
      ...state.deployment,
      source: source.kind === 'lab' ? source : { kind: 'lab', name: `Lab: ${source.name}` },
    },
    scenario: { down: state.conditions.down, changes: [], applied: 0 },
    jobs: state.jobs,
  };
}

const jobEntrySchema = z.object({
  cmdlet: z.string(),
  parameters: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null(), z.literal(true)])),
  whatIf: z.boolean(),
  at: z.string(),
  target: z.string().optional(),
  error: z.string().optional(),
});

/**
 * The lab as a state file left it: its deployment, log and down components. `conditions` sets the
 * rest (and replaces the down components when it names some: the file's are kept otherwise).
 */
export function labFromSnapshot(snapshot: Snapshot, conditions: Partial<LabConditions> = {}, fileName = 'lab state'): LabState {
  const jobs = z.array(jobEntrySchema).safeParse(snapshot.jobs ?? []);
  if (!jobs.success) {
    const issue = jobs.error.issues[0]!;
    throw new SnapshotError(`${fileName}: the job log is not valid: jobs.${issue.path.join('.')}: ${issue.message}`, { fileName, field: `jobs` });
  }
  let down = conditions.down;
  if (down === undefined && snapshot.scenario !== undefined) {
    const scenario = scenarioSchema.safeParse(snapshot.scenario);
    if (!scenario.success) throw new SnapshotError(`${fileName}: the lab's down components are not valid: ${scenario.error.issues[0]!.message}`, { fileName, field: 'scenario' });
    down = scenario.data.down;
  }
  return createLab(snapshot.deployment, { ...conditions, ...(down ? { down } : {}) }, jobs.data as LabJobEntry[]);
}
