/**
 * What a pool is follows from the services installed on it (topology-xml.md, "Pools"). The first
 * matching rule wins, so a Standard Edition server — a Front End holding its own SQL instance and
 * stores — is a Front End, not a SQL server.
 */
import type { Edition, PoolKind } from '../model/types';

export interface KindEvidence {
  roles: ReadonlySet<string>;
  /** A Registrar on the pool says `IsDirector="true"`. */
  isDirector: boolean;
  hasSqlInstance: boolean;
}

/** SQL store roles (UserStore, CentralMgmtStore, PersistentChatStore, …); FileStore is a file share. */
function isSqlStoreRole(role: string): boolean {
  return role.endsWith('Store') && role !== 'FileStore';
}

export function poolKind({ roles, isDirector, hasSqlInstance }: KindEvidence): PoolKind {
  if (roles.has('Registrar') && isDirector) return 'Director';
  if (roles.has('Registrar') && roles.has('UserServices')) return 'FrontEnd';
  if (roles.has('EdgeServer')) return 'Edge';
  if (roles.has('PersistentChatServer')) return 'PersistentChat';
  if (roles.has('WacService')) return 'OfficeOnline';
  if (roles.has('PstnGateway')) return 'PstnGateway';
  if (hasSqlInstance || [...roles].some(isSqlStoreRole)) return 'SqlBackEnd';
  if (roles.has('MediationServer')) return 'Mediation';
  if (roles.size === 1 && roles.has('FileStore')) return 'FileStore';
  return 'Other';
}

/** Standard Edition: one machine whose own SQL instance holds the pool's user store. */
export function frontEndEdition(machineCount: number, userStoreIsLocal: boolean): Edition {
  return machineCount === 1 && userStoreIsLocal ? 'Standard' : 'Enterprise';
}

// `ServiceVersion` of the server roles, per product release.
const PRODUCT_BY_SERVICE_VERSION: Record<string, string> = {
  '5': 'Lync2010',
  '6': 'Lync2013',
  '7': 'SfB2015',
  '8': 'SfB2019',
};

/** The product a pool runs, from the highest `ServiceVersion` of its services; undefined if unknown. */
export function productVersion(serviceVersions: Iterable<string>): string | undefined {
  let highest = -1;
  for (const v of serviceVersions) {
    const n = Number.parseInt(v, 10);
    if (n > highest) highest = n;
  }
  return PRODUCT_BY_SERVICE_VERSION[String(highest)];
}
