/**
 * What changed between two deployments (two discoveries, a snapshot and a discovery): pools and
 * machines added or removed, and every failover-relevant fact that moved — Edge next hops, backup
 * pairs, SIP and XMPP routes, where the CMS is active, Persistent Chat state, failed-over pools.
 * Pure; `poolpilot diff` prints it and the renderer can draw it.
 */
import { deriveRelations } from '../model/relations';
import type { Deployment, Relation } from '../model/types';

export type DiffKind =
  | 'poolAdded'
  | 'poolRemoved'
  | 'machineAdded'
  | 'machineRemoved'
  | 'edgeNextHop'
  | 'backupPool'
  | 'sipFederationRoute'
  | 'xmppFederationRoute'
  | 'cmsActive'
  | 'persistentChat'
  | 'failedOver';

export interface DiffEntry {
  kind: DiffKind;
  /** What changed: a pool, machine, Edge pool, site or Persistent Chat pool. */
  subject: string;
  /** The value before and after; absent where there was none (added, removed, unset). */
  before?: string;
  after?: string;
}

function change(kind: DiffKind, subject: string, before: string | undefined, after: string | undefined): DiffEntry[] {
  if (before === after) return [];
  return [{ kind, subject, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

/** Key → value of a relation kind, for comparing one-valued facts (several targets are joined). */
function byFrom(relations: Relation[], kind: Relation['kind'], value: (r: Relation) => string = (r) => r.to): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const r of relations) if (r.kind === kind) out.set(r.from, [...(out.get(r.from) ?? []), value(r)]);
  return new Map([...out].map(([k, v]) => [k, [...new Set(v)].sort().join(', ')]));
}

function compareMaps(kind: DiffKind, a: Map<string, string>, b: Map<string, string>): DiffEntry[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.flatMap((k) => change(kind, k, a.get(k), b.get(k)));
}

const chatText = (s: { poolState: string; activeServers: string[] } | undefined) =>
  s && `${s.poolState}; active: ${s.activeServers.length > 0 ? [...s.activeServers].sort().join(', ') : '(none)'}`;

export function diffDeployments(a: Deployment, b: Deployment): DiffEntry[] {
  const out: DiffEntry[] = [];
  const poolsA = new Map(a.topology.pools.map((p) => [p.fqdn, p]));
  const poolsB = new Map(b.topology.pools.map((p) => [p.fqdn, p]));
  for (const [fqdn, p] of poolsA) if (!poolsB.has(fqdn)) out.push({ kind: 'poolRemoved', subject: fqdn, before: p.kind });
  for (const [fqdn, p] of poolsB) if (!poolsA.has(fqdn)) out.push({ kind: 'poolAdded', subject: fqdn, after: p.kind });
  for (const [fqdn, p] of poolsB) {
    const before = poolsA.get(fqdn);
    if (!before) continue;
    for (const m of before.machines) if (!p.machines.includes(m)) out.push({ kind: 'machineRemoved', subject: m, before: fqdn });
    for (const m of p.machines) if (!before.machines.includes(m)) out.push({ kind: 'machineAdded', subject: m, after: fqdn });
  }

  const ra = deriveRelations(a);
  const rb = deriveRelations(b);
  out.push(...compareMaps('edgeNextHop', byFrom(ra, 'edgeNextHop'), byFrom(rb, 'edgeNextHop')));
  out.push(...compareMaps('backupPool', byFrom(ra, 'backupPool'), byFrom(rb, 'backupPool')));
  out.push(...compareMaps('sipFederationRoute', byFrom(ra, 'sipFederationRoute'), byFrom(rb, 'sipFederationRoute')));
  out.push(...compareMaps('xmppFederationRoute', byFrom(ra, 'xmppFederationRoute', (r) => r.via ?? r.to), byFrom(rb, 'xmppFederationRoute', (r) => r.via ?? r.to)));
  const cms = (rs: Relation[]) => [...new Set(rs.filter((r) => r.kind === 'cmsActive').map((r) => r.from))].sort().join(', ') || undefined;
  out.push(...change('cmsActive', 'Central Management Server', cms(ra), cms(rb)));
  const chatPools = [...new Set([...Object.keys(a.state.persistentChat), ...Object.keys(b.state.persistentChat)])].sort();
  for (const p of chatPools) out.push(...change('persistentChat', p, chatText(a.state.persistentChat[p]), chatText(b.state.persistentChat[p])));
  out.push(...compareMaps('failedOver', byFrom(ra, 'failedOverTo'), byFrom(rb, 'failedOverTo')));
  return out;
}

const LABELS: Record<DiffKind, string> = {
  poolAdded: 'pool added',
  poolRemoved: 'pool removed',
  machineAdded: 'machine added',
  machineRemoved: 'machine removed',
  edgeNextHop: 'Edge next hop',
  backupPool: 'backup pool',
  sipFederationRoute: 'SIP federation route',
  xmppFederationRoute: 'XMPP federation route',
  cmsActive: 'CMS active on',
  persistentChat: 'Persistent Chat',
  failedOver: 'failed over to',
};

/** One line per change, for the terminal. */
export function diffText(entries: DiffEntry[]): string {
  if (entries.length === 0) return 'No differences.\n';
  const lines = entries.map((e) => `${LABELS[e.kind]}: ${e.subject}: ${e.before ?? '(none)'} -> ${e.after ?? '(none)'}`);
  return `${lines.join('\n')}\n`;
}
