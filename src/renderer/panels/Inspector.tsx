/**
 * The side panel's details of the selected pool, site or relation (or an overview when none is),
 * as the what-if scenario leaves the deployment, with the what-if actions for it on top.
 */
import { useShallow } from 'zustand/react/shallow';
import { relationEdgeId, siteIdOfNode } from '../../shared/model/graph-ids';
import { RELATION_NAMES } from '../../shared/graph/describe';
import { useAppStore } from '../store/store';
import { PoolInspector } from './PoolInspector';
import { SiteInspector } from './SiteInspector';
import { EdgeInspector } from './EdgeInspector';
import { DeploymentOverview } from './DeploymentOverview';
import { ProposeActions } from './ProposeActions';
import { downMarks } from '../../shared/scenario/down-marks';

export function Inspector() {
  const { base, deployment, relations, selectedId, down } = useAppStore(
    useShallow((s) => ({ base: s.deployment, deployment: s.shown, relations: s.shownRelations, selectedId: s.selectedId, down: s.scenario.down })),
  );
  const downLine = base && selectedId ? downMarks(base, down).get(selectedId) : undefined;

  let heading = 'Deployment';
  let body = null;
  if (deployment) {
    const pool = selectedId ? deployment.topology.pools.find((p) => p.fqdn === selectedId) : undefined;
    const siteId = selectedId ? siteIdOfNode(selectedId) : undefined;
    const site = siteId !== undefined ? deployment.topology.sites.find((s) => s.id === siteId) : undefined;
    const edgeRelations = selectedId && !pool && !site ? relations.filter((r) => relationEdgeId(r) === selectedId) : [];
    if (pool) {
      heading = pool.fqdn;
      body = <PoolInspector pool={pool} deployment={deployment} base={base ?? deployment} relations={relations} />;
    } else if (site) {
      heading = `Site ${site.name}`;
      body = <SiteInspector site={site} deployment={deployment} base={base ?? deployment} relations={relations} />;
    } else if (edgeRelations[0]) {
      heading = RELATION_NAMES[edgeRelations[0].kind];
      body = <EdgeInspector edgeRelations={edgeRelations} deployment={deployment} />;
    } else {
      body = <DeploymentOverview deployment={deployment} relations={relations} />;
    }
  }

  return (
    <section className="panel inspector" aria-labelledby="inspector-heading" data-testid="inspector">
      <h2 id="inspector-heading" data-testid="inspector-heading" className="inspector-heading">
        {heading}
      </h2>
      {downLine && (
        <p className="down-status" data-testid="inspector-down">
          <span aria-hidden="true">✕ </span>
          {downLine.includes('site down')
            ? 'Down in this what-if: its site is marked down'
            : downLine.includes('(instance')
              ? 'In this what-if, a SQL store on it is marked down'
              : 'Marked down in this what-if'}
        </p>
      )}
      {selectedId && body && <ProposeActions elementId={selectedId} />}
      {body ?? <p className="muted">No deployment open.</p>}
    </section>
  );
}
