/**
 * The offline collector loses nothing either: a collector file made of the lab's answers to the
 * queries collector.ps1 runs, in its order and with Windows PowerShell's ConvertTo-Json habits (a
 * one-item answer written as the item, a failed query as null), opened as the app opens it, gives
 * back the same deployment as a live discovery of the same lab — for every round-trip case.
 */
import { describe, expect, it } from 'vitest';
import { cmdletJob, type Job } from '../../../src/main/powershell/job';
import { openBytes } from '../../../src/main/services/open-source';
import { createLab, runJob } from '../../../src/lab/state-machine';
import type { Deployment } from '../../../src/shared/model/types';
import { describeDifference, firstDifference } from '../../support/first-difference';
import { comparable, roundTripCases, undiscoverable } from './round-trip-model';

/** ConvertTo-Json of `@(…)` in Windows PowerShell 5.1: a one-item array is written as the item. */
const asJson = (items: unknown[]) => (items.length === 1 ? items[0] : items);

/** What collector.ps1 writes for a deployment the lab serves. */
function collectorFile(d: Deployment): string {
  const lab = createLab(d);
  const ask = (job: Job): unknown[] => {
    const { answer } = runJob(lab, job, '2026-12-01T08:00:00Z');
    if (answer.error) throw new Error(answer.error.message);
    return answer.events.flatMap((e) => (e.type === 'result' ? [JSON.parse(JSON.stringify(e.data)) as unknown] : []));
  };
  const service = (role: string) => ask(cmdletJob('Get-CsService', {}, { switches: [role] }));
  const pools = ask(cmdletJob('Get-CsPool')) as { Fqdn: string; Services: string[] }[];
  // As the script picks them: pools with a User Server service.
  const frontEnds = pools.filter((p) => p.Services.some((s) => /^UserServ/i.test(s))).map((p) => p.Fqdn);
  const backups = frontEnds.map((p) => ask(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: p })));
  const paired = frontEnds.filter((_, i) => backups[i]!.length > 0);
  const chatPools = (service('PersistentChatServer') as { PoolFqdn: string }[]).map((s) => s.PoolFqdn);
  const results: Record<string, unknown> = {
    sites: asJson(ask(cmdletJob('Get-CsSite'))),
    pools: asJson(pools),
    userDatabases: asJson(service('UserDatabase')),
    backupRelationships: backups.flat(),
    cmsServices: asJson(service('CentralManagement')),
    cmsStatus: asJson(ask(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] }))),
    replicas: asJson(ask(cmdletJob('Get-CsManagementStoreReplicationStatus'))),
    chatStates: asJson(ask(cmdletJob('Get-CsPersistentChatState'))),
    ...(chatPools.length > 0 ? { chatDatabases: asJson(service('PersistentChatDatabase')) } : {}),
    chatActiveServers: chatPools.flatMap((p) => ask(cmdletJob('Get-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${p}` }))),
    edgeServices: asJson(service('EdgeServer')),
    backupStatuses: paired.map((p) => ({ poolFqdn: p, status: asJson(ask(cmdletJob('Get-CsBackupServiceStatus', { PoolFqdn: p }))) })),
  };
  const topologyXml = ask(cmdletJob('Get-CsTopology', {}, { switches: ['AsXml'] }))[0];
  return JSON.stringify({ format: 'poolpilot.collection', version: 1, takenAt: '2026-12-01T08:00:00.0000000Z', server: 'fe01', topologyXml, results, failed: [], localStore: [] });
}

describe('a collector file opened in the app gives back the deployment it was collected from', () => {
  for (const [name, deployment] of roundTripCases()) {
    it(name, () => {
      const opened = openBytes('collection.json', new TextEncoder().encode(`\uFEFF${collectorFile(deployment)}`));
      expect(opened.incomplete).toBeUndefined();
      expect(describeDifference(firstDifference(comparable(undiscoverable(deployment)), comparable(opened.deployment)))).toBe('no difference');
    });
  }
});
