/**
 * A discovery's JobRunner over the lab's state machine, in memory: the same answers the lab
 * executable gives (each result through JSON, as the job records carry it), without a process per
 * topology, so a property test can discover many.
 */
import type { JobRunner } from '../../src/main/discovery/discover';
import type { Job } from '../../src/main/powershell/job';
import { outcomeOf, type JobOutcome } from '../../src/main/powershell/records';
import { answerRecords, createLab, runJob, type LabState } from '../../src/lab/state-machine';
import type { Deployment } from '../../src/shared/model/types';

export function labRunner(deployment: Deployment): JobRunner & { jobs: Job[] } {
  let state: LabState = createLab(deployment);
  const jobs: Job[] = [];
  return {
    jobs,
    async run(job: Job): Promise<JobOutcome> {
      jobs.push(job);
      const result = runJob(state, job, '2026-12-01T08:00:00Z');
      state = result.state;
      const records = answerRecords(result.answer, 'j').map((r) => JSON.parse(JSON.stringify(r)) as typeof r);
      return outcomeOf({ records, host: [], malformed: [] }, '', 0);
    },
  };
}
