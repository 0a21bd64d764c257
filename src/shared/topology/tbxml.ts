/**
 * Reads a Topology Builder file: `TopologyBuilder → NewTopology → PartialTopology`, sites nest their
 * clusters, and references are GUIDs (`Cluster@UniqueId`, `SqlInstance@UniqueId`,
 * `Service@InstalledOn`, `Dependency@ServiceUniqueId`).
 */
import type { IssueLog, RawCluster, RawRef, RawService, RawSite, RawTopology, TopologyReader } from './raw';
import { NS, describe, exactly, is, locationOf, parseBool, readRoleSettings } from './raw';
import type { XmlElement } from './xml-tree';
import { attr, child, childrenNamed } from './xml-tree';

// The writable-topology elements embed published-topology ones (`Name`, `Location`, `InternalDomains`);
// accepting either namespace for each keeps the reader indifferent to which one a tool chose.
const W: readonly string[] = [NS.writable, NS.topology];
const B: readonly string[] = [NS.builder];
const SITES = ['CentralSite', 'RemoteSite', 'BranchSite'];

/** The `PartialTopology` element of a Topology Builder document, if it has one. */
export function partialTopologyOf(root: XmlElement): XmlElement | undefined {
  const newTopology = child(root, B, 'NewTopology');
  return newTopology && child(newTopology, W, 'PartialTopology');
}

export function tbxmlReader(log: IssueLog): TopologyReader {
  const raw: RawTopology = { sites: [], clusters: [], sqlInstances: [], services: [] };
  return {
    take(el, ancestors) {
      if (!is(ancestors[1], B, 'NewTopology') || !is(ancestors[2], W, 'PartialTopology')) return false;
      // PartialTopology/Services/Service
      if (ancestors.length === 4 && is(el, W, 'Service') && is(ancestors[3], W, 'Services')) {
        const service = readService(el, log);
        if (service) raw.services.push(service);
        return true;
      }
      // …/CentralSite/Clusters/Cluster, or …/CentralSite/RemoteSites/<site>/Clusters/Cluster
      const site = ancestors[ancestors.length - 2];
      const nested = ancestors.length === 6 || (ancestors.length === 8 && is(ancestors[5], W, 'RemoteSites'));
      if (nested && is(el, W, 'Cluster') && is(ancestors[ancestors.length - 1], W, 'Clusters') && isSite(site)) {
        readCluster(el, siteKey(site!), raw, log);
        return true;
      }
      return false;
    },
    finish(root) {
      const partial = partialTopologyOf(root);
      if (!partial) return raw;
      const defaultDomain = attr(child(partial, W, 'InternalDomains') ?? partial, 'DefaultDomain');
      if (defaultDomain) raw.defaultDomain = defaultDomain;
      for (const central of childrenNamed(child(partial, W, 'CentralSites') ?? partial, W, 'CentralSite')) {
        const site = readSite(central, 'central');
        raw.sites.push(site);
        // Branch sites live under their central site. No public sample has one: read what is
        // certain (name, id, clusters) and take the parent from the nesting.
        for (const branch of child(central, W, 'RemoteSites')?.children ?? []) {
          if (isSite(branch)) raw.sites.push({ ...readSite(branch, 'branch'), parentKey: site.key });
        }
      }
      return raw;
    },
  };
}

function isSite(el: XmlElement | undefined): boolean {
  return el !== undefined && SITES.includes(el.local) && W.includes(el.uri);
}

/** Sites are not referred to by id in a .tbxml file, only by nesting: the element's position names it. */
function siteKey(site: XmlElement): string {
  return `site@${site.line}:${site.column}`;
}

function readSite(el: XmlElement, kind: RawSite['kind']): RawSite {
  return {
    key: siteKey(el),
    local: el.local,
    siteId: attr(el, 'SiteId'),
    name: child(el, W, 'Name')?.text.trim(),
    kind,
    ...locationOf(child(el, W, 'Location')),
    line: el.line,
    column: el.column,
  };
}

function readCluster(el: XmlElement, site: string, raw: RawTopology, log: IssueLog): void {
  const key = guidKey(el, 'UniqueId', log, 'services cannot be installed on it');
  const cluster: RawCluster = {
    key,
    fqdn: attr(el, 'Fqdn'),
    site: { key: site, as: 'UniqueId', line: el.line, column: el.column },
    requiresSetup: parseBool(attr(el, 'RequiresSetup')) === true,
    machines: childrenNamed(child(el, W, 'Machines') ?? el, W, 'Machine').map((m, index) => ({
      fqdn: attr(m, 'Fqdn'),
      ordinal: index + 1,
      line: m.line,
      column: m.column,
    })),
    line: el.line,
    column: el.column,
  };
  raw.clusters.push(cluster);
  for (const sql of childrenNamed(child(el, W, 'SqlInstances') ?? el, W, 'SqlInstance')) {
    const alwaysOnPrimary = attr(sql, 'AlwaysOnPrimaryNodeFqdn');
    raw.sqlInstances.push({
      key: guidKey(sql, 'UniqueId', log, 'stores cannot be installed on it'),
      cluster: { key, as: 'UniqueId', line: el.line, column: el.column },
      name: attr(sql, 'Name') ?? '',
      ...(alwaysOnPrimary ? { alwaysOnPrimary } : {}),
      line: sql.line,
      column: sql.column,
    });
  }
}

function readService(el: XmlElement, log: IssueLog): RawService | undefined {
  const role = attr(el, 'RoleName')?.trim();
  const installedOn = attr(el, 'InstalledOn')?.trim();
  if (!role || !installedOn) {
    const missing = [!role ? 'RoleName' : '', !installedOn ? 'InstalledOn' : ''].filter(Boolean).join(' and ');
    log.warn(`Service lacks ${missing}; service skipped`, el, describe(el, 'UniqueId', 'RoleName'));
    return undefined;
  }
  const dependsOn: RawRef[] = [];
  for (const dependency of childrenNamed(child(el, W, 'DependsOn') ?? el, W, 'Dependency')) {
    const target = attr(dependency, 'ServiceUniqueId')?.trim();
    if (target) dependsOn.push({ key: target.toLowerCase(), as: 'ServiceUniqueId', line: dependency.line, column: dependency.column });
    else log.warn('Dependency lacks ServiceUniqueId; dependency dropped', dependency, 'Dependency');
  }
  const service: RawService = {
    key: guidKey(el, 'UniqueId', log, 'no service can depend on it'),
    role,
    installedOn: { key: installedOn.toLowerCase(), as: 'InstalledOn', line: el.line, column: el.column },
    dependsOn: exactly(dependsOn),
    line: el.line,
    column: el.column,
  };
  readRoleSettings(el, service);
  return service;
}

/**
 * GUIDs compare case-insensitively. An element without one still loads, under a key nothing can
 * refer to, with a warning that says what that costs.
 */
function guidKey(el: XmlElement, name: string, log: IssueLog, consequence: string): string {
  const value = attr(el, name)?.trim();
  if (value) return value.toLowerCase();
  log.warn(`${el.local} has no ${name}; ${consequence}`, el, describe(el));
  return `(no ${name} at line ${el.line})`;
}
