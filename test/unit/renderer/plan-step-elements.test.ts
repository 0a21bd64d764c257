/**
 * What the graph highlights when the admin selects a plan step: the pools the step runs on and
 * names (servers and SQL instances as their pools, service identities as their pool), and for a
 * step that names nothing, what its procedure is about.
 */
import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { getReplicationStatus } from '../../../src/shared/powershell/commands';
import type { Plan, PlanSection, Step } from '../../../src/shared/plan/types';
import { stepElements } from '../../../src/renderer/plan/step-elements';
import { CHAT, EDGE1, EDGE2, goldenPlans, POOL1, POOL2 } from '../plan/scenarios';

const demo = demoDeployment();
const plans = goldenPlans();

/** The step with this id and its section. */
function find(plan: Plan, id: string): { section: PlanSection; step: Step } {
  const walk = (steps: Step[]): Step | undefined => {
    for (const s of steps) {
      if (s.id === id) return s;
      const inner = s.kind === 'decision' ? walk(s.branches.flatMap((b) => b.steps)) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  for (const section of plan.sections) {
    const step = walk(section.steps);
    if (step) return { section, step };
  }
  throw new Error(`no step ${id}`);
}

function elementsOf(plan: string, id: string): string[] {
  const { section, step } = find(plans[plan]!, id);
  return stepElements(demo, section, step);
}

describe('stepElements', () => {
  it('Set-CsEdgeServer: the Edge pool and its new next hop (service identities stand for their pools)', () => {
    expect(elementsOf('pool1-failover', `reassignNextHop:${EDGE1}/set-edge-server`)).toEqual([EDGE1, POOL2]);
  });

  it('Invoke-CsPoolFailover: the backup pool it runs on and the pool it fails over', () => {
    expect(elementsOf('pool1-failover', `failoverPool:${POOL1}/failover`)).toEqual([POOL2, POOL1]);
  });

  it('a CMS failover to a SQL server: the SQL pool that holds it', () => {
    expect(elementsOf('pool1-failover', 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms')).toEqual([POOL2, 'sql2a.contoso.com']);
  });

  it('a command on one Edge server: its Edge pool', () => {
    expect(elementsOf('xmpp-failover', 'moveXmppRoute:edgeserver2.contoso.com/stop-services-edgeserver2.contoso.com')).toEqual([EDGE2]);
  });

  it('a site setting: the site', () => {
    expect(elementsOf('xmpp-failover', 'moveXmppRoute:edgeserver2.contoso.com/site-parameter/external/read-back')).toEqual(['site:Site2']);
  });

  it('a manual step: the pools its title and checklist name, not other host names', () => {
    expect(elementsOf('sip-failover', `moveSipFederation:${EDGE2}/clear-federation`)).toEqual([EDGE1]);
    // The SRV record's name (…contoso.com) is in the text too, but is no element of the graph.
    expect(elementsOf('xmpp-failover', 'moveXmppRoute:edgeserver2.contoso.com/dns-srv-record')).toEqual([EDGE2]);
  });

  it('a step that names nothing: the pool its procedure changes', () => {
    const { section, step } = find(plans['pool1-failover']!, `failoverPool:${POOL1}/failover`);
    const anywhere = { ...step, kind: 'check', runOn: { on: 'any' }, command: getReplicationStatus(), condition: { test: 'empty', property: 'x' }, expect: '', onFail: '' } as Step;
    expect(stepElements(demo, section, anywhere)).toEqual([POOL1]);
  });

  it('…and for the CMS failover, which names no pool, what the other steps of its procedure touch', () => {
    const elements = elementsOf('pool1-failover', 'failoverCms/replicas');
    expect(elements).toEqual(expect.arrayContaining([POOL1, POOL2, 'sql2a.contoso.com', 'sql2b.contoso.com']));
    expect(elements).not.toContain(EDGE1);
  });

  it('Persistent Chat: the chat pool for its cmdlets', () => {
    expect(elementsOf('chat-failover', `failoverPersistentChat:${CHAT}/set-state`)).toEqual([CHAT]);
  });
});
