/**
 * Seeded small deployments in every shape discovery must carry back: several sites, Standard and
 * Enterprise Front End pools, mirrored Back Ends, Directors as Edge next hops, media Edge pools in
 * another site, backup pairs, the CMS active on one pool, and Persistent Chat pools with mirror,
 * backup and backup-mirror stores. Built as models in the form the importer gives (what a topology
 * document says, plus the state the read cmdlets report), since no public document shows mirrors
 * or Persistent Chat backup stores (topology-xml.md). The same seed gives the same deployment.
 */
import type { Deployment, Pool, Service, Site, SqlInstance } from '../../src/shared/model/types';
import { seededRandom } from './seeded-random';

const DOMAIN = 'fabrikam.com';
const fqdn = (host: string) => `${host}.${DOMAIN}`;

class Builder {
  readonly pools: Pool[] = [];
  readonly sqlInstances: SqlInstance[] = [];
  readonly services: Service[] = [];

  pool(p: Pick<Pool, 'fqdn' | 'siteId' | 'kind' | 'machines'> & Partial<Pool>): Pool {
    const pool: Pool = { sqlInstances: [], roles: [], ...(p.kind !== 'SqlBackEnd' ? { version: 'SfB2015' } : {}), ...p };
    this.pools.push(pool);
    return pool;
  }

  instance(pool: Pool, name: string): string {
    // As the importer names it: SQL Server instance names are case-insensitive; '' is the default instance.
    const id = name ? `${pool.fqdn}\\${name.toLowerCase()}` : pool.fqdn;
    pool.sqlInstances.push(id);
    this.sqlInstances.push({ id, poolFqdn: pool.fqdn, name });
    return id;
  }

  sqlPool(host: string, siteId: string, name: string): string {
    return this.instance(this.pool({ fqdn: fqdn(host), siteId, kind: 'SqlBackEnd', machines: [fqdn(host)] }), name);
  }

  service(poolFqdn: string, role: string, dependsOn: string[], extra: Partial<Service> = {}): string {
    const id = `${role}:${poolFqdn}`;
    this.services.push({ id, role, poolFqdn, dependsOn, ...extra });
    const pool = this.pools.find((p) => p.fqdn === poolFqdn)!;
    if (!pool.roles.includes(role)) pool.roles.push(role);
    return id;
  }

  store(instanceId: string, role: string): string {
    const poolFqdn = this.sqlInstances.find((i) => i.id === instanceId)!.poolFqdn;
    return this.service(poolFqdn, role, [], { sqlInstanceId: instanceId });
  }
}

