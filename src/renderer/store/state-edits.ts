/**
 * Edits to what the topology document cannot say (pairing, federation routes), made by the admin
 * in the inspector. Pure: each returns a new DeploymentState.
 */
import type { DeploymentState } from '../../shared/model/types';

/**
 * Pairs `pool` with `partner` in both directions (a backup relationship is mutual), or unpairs it
 * when `partner` is null. Old partners of either pool are released, so no pool keeps pointing at a
 * pool that now backs up someone else.
 */
export function setBackupPool(state: DeploymentState, pool: string, partner: string | null): DeploymentState {
  const backupPools = { ...state.backupPools };
  const release = (fqdn: string) => {
    const old = backupPools[fqdn];
    delete backupPools[fqdn];
    if (old !== undefined && backupPools[old] === fqdn) delete backupPools[old];
  };
  release(pool);
  if (partner !== null && partner !== pool) {
    release(partner);
    backupPools[pool] = partner;
    backupPools[partner] = pool;
  }
  return { ...state, backupPools };
}

/** Sets or clears "Enable federation for this Edge pool (port 5061)" on one Edge pool. */
export function setSipFederation(state: DeploymentState, edgePool: string, carries: boolean): DeploymentState {
  const routes = (state.sipFederationRoutes ?? []).filter((fqdn) => fqdn !== edgePool);
  return { ...state, sipFederationRoutes: carries ? [...routes, edgePool] : routes };
}

/** A site's XMPP federation route: the Edge server FQDN, or none. */
export function setXmppRoute(state: DeploymentState, siteId: string, edgeServer: string | null): DeploymentState {
  const xmppRoutes = { ...state.xmppRoutes };
  if (edgeServer === null) delete xmppRoutes[siteId];
  else xmppRoutes[siteId] = edgeServer;
  return { ...state, xmppRoutes };
}
