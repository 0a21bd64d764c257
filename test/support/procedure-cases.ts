/**
 * Every procedure (P0–P8) that applies to a deployment, on the pools and servers it has: the next
 * hop of each Edge pool moved to another registrar, each paired pool failed over and back, the CMS
 * failed over off its active pool, SIP federation moved to each Edge pool that does not carry it,
 * the first site's XMPP route moved to each Edge pool's first server, each Front End pool's media
 * Edge moved to another Edge pool, and each Persistent Chat pool with a backup store failed over
 * and back. Shared by the plans-agree test (plans from a discovery equal plans from the file) and
 * the runbook-execution test (the exported runbook of each, run in real pwsh).
 */
import { deriveRelations } from '../../src/shared/model/relations';
import type { Deployment, Pool } from '../../src/shared/model/types';
import type { DownComponent, ScenarioChange } from '../../src/shared/scenario/types';

export interface Case {
  name: string;
  changes: ScenarioChange[];
  down: DownComponent[];
  /** The deployment the case starts from, made from the one given (a pool failed over, Persistent Chat on its backup). */
  from?: (d: Deployment) => Deployment;
  /** Needs the data centre of each server of this Persistent Chat pool. */
  needsSites?: string;
}

const registrar = (p: Pool) => p.kind === 'FrontEnd' || p.kind === 'Director';

/** Every procedure that applies to the deployment, on the pools and servers it has. */
export function cases(d: Deployment): Case[] {
  const pools = d.topology.pools;
  const relations = deriveRelations(d);
  const edges = pools.filter((p) => p.kind === 'Edge');
  const out: Case[] = [];
  for (const edge of edges) {
    const hop = relations.find((r) => r.kind === 'edgeNextHop' && r.from === edge.fqdn)?.to;
    const other = pools.find((p) => registrar(p) && p.fqdn !== hop);
    if (other) out.push({ name: `P0 next hop of ${edge.fqdn} → ${other.fqdn}`, changes: [{ kind: 'reassignNextHop', edgePool: edge.fqdn, nextHop: other.fqdn }], down: [] });
  }
  for (const [pool, backup] of Object.entries(d.state.backupPools)) {
    out.push({ name: `P1 fail over ${pool}`, changes: [{ kind: 'failoverPool', pool }], down: [{ kind: 'pool', fqdn: pool }] });
    out.push({
      name: `P2 fail back ${pool}`,
      changes: [{ kind: 'failbackPool', pool }],
      down: [],
      from: (x) => ({ ...x, state: { ...x.state, failedOver: { [pool]: backup } } }),
    });
  }
  const cms = pools.find((p) => d.topology.services.some((s) => s.role === 'CentralMgmt' && s.poolFqdn === p.fqdn && s.cmsActive));
  if (cms) out.push({ name: `P1 CMS failover off ${cms.fqdn}`, changes: [{ kind: 'failoverCms' }], down: [{ kind: 'pool', fqdn: cms.fqdn }] });
  for (const edge of edges) {
    if (!d.state.sipFederationRoutes?.includes(edge.fqdn)) out.push({ name: `SIP federation → ${edge.fqdn}`, changes: [{ kind: 'moveSipFederation', edgePool: edge.fqdn }], down: [] });
    out.push({ name: `XMPP route of ${d.topology.sites[0]!.id} → ${edge.machines[0]}`, changes: [{ kind: 'moveXmppRoute', siteId: d.topology.sites[0]!.id, edgeServer: edge.machines[0]! }], down: [] });
  }
  for (const fe of pools.filter((p) => p.kind === 'FrontEnd')) {
    const media = relations.find((r) => r.kind === 'mediaEdge' && r.from === fe.fqdn)?.to;
    const other = edges.find((e) => e.fqdn !== media);
    if (other) out.push({ name: `media Edge of ${fe.fqdn} → ${other.fqdn}`, changes: [{ kind: 'changeMediaEdge', pool: fe.fqdn, edgePool: other.fqdn }], down: [] });
  }
  const siteOfInstance = (id: string | undefined) => pools.find((p) => p.sqlInstances.includes(id ?? ''))?.siteId;
  for (const chat of pools.filter((p) => p.kind === 'PersistentChat' && p.backEnd?.backup)) {
    const serversIn = (site: string | undefined) => chat.machines.filter((m) => (chat.machineSites?.[m] ?? chat.siteId) === site);
    const primaryStores = [chat.backEnd!.primary, chat.backEnd!.mirror].filter((i): i is string => i !== undefined);
    out.push({
      name: `P7 fail over ${chat.fqdn}`,
      changes: [{ kind: 'failoverPersistentChat', pool: chat.fqdn, activeServers: serversIn(siteOfInstance(chat.backEnd!.backup)) }],
      down: primaryStores.map((instanceId) => ({ kind: 'sqlStore', instanceId })),
      needsSites: chat.fqdn,
    });
    out.push({
      name: `P8 fail back ${chat.fqdn}`,
      changes: [{ kind: 'failbackPersistentChat', pool: chat.fqdn, activeServers: serversIn(siteOfInstance(chat.backEnd!.primary)) }],
      down: [],
      from: (x) => ({ ...x, state: { ...x.state, persistentChat: { ...x.state.persistentChat, [chat.fqdn]: { poolState: 'FailedOver', activeServers: [] } } } }),
      needsSites: chat.fqdn,
    });
  }
  return out;
}
