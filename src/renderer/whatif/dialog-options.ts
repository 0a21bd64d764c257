/**
 * The choices of the what-if dialogs ("Change next hop…", "Change media Edge…"): every candidate,
 * the ones that cannot be chosen kept in the list, disabled, with the reason — so the admin sees
 * why the pool they had in mind is not offered.
 */
import type { Deployment } from '../../shared/model/types';
import { nextHopTargets } from '../../shared/rules/next-hop';
import { activeChanges } from '../../shared/scenario/edit';
import type { Scenario } from '../../shared/scenario/types';
import { ScenarioView } from '../../shared/scenario/view';

export interface ChoiceOption {
  value: string;
  label: string;
  /** How it would be done, or why it cannot be chosen. */
  detail: string;
  disabled: boolean;
}

export interface Choices {
  options: ChoiceOption[];
  /** Pools left out as not the right kind at all (SQL, Edge, …): counted, not listed. */
  leftOut: number;
}

const siteNameOf = (d: Deployment) => {
  const names = new Map(d.topology.sites.map((s) => [s.id, s.name]));
  return (siteId: string) => names.get(siteId) ?? siteId;
};

/** Front End and Director pools as `edgePool`'s next hop; other kinds of pool are only counted. */
export function nextHopChoices(d: Deployment, s: Scenario, edgePool: string): Choices {
  const kinds = new Map(d.topology.pools.map((p) => [p.fqdn, p]));
  const siteName = siteNameOf(d);
  const options: ChoiceOption[] = [];
  let leftOut = 0;
  for (const t of nextHopTargets(d, s, edgePool)) {
    const pool = kinds.get(t.pool)!;
    if (pool.kind !== 'FrontEnd' && pool.kind !== 'Director') {
      leftOut++;
      continue;
    }
    const where = `${pool.kind === 'Director' ? 'Director' : 'Front End'} pool in ${siteName(pool.siteId)}`;
    options.push({
      value: t.pool,
      label: t.pool,
      detail: t.valid
        ? `${where} · ${t.sameSite ? 'same site: a Topology Builder change' : 'another site: Set-CsEdgeServer'}`
        : `${where} · cannot: ${t.reason ?? 'not a next hop'}`,
      disabled: !t.valid,
    });
  }
  return { options, leftOut };
}

/** Edge pools for `pool`'s Web Conferencing and A/V media (P6): running ones, other than the current. */
export function mediaEdgeChoices(d: Deployment, s: Scenario, pool: string): Choices {
  const view = new ScenarioView(d, s.down);
  for (const change of activeChanges(s)) view.apply(change);
  const current = view.mediaEdgeOf(pool);
  const siteName = siteNameOf(d);
  const options = view.edgePools.map((edge): ChoiceOption => {
    const problem = edge.fqdn === current ? `it is the media Edge pool of ${pool} now` : view.poolDown(edge.fqdn);
    return {
      value: edge.fqdn,
      label: edge.fqdn,
      detail: `Edge pool in ${siteName(edge.siteId)}${problem ? ` · cannot: ${problem}` : ' · a Topology Builder change'}`,
      disabled: problem !== undefined,
    };
  });
  // Choosable first, in topology order within each group.
  return { options: [...options.filter((o) => !o.disabled), ...options.filter((o) => o.disabled)], leftOut: 0 };
}
