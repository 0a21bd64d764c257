/**
 * Discovery as the app runs it: one at a time, in the background, reporting each query as a
 * 'discovery.event' and ending with the snapshot it kept in the data folder, opened. The lab is
 * seeded from the deployment the window shows (written as a snapshot into a folder of its own, the
 * lab's source and state, removed afterwards); a server is reached over a PowerShell session to its
 * management endpoint. A session that cannot connect ends the discovery with the error and keeps
 * nothing; a query that fails is named, and the snapshot is kept marked incomplete.
 *
 * No Electron imports: what runs the jobs (`openJobs`) and where events go (`emit`) are handed in.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emit } from '../../shared/ipc/events';
import type { DiscoveryEvent } from '../../shared/discovery/events';
import { demoDeployment } from '../../shared/demo/demo';
import type { Deployment, TopologySource } from '../../shared/model/types';
import type { RunEnvironment } from '../../shared/run/types';
import { discoveredSnapshot } from '../../shared/discovery/build';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, serializeSnapshot } from '../../shared/snapshot/snapshot';
import { writeFileAtomic } from '../services/atomic-write';
import { openFile } from '../services/open-source';
import type { SnapshotStore } from '../services/snapshot-store';
import type { RunConnection } from '../run/journal';
import { LAB_TIMEOUT_MS } from '../run/connect';
import { discoverDeployment, type JobRunner } from './discover';

/** What runs a discovery's jobs, closed when it ends: a PowerShell session, or the lab in this process. */
export type DiscoveryJobs = JobRunner & { dispose(): Promise<void> };
export type OpenJobs = (connection: RunConnection) => DiscoveryJobs;

export interface DiscoveryServiceOptions {
  /** Where discoveries are kept. */
  store: SnapshotStore;
  emit: Emit;
  openJobs: OpenJobs;
  /** Where a lab discovery's folder is made (default: the system's temporary folder). */
  workRoot?: string;
  now?: () => Date;
}

/** How a discovery names its source: the snapshot list and the file name show it. */
function sourceOf(environment: RunEnvironment): TopologySource {
  return { kind: 'discovery', name: environment.kind === 'lab' ? 'Lab' : `Live: ${environment.endpoint.toLowerCase()}` };
}

const where = (environment: RunEnvironment) => (environment.kind === 'lab' ? 'the lab' : environment.endpoint.toLowerCase());

export class DiscoveryService {
  private running = false;

  constructor(private readonly options: DiscoveryServiceOptions) {}

  /** Starts a discovery and returns its id at once; refused while another one runs. */
  start(environment: RunEnvironment, deployment?: Deployment): { discoveryId: string } {
    if (this.running) throw new Error('A discovery is already running: wait for it to finish before starting another.');
    const discoveryId = randomUUID();
    this.running = true;
    void this.discover(discoveryId, environment, deployment);
    return { discoveryId };
  }

  private async discover(discoveryId: string, environment: RunEnvironment, deployment: Deployment | undefined): Promise<void> {
    const { emit, store, now = () => new Date() } = this.options;
    const source = sourceOf(environment);
    let finished: DiscoveryEvent;
    let workDir: string | undefined;
    try {
      let connection: RunConnection;
      if (environment.kind === 'lab') {
        workDir = await mkdtemp(join(this.options.workRoot ?? tmpdir(), 'poolpilot-discovery-'));
        connection = await labConnection(workDir, deployment ?? demoDeployment(now()), now());
      } else {
        connection = { kind: 'server', endpoint: environment.endpoint.toLowerCase() };
      }
      const jobs = this.options.openJobs(connection);
      let result;
      try {
        result = await discoverDeployment(jobs, {
          source,
          onProgress: ({ done, total, ...query }) => emit('discovery.event', { type: 'progress', discoveryId, query, done, total }),
        });
      } finally {
        await jobs.dispose();
      }
      const snapshot = discoveredSnapshot(result, now().toISOString());
      const snapshotPath = await store.save(snapshot);
      const opened = await openFile(snapshotPath);
      finished = {
        type: 'finished',
        discoveryId,
        // What discovery noticed while reading (a stale replica, what it cannot see) beside what the file says.
        result: { ...opened, issues: [...opened.issues, ...result.issues], snapshotPath, ...(snapshot.incomplete ? { incomplete: snapshot.incomplete.reasons } : {}) },
      };
    } catch (err) {
      finished = { type: 'finished', discoveryId, error: `Discovery from ${where(environment)} failed: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      if (workDir !== undefined) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
      this.running = false;
    }
    emit('discovery.event', finished);
  }
}

/**
 * The lab seeded from `deployment`: its source written as a snapshot into the discovery's folder,
 * its state beside it, the session connected to a Front End pool as an admin's would be.
 */
async function labConnection(workDir: string, deployment: Deployment, at: Date): Promise<RunConnection> {
  const source = join(workDir, 'seed.poolpilot');
  await writeFileAtomic(source, serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: at.toISOString(), deployment }));
  const frontEnd = deployment.topology.pools.find((p) => p.kind === 'FrontEnd')?.fqdn;
  return {
    kind: 'lab',
    source,
    statePath: join(workDir, 'lab-state.poolpilot'),
    down: [],
    ...(frontEnd !== undefined ? { endpoint: frontEnd } : {}),
    timeoutMs: LAB_TIMEOUT_MS,
  };
}
