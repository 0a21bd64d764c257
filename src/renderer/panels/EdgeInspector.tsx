/** A relation edge: what kind, between what, and what it means. A backup pairing shows both directions. */
import type { Deployment, Relation } from '../../shared/model/types';
import { relationEndpoints, relationSourceId, siteIdOfNode } from '../../shared/model/graph-ids';
import { describeRelation, RELATION_NAMES } from '../../shared/graph/describe';
import { ElementLink } from './ElementLink';

export function EdgeInspector({ edgeRelations, deployment }: { edgeRelations: Relation[]; deployment: Deployment }) {
  const first = edgeRelations[0];
  if (!first) return null;
  const siteName = (siteId: string) => deployment.topology.sites.find((s) => s.id === siteId)?.name ?? siteId;
  const label = (nodeId: string) => {
    const siteId = siteIdOfNode(nodeId);
    return siteId === undefined ? nodeId : `site ${siteName(siteId)}`;
  };
  const { source, target } = relationEndpoints(first);
  const roles = edgeRelations.map((r) => r.role).filter(Boolean);
  return (
    <>
      <dl className="facts">
        <dt>Relation</dt>
        <dd>{RELATION_NAMES[first.kind]}</dd>
        <dt>From</dt>
        <dd>
          <ElementLink id={source}>{label(source)}</ElementLink>
        </dd>
        <dt>To</dt>
        <dd>
          <ElementLink id={target}>{label(target)}</ElementLink>
        </dd>
        {roles.length > 0 && (
          <>
            <dt>Role</dt>
            <dd>{roles.join(', ')}</dd>
          </>
        )}
        {first.via && (
          <>
            <dt>Edge server</dt>
            <dd className="mono">{first.via}</dd>
          </>
        )}
      </dl>
      {first.kind === 'edgeNextHop' && (
        <p className="hint">
          To propose another next hop, drag the arrow end of this line onto another Front End or Director pool, or use Change next hop…
        </p>
      )}
      <h3>What it means</h3>
      {edgeRelations.map((r) => (
        <p key={`${relationSourceId(r)} ${r.to} ${r.role ?? ''}`} className="meaning">
          {describeRelation(r, siteName)}
        </p>
      ))}
    </>
  );
}
