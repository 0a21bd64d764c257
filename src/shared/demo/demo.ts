/**
 * The built-in demo: the deployment the procedures use as their example (failover-procedures.md).
 * Datacenter1 (site Site1) holds Pool1, EdgePool1 and the Persistent Chat pool; Datacenter2 (site
 * Site2) holds Pool2 and EdgePool2. Pool1 and Pool2 back each other up; the CMS is active on Pool1
 * and standby on Pool2.
 *
 * Built as a model, not as XML: mirrors and Persistent Chat stores are not seen in any public
 * topology document, so there is no encoding of them to write. The site ids are the names cmdlets
 * use in the procedures (`Set-CsSite Site1 …`); the data-centre names are what the map shows.
 */
import type { Deployment, Pool, Service, Site, SqlInstance } from '../model/types';

const DOMAIN = 'contoso.com';
const fqdn = (host: string) => `${host}.${DOMAIN}`;
/** A SQL instance id: `<server FQDN>\<instance>`. */
const instance = (server: string, name: string) => `${server}\\${name}`;
/** The demo's pairs are healthy: the Backup Service finished a sync this long before the demo opened. */
const SYNC_AGE_MS = 5 * 60_000;

/**
 * The procedures' example deployment, as of `now` (the Backup Service last synchronised five minutes
 * earlier, so a failover in the demo does not warn of lost data). Tests pass a fixed time.
 */
export function demoDeployment(now: Date = new Date()): Deployment {
  const LAST_SYNC = new Date(now.getTime() - SYNC_AGE_MS).toISOString();
  const sites: Site[] = [
    { id: 'Site1', name: 'Datacenter1', number: 1, kind: 'central', city: 'Redmond', state: 'WA', countryCode: 'US' },
    { id: 'Site2', name: 'Datacenter2', number: 2, kind: 'central', city: 'Dublin', countryCode: 'IE' },
  ];
  const b = new DemoBuilder();

  for (const n of [1, 2]) {
    const site = `Site${n}`;
    const pool = fqdn(`pool${n}`);
    const edge = fqdn(`edgepool${n}`);
    const sql = fqdn(`sql${n}a`);
    const machines = n === 1 ? ['fe01', 'fe02'] : ['fe03', 'fe04'];
    const backEnd = { primary: instance(sql, 'rtc'), mirror: instance(fqdn(`sql${n}b`), 'rtc') };
    b.pool({ fqdn: pool, siteId: site, kind: 'FrontEnd', edition: 'Enterprise', machines: machines.map(fqdn), backEnd });
    b.pool({ fqdn: edge, siteId: site, kind: 'Edge', machines: [fqdn(`edgeserver${n}`)] });
    b.sqlPool(sql, site, 'rtc', ['UserStore', 'ApplicationStore', 'CentralMgmtStore']);
    b.sqlPool(fqdn(`sql${n}b`), site, 'rtc', []);

    const on = (role: string, at: string) => `${role}:${at}`;
    const store = (role: string) => on(role, sql);
    const mediaEdge = on('EdgeServer', edge);
    b.service(pool, 'UserServices', [store('UserStore')]);
    b.service(pool, 'Registrar', [on('UserServices', pool), on('WebServices', pool), mediaEdge], { isDirector: false });
    b.service(pool, 'WebServices', [on('UserServices', pool)]);
    b.service(pool, 'ConfServices', [on('WebServices', pool), on('UserServices', pool), mediaEdge]);
    b.service(pool, 'MediationServer', [on('Registrar', pool), mediaEdge]);
    b.service(pool, 'ApplicationServer', [on('Registrar', pool), store('ApplicationStore')]);
    b.service(pool, 'CentralMgmt', [store('CentralMgmtStore')], { cmsActive: n === 1 });
    b.service(edge, 'EdgeServer', [on('Registrar', pool)]);
  }

  // Persistent Chat: primary and mirror SQL stores in Datacenter1, the log-shipping backup (and
  // the mirror it gets on failover, P7 step 6) in Datacenter2.
  const chat = fqdn('pchat1');
  const chatStores = ['PersistentChatStore', 'PersistentChatComplianceStore'];
  // A stretched pool, as Persistent Chat disaster recovery expects: two servers in each data centre,
  // those in Datacenter1 active (P7 step 7 makes the Datacenter2 ones active on failover).
  const chatServers = ['pchatsrv1', 'pchatsrv2', 'pchatsrv3', 'pchatsrv4'].map(fqdn);
  const [primary, mirror, backup, backupMirror] = ['pchatsql1a', 'pchatsql1b', 'pchatsql2a', 'pchatsql2b'].map(fqdn);
  b.pool({
    fqdn: chat,
    siteId: 'Site1',
    kind: 'PersistentChat',
    machines: chatServers,
    machineSites: { [chatServers[2]!]: 'Site2', [chatServers[3]!]: 'Site2' },
    backEnd: {
      primary: instance(primary!, 'pchat'),
      mirror: instance(mirror!, 'pchat'),
      backup: instance(backup!, 'pchat'),
      backupMirror: instance(backupMirror!, 'pchat'),
    },
  });
  b.sqlPool(primary!, 'Site1', 'pchat', chatStores);
  b.sqlPool(mirror!, 'Site1', 'pchat', []);
  b.sqlPool(backup!, 'Site2', 'pchat', []);
  b.sqlPool(backupMirror!, 'Site2', 'pchat', []);
  b.service(chat, 'PersistentChatServer', [...chatStores.map((role) => `${role}:${primary}`), `Registrar:${fqdn('pool1')}`]);

  const pool1 = fqdn('pool1');
  const pool2 = fqdn('pool2');
  return {
    topology: { sites, pools: b.pools, sqlInstances: b.sqlInstances, services: b.services, defaultDomain: DOMAIN },
    state: {
      backupPools: { [pool1]: pool2, [pool2]: pool1 },
      sipFederationRoutes: [fqdn('edgepool1')],
      xmppRoutes: { Site1: fqdn('edgeserver1') },
      persistentChat: { [chat]: { poolState: 'Normal', activeServers: chatServers.slice(0, 2) } },
      failedOver: {},
      backupSync: {
        [pool1]: { lastSync: LAST_SYNC, state: 'SteadyState' },
        [pool2]: { lastSync: LAST_SYNC, state: 'SteadyState' },
      },
    },
    source: { kind: 'demo', name: 'Built-in demo deployment' },
  };
}

