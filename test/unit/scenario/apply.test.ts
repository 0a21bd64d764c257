import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { deploymentSchema } from '../../../src/shared/model/schema';
import { applyScenario } from '../../../src/shared/scenario/apply';
import { addChange, emptyScenario, undo } from '../../../src/shared/scenario/edit';
import type { Relation } from '../../../src/shared/model/types';
import { demo, EDGE1, EDGE2, failback, failover, machineOf, nextHop, POOL1, POOL2, scenario } from '../rules/helpers';

const relationsOf = (kind: Relation['kind'], from: string, rs: Relation[]) => rs.filter((r) => r.kind === kind && r.from === from).map((r) => r.to);

describe('applyScenario', () => {
  it('rewrites the EdgeServer service\'s Registrar dependency when a next hop is reassigned', () => {
    const before = demo();
    const after = applyScenario(before, scenario([nextHop(EDGE1, POOL2)]));
    const edge = after.topology.services.find((s) => s.id === `EdgeServer:${EDGE1}`)!;
    expect(edge.dependsOn).toContain(`Registrar:${POOL2}`);
    expect(edge.dependsOn).not.toContain(`Registrar:${POOL1}`);
    expect(relationsOf('edgeNextHop', EDGE1, deriveRelations(after))).toEqual([POOL2]);
    // Everything else in the Edge service's dependencies stays.
    const original = before.topology.services.find((s) => s.id === `EdgeServer:${EDGE1}`)!;
    expect(edge.dependsOn.filter((id) => !id.startsWith('Registrar:'))).toEqual(original.dependsOn.filter((id) => !id.startsWith('Registrar:')));
  });

  it('records a failover in state.failedOver and a failback removes it', () => {
    const failedOver = applyScenario(demo(), scenario([failover(POOL1)]));
    expect(failedOver.state.failedOver).toEqual({ [POOL1]: POOL2 });
    expect(relationsOf('failedOverTo', POOL1, deriveRelations(failedOver))).toEqual([POOL2]);
    expect(applyScenario(demo(), scenario([failover(POOL1), failback(POOL1)])).state.failedOver).toEqual({});
  });

  it('moves federation routes and the media Edge association', () => {
    const d = demo();
    const server = machineOf(d, EDGE2);
    const after = applyScenario(
      d,
      scenario([
        { kind: 'moveSipFederation', edgePool: EDGE2 },
        { kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: server },
        { kind: 'changeMediaEdge', pool: POOL1, edgePool: EDGE2 },
      ]),
    );
    expect(after.state.sipFederationRoutes).toEqual([EDGE2]);
    expect(after.state.xmppRoutes.Site1).toBe(server);
    expect(relationsOf('mediaEdge', POOL1, deriveRelations(after))).toEqual([EDGE2]);
  });

  it('is pure: the input deployment is untouched and the result is still a valid deployment', () => {
    const d = demo();
    const before = structuredClone(d);
    const after = applyScenario(d, scenario([nextHop(EDGE1, POOL2), { kind: 'failoverCms' }, failover(POOL1), { kind: 'changeMediaEdge', pool: POOL1, edgePool: EDGE2 }]));
    expect(d).toEqual(before);
    expect(deploymentSchema.safeParse(after).success).toBe(true);
    expect(after.topology.pools).toBe(d.topology.pools);
  });

  it('applies only the changes in effect (undone ones are left out)', () => {
    const s = undo(addChange(addChange(emptyScenario(), nextHop(EDGE1, POOL2)), failover(POOL1)));
    const after = applyScenario(demo(), s);
    expect(after.state.failedOver).toEqual({});
    expect(relationsOf('edgeNextHop', EDGE1, deriveRelations(after))).toEqual([POOL2]);
    const unchanged = demo();
    expect(applyScenario(unchanged, emptyScenario())).toBe(unchanged);
  });
});
