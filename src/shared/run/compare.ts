/**
 * Intended vs actual after a run: the deployment as the plan meant to leave it (the planned
 * scenario applied to the deployment the run started from) against the deployment read back (the
 * lab's state, a fresh discovery). Each difference the procedures care about becomes a
 * Discrepancy naming the graph elements to highlight: the CMS active on more than one pool or
 * not where intended, a pool's users not served where the scenario put them, Edge next hops,
 * media Edge pools, federation routes, Persistent Chat state — errors, since the run was meant to
 * set them — and pairings or pools that differ, warnings, since no run changes those: the two
 * deployments disagree about something the plan took as given.
 *
 * Pure. The fact-by-fact comparison is the discovery diff's (diff.ts); this adds what only a run
 * can call wrong (two active CMSs) and says each finding in terms of what the plan meant.
 */
import { diffDeployments, type DiffEntry, type DiffKind } from '../discovery/diff';
import { relationEdgeId, relationSourceId, siteNodeId } from '../model/graph-ids';
import { deriveRelations } from '../model/relations';
import type { Deployment, Relation, RelationKind } from '../model/types';
import type { Discrepancy } from './types';

const unique = (ids: string[]) => [...new Set(ids)];
const list = (items: string[], none: string) => (items.length === 0 ? none : items.join(', '));

/** The ends and edges of the relations of `kind` from `from` in either deployment: what to highlight. */
function relationElements(kind: RelationKind, from: string, ...sets: Relation[][]): string[] {
  const rs = sets.flat().filter((r) => r.kind === kind && r.from === from);
  return rs.flatMap((r) => [relationSourceId(r), relationEdgeId(r), r.to]);
}

function cmsDiscrepancies(intended: Relation[], actual: Relation[]): Discrepancy[] {
  const active = (rs: Relation[]) => unique(rs.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).sort();
  const meant = active(intended);
  const is = active(actual);
  const elementIds = unique([...meant, ...is, ...[...intended, ...actual].filter((r) => r.kind === 'cmsActive').map(relationEdgeId)]);
  if (is.length > 1) {
    return [
      {
        severity: 'error',
        message: `The Central Management Store is active on more than one pool (${is.join(', ')}): only one may be active; the plan meant it to be active on ${list(meant, 'no pool')}.`,
        elementIds,
      },
    ];
  }
  if (is.join() === meant.join()) return [];
  return [{ severity: 'error', message: `The Central Management Store is active on ${list(is, 'no pool')}; the plan meant it to be active on ${list(meant, 'no pool')}.`, elementIds }];
}

/** The Edge pools carrying SIP federation: one deployment-wide fact, so compared as a whole. */
function sipDiscrepancies(intended: Deployment, actual: Deployment, ri: Relation[], ra: Relation[]): Discrepancy[] {
  const routes = (d: Deployment) => unique((d.state.sipFederationRoutes ?? []).map((r) => r.toLowerCase())).sort();
  const meant = routes(intended);
  const is = routes(actual);
  if (meant.join() === is.join()) return [];
  const edges = [...ri, ...ra].filter((r) => r.kind === 'sipFederationRoute');
  return [
    {
      severity: 'error',
      message: `SIP federation goes through ${list(is, 'no Edge pool')}; the plan meant it to go through ${list(meant, 'no Edge pool')}.`,
      elementIds: unique([...meant, ...is, ...edges.flatMap((r) => [relationSourceId(r), relationEdgeId(r)])]),
    },
  ];
}

/** Front End pool → the Edge pools it uses for media (not in the discovery diff). */
function mediaEdgeDiscrepancies(ri: Relation[], ra: Relation[]): Discrepancy[] {
  const byPool = (rs: Relation[]) => {
    const out = new Map<string, string[]>();
    for (const r of rs) if (r.kind === 'mediaEdge') out.set(r.from, [...(out.get(r.from) ?? []), r.to]);
    return out;
  };
  const meant = byPool(ri);
  const is = byPool(ra);
  const pools = unique([...meant.keys(), ...is.keys()]).sort();
  return pools.flatMap((pool): Discrepancy[] => {
    const m = unique(meant.get(pool) ?? []).sort();
    const a = unique(is.get(pool) ?? []).sort();
    if (m.join() === a.join()) return [];
    return [
      {
        severity: 'error',
        message: `${pool} uses ${list(a, 'no Edge pool')} for media; the plan meant it to use ${list(m, 'no Edge pool')}.`,
        elementIds: unique(relationElements('mediaEdge', pool, ri, ra)),
      },
    ];
  });
}

