/**
 * What reassigning an Edge pool's next hop takes (P0). The documented way depends on where the new
 * next hop is: in another site, one cmdlet; in the Edge pool's own site, Topology Builder (the
 * procedure documents no cmdlet for it, and editing the topology XML by hand is what Microsoft's
 * engineers advise against).
 */
import type { Deployment } from '../model/types';
import { psFqdn } from '../powershell/quote';

export type NextHopAction =
  | { kind: 'cmdlet'; command: string }
  | { kind: 'topologyBuilder'; steps: string[] };

/** Throws when either pool is not in the topology or an FQDN cannot be quoted safely. */
export function nextHopCommand(d: Deployment, edgePool: string, nextHop: string): NextHopAction {
  const siteOf = (fqdn: string) => {
    const pool = d.topology.pools.find((p) => p.fqdn === fqdn);
    if (!pool) throw new Error(`${fqdn} is not a pool in this topology`);
    return pool.siteId;
  };
  return nextHopAction(edgePool, nextHop, siteOf(edgePool) === siteOf(nextHop));
}

export function nextHopAction(edgePool: string, nextHop: string, sameSite: boolean): NextHopAction {
  if (!sameSite) {
    return {
      kind: 'cmdlet',
      command: `Set-CsEdgeServer -Identity ${psFqdn(edgePool, 'EdgeServer:')} -Registrar ${psFqdn(nextHop, 'Registrar:')}`,
    };
  }
  return {
    kind: 'topologyBuilder',
    steps: [
      `In Topology Builder, right-click the Edge pool ${edgePool} and choose Edit Properties.`,
      `Under Next hop, choose ${nextHop} in "Next hop pool:", then click OK.`,
      'Publish the topology (Action > Topology > Publish).',
    ],
  };
}

/** One sentence for a finding's message. */
export function describeNextHopAction(action: NextHopAction): string {
  return action.kind === 'cmdlet'
    ? `in another site, so it is done in the management shell: ${action.command}`
    : `in the same site, so it is done in Topology Builder: ${action.steps.join(' ')}`;
}
