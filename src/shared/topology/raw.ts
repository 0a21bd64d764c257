/**
 * The form-independent middle of an import. The two readers (published `<Topology>` and
 * Topology Builder `.tbxml`) differ only in where things sit and how references are spelled
 * (structured ids vs GUIDs); both turn their document into this, and one builder resolves
 * references, checks FQDNs and derives kinds for both.
 *
 * Raw records hold positions and strings, never XML elements: the readers take clusters and
 * services as they close, so the document's elements can be dropped while it is still parsing.
 */
import type { ImportIssue } from '../model/types';
import type { OnClose, XmlElement, XmlVocabulary } from './xml-tree';
import { attr, child } from './xml-tree';

export const NS = {
  topology: 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008',
  builder: 'urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008',
  writable: 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008',
  serviceRoles: 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008',
} as const;

/**
 * Every element either reader looks at, with the attributes it reads there; the XML tree keeps
 * nothing else. (The published form's names, then the .tbxml wrappers and site nesting.)
 */
export const TOPOLOGY_VOCABULARY: XmlVocabulary = new Map<string, readonly string[]>([
  ['InternalDomains', ['DefaultDomain']],
  ['Sites', []],
  ['CentralSite', ['SiteId']],
  ['BranchSite', ['SiteId']],
  ['Name', []],
  ['Location', ['City', 'State', 'CountryCode']],
  ['Clusters', []],
  ['Cluster', ['Fqdn', 'RequiresSetup', 'UniqueId']],
  ['ClusterId', ['SiteId', 'Number']],
  ['Machines', []],
  ['Machine', ['Fqdn', 'OrdinalInCluster']],
  ['SqlInstances', []],
  ['SqlInstance', ['UniqueId', 'Name', 'AlwaysOnPrimaryNodeFqdn']],
  ['SqlInstanceId', ['Name']],
  ['Services', []],
  ['Service', ['UniqueId', 'RoleName', 'InstalledOn', 'ServiceVersion']],
  ['ServiceId', ['SiteId', 'RoleName', 'Instance']],
  ['DependsOn', []],
  ['Dependency', ['ServiceUniqueId']],
  ['InstalledOn', []],
  ['RegistrarService', ['IsDirector']],
  ['CentralMgmtService', ['IsActive']],
  ['NewTopology', []],
  ['PartialTopology', []],
  ['CentralSites', []],
  ['RemoteSites', []],
  ['RemoteSite', ['SiteId']],
]);

/** Where something is in the document (1-based). */
export interface Located {
  line: number;
  column: number;
}

/**
 * A reference to another record by key. Keys are short, because every one is hashed when looked
 * up: published keys join the identifying attributes (`v1|Registrar|1` for a ServiceId), .tbxml keys
 * are lower-cased GUIDs. `as` says how to spell the reference in a message.
 */
export interface RawRef extends Located {
  key: string;
  as: 'SiteId' | 'ClusterId' | 'SqlInstanceId' | 'ServiceId' | 'UniqueId' | 'InstalledOn' | 'ServiceUniqueId';
}

/** Published keys: a kind letter, then the identifying attribute values joined by `|`. */
export const publishedKey = {
  site: (siteId: string) => `t${siteId}`,
  cluster: (siteId: string, number: string) => `c${siteId}|${number}`,
  // SQL Server instance names are case-insensitive.
  sqlInstance: (clusterKey: string, name: string) => `s${clusterKey.slice(1)}|${name.toLowerCase()}`,
  service: (siteId: string, role: string, instance: string) => `v${siteId}|${role}|${instance}`,
};

/**
 * One string per distinct key, made from its parts the first time they are seen. Every reference
 * names its target afresh (a 2,000-pool document has 12,000 dependencies naming a few thousand
 * services), and records keep their keys until the import ends: one shared string per key cuts
 * what the readers keep alive by about a third, which is what garbage collection during the parse
 * pays for, and looking the parts up costs less than joining them into a key each time.
 */
export class KeyTable {
  private readonly table = new Map<string, unknown>();

  constructor(private readonly make: (...parts: string[]) => string) {}

  of(...parts: string[]): string {
    let level = this.table;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      let next = level.get(parts[i]!) as Map<string, unknown> | undefined;
      if (!next) level.set(parts[i]!, (next = new Map()));
      level = next;
    }
    let key = level.get(parts[last]!) as string | undefined;
    if (key === undefined) level.set(parts[last]!, (key = this.make(...parts)));
    return key;
  }
}

