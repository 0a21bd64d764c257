/**
 * The lab's `Get-CsTopology -AsXml`: the deployment's topology as a published-form document
 * (topology-xml.md), with what the cmdlets changed in it — next hops, media Edge associations, the
 * active CMS. Only what PoolPilot's importer reads is written (sites, clusters and machines, SQL
 * instances with their AlwaysOn primary, services with their dependencies and role settings), so importing it gives back the
 * same pools, services and relations. Ports and role details are left out.
 */
import type { Deployment, Pool } from '../shared/model/types';
import { NS } from '../shared/topology/raw';

const SERVICE_VERSION: Record<string, string> = { Lync2010: '5', Lync2013: '6', SfB2015: '7', SfB2019: '8' };
/** Pools whose servers run setup and keep a CMS replica (not SQL servers, shares, gateways). */
const SETUP_KINDS: ReadonlySet<Pool['kind']> = new Set(['FrontEnd', 'Director', 'Edge', 'PersistentChat', 'Mediation', 'OfficeOnline']);

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function topologyXml(d: Deployment): string {
  const t = d.topology;
  const siteNumber = new Map(t.sites.map((s) => [s.id, s.number]));
  const clusterId = new Map<string, string>();
  const perSite = new Map<number, number>();
  for (const pool of t.pools) {
    const site = siteNumber.get(pool.siteId) ?? 0;
    const number = (perSite.get(site) ?? 0) + 1;
    perSite.set(site, number);
    clusterId.set(pool.fqdn, `<ClusterId SiteId="${site}" Number="${number}" />`);
  }
  const instanceRef = new Map(
    t.sqlInstances.map((i) => [i.id, `<SqlInstanceId Name="${escape(i.name)}">${clusterId.get(i.poolFqdn) ?? ''}</SqlInstanceId>`]),
  );

  // ServiceId: the site of the pool the service is installed on, the role, and a number per role in that site.
  const serviceId = new Map<string, string>();
  const perRole = new Map<string, number>();
  const poolSite = new Map(t.pools.map((p) => [p.fqdn, siteNumber.get(p.siteId) ?? 0]));
  for (const s of t.services) {
    const site = poolSite.get(s.poolFqdn) ?? 0;
    const key = `${site}|${s.role}`;
    const instance = (perRole.get(key) ?? 0) + 1;
    perRole.set(key, instance);
    serviceId.set(s.id, `<ServiceId SiteId="${site}" RoleName="${escape(s.role)}" Instance="${instance}" />`);
  }
  const versionOf = new Map(t.pools.map((p) => [p.fqdn, p.version && SERVICE_VERSION[p.version]]));

  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<Topology xmlns="${NS.topology}">`];
  if (t.defaultDomain) {
    const domain = escape(t.defaultDomain);
    lines.push(`  <InternalDomains AllowAllDomains="false" DefaultDomain="${domain}">`, `    <InternalDomain Name="${domain}" Authoritative="false" AllowSubDomains="false" />`, '  </InternalDomains>');
  }
  lines.push('  <Sites>');
  for (const s of t.sites) {
    const element = s.kind === 'central' ? 'CentralSite' : 'BranchSite';
    const location = [s.city && `City="${escape(s.city)}"`, s.state && `State="${escape(s.state)}"`, s.countryCode && `CountryCode="${escape(s.countryCode)}"`].filter(Boolean);
    lines.push(`    <${element} SiteId="${s.number}">`, `      <Name>${escape(s.id)}</Name>`);
    if (location.length > 0) lines.push(`      <Location ${location.join(' ')} />`);
    lines.push(`    </${element}>`);
  }
  lines.push('  </Sites>', '  <Clusters>');
  for (const p of t.pools) {
    const setup = SETUP_KINDS.has(p.kind);
    lines.push(`    <Cluster RequiresReplication="${setup}" RequiresSetup="${setup}" Fqdn="${escape(p.fqdn)}">`, `      ${clusterId.get(p.fqdn)}`);
    p.machines.forEach((m, i) => lines.push(`      <Machine OrdinalInCluster="${i + 1}" Fqdn="${escape(m)}" />`));
    lines.push('    </Cluster>');
  }
  lines.push('  </Clusters>', '  <SqlInstances>');
  for (const i of t.sqlInstances) {
    // An AlwaysOn group's primary node is an attribute of the instance (as in the public sample that has one).
    const alwaysOn = i.alwaysOnPrimaryFqdn ? ` AlwaysOnPrimaryNodeFqdn="${escape(i.alwaysOnPrimaryFqdn)}"` : '';
    lines.push(`    <SqlInstance${alwaysOn}>${instanceRef.get(i.id)}</SqlInstance>`);
  }
  lines.push('  </SqlInstances>', '  <Services>');
  for (const s of t.services) {
    const version = versionOf.get(s.poolFqdn);
    lines.push(`    <Service RoleVersion="1"${version ? ` ServiceVersion="${version}"` : ''}>`, `      ${serviceId.get(s.id)}`);
    const dependencies = s.dependsOn.flatMap((id) => {
      const ref = serviceId.get(id);
      return ref ? [`        <Dependency Usage="Default">${ref}</Dependency>`] : [];
    });
    lines.push(...(dependencies.length === 0 ? ['      <DependsOn />'] : ['      <DependsOn>', ...dependencies, '      </DependsOn>']));
    const installedOn = s.sqlInstanceId !== undefined ? instanceRef.get(s.sqlInstanceId) : clusterId.get(s.poolFqdn);
    lines.push(`      <InstalledOn>${installedOn ?? ''}</InstalledOn>`);
    if (s.role === 'Registrar') lines.push(`      <RegistrarService xmlns="${NS.serviceRoles}" IsDirector="${s.isDirector === true}" />`);
    if (s.role === 'CentralMgmt') lines.push(`      <CentralMgmtService xmlns="${NS.serviceRoles}" IsActive="${s.cmsActive === true}" />`);
    lines.push('    </Service>');
  }
  lines.push('  </Services>', '</Topology>', '');
  return lines.join('\r\n');
}
