/**
 * What `poolpilot inspect` prints: the deployment as a script would want it (`inspectJson`) and as
 * an admin would read it in a terminal (`inspectText`). Both are views of the model plus the
 * problems found while reading it; neither adds knowledge of its own.
 */
import type { Deployment, Edition, ImportIssue, PoolKind, Relation, RelationKind, Site } from './types';
import { deriveRelations } from './relations';

export interface InspectJson {
  source: { kind: Deployment['source']['kind']; name: string; form?: 'published' | 'tbxml' };
  sites: { id: string; name: string; kind: Site['kind']; parentId?: string }[];
  pools: { fqdn: string; site: string; kind: PoolKind; edition?: Edition; machines: string[]; roles: string[]; version?: string }[];
  relations: Relation[];
  /** Problems found while reading, one readable line each (`file:line:col: severity: message`). */
  warnings: string[];
}

/** `file:line:col: warning: message (element)`: the compiler form editors and terminals make clickable. */
export function formatIssue(issue: ImportIssue): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined && part !== '')
    .join(':');
  const element = issue.element ? ` (${issue.element})` : '';
  return `${where ? `${where}: ` : ''}${issue.severity}: ${issue.message}${element}`;
}

export function inspectJson(d: Deployment, issues: ImportIssue[]): InspectJson {
  const { source, topology } = d;
  return {
    source: { kind: source.kind, name: source.name, ...(source.form ? { form: source.form } : {}) },
    sites: topology.sites.map((s) => ({ id: s.id, name: s.name, kind: s.kind, ...(s.parentId ? { parentId: s.parentId } : {}) })),
    pools: topology.pools.map((p) => ({
      fqdn: p.fqdn,
      site: p.siteId,
      kind: p.kind,
      ...(p.edition ? { edition: p.edition } : {}),
      machines: [...p.machines],
      roles: [...p.roles],
      ...(p.version ? { version: p.version } : {}),
    })),
    relations: deriveRelations(d),
    warnings: issues.map(formatIssue),
  };
}

/** Pads every row's cells to the widest cell of its column. */
function table(rows: string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

function describeRelation(r: Relation): string {
  const extras = [r.role, r.via ? `via ${r.via}` : undefined].filter(Boolean);
  return `${r.from} -> ${r.to}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

function cmsLine(d: Deployment, relations: Relation[]): string {
  const active = relations.filter((r) => r.kind === 'cmsActive');
  const standby = relations.filter((r) => r.kind === 'cmsStandby');
  const parts: string[] = [];
  if (active.length > 0) parts.push(`active on ${active.map((r) => `${r.from} (store on ${r.to})`).join(', ')}`);
  if (standby.length > 0) parts.push(`standby on ${standby.map((r) => `${r.from} (store on ${r.to})`).join(', ')}`);
  const reported = d.state.cmsActivePool;
  if (reported && !active.some((r) => r.from === reported)) parts.push(`reported active master: ${reported}`);
  return `CMS: ${parts.length > 0 ? parts.join('; ') : 'not found in this topology'}`;
}

/** The terminal summary: sites with their pools, relations grouped by kind, the CMS, then warnings. */
export function inspectText(d: Deployment, issues: ImportIssue[]): string {
  const { topology, source } = d;
  const relations = deriveRelations(d);
  const lines: string[] = [];
  const form = source.form ? `, ${source.form === 'tbxml' ? 'Topology Builder file' : 'published topology'}` : '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${source.name} (${source.kind}${form}): ${plural(topology.sites.length, 'site')}, ${plural(topology.pools.length, 'pool')}, ${plural(relations.length, 'relation')}`,
  );

  // Sites in topology order; a pool naming a site the topology lacks still gets listed, under its id.
  const poolsBySite = new Map<string, typeof topology.pools>(topology.sites.map((s) => [s.id, []]));
  for (const p of topology.pools) {
    const group = poolsBySite.get(p.siteId);
    if (group) group.push(p);
    else poolsBySite.set(p.siteId, [p]);
  }
  // A site is named by its identity (what cmdlets take); a differing display name follows it.
  const siteHeadings = new Map(
    topology.sites.map((s) => [
      s.id,
      `Site ${s.id}${s.name !== s.id ? ` "${s.name}"` : ''} (${s.kind}${s.parentId ? ` of ${s.parentId}` : ''})`,
    ]),
  );
  for (const [siteId, pools] of poolsBySite) {
    lines.push('', siteHeadings.get(siteId) ?? `Unknown site ${siteId}`);
    if (pools.length === 0) lines.push('  (no pools)');
    const rows = pools.map((p) => [p.kind, p.fqdn, [p.edition, plural(p.machines.length, 'machine')].filter(Boolean).join(', ')]);
    for (const row of table(rows, '  ')) lines.push(row);
  }

  lines.push('', 'Relations');
  if (relations.length === 0) lines.push('  (none)');
  const byKind = new Map<RelationKind, Relation[]>();
  for (const r of relations) {
    const group = byKind.get(r.kind);
    if (group) group.push(r);
    else byKind.set(r.kind, [r]);
  }
  for (const [kind, group] of byKind) {
    lines.push(`  ${kind} (${group.length})`);
    for (const r of group) lines.push(`    ${describeRelation(r)}`);
  }

  lines.push('', cmsLine(d, relations));

  if (issues.length > 0) {
    lines.push('', `Warnings (${issues.length})`);
    for (const issue of issues) lines.push(`  ${formatIssue(issue)}`);
  }
  return `${lines.join('\n')}\n`;
}
