/** What a discovery is compared by: `poolpilot inspect --json`'s view of a deployment. */
import { inspectJson } from '../../../src/shared/model/inspect';
import type { Deployment } from '../../../src/shared/model/types';

/** What `poolpilot inspect --json` shows, but for where the deployment came from. */
export function view(d: Deployment) {
  const { source: _source, ...rest } = inspectJson(d, []);
  return rest;
}

/**
 * The demo as a topology document can carry it: the importer reads no SQL mirror or Persistent Chat
 * backup stores from a document (nor does any read cmdlet name them), so those store relations of
 * the hand-built demo cannot come back from a discovery.
 */
export function documentable(d: Deployment) {
  const v = view(d);
  return { ...v, relations: v.relations.filter((r) => !((r.kind === 'backEnd' || r.kind === 'chatStore') && r.role !== 'primary')) };
}
