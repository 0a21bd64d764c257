/**
 * A synthetic published topology of any size, shaped like the public samples repeated per site:
 * for load and layout tests and the import benchmark. Deterministic: the same `pools` gives the
 * same text.
 *
 * Per site (about 50 clusters each): one Edge pool (2 servers) whose next hop is the site's first
 * Front End pool; a Director pool in sites of 10 clusters or more; Enterprise Front End pools
 * (2–4 servers) each with its own SQL back end and the site's Edge pool for media; and a file share
 * when one cluster is left over. The CMS is on the first Front End pool of the first site.
 */
import { NS } from './raw';
import { netInterfaces, roleBody } from './synth-roles';

const SITE_SIZE = 50;
const DOMAIN = 'contoso.com';

/** Published-form XML (`Get-CsTopology -AsXml` shape) with exactly `pools` clusters. */
export function synthTopologyXml(pools: number): string {
  const count = Math.max(0, Math.floor(pools));
  const siteCount = Math.max(1, Math.ceil(count / SITE_SIZE));
  const doc: SynthDocument = { sites: [], clusters: [], sqlInstances: [], services: [] };
  for (let s = 0; s < siteCount; s++) {
    addSite(doc, s + 1, Math.floor(count / siteCount) + (s < count % siteCount ? 1 : 0));
  }
  return [
    `<Topology xmlns="${NS.topology}" Signature="00000000-0000-0000-0000-000000000000">`,
    `  <InternalDomains AllowAllDomains="false" DefaultDomain="${DOMAIN}">`,
    `    <InternalDomain Name="${DOMAIN}" Authoritative="false" AllowSubDomains="false" />`,
    '  </InternalDomains>',
    '  <Sites>',
    ...doc.sites,
    '  </Sites>',
    '  <Clusters>',
    ...doc.clusters,
    '  </Clusters>',
    '  <SqlInstances>',
    ...doc.sqlInstances,
    '  </SqlInstances>',
    '  <Services>',
    ...doc.services,
    '  </Services>',
    '</Topology>',
    '',
  ].join('\r\n');
}

interface SynthDocument {
  sites: string[];
  clusters: string[];
  sqlInstances: string[];
  services: string[];
}

/** `Instance` numbers are per role within a site. */
type ServiceRef = { role: string; instance: number };

interface ServiceSpec extends ServiceRef {
  site: number;
  pool: string;
  cluster: number;
  sqlInstance?: string;
  dependsOn: ServiceRef[];
  isDirector?: boolean;
}

