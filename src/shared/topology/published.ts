/**
 * Reads the published form — what `Get-CsTopology -AsXml` prints. References are structured keys:
 * a pool is `<ClusterId SiteId Number/>`, a SQL instance `<SqlInstanceId Name><ClusterId/></SqlInstanceId>`,
 * a service `<ServiceId SiteId RoleName Instance/>`.
 */
import type { IssueLog, RawCluster, RawRef, RawService, RawSite, RawSqlInstance, RawTopology, TopologyReader } from './raw';
import { KeyTable, NS, describe, exactly, is, locationOf, parseBool, publishedKey, readRoleSettings, spell } from './raw';
import type { XmlElement } from './xml-tree';
import { attr, child, childrenNamed } from './xml-tree';

/** What every record reader needs: where to report, and the import's one copy of each key. */
interface Reading {
  log: IssueLog;
  clusters: KeyTable;
  sqlInstances: KeyTable;
  services: KeyTable;
}

const T: readonly string[] = [NS.topology];
const CLUSTER_ID = ['SiteId', 'Number'];
const SERVICE_ID = ['SiteId', 'RoleName', 'Instance'];

export function publishedReader(log: IssueLog): TopologyReader {
  const raw: RawTopology = { sites: [], clusters: [], sqlInstances: [], services: [] };
  const cx: Reading = {
    log,
    clusters: new KeyTable(publishedKey.cluster),
    sqlInstances: new KeyTable(publishedKey.sqlInstance),
    services: new KeyTable(publishedKey.service),
  };
  return {
    take(el, ancestors) {
      // Records sit directly under the root's Clusters, SqlInstances and Services.
      if (ancestors.length !== 2) return false;
      const parent = ancestors[1];
      if (is(el, T, 'Cluster') && is(parent, T, 'Clusters')) {
        const cluster = readCluster(el, cx);
        if (cluster) raw.clusters.push(cluster);
        return true;
      }
      if (is(el, T, 'SqlInstance') && is(parent, T, 'SqlInstances')) {
        const instance = readSqlInstance(el, cx);
        if (instance) raw.sqlInstances.push(instance);
        return true;
      }
      if (is(el, T, 'Service') && is(parent, T, 'Services')) {
        const service = readService(el, cx);
        if (service) raw.services.push(service);
        return true;
      }
      return false;
    },
    finish(root) {
      const sites = child(root, T, 'Sites');
      if (sites) raw.sites = readSites(sites);
      const defaultDomain = attr(child(root, T, 'InternalDomains') ?? root, 'DefaultDomain');
      if (defaultDomain) raw.defaultDomain = defaultDomain;
      return raw;
    },
  };
}

function readSites(sites: XmlElement): RawSite[] {
  const result: RawSite[] = [];
  for (const el of sites.children) {
    if (!is(el, T, 'CentralSite') && !is(el, T, 'BranchSite')) continue;
    const siteId = attr(el, 'SiteId');
    result.push({
      key: publishedKey.site(siteId?.trim() ?? ''),
      local: el.local,
      siteId,
      name: child(el, T, 'Name')?.text.trim(),
      // No public sample has a branch site; where one appears, its parent is not known from the XML.
      kind: el.local === 'BranchSite' ? 'branch' : 'central',
      ...locationOf(child(el, T, 'Location')),
      line: el.line,
      column: el.column,
    });
  }
  return result;
}

function readCluster(el: XmlElement, cx: Reading): RawCluster | undefined {
  const id = child(el, T, 'ClusterId');
  if (!id) {
    cx.log.warn('Cluster has no ClusterId; cluster skipped', el, describe(el, 'Fqdn'));
    return undefined;
  }
  const ref = clusterRef(id, cx);
  if (!ref) return undefined;
  return {
    key: ref.key,
    fqdn: attr(el, 'Fqdn'),
    site: { key: publishedKey.site(attr(id, 'SiteId')!.trim()), as: 'SiteId', line: id.line, column: id.column },
    requiresSetup: parseBool(attr(el, 'RequiresSetup')) === true,
    machines: childrenNamed(el, T, 'Machine').map((m, index) => ({
      fqdn: attr(m, 'Fqdn'),
      ordinal: Number.parseInt(attr(m, 'OrdinalInCluster') ?? '', 10) || index + 1,
      line: m.line,
      column: m.column,
    })),
    line: el.line,
    column: el.column,
  };
}