export function generatedDeployment(seed: number): Deployment {
  const rnd = seededRandom(seed);
  const chance = (p: number) => rnd() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const b = new Builder();
  const siteCount = 1 + Math.floor(rnd() * 3);
  const sites: Site[] = Array.from({ length: siteCount }, (_, i) => ({
    id: `Site${i + 1}`,
    name: `Site${i + 1}`,
    number: i + 1,
    kind: 'central' as const,
    ...(chance(0.5) ? { city: pick(['Oslo', 'Lyon', 'Perth']) } : {}),
  }));

  let n = 0;
  const frontEnds: Pool[][] = [];
  const edges: Pool[] = [];
  const registrars: Pool[][] = [];
  for (const site of sites) {
    const s = site.number;
    const here: Pool[] = [];
    for (let k = 0, count = 1 + Math.floor(rnd() * 2); k < count; k++) {
      n++;
      const standard = chance(0.2);
      const machines = standard ? [fqdn(`se${n}`)] : Array.from({ length: 2 + Math.floor(rnd() * 2) }, (_, m) => fqdn(`fe${n}${m + 1}`));
      const pool = b.pool({ fqdn: standard ? machines[0]! : fqdn(`pool${n}`), siteId: site.id, kind: 'FrontEnd', edition: standard ? 'Standard' : 'Enterprise', machines });
      // A Standard Edition server holds its own store; an Enterprise pool a SQL pool, mirrored or not.
      const primary = standard ? b.instance(pool, 'rtclocal') : b.sqlPool(`sql${n}a`, site.id, pick(['rtc', 'RTC', '']));
      const mirror = !standard && chance(0.6) ? b.sqlPool(`sql${n}b`, site.id, pick(['rtc', 'mirror'])) : undefined;
      pool.backEnd = { primary, ...(mirror ? { mirror } : {}) };
      here.push(pool);
    }
    frontEnds.push(here);
    const director = chance(0.4) ? b.pool({ fqdn: fqdn(`dir${s}`), siteId: site.id, kind: 'Director', machines: [fqdn(`dir${s}1`), fqdn(`dir${s}2`)] }) : undefined;
    registrars.push(director ? [...here, director] : here);
    edges.push(b.pool({ fqdn: fqdn(`edgepool${s}`), siteId: site.id, kind: 'Edge', machines: Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, m) => fqdn(`edge${s}${m + 1}`)) }));
  }

  // Services: each Front End's stores, then its roles (the media Edge is its site's, or another site's).
  const allFrontEnds = frontEnds.flat();
  for (const pool of allFrontEnds) {
    const primary = pool.backEnd!.primary!;
    const store = (role: string) => b.store(primary, role);
    const user = store('UserStore');
    const app = store('ApplicationStore');
    const cmsStore = store('CentralMgmtStore');
    const siteIndex = sites.findIndex((s) => s.id === pool.siteId);
    const mediaEdge = `EdgeServer:${(chance(0.25) ? pick(edges) : edges[siteIndex]!).fqdn}`;
    const on = (role: string) => `${role}:${pool.fqdn}`;
    b.service(pool.fqdn, 'UserServices', [user]);
    b.service(pool.fqdn, 'Registrar', [on('UserServices'), on('WebServices'), mediaEdge], { isDirector: false });
    b.service(pool.fqdn, 'WebServices', [on('UserServices')]);
    b.service(pool.fqdn, 'ConfServices', [on('WebServices'), on('UserServices'), mediaEdge]);
    b.service(pool.fqdn, 'ApplicationServer', [on('Registrar'), app]);
    b.service(pool.fqdn, 'CentralMgmt', [cmsStore], { cmsActive: pool === allFrontEnds[0] });
  }
  for (const [i, site] of registrars.entries()) {
    const director = site.find((p) => p.kind === 'Director');
    if (director) b.service(director.fqdn, 'Registrar', [], { isDirector: true });
    // The next hop: the site's Director when it has one (half the time), else its first Front End pool.
    const hop = director && chance(0.5) ? director : site[0]!;
    b.service(edges[i]!.fqdn, 'EdgeServer', [`Registrar:${hop.fqdn}`]);
  }

  // Pairs: each Front End pool with the pool at its place in the next site (or its neighbour in a one-site deployment).
  const backupPools: Record<string, string> = {};
  const pairOf = (a: Pool, c: Pool) => {
    backupPools[a.fqdn] = c.fqdn;
    backupPools[c.fqdn] = a.fqdn;
  };
  if (siteCount > 1) frontEnds[0]!.forEach((p, k) => frontEnds[1]![k] && pairOf(p, frontEnds[1]![k]!));
  else if (frontEnds[0]!.length > 1) pairOf(frontEnds[0]![0]!, frontEnds[0]![1]!);

  const persistentChat: Deployment['state']['persistentChat'] = {};
  if (chance(0.7)) {
    const site = sites[0]!;
    const backupSite = sites[siteCount - 1]!;
    const servers = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, m) => fqdn(`chat${m + 1}`));
    const primary = b.sqlPool('chatsqla', site.id, 'pchat');
    const mirror = chance(0.5) ? b.sqlPool('chatsqlb', site.id, 'pchat') : undefined;
    const backup = chance(0.7) ? b.sqlPool('chatsqlc', backupSite.id, 'pchat') : undefined;
    const backupMirror = backup && chance(0.5) ? b.sqlPool('chatsqld', backupSite.id, 'pchat') : undefined;
    const chat = b.pool({
      fqdn: fqdn('chatpool'),
      siteId: site.id,
      kind: 'PersistentChat',
      machines: servers,
      backEnd: { primary, ...(mirror ? { mirror } : {}), ...(backup ? { backup } : {}), ...(backupMirror ? { backupMirror } : {}) },
      // Stretched across the data centres, as Persistent Chat disaster recovery expects: the later servers beside the backup store.
      ...(backup && backupSite !== site && servers.length > 1 ? { machineSites: Object.fromEntries(servers.slice(Math.ceil(servers.length / 2)).map((m) => [m, backupSite.id])) } : {}),
    });
    b.service(chat.fqdn, 'PersistentChatServer', [b.store(primary, 'PersistentChatStore'), `Registrar:${allFrontEnds[0]!.fqdn}`]);
    persistentChat[chat.fqdn] = { poolState: 'Normal', activeServers: servers.slice(0, 1) };
  }

  const backupSync = Object.fromEntries(Object.keys(backupPools).map((p) => [p, { lastSync: '2026-12-01T07:55:00.000Z', state: 'SteadyState' }]));
  const xmppRoutes: Record<string, string> = chance(0.5) ? { [sites[0]!.id]: edges[0]!.machines[0]! } : {};
  return {
    topology: { sites, pools: b.pools, sqlInstances: b.sqlInstances, services: b.services, defaultDomain: DOMAIN },
    state: { backupPools, sipFederationRoutes: [pick(edges).fqdn], xmppRoutes, persistentChat, failedOver: {}, backupSync },
    source: { kind: 'synthetic', name: `generated #${seed}` },
  };
}
