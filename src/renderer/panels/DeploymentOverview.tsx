/** The inspector with nothing selected: the deployment at a glance, and how to get details. */
import type { Deployment, PoolKind, Relation } from '../../shared/model/types';
import { cmsHosts } from '../../shared/model/blast-radius';
import { POOL_KIND_NAMES } from '../../shared/graph/describe';
import { ElementLink } from './ElementLink';

export function DeploymentOverview({ deployment, relations }: { deployment: Deployment; relations: Relation[] }) {
  const byKind = new Map<PoolKind, number>();
  for (const p of deployment.topology.pools) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  const { active } = cmsHosts(deployment, relations);
  const sip = deployment.state.sipFederationRoutes;
  return (
    <>
      <p className="muted">Select a pool, site or connection in the graph (or find one with Ctrl+F) to see its details.</p>
      <dl className="facts">
        <dt>Sites</dt>
        <dd>{deployment.topology.sites.length}</dd>
        {[...byKind].map(([kind, n]) => (
          <div key={kind} className="fact-row">
            <dt>{POOL_KIND_NAMES[kind]} pools</dt>
            <dd>{n}</dd>
          </div>
        ))}
        <dt>Active CMS</dt>
        <dd>{active ? <ElementLink id={active}>{active}</ElementLink> : <span className="muted">not in this topology</span>}</dd>
        <dt>SIP federation</dt>
        <dd>
          {sip === undefined ? (
            <span className="muted">not known</span>
          ) : sip.length === 0 ? (
            'none'
          ) : (
            sip.map((fqdn) => (
              <ElementLink key={fqdn} id={fqdn}>
                {fqdn}
              </ElementLink>
            ))
          )}
        </dd>
      </dl>
    </>
  );
}