function readSqlInstance(el: XmlElement, cx: Reading): RawSqlInstance | undefined {
  const id = child(el, T, 'SqlInstanceId');
  if (!id) {
    cx.log.warn('SqlInstance has no SqlInstanceId; instance skipped', el, 'SqlInstance');
    return undefined;
  }
  const ref = sqlInstanceRef(id, cx);
  if (!ref) return undefined;
  const alwaysOnPrimary = attr(el, 'AlwaysOnPrimaryNodeFqdn');
  return {
    key: ref.ref.key,
    cluster: ref.cluster,
    name: ref.name,
    ...(alwaysOnPrimary ? { alwaysOnPrimary } : {}),
    line: el.line,
    column: el.column,
  };
}

function readService(el: XmlElement, cx: Reading): RawService | undefined {
  const idElement = child(el, T, 'ServiceId');
  if (!idElement) {
    cx.log.warn('Service has no ServiceId; service skipped', el, 'Service');
    return undefined;
  }
  const id = serviceRef(idElement, cx);
  if (!id) return undefined;
  const installedOn = installedOnRef(el, id, cx);
  if (!installedOn) return undefined;
  const dependsOn: RawRef[] = [];
  for (const dependency of childrenNamed(child(el, T, 'DependsOn') ?? el, T, 'Dependency')) {
    const target = child(dependency, T, 'ServiceId');
    const ref = target ? serviceRef(target, cx) : undefined;
    if (ref) dependsOn.push(ref);
    else if (!target) cx.log.warn('Dependency names no ServiceId; dependency dropped', dependency, 'Dependency');
  }
  const service: RawService = {
    key: id.key,
    role: attr(idElement, 'RoleName')!.trim(),
    installedOn,
    dependsOn: exactly(dependsOn),
    line: el.line,
    column: el.column,
  };
  readRoleSettings(el, service);
  return service;
}

/** `<InstalledOn>` holds a `ClusterId` (servers) or a `SqlInstanceId` (store roles). */
function installedOnRef(service: XmlElement, id: RawRef, cx: Reading): RawRef | undefined {
  const installedOn = child(service, T, 'InstalledOn');
  const sql = installedOn && child(installedOn, T, 'SqlInstanceId');
  const cluster = installedOn && child(installedOn, T, 'ClusterId');
  if (sql) return sqlInstanceRef(sql, cx)?.ref;
  if (cluster) return clusterRef(cluster, cx);
  cx.log.warn(`${spell(id)} is not installed on a ClusterId or SqlInstanceId; service skipped`, installedOn ?? service, 'InstalledOn');
  return undefined;
}

/** Reads the attributes a key is made of; warns (once, here) when one is missing. */
function keyParts(el: XmlElement, names: string[], log: IssueLog): string[] | undefined {
  const values: string[] = [];
  for (const name of names) {
    const value = attr(el, name)?.trim();
    if (!value) {
      const missing = names.filter((n) => !attr(el, n)?.trim());
      log.warn(`${el.local} lacks ${missing.join(', ')}; reference dropped`, el, describe(el, ...names));
      return undefined;
    }
    values.push(value);
  }
  return values;
}

function clusterRef(el: XmlElement, cx: Reading): RawRef | undefined {
  const key = keyParts(el, CLUSTER_ID, cx.log);
  return key && { key: cx.clusters.of(key[0]!, key[1]!), as: 'ClusterId', line: el.line, column: el.column };
}

function sqlInstanceRef(el: XmlElement, cx: Reading): { ref: RawRef; cluster: RawRef; name: string } | undefined {
  const clusterId = child(el, T, 'ClusterId');
  if (!clusterId) {
    cx.log.warn('SqlInstanceId has no ClusterId; reference dropped', el, describe(el, 'Name'));
    return undefined;
  }
  const cluster = clusterRef(clusterId, cx);
  if (!cluster) return undefined;
  const name = attr(el, 'Name') ?? '';
  const key = cx.sqlInstances.of(cluster.key, name);
  return { ref: { key, as: 'SqlInstanceId', line: el.line, column: el.column }, cluster, name };
}

function serviceRef(el: XmlElement, cx: Reading): RawRef | undefined {
  const key = keyParts(el, SERVICE_ID, cx.log);
  return key && { key: cx.services.of(key[0]!, key[1]!, key[2]!), as: 'ServiceId', line: el.line, column: el.column };
}
