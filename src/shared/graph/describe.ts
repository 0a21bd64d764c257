/** What the admin reads for each pool kind and relation kind: short names and one-sentence meanings. */
import type { Edition, Pool, PoolKind, Relation, RelationKind, Site } from '../model/types';

export const POOL_KIND_NAMES: Record<PoolKind, string> = {
  FrontEnd: 'Front End',
  Director: 'Director',
  Edge: 'Edge',
  SqlBackEnd: 'SQL Server',
  PersistentChat: 'Persistent Chat',
  Mediation: 'Mediation',
  OfficeOnline: 'Office Online',
  FileStore: 'File store',
  PstnGateway: 'PSTN gateway',
  Other: 'Other',
};

const EDITION_SHORT: Record<Edition, string> = { Enterprise: 'EE', Standard: 'SE' };
const EDITION_LONG: Record<Edition, string> = { Enterprise: 'Enterprise Edition', Standard: 'Standard Edition' };

/** "Front End (EE)" — the compact form the node label uses. */
export function poolKindShort(pool: Pool): string {
  const name = POOL_KIND_NAMES[pool.kind];
  return pool.edition ? `${name} (${EDITION_SHORT[pool.edition]})` : name;
}

/** "Front End pool, Enterprise Edition" — the inspector's form. */
export function poolKindLong(pool: Pool): string {
  const name = `${POOL_KIND_NAMES[pool.kind]} pool`;
  return pool.edition ? `${name}, ${EDITION_LONG[pool.edition]}` : name;
}

export function serverCount(n: number): string {
  return n === 1 ? '1 server' : `${n} servers`;
}

export const RELATION_NAMES: Record<RelationKind, string> = {
  edgeNextHop: 'Edge next hop',
  mediaEdge: 'Media Edge pool',
  backupPool: 'Backup pool',
  cmsActive: 'CMS store (active)',
  cmsStandby: 'CMS store (standby)',
  sipFederationRoute: 'SIP federation route',
  xmppFederationRoute: 'XMPP federation route',
  backEnd: 'Back End store',
  chatStore: 'Persistent Chat store',
  failedOverTo: 'Failed over to',
};

/** Legend order: the relations an admin acts on first. */
export const RELATION_ORDER: RelationKind[] = [
  'edgeNextHop',
  'mediaEdge',
  'backupPool',
  'sipFederationRoute',
  'xmppFederationRoute',
  'cmsActive',
  'cmsStandby',
  'backEnd',
  'chatStore',
  'failedOverTo',
];

/** One sentence saying what a relation means for the deployment; `siteName` turns a site id into its name. */
export function describeRelation(r: Relation, siteName: (siteId: string) => string = (id) => id): string {
  const role = r.role ? `${r.role} ` : '';
  switch (r.kind) {
    case 'edgeNextHop':
      return `Edge pool ${r.from} forwards external and federated traffic to ${r.to}, its internal next hop.`;
    case 'mediaEdge':
      return `Front End pool ${r.from} uses Edge pool ${r.to} for Web Conferencing and A/V media with outside users.`;
    case 'backupPool':
      return `${r.from} is backed up by ${r.to}: the Backup Service keeps them in sync, and ${r.from}'s users fail over to ${r.to}.`;
    case 'cmsActive':
      return `${r.from} runs the active Central Management Server; its store is on SQL Server ${r.to}.`;
    case 'cmsStandby':
      return `${r.from} holds the standby Central Management Server; its store is on SQL Server ${r.to}.`;
    case 'sipFederationRoute':
      return `SIP federation (port 5061) for site ${siteName(r.from)} goes out through Edge pool ${r.to}.`;
    case 'xmppFederationRoute':
      return `XMPP federation (port 5269) for site ${siteName(r.from)} goes through Edge server ${r.via ?? r.to} in pool ${r.to}.`;
    case 'backEnd':
      return `${r.from} keeps its ${role}Back End databases on SQL Server ${r.to}.`;
    case 'chatStore':
      return `Persistent Chat pool ${r.from} keeps its ${role}chat databases on SQL Server ${r.to}.`;
    case 'failedOverTo':
      return `Users homed on ${r.from} are failed over and served by ${r.to}.`;
  }
}

/** "Datacenter1 · Seattle, US (central site)" — the site box's label. */
export function siteLabel(site: Site): string {
  const place = [site.city, site.countryCode].filter(Boolean).join(', ');
  const kind = site.kind === 'central' ? 'central site' : 'branch site';
  return place ? `${site.name} · ${place} (${kind})` : `${site.name} (${kind})`;
}
