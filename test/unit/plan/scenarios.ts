/**
 * The scenarios the plan tests share, on the built-in demo (the procedures' own example): each is
 * the disaster and the change an admin would enter, and a "back" scenario starts from the
 * deployment its "out" scenario's plan leaves (applyScenario over the planned changes).
 */
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { Plan, Step } from '../../../src/shared/plan/types';
import type { PsCommand } from '../../../src/shared/powershell/commands';
import { applyScenario } from '../../../src/shared/scenario/apply';
import type { DownComponent, Scenario, ScenarioChange } from '../../../src/shared/scenario/types';

/** Five minutes after the demo's last Backup Service sync: no stale-sync warning. */
export const NOW = Date.parse('2025-01-15T08:35:00Z');

export const POOL1 = 'pool1.contoso.com';
export const POOL2 = 'pool2.contoso.com';
export const EDGE1 = 'edgepool1.contoso.com';
export const EDGE2 = 'edgepool2.contoso.com';
export const EDGESERVER1 = 'edgeserver1.contoso.com';
export const EDGESERVER2 = 'edgeserver2.contoso.com';
export const CHAT = 'pchat1.contoso.com';
export const CHAT_SERVERS = ['pchatsrv1.contoso.com', 'pchatsrv2.contoso.com'];

export function scenario(changes: ScenarioChange[], down: DownComponent[] = []): Scenario {
  return { down, changes, applied: changes.length };
}

export function plan(d: Deployment, changes: ScenarioChange[], down: DownComponent[] = []): Plan {
  return buildPlan(d, scenario(changes, down), { now: NOW });
}

/** The deployment once `p` has run (its site or pool restored: nothing is marked down any more). */
export function after(d: Deployment, p: Plan): Deployment {
  return applyScenario(d, { ...p.scenario, down: [] });
}

/**
 * The model gives a pool one site, and rule 10 wants the active servers in the data center of the
 * database they use: so the failover runs on the demo with its Persistent Chat pool in Datacenter2
 * (beside the backup store), the failback on the demo as it is (pool in Datacenter1, beside the
 * primary store) with the pool failed over.
 */
export function chatDemo(site: 'Site1' | 'Site2', poolState: 'Normal' | 'FailedOver'): Deployment {
  const d = structuredClone(demoDeployment());
  d.topology.pools.find((p) => p.fqdn === CHAT)!.siteId = site;
  d.state.persistentChat[CHAT] = { poolState, activeServers: CHAT_SERVERS };
  return d;
}

const chatPrimaryDown: DownComponent[] = [
  { kind: 'sqlStore', instanceId: 'pchatsql1a.contoso.com\\pchat' },
  { kind: 'sqlStore', instanceId: 'pchatsql1b.contoso.com\\pchat' },
];

/** Every golden scenario: name → its plan. */
/** Each golden plan with the deployment it starts from. */
export function goldenCases(): Record<string, { start: Deployment; plan: Plan }> {
  const demo = demoDeployment();
  const poolFailover = plan(demo, [{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);
  const restored = after(demo, poolFailover);
  const sipFailover = plan(demo, [{ kind: 'moveSipFederation', edgePool: EDGE2 }], [{ kind: 'pool', fqdn: EDGE1 }]);
  const xmppFailover = plan(demo, [{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: EDGESERVER2 }], [{ kind: 'pool', fqdn: EDGE1 }]);
  const sipRestored = after(demo, sipFailover);
  const xmppRestored = after(demo, xmppFailover);
  const chatNormal = chatDemo('Site2', 'Normal');
  const chatFailedOver = chatDemo('Site1', 'FailedOver');
  return {
    'pool1-failover': { start: demo, plan: poolFailover },
    'pool1-failback': { start: restored, plan: plan(restored, [{ kind: 'failbackPool', pool: POOL1 }]) },
    'cross-failover': { start: restored, plan: plan(restored, [{ kind: 'failoverPool', pool: POOL2 }]) },
    'sip-failover': { start: demo, plan: sipFailover },
    'sip-failback': { start: sipRestored, plan: plan(sipRestored, [{ kind: 'moveSipFederation', edgePool: EDGE1 }]) },
    'xmpp-failover': { start: demo, plan: xmppFailover },
    'xmpp-failback': { start: xmppRestored, plan: plan(xmppRestored, [{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: EDGESERVER1 }]) },
    'media-edge': { start: demo, plan: plan(demo, [{ kind: 'changeMediaEdge', pool: POOL1, edgePool: EDGE2 }], [{ kind: 'pool', fqdn: EDGE1 }]) },
    'chat-failover': { start: chatNormal, plan: plan(chatNormal, [{ kind: 'failoverPersistentChat', pool: CHAT, activeServers: CHAT_SERVERS }], chatPrimaryDown) },
    'chat-failback': { start: chatFailedOver, plan: plan(chatFailedOver, [{ kind: 'failbackPersistentChat', pool: CHAT, activeServers: CHAT_SERVERS }]) },
  };
}

export function goldenPlans(): Record<string, Plan> {
  return Object.fromEntries(Object.entries(goldenCases()).map(([name, c]) => [name, c.plan]));
}

/** Every step of the plan, decision branches included, in order. */
export function allSteps(p: Plan): Step[] {
  const out: Step[] = [];
  const walk = (steps: Step[]) => {
    for (const s of steps) {
      out.push(s);
      if (s.kind === 'decision') for (const b of s.branches) walk(b.steps);
    }
  };
  for (const section of p.sections) walk(section.steps);
  return out;
}

/** Every PowerShell command the plan contains: commands, checks, decisions, and what waits poll. */
export function allCommands(p: Plan): PsCommand[] {
  return allSteps(p).flatMap((s) => (s.kind === 'wait' ? (s.until ? [s.until.command] : []) : s.kind === 'manual' ? [] : [s.command]));
}
