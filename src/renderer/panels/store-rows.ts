/**
 * The Back End stores the inspector lists: each role the pool has, and each role a discovery could
 * not read, marked so (Pool.unknown) — an admin must not read a missing mirror as "not mirrored"
 * when it was only not discovered.
 */
import { unknownFieldPath, type BackEndStores, type Pool } from '../../shared/model/types';

const STORE_ROLES: Array<[keyof BackEndStores, string]> = [
  ['primary', 'Primary'],
  ['mirror', 'Mirror'],
  ['backup', 'Backup (log shipping)'],
  ['backupMirror', 'Backup mirror'],
];

export type StoreRow = { role: keyof BackEndStores; label: string } & ({ id: string } | { unknown: string });

export function storeRows(pool: Pool): StoreRow[] {
  return STORE_ROLES.flatMap(([role, label]): StoreRow[] => {
    const id = pool.backEnd?.[role];
    if (id !== undefined) return [{ role, label, id }];
    if (role !== 'primary' && pool.unknown?.includes(`backEnd.${role}`))
      return [{ role, label, unknown: `Unknown: the discovery could not read it (${unknownFieldPath(pool.fqdn, `backEnd.${role}`)})` }];
    return [];
  });
}

/** Said under a pool's servers when which data centre each stands in was not discovered. */
export function machineSitesUnknown(pool: Pool): string | undefined {
  return pool.unknown?.includes('machineSites')
    ? `Data centre of each server: unknown — no read cmdlet reports it (${unknownFieldPath(pool.fqdn, 'machineSites')}); Persistent Chat failover and failback need it.`
    : undefined;
}