/**
 * How each kind of the discovery diff reads as a discrepancy (`before`: as intended, `after`: as
 * found). The CMS and SIP federation are compared above instead: the diff joins their values, and a
 * run must tell "active twice" and "moved" apart.
 */
const FROM_DIFF: Partial<Record<DiffKind, (e: DiffEntry, ri: Relation[], ra: Relation[]) => Discrepancy>> = {
  failedOver: (e, ri, ra) => ({
    severity: 'error',
    message:
      e.before === undefined
        ? `${e.subject}'s users are still served by ${e.after}; the plan meant them to be back on ${e.subject}.`
        : e.after === undefined
          ? `${e.subject}'s users are not failed over; the plan meant them to be served by ${e.before}.`
          : `${e.subject}'s users are served by ${e.after}; the plan meant them to be served by ${e.before}.`,
    elementIds: unique([e.subject, ...relationElements('failedOverTo', e.subject, ri, ra)]),
  }),
  edgeNextHop: (e, ri, ra) => ({
    severity: 'error',
    message: `Edge pool ${e.subject}'s next hop is ${e.after ?? 'not set'}; the plan meant it to be ${e.before ?? 'not set'}.`,
    elementIds: unique([e.subject, ...relationElements('edgeNextHop', e.subject, ri, ra)]),
  }),
  xmppFederationRoute: (e, ri, ra) => ({
    severity: 'error',
    message: `Site ${e.subject}'s XMPP federation route goes through ${e.after ?? 'no Edge server'}; the plan meant it to go through ${e.before ?? 'no Edge server'}.`,
    elementIds: unique([siteNodeId(e.subject), ...relationElements('xmppFederationRoute', e.subject, ri, ra)]),
  }),
  persistentChat: (e) => ({
    severity: 'error',
    message: `Persistent Chat pool ${e.subject} is ${e.after ?? 'in an unknown state'}; the plan meant it to be ${e.before ?? 'in an unknown state'}.`,
    elementIds: [e.subject],
  }),
  backupPool: (e, ri, ra) => ({
    severity: 'warning',
    message: `${e.subject} is paired with ${e.after ?? 'no pool'}, not ${e.before ?? 'no pool'} as the plan took it to be (a run does not change pairings).`,
    elementIds: unique([e.subject, ...relationElements('backupPool', e.subject, ri, ra)]),
  }),
  poolAdded: (e) => ({ severity: 'warning', message: `Pool ${e.subject} (${e.after}) is in the deployment now but was not in the one the plan was made for.`, elementIds: [e.subject] }),
  poolRemoved: (e) => ({ severity: 'warning', message: `Pool ${e.subject} (${e.before}) was in the deployment the plan was made for but is not in it now.`, elementIds: [] }),
  machineAdded: (e) => ({ severity: 'warning', message: `Server ${e.subject} of ${e.after} is in the deployment now but was not in the one the plan was made for.`, elementIds: [e.after!] }),
  machineRemoved: (e) => ({ severity: 'warning', message: `Server ${e.subject} of ${e.before} was in the deployment the plan was made for but is not in it now.`, elementIds: [e.before!] }),
};

/** Empty when `actual` is as `intended` in every failover-relevant fact. */
export function compareIntended(intended: Deployment, actual: Deployment): Discrepancy[] {
  const ri = deriveRelations(intended);
  const ra = deriveRelations(actual);
  const fromDiff = diffDeployments(intended, actual).flatMap((e) => {
    const read = FROM_DIFF[e.kind];
    return read ? [read(e, ri, ra)] : [];
  });
  return [...cmsDiscrepancies(ri, ra), ...fromDiff, ...sipDiscrepancies(intended, actual, ri, ra), ...mediaEdgeDiscrepancies(ri, ra)];
}
