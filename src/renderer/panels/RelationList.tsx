/** Relations into or out of an element: the relation (selects the edge) and the element at the other end. */
import type { Deployment, Relation } from '../../shared/model/types';
import { relationEdgeId, relationSourceId, siteIdOfNode } from '../../shared/model/graph-ids';
import { RELATION_NAMES } from '../../shared/graph/describe';
import { ElementLink } from './ElementLink';

function nodeLabel(d: Deployment, nodeId: string): string {
  const siteId = siteIdOfNode(nodeId);
  if (siteId === undefined) return nodeId;
  return `site ${d.topology.sites.find((s) => s.id === siteId)?.name ?? siteId}`;
}

export function RelationList({
  title,
  deployment,
  relations,
  direction,
}: {
  title: string;
  deployment: Deployment;
  relations: Relation[];
  /** 'out': show each relation's target; 'in': its source. */
  direction: 'out' | 'in';
}) {
  return (
    <section className="relations" aria-label={title}>
      <h3>
        {title} <span className="count">({relations.length})</span>
      </h3>
      {relations.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul className="plain">
          {relations.map((r) => {
            const other = direction === 'out' ? r.to : relationSourceId(r);
            const edgeId = relationEdgeId(r);
            const name = RELATION_NAMES[r.kind] + (r.role ? ` (${r.role})` : '');
            return (
              <li key={`${edgeId} ${r.role ?? ''} ${direction}`} className="relation-row">
                <ElementLink id={edgeId} label={`Select relation: ${name}`}>
                  {name}
                </ElementLink>
                <span className="arrow" aria-hidden="true">
                  {direction === 'out' ? '→' : '←'}
                </span>
                <ElementLink id={other}>{nodeLabel(deployment, other)}</ElementLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