/** How a reference reads in the document, e.g. `ServiceId[SiteId="1" RoleName="Registrar" Instance="1"]`. */
export function spell(ref: RawRef): string {
  const [a = '', b = '', c = ''] = ref.key.slice(1).split('|');
  switch (ref.as) {
    case 'SiteId':
      return `SiteId="${a}"`;
    case 'ClusterId':
      return `ClusterId[SiteId="${a}" Number="${b}"]`;
    case 'SqlInstanceId':
      return `SqlInstanceId[Name="${c}"] in ClusterId[SiteId="${a}" Number="${b}"]`;
    case 'ServiceId':
      return `ServiceId[SiteId="${a}" RoleName="${b}" Instance="${c}"]`;
    default:
      return `${ref.as}="${ref.key}"`;
  }
}

export interface RawSite extends Located {
  key: string;
  /** The element, e.g. `CentralSite`, for messages. */
  local: string;
  /** The `SiteId` attribute as written. */
  siteId: string | undefined;
  name: string | undefined;
  kind: 'central' | 'branch';
  parentKey?: string;
  city?: string;
  state?: string;
  countryCode?: string;
}

export interface RawMachine extends Located {
  /** As written; undefined for a bare `<Machine/>`, which stands for the cluster's own FQDN. */
  fqdn: string | undefined;
  ordinal: number;
}

export interface RawCluster extends Located {
  key: string;
  fqdn: string | undefined;
  site: RawRef;
  /** `RequiresSetup="true"`: servers that run Lync/Skype for Business setup (not SQL, shares, gateways). */
  requiresSetup: boolean;
  machines: RawMachine[];
}

export interface RawSqlInstance extends Located {
  key: string;
  cluster: RawRef;
  name: string;
  alwaysOnPrimary?: string;
}

export interface RawService extends Located {
  key: string;
  role: string;
  /** A cluster or a SQL instance key. */
  installedOn: RawRef;
  dependsOn: readonly RawRef[];
  isDirector?: boolean;
  cmsActive?: boolean;
  serviceVersion?: string;
}

export interface RawTopology {
  sites: RawSite[];
  clusters: RawCluster[];
  sqlInstances: RawSqlInstance[];
  services: RawService[];
  defaultDomain?: string;
}

/**
 * One form's reader: takes the elements it wants as they close (clusters, services), then reads
 * what is left in the tree (sites, domains) once the document ends.
 */
export interface TopologyReader {
  take: OnClose;
  finish(root: XmlElement): RawTopology;
}

/** Collects import issues, each located in the document. */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  constructor(readonly file?: string) {}

  warn(message: string, at: Located, element: string): void {
    this.issues.push({
      severity: 'warning',
      message,
      ...(this.file !== undefined ? { file: this.file } : {}),
      line: at.line,
      column: at.column,
      element,
    });
  }
}

/** `Local[A="x" B="y"]`: an element named by the given attributes (default: every one kept). */
export function describe(element: XmlElement, ...attributes: string[]): string {
  const names = attributes.length > 0 ? attributes : element.attributes.filter((_, i) => i % 2 === 0);
  const parts = names.flatMap((name) => {
    const value = attr(element, name);
    return value === undefined ? [] : [`${name}="${value}"`];
  });
  return parts.length > 0 ? `${element.local}[${parts.join(' ')}]` : element.local;
}

/** XML booleans ("true"/"false", any case, or 1/0); undefined if absent or anything else. */
export function parseBool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** `<Location City State CountryCode/>`, keeping only what is filled in. */
export function locationOf(location: XmlElement | undefined): Pick<RawSite, 'city' | 'state' | 'countryCode'> {
  if (!location) return {};
  const city = attr(location, 'City');
  const state = attr(location, 'State');
  const countryCode = attr(location, 'CountryCode');
  return { ...(city ? { city } : {}), ...(state ? { state } : {}), ...(countryCode ? { countryCode } : {}) };
}

/** True when `element` is `local` in one of `uris`. */
export function is(element: XmlElement | undefined, uris: readonly string[], local: string): boolean {
  return element !== undefined && element.local === local && uris.includes(element.uri);
}

const NO_REFS: readonly never[] = Object.freeze([]);

/**
 * A list a record keeps, at its exact length. Records live as long as the import, and an array
 * grown by push keeps spare slots (17 after the first push); the copy dies young, which costs far
 * less than keeping the slack. Empty lists share one array.
 */
export function exactly<T>(items: T[]): readonly T[] {
  return items.length === 0 ? NO_REFS : items.slice();
}

const ROLES_NS: readonly string[] = [NS.serviceRoles];

/** `ServiceVersion` and the role settings the model keeps (`IsDirector`, `IsActive`). */
export function readRoleSettings(el: XmlElement, service: RawService): void {
  const serviceVersion = attr(el, 'ServiceVersion');
  if (serviceVersion) service.serviceVersion = serviceVersion;
  const registrar = child(el, ROLES_NS, 'RegistrarService');
  if (registrar) service.isDirector = parseBool(attr(registrar, 'IsDirector')) === true;
  const cms = child(el, ROLES_NS, 'CentralMgmtService');
  if (cms) service.cmsActive = parseBool(attr(cms, 'IsActive')) === true;
}