function addSite(doc: SynthDocument, site: number, size: number): void {
  doc.sites.push(
    `    <CentralSite SiteId="${site}">`,
    `      <Name>Site${site}</Name>`,
    `      <Location City="City${site}" CountryCode="US" />`,
    '    </CentralSite>',
  );
  const edge = size >= 3;
  const director = size >= 10;
  const frontEnds = Math.floor((size - Number(edge) - Number(director)) / 2);
  const share = size - Number(edge) - Number(director) - 2 * frontEnds === 1;
  let number = 0;
  const service = (spec: Omit<ServiceSpec, 'site'>) => doc.services.push(serviceXml({ ...spec, site }));
  const mediaEdge: ServiceRef[] = edge ? [{ role: 'EdgeServer', instance: 1 }] : [];

  for (let k = 1; k <= frontEnds; k++) {
    const pool = `pool-s${site}-${k}.${DOMAIN}`;
    const fe = ++number;
    const machines = Array.from({ length: 2 + ((k - 1) % 3) }, (_, m) => `fe-s${site}-${k}-${m + 1}.${DOMAIN}`);
    addCluster(doc, site, fe, pool, 'frontEnd', machines);
    const sqlFqdn = `sql-s${site}-${k}.${DOMAIN}`;
    const sql = ++number;
    addCluster(doc, site, sql, sqlFqdn, 'other', [sqlFqdn]);
    doc.sqlInstances.push(
      '    <SqlInstance>',
      '      <SqlInstanceId Name="rtc">',
      `        <ClusterId SiteId="${site}" Number="${sql}" />`,
      '      </SqlInstanceId>',
      '    </SqlInstance>',
    );
    const onSql = { pool: sqlFqdn, cluster: sql, sqlInstance: 'rtc', dependsOn: [] };
    const onFe = { pool, cluster: fe, instance: k };
    const own = (role: string): ServiceRef => ({ role, instance: k });
    service({ ...onSql, role: 'UserStore', instance: k });
    service({ ...onSql, role: 'ApplicationStore', instance: k });
    service({ ...onFe, role: 'UserServices', dependsOn: [own('UserStore'), own('ConfServices')] });
    service({ ...onFe, role: 'Registrar', dependsOn: [own('UserServices'), own('WebServices'), ...mediaEdge] });
    service({ ...onFe, role: 'WebServices', dependsOn: [own('UserServices')] });
    service({ ...onFe, role: 'ConfServices', dependsOn: [own('WebServices'), own('UserServices'), ...mediaEdge] });
    service({ ...onFe, role: 'MediationServer', dependsOn: [own('Registrar'), ...mediaEdge] });
    service({ ...onFe, role: 'ApplicationServer', dependsOn: [own('Registrar'), own('ApplicationStore')] });
    if (site === 1 && k === 1) {
      service({ ...onSql, role: 'CentralMgmtStore', instance: 1 });
      service({ ...onFe, role: 'CentralMgmt', instance: 1, dependsOn: [{ role: 'CentralMgmtStore', instance: 1 }] });
    }
  }
  if (edge) {
    const pool = `edgepool-s${site}.${DOMAIN}`;
    const cluster = ++number;
    addCluster(doc, site, cluster, pool, 'edge', [1, 2].map((m) => `edge-s${site}-${m}.${DOMAIN}`));
    const nextHop = frontEnds > 0 ? [{ role: 'Registrar', instance: 1 }] : [];
    service({ pool, cluster, role: 'EdgeServer', instance: 1, dependsOn: nextHop });
    service({ pool, cluster, role: 'ManagementServices', instance: 1, dependsOn: [] });
  }
  if (director) {
    const pool = `dirpool-s${site}.${DOMAIN}`;
    const cluster = ++number;
    const instance = frontEnds + 1;
    addCluster(doc, site, cluster, pool, 'frontEnd', [1, 2].map((m) => `dir-s${site}-${m}.${DOMAIN}`));
    service({ pool, cluster, role: 'Registrar', instance, isDirector: true, dependsOn: [{ role: 'WebServices', instance }] });
    service({ pool, cluster, role: 'WebServices', instance, dependsOn: [] });
  }
  if (share) {
    const pool = `fs-s${site}.${DOMAIN}`;
    const cluster = ++number;
    addCluster(doc, site, cluster, pool, 'other', [pool]);
    service({ pool, cluster, role: 'FileStore', instance: 1, dependsOn: [] });
  }
}

function addCluster(doc: SynthDocument, site: number, number: number, fqdn: string, kind: 'frontEnd' | 'edge' | 'other', machines: string[]): void {
  const setup = kind !== 'other';
  doc.clusters.push(
    `    <Cluster RequiresReplication="${setup}" RequiresSetup="${setup}" Fqdn="${fqdn}">`,
    `      <ClusterId SiteId="${site}" Number="${number}" />`,
    ...machines.flatMap((m, i) => [
      `      <Machine OrdinalInCluster="${i + 1}" Fqdn="${m}" FaultDomain="${m}" UpgradeDomain="${m}">`,
      ...netInterfaces(kind),
      '      </Machine>',
    ]),
    '    </Cluster>',
  );
}

function serviceXml(s: ServiceSpec): string {
  const id = (r: ServiceRef) => `<ServiceId SiteId="${s.site}" RoleName="${r.role}" Instance="${r.instance}" />`;
  const clusterId = `<ClusterId SiteId="${s.site}" Number="${s.cluster}" />`;
  const installedOn = s.sqlInstance === undefined ? clusterId : `<SqlInstanceId Name="${s.sqlInstance}">${clusterId}</SqlInstanceId>`;
  const dependsOn =
    s.dependsOn.length === 0
      ? ['      <DependsOn />']
      : ['      <DependsOn>', ...s.dependsOn.map((d) => `        <Dependency Usage="Default">${id(d)}</Dependency>`), '      </DependsOn>'];
  return [
    '    <Service RoleVersion="1" ServiceVersion="7">',
    `      ${id(s)}`,
    ...dependsOn,
    `      <InstalledOn>${installedOn}</InstalledOn>`,
    ...roleBody(s.role, s.pool, s.isDirector === true),
    '    </Service>',
  ].join('\r\n');
}
