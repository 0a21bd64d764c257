/** A site: where it is, its pools, and the federation routes that leave from it. */
import type { Deployment, Relation, Site } from '../../shared/model/types';
import { relationSourceId, siteNodeId } from '../../shared/model/graph-ids';
import { poolKindShort } from '../../shared/graph/describe';
import { ElementLink } from './ElementLink';
import { RelationList } from './RelationList';
import { XmppRouteField } from './XmppRouteField';

/** `deployment` as the what-if leaves it, for the facts; `base` as it stands, for the state the admin edits. */
export function SiteInspector({ site, deployment, base, relations }: { site: Site; deployment: Deployment; base: Deployment; relations: Relation[] }) {
  const pools = deployment.topology.pools.filter((p) => p.siteId === site.id);
  const parent = site.parentId ? deployment.topology.sites.find((s) => s.id === site.parentId) : undefined;
  const location = [site.city, site.state, site.countryCode].filter(Boolean).join(', ');
  const nodeId = siteNodeId(site.id);
  return (
    <>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{site.kind === 'central' ? 'Central site (data center)' : 'Branch site'}</dd>
        <dt>Site id</dt>
        <dd>{site.number}</dd>
        {location && (
          <>
            <dt>Location</dt>
            <dd>{location}</dd>
          </>
        )}
        {parent && (
          <>
            <dt>Central site</dt>
            <dd>
              <ElementLink id={siteNodeId(parent.id)}>{parent.name}</ElementLink>
            </dd>
          </>
        )}
      </dl>

      <h3>
        Pools <span className="count">({pools.length})</span>
      </h3>
      {pools.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <ul className="plain">
          {pools.map((p) => (
            <li key={p.fqdn} className="pool-row">
              <ElementLink id={p.fqdn}>{p.fqdn}</ElementLink>
              <span className="muted"> {poolKindShort(p)}</span>
            </li>
          ))}
        </ul>
      )}

      <section className="state-fields" aria-labelledby="site-state-heading">
        <h3 id="site-state-heading">Deployment state</h3>
        <p className="hint">Not in the topology document; saved with the snapshot.</p>
        <XmppRouteField site={site} deployment={base} />
      </section>

      <RelationList title="Relations out" direction="out" deployment={deployment} relations={relations.filter((r) => relationSourceId(r) === nodeId)} />
    </>
  );
}
