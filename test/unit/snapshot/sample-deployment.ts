/** A small two-site deployment with every optional part filled in, for snapshot and store tests. */
import type { Deployment } from '../../../src/shared/model/types';

export function sampleDeployment(): Deployment {
  return {
    topology: {
      sites: [
        { id: 'Site1', name: 'Site1', number: 1, kind: 'central', city: 'Redmond', countryCode: 'US' },
        { id: 'Site2', name: 'Site2', number: 2, kind: 'central' },
        { id: 'Branch1', name: 'Branch1', number: 3, kind: 'branch', parentId: 'Site1' },
      ],
      pools: [
        {
          fqdn: 'pool1.contoso.com',
          siteId: 'Site1',
          kind: 'FrontEnd',
          edition: 'Enterprise',
          machines: ['fe01.contoso.com', 'fe02.contoso.com'],
          sqlInstances: [],
          roles: ['Registrar', 'UserServices', 'CentralMgmt'],
          backEnd: { primary: 'sql1.contoso.com\\rtc', mirror: 'sql2.contoso.com\\rtc' },
          version: 'SfB2015',
        },
        {
          fqdn: 'pool2.contoso.com',
          siteId: 'Site2',
          kind: 'FrontEnd',
          edition: 'Enterprise',
          machines: ['fe11.contoso.com'],
          sqlInstances: [],
          roles: ['Registrar', 'UserServices'],
        },
        { fqdn: 'edgepool1.contoso.com', siteId: 'Site1', kind: 'Edge', machines: ['edgeserver1.contoso.com'], sqlInstances: [], roles: ['EdgeServer'] },
        { fqdn: 'sql1.contoso.com', siteId: 'Site1', kind: 'SqlBackEnd', machines: ['sql1.contoso.com'], sqlInstances: ['sql1.contoso.com\\rtc'], roles: [] },
      ],
      sqlInstances: [{ id: 'sql1.contoso.com\\rtc', poolFqdn: 'sql1.contoso.com', name: 'rtc' }],
      services: [
        { id: 'Registrar:pool1.contoso.com', role: 'Registrar', poolFqdn: 'pool1.contoso.com', dependsOn: ['EdgeServer:edgepool1.contoso.com'] },
        { id: 'EdgeServer:edgepool1.contoso.com', role: 'EdgeServer', poolFqdn: 'edgepool1.contoso.com', dependsOn: ['Registrar:pool1.contoso.com'] },
        { id: 'CentralMgmt:pool1.contoso.com', role: 'CentralMgmt', poolFqdn: 'pool1.contoso.com', dependsOn: [], cmsActive: true },
        {
          id: 'CentralMgmtStore:sql1.contoso.com',
          role: 'CentralMgmtStore',
          poolFqdn: 'sql1.contoso.com',
          sqlInstanceId: 'sql1.contoso.com\\rtc',
          dependsOn: [],
        },
      ],
      defaultDomain: 'contoso.com',
    },
    state: {
      backupPools: { 'pool1.contoso.com': 'pool2.contoso.com', 'pool2.contoso.com': 'pool1.contoso.com' },
      sipFederationRoutes: ['edgepool1.contoso.com'],
      xmppRoutes: { Site1: 'edgeserver1.contoso.com' },
      persistentChat: {},
      failedOver: { 'pool1.contoso.com': 'pool2.contoso.com' },
      cmsActivePool: 'pool1.contoso.com',
      backupSync: { 'pool1.contoso.com': { lastSync: '2024-05-01T10:00:00Z', state: 'SteadyState' } },
    },
    source: { kind: 'file', name: 'topology.xml', path: '/tmp/topology.xml', form: 'published' },
  };
}
