/**
 * What a round trip compares: the deployment's topology and state as the rules and the planner
 * read them (where it came from is not compared), and what a discovery of it can know.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { importTopology } from '../../../src/shared/topology/import';
import { synthTopologyXml } from '../../../src/shared/topology/synth';
import { generatedDeployment } from '../../support/generated-topologies';

/**
 * The facts the rules read, in one form for a file and a discovery: the CMS location as it is in
 * effect (the reported active master, else the document's IsActive), and the SIP route list (the lab
 * answers from its model, where an unknown route reads as none).
 */
export function comparable(d: Deployment) {
  const { cmsActivePool, sipFederationRoutes, ...state } = d.state;
  const cms = cmsActivePool ?? d.topology.services.find((s) => s.role === 'CentralMgmt' && s.cmsActive)?.poolFqdn;
  return { topology: d.topology, state: { ...state, sipFederationRoutes: sipFederationRoutes ?? [], cms } };
}

/**
 * X as a discovery can know it: which data centre each server of a Persistent Chat pool stands in
 * is in no topology document and no read cmdlet (Pool.machineSites), so a pool whose failover picks
 * servers by data centre (it has a backup store) comes back with that marked unknown.
 */
export function undiscoverable(d: Deployment): Deployment {
  const out = structuredClone(d);
  for (const pool of out.topology.pools) {
    if (pool.kind !== 'PersistentChat' || !pool.backEnd?.backup) continue;
    delete pool.machineSites;
    pool.unknown = ['machineSites'];
  }
  return out;
}

const PUBLIC = join(__dirname, '../../../../shared/fixtures/topologies/public');

function imported(fileName: string, content: Uint8Array | string): Deployment {
  const { topology } = importTopology(content, { fileName });
  return { topology, state: { backupPools: {}, xmppRoutes: {}, persistentChat: {}, failedOver: {}, backupSync: {} }, source: { kind: 'file', name: fileName } };
}

/** Every public sample (the topology documents in the shared fixtures), by file name, as imported. */
export function publicFixtures(): [string, Deployment][] {
  const files = readdirSync(PUBLIC).filter((f) => /\.(xml|tbxml)$/.test(f));
  return files.map((f): [string, Deployment] => [f, imported(f, readFileSync(join(PUBLIC, f)))]);
}

/** The demo, every public sample, a synthetic topology and 40 seeded varied ones. */
export function roundTripCases(): [string, Deployment][] {
  return [
    ['the demo', demoDeployment(new Date('2026-12-01T08:00:00Z'))],
    ...publicFixtures(),
    ['synth --pools 120', imported('synth.xml', synthTopologyXml(120))],
    ...Array.from({ length: 40 }, (_, i): [string, Deployment] => [`generated #${i + 1}`, generatedDeployment(i + 1)]),
  ];
}
