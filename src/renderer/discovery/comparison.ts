/**
 * A comparison between the deployment on screen and another (a kept snapshot, a file), put in time
 * order so "added" and "removed" mean what they say: the older one is "before". Without a time (the
 * demo, a topology file) the deployment on screen counts as now. Each change gets a sentence an
 * admin reads at a glance and the graph element it is about, if that is on screen.
 */
import { diffDeployments, type DiffEntry } from '../../shared/discovery/diff';
import type { Deployment } from '../../shared/model/types';
import { siteNodeId } from '../../shared/model/graph-ids';
import { diffMarks, type DiffMarks } from './diff-marks';

export interface ComparedSide {
  name: string;
  takenAt?: string;
  /** This side is the deployment on screen. */
  shown: boolean;
  deployment: Deployment;
}

export interface ComparisonView {
  before: ComparedSide;
  after: ComparedSide;
  entries: DiffEntry[];
  marks: DiffMarks;
}

function time(takenAt: string | undefined, missing: number): number {
  const t = takenAt ? Date.parse(takenAt) : NaN;
  return Number.isNaN(t) ? missing : t;
}

export function compareDeployments(shown: Omit<ComparedSide, 'shown'>, other: Omit<ComparedSide, 'shown'>): ComparisonView {
  const s = { ...shown, shown: true };
  const o = { ...other, shown: false };
  // Ties (and two undated sides) keep the other as "before": the question is what changed on screen.
  const shownIsLater = time(shown.takenAt, Infinity) >= time(other.takenAt, -Infinity);
  const [before, after] = shownIsLater ? [o, s] : [s, o];
  const entries = diffDeployments(before.deployment, after.deployment);
  return { before, after, entries, marks: diffMarks(before.deployment, after.deployment, entries) };
}

export interface ChangeLine {
  /** What kind of change, e.g. "Next hop of edgepool1.contoso.com". */
  what: string;
  before: string;
  after: string;
  /** The graph element to show for it (a pool or site node id). */
  elementId?: string;
}

const NONE = '(none)';

/** Site ids name federation routes; the admin knows sites by the name the graph shows. */
function siteName(view: ComparisonView, siteId: string): string {
  const site = [...view.after.deployment.topology.sites, ...view.before.deployment.topology.sites].find((s) => s.id === siteId);
  return site && site.name !== site.id ? `${site.name} (${site.id})` : siteId;
}

export function changeLine(entry: DiffEntry, view: ComparisonView): ChangeLine {
  const before = entry.before ?? NONE;
  const after = entry.after ?? NONE;
  switch (entry.kind) {
    case 'poolAdded':
      return { what: `Pool added: ${entry.subject}`, before: NONE, after: entry.after ?? '', elementId: entry.subject };
    case 'poolRemoved':
      return { what: `Pool removed: ${entry.subject}`, before: entry.before ?? '', after: NONE, elementId: entry.subject };
    case 'machineAdded':
      return { what: `Server added: ${entry.subject}`, before: NONE, after: `in ${after}`, ...(entry.after ? { elementId: entry.after } : {}) };
    case 'machineRemoved':
      return { what: `Server removed: ${entry.subject}`, before: `in ${before}`, after: NONE, ...(entry.before ? { elementId: entry.before } : {}) };
    case 'edgeNextHop':
      return { what: `Next hop of ${entry.subject}`, before, after, elementId: entry.subject };
    case 'backupPool':
      return { what: `Backup pool of ${entry.subject}`, before, after, elementId: entry.subject };
    case 'sipFederationRoute':
      return { what: `SIP federation route of site ${siteName(view, entry.subject)}`, before, after, elementId: siteNodeId(entry.subject) };
    case 'xmppFederationRoute':
      return { what: `XMPP federation route of site ${siteName(view, entry.subject)}`, before, after, elementId: siteNodeId(entry.subject) };
    case 'cmsActive': {
      const host = entry.after ?? entry.before;
      return { what: 'Central Management Store active on', before, after, ...(host ? { elementId: host.split(', ')[0] } : {}) };
    }
    case 'persistentChat':
      return { what: `Persistent Chat pool ${entry.subject}`, before, after, elementId: entry.subject };
    case 'failedOver':
      return { what: `Users of ${entry.subject} served by`, before, after, elementId: entry.subject };
  }
}
