/**
 * What is known about a deployment beyond its topology document. A document alone says nothing of
 * pairing, federation routes or failover state, so an imported topology starts from this.
 */
import type { DeploymentState } from './types';

/** Nothing known: no pairs, routes, Persistent Chat or failover state (`sipFederationRoutes` unknown). */
export function emptyState(): DeploymentState {
  return { backupPools: {}, xmppRoutes: {}, persistentChat: {}, failedOver: {}, backupSync: {} };
}