/** Collects pools, SQL instances and services, keeping each pool's roles and instances in step. */
class DemoBuilder {
  readonly pools: Pool[] = [];
  readonly sqlInstances: SqlInstance[] = [];
  readonly services: Service[] = [];

  pool(p: Omit<Pool, 'sqlInstances' | 'roles'> & Partial<Pick<Pool, 'sqlInstances'>>): void {
    const kindRunsSetup = p.kind !== 'SqlBackEnd';
    this.pools.push({ sqlInstances: [], roles: [], ...(kindRunsSetup ? { version: 'SfB2015' } : {}), ...p });
  }

  /** A one-server SQL pool holding instance `name`, with the given store services installed on it. */
  sqlPool(host: string, siteId: string, name: string, stores: string[]): void {
    const id = instance(host, name);
    this.pool({ fqdn: host, siteId, kind: 'SqlBackEnd', machines: [host], sqlInstances: [id] });
    this.sqlInstances.push({ id, poolFqdn: host, name });
    for (const role of stores) this.service(host, role, [], { sqlInstanceId: id });
  }

  service(poolFqdn: string, role: string, dependsOn: string[], extra: Partial<Service> = {}): void {
    this.services.push({ id: `${role}:${poolFqdn}`, role, poolFqdn, dependsOn, ...extra });
    const pool = this.pools.find((p) => p.fqdn === poolFqdn)!;
    if (!pool.roles.includes(role)) pool.roles.push(role);
  }
}
