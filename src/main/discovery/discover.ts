/**
 * Discovery: runs the read cmdlets through a PowerShell session (a real deployment or the lab) and
 * turns their results into a Deployment. Each query reports its progress; a query that fails is
 * named in the result and discovery goes on with the rest, so the snapshot keeps what was found
 * and says what is missing. When the CMS does not answer, the cmdlets that can read the server's
 * local replica (-LocalStore) are asked again that way.
 */
import { cmdletJob, describeJob, type Job } from '../powershell/job';
import type { JobOutcome } from '../powershell/records';
import type { DiscoveryResults } from '../../shared/discovery/read';
import { discoveredDeployment, discoveredSnapshot, type Discovered, type DiscoveryFailure } from '../../shared/discovery/build';
import { serializeSnapshot, type Snapshot } from '../../shared/snapshot/snapshot';
import type { TopologySource } from '../../shared/model/types';
import { writeFileAtomic } from '../services/atomic-write';

export type { DiscoveryFailure };

/** What runs a job: a PowerShellSession. */
export interface JobRunner {
  run(job: Job): Promise<JobOutcome>;
}

export interface DiscoveryProgress {
  /** The query as one line (`Get-CsSite`, `Get-CsPoolBackupRelationship -PoolFqdn "pool1…"`). */
  query: string;
  status: 'running' | 'succeeded' | 'failed';
  /** Why it failed. */
  message?: string;
}

export interface DiscoveryResult extends Discovered {
  /** Queries answered from the local replica because the CMS did not answer. */
  localStore: string[];
}

function failureText(o: JobOutcome): string {
  return o.errors.map((e) => e.message).join('; ') || o.reason || `outcome ${o.status}`;
}

export async function discoverDeployment(
  runner: JobRunner,
  options: { source: TopologySource; onProgress?: (p: DiscoveryProgress) => void },
): Promise<DiscoveryResult> {
  const failed: DiscoveryFailure[] = [];
  const localStore: string[] = [];
  const progress = (p: DiscoveryProgress) => options.onProgress?.(p);

  /** One query; with `local`, a failure is retried with -LocalStore. Undefined when it failed. */
  async function query(job: Job, local = false): Promise<unknown[] | undefined> {
    const name = describeJob(job);
    progress({ query: name, status: 'running' });
    const outcome = await runner.run(job);
    if (outcome.status === 'succeeded') {
      progress({ query: name, status: 'succeeded' });
      return outcome.results;
    }
    const message = failureText(outcome);
    progress({ query: name, status: 'failed', message });
    if (local) {
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

  const results: DiscoveryResults = {};
  const set = <K extends keyof DiscoveryResults>(key: K, value: unknown[] | undefined) => {
    if (value !== undefined) results[key] = value;
  };
  set('sites', await query(cmdletJob('Get-CsSite')));
  set('pools', await query(cmdletJob('Get-CsPool')));
  const backups: unknown[] = [];
  for (const pool of topology.pools.filter((p) => p.kind === 'FrontEnd')) {
    backups.push(...((await query(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: pool.fqdn }), true)) ?? []));
  }
  results.backupRelationships = backups;
  set('cmsServices', await query(cmdletJob('Get-CsService', {}, { switches: ['CentralManagement'] })));
  set('cmsStatus', await query(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] })));
  set('replicas', await query(cmdletJob('Get-CsManagementStoreReplicationStatus')));
  set('chatStates', await query(cmdletJob('Get-CsPersistentChatState'), true));
  const active: unknown[] = [];
  for (const pool of topology.pools.filter((p) => p.kind === 'PersistentChat')) {
    active.push(...((await query(cmdletJob('Get-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${pool.fqdn}` }))) ?? []));
  }
  results.chatActiveServers = active;
  set('edgeServices', await query(cmdletJob('Get-CsService', {}, { switches: ['EdgeServer'] })));

  return { ...discoveredDeployment(topologyXml, results, options.source, failed), localStore };
}

/** Writes the snapshot atomically: the file holds the previous content or the whole new one. */
export async function saveDiscoverySnapshot(path: string, result: DiscoveryResult, takenAt = new Date().toISOString()): Promise<Snapshot> {
  const snapshot = discoveredSnapshot(result, takenAt);
  await writeFileAtomic(path, serializeSnapshot(snapshot));
  return snapshot;
}
