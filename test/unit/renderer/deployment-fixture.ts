/** A small two-data-centre deployment, written out by hand, for the renderer's pure helpers. */
import type { Deployment, Pool, PoolKind } from '../../../src/shared/model/types';

function pool(fqdn: string, siteId: string, kind: PoolKind, machines: string[], extra: Partial<Pool> = {}): Pool {
  return { fqdn, siteId, kind, machines, sqlInstances: [], roles: [], ...extra };
}

export function twoDataCentres(): Deployment {
  return {
    topology: {
      sites: [
        { id: 'Site1', name: 'Datacenter1', number: 1, kind: 'central', city: 'Redmond', countryCode: 'US' },
        { id: 'Site2', name: 'Datacenter2', number: 2, kind: 'central' },
      ],
      pools: [
        pool('pool1.contoso.com', 'Site1', 'FrontEnd', ['fe01.contoso.com', 'fe02.contoso.com'], { edition: 'Enterprise' }),
        pool('edgepool1.contoso.com', 'Site1', 'Edge', ['edgeserver1.contoso.com']),
        pool('sql1.contoso.com', 'Site1', 'SqlBackEnd', ['sql1.contoso.com']),
        pool('pool2.contoso.com', 'Site2', 'FrontEnd', ['fe03.contoso.com'], { edition: 'Standard' }),
        pool('edgepool2.contoso.com', 'Site2', 'Edge', ['edgeserver2.contoso.com', 'edgeserver3.contoso.com']),
      ],
      sqlInstances: [],
      services: [],
    },
    state: { backupPools: {}, xmppRoutes: {}, persistentChat: {}, failedOver: {}, backupSync: {} },
    source: { kind: 'demo', name: 'Built-in demo deployment' },
  };
}
