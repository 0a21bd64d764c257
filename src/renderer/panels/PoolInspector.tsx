/** Everything known about one pool: what it is, where, its servers and stores, its relations. */
import type { Deployment, Pool, Relation } from '../../shared/model/types';
import { cmsHosts } from '../../shared/model/blast-radius';
import { relationSourceId, siteNodeId } from '../../shared/model/graph-ids';
import { poolKindLong } from '../../shared/graph/describe';
import { ElementLink } from './ElementLink';
import { RelationList } from './RelationList';
import { BackupPoolField } from './BackupPoolField';
import { SipFederationField } from './SipFederationField';
import { StoreDownToggle } from './ProposeActions';
import { machineSitesUnknown, storeRows } from './store-rows';

/** `deployment` as the what-if leaves it, for the facts; `base` as it stands, for the state the admin edits. */
export function PoolInspector({ pool, deployment, base, relations }: { pool: Pool; deployment: Deployment; base: Deployment; relations: Relation[] }) {
  const site = deployment.topology.sites.find((s) => s.id === pool.siteId);
  const cms = cmsHosts(deployment, relations);
  const cmsRole = cms.active === pool.fqdn ? 'Active (master)' : cms.standby.includes(pool.fqdn) ? 'Standby' : undefined;
  const instance = (id: string) => deployment.topology.sqlInstances.find((i) => i.id === id);
  const stores = storeRows(pool);
  const sitesUnknown = machineSitesUnknown(pool);
  const editable = pool.kind === 'FrontEnd' || pool.kind === 'Edge';

  return (
    <>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{poolKindLong(pool)}</dd>
        <dt>Site</dt>
        <dd>{site ? <ElementLink id={siteNodeId(site.id)}>{site.name}</ElementLink> : pool.siteId}</dd>
        {pool.version && (
          <>
            <dt>Version</dt>
            <dd>{pool.version}</dd>
          </>
        )}
        {cmsRole && (
          <>
            <dt>Central Management Server</dt>
            <dd>{cmsRole}</dd>
          </>
        )}
      </dl>

      <h3>
        Servers <span className="count">({pool.machines.length})</span>
      </h3>
      <ul className="plain mono">
        {pool.machines.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      {sitesUnknown && <p className="hint warn">{sitesUnknown}</p>}

      {pool.sqlInstances.length > 0 && (
        <>
          <h3>SQL instances hosted</h3>
          <ul className="plain store-list">
            {pool.sqlInstances.map((id) => (
              <li key={id}>
                <span className="mono">{id}</span> <StoreDownToggle instanceId={id} />
              </li>
            ))}
          </ul>
        </>
      )}

      {stores.length > 0 && (
        <>
          <h3>Back End stores</h3>
          <dl className="facts">
            {stores.map((row) => {
              if ('unknown' in row)
                return (
                  <div key={row.role} className="fact-row">
                    <dt>{row.label}</dt>
                    <dd className="hint warn">{row.unknown}</dd>
                  </div>
                );
              const sql = instance(row.id);
              return (
                <div key={row.role} className="fact-row">
                  <dt>{row.label}</dt>
                  <dd className="store-row">
                    <span className="mono">{sql ? <ElementLink id={sql.poolFqdn}>{row.id}</ElementLink> : row.id}</span> <StoreDownToggle instanceId={row.id} />
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}

      <h3>Services</h3>
      {pool.roles.length === 0 ? (
        <p className="muted">None listed</p>
      ) : (
        <ul className="chips" aria-label="Services">
          {pool.roles.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}

      {editable && (
        <section className="state-fields" aria-labelledby="state-fields-heading">
          <h3 id="state-fields-heading">Deployment state</h3>
          <p className="hint">Not in the topology document; saved with the snapshot.</p>
          {pool.kind === 'FrontEnd' && <BackupPoolField pool={pool} deployment={base} />}
          {pool.kind === 'Edge' && <SipFederationField pool={pool} deployment={base} />}
        </section>
      )}

      <RelationList title="Relations out" direction="out" deployment={deployment} relations={relations.filter((r) => relationSourceId(r) === pool.fqdn)} />
      <RelationList title="Relations in" direction="in" deployment={deployment} relations={relations.filter((r) => r.to === pool.fqdn)} />
    </>
  );
}
