/**
 * Discovery: runs the read cmdlets through a PowerShell session (a real deployment or the lab) and
 * turns their results into a Deployment. Each query reports its progress; a query that fails is
 * named in the result and discovery goes on with the rest, so the snapshot keeps what was found
 * and says what is missing. When the CMS does not answer, the cmdlets that can read the server's
 * local replica (-LocalStore) are asked again that way. A session that cannot run the first query
 * at all (no shell, no connection) is not a discovery: DiscoveryConnectionError, nothing to save.
 */
import { cmdletJob, describeJob, type Job } from '../powershell/job';
import type { JobOutcome } from '../powershell/records';
import type { DiscoveryResults } from '../../shared/discovery/read';
import type { DiscoveryQueryStatus } from '../../shared/discovery/events';
import { discoveredDeployment, discoveredSnapshot, type Discovered, type DiscoveryFailure } from '../../shared/discovery/build';
import { serializeSnapshot, type Snapshot } from '../../shared/snapshot/snapshot';
import type { TopologySource } from '../../shared/model/types';
import { writeFileAtomic } from '../services/atomic-write';

export type { DiscoveryFailure };

/** What runs a job: a PowerShellSession, or the lab in-process. */
export interface JobRunner {
  run(job: Job): Promise<JobOutcome>;
}

/** A query's status, with how many queries have finished and how many there are as far as is known yet. */
export interface DiscoveryProgress extends DiscoveryQueryStatus {
  done: number;
  /** Grows as the topology names the pools to ask about (and -LocalStore retries); never below `done`. */
  total: number;
}

export interface DiscoveryResult extends Discovered {
  /** Queries answered from the local replica because the CMS did not answer. */
  localStore: string[];
}

/** The session could not run the first query at all: nothing was read. */
export class DiscoveryConnectionError extends Error {
  override readonly name = 'DiscoveryConnectionError';
}

function failureText(o: JobOutcome): string {
  return o.errors.map((e) => e.message).join('; ') || o.reason || `outcome ${o.status}`;
}

/**
 * The topology, then sites, pools, User databases, CMS services, both replication statuses,
 * Persistent Chat state and Edge services: asked whatever the topology says.
 */
const FIXED_QUERIES = 9;

export async function discoverDeployment(
  runner: JobRunner,
  options: { source: TopologySource; onProgress?: (p: DiscoveryProgress) => void },
): Promise<DiscoveryResult> {
  const failed: DiscoveryFailure[] = [];
  const localStore: string[] = [];
  let done = 0;
  let total = FIXED_QUERIES;
  let first = true;
  const progress = (p: DiscoveryQueryStatus) => options.onProgress?.({ ...p, done, total });

  /** One query; with `local`, a failure is retried with -LocalStore. Undefined when it failed. */
  async function query(job: Job, local = false): Promise<unknown[] | undefined> {
    const name = describeJob(job);
    progress({ query: name, status: 'running' });
    const outcome = await runner.run(job);
    // A failed outcome with a reason never reached the cmdlet (records.ts): on the first query, that is the connection.
    if (first && outcome.status === 'failed' && outcome.reason !== undefined) throw new DiscoveryConnectionError(outcome.reason);
    first = false;
    done++;
    if (outcome.status === 'succeeded') {
      progress({ query: name, status: 'succeeded' });
      return outcome.results;
    }
    const message = failureText(outcome);
    progress({ query: name, status: 'failed', message });
    if (local) {
      total++;
      const retry = await query({ ...job, switches: [...job.switches, 'LocalStore'] });
      if (retry !== undefined) {
        localStore.push(name);
        // The failure is answered: the retry's own failure would have been recorded instead.
        return retry;
      }
      return undefined;
    }
    failed.push({ query: name, message });
    return undefined;
  }

  const xml = await query(cmdletJob('Get-CsTopology', {}, { switches: ['AsXml'] }), true);
  let topologyXml: string | undefined;
  if (xml !== undefined) {
    topologyXml = xml.find((r): r is string => typeof r === 'string');
    if (topologyXml === undefined) failed.push({ query: 'Get-CsTopology -AsXml', message: 'no XML text in the answer' });
  }
  // The pools to ask about come from the document (pure import; read again when the results are in).
  const topology = discoveredDeployment(topologyXml, {}, options.source).deployment.topology;
  const frontEnds = topology.pools.filter((p) => p.kind === 'FrontEnd');
  const chatPools = topology.pools.filter((p) => p.kind === 'PersistentChat');
  // Each Front End pool's pairing, and its Backup Service status when it has a partner.
  total += frontEnds.length * 2 + chatPools.length + (chatPools.length > 0 ? 1 : 0);

  const results: DiscoveryResults = {};
  const set = <K extends keyof DiscoveryResults>(key: K, value: unknown[] | undefined) => {
    if (value !== undefined) results[key] = value;
  };
  set('sites', await query(cmdletJob('Get-CsSite')));
  set('pools', await query(cmdletJob('Get-CsPool')));
  // Where each store is mirrored (and Persistent Chat's is log-shipped to): no topology document
  // that has been seen says so (topology-xml.md), the database services do.
  set('userDatabases', await query(cmdletJob('Get-CsService', {}, { switches: ['UserDatabase'] })));
  if (chatPools.length > 0) set('chatDatabases', await query(cmdletJob('Get-CsService', {}, { switches: ['PersistentChatDatabase'] })));
  const backups: unknown[] = [];
  const paired: string[] = [];
  for (const pool of frontEnds) {
    const found = (await query(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: pool.fqdn }), true)) ?? [];
    backups.push(...found);
    // An answer at all means a partner (its property names are not documented, so they are not read here).
    if (found.length > 0) paired.push(pool.fqdn);
    else total--;
  }
  results.backupRelationships = backups;
  set('cmsServices', await query(cmdletJob('Get-CsService', {}, { switches: ['CentralManagement'] })));
  set('cmsStatus', await query(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] })));
  set('replicas', await query(cmdletJob('Get-CsManagementStoreReplicationStatus')));
  set('chatStates', await query(cmdletJob('Get-CsPersistentChatState'), true));
  const active: unknown[] = [];
  for (const pool of chatPools) {
    active.push(...((await query(cmdletJob('Get-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${pool.fqdn}` }))) ?? []));
  }
  results.chatActiveServers = active;
  set('edgeServices', await query(cmdletJob('Get-CsService', {}, { switches: ['EdgeServer'] })));
  const statuses: unknown[] = [];
  for (const pool of paired) {
    const status = await query(cmdletJob('Get-CsBackupServiceStatus', { PoolFqdn: pool }));
    if (status !== undefined) statuses.push({ poolFqdn: pool, status });
  }
  results.backupStatuses = statuses;

  return { ...discoveredDeployment(topologyXml, results, options.source, failed), localStore };
}

/** Writes the snapshot atomically: the file holds the previous content or the whole new one. */
export async function saveDiscoverySnapshot(path: string, result: DiscoveryResult, takenAt = new Date().toISOString()): Promise<Snapshot> {
  const snapshot = discoveredSnapshot(result, takenAt);
  await writeFileAtomic(path, serializeSnapshot(snapshot));
  return snapshot;
}
