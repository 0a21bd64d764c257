/**
 * Federation routes (P3, P4, P5). SIP federation leaves through exactly one Edge pool; XMPP
 * federation through the Edge server each site names, which public DNS must point at too.
 */
import type { Pool } from '../model/types';
import { siteNodeId } from '../model/graph-ids';
import { psFqdn, psLiteral } from '../powershell/quote';
import type { ScenarioChange } from '../scenario/types';
import type { RuleContext } from './context';
import type { QuickFix } from './types';

const MAX_FIXES = 3;

/** Running Edge pools, the given site's first. */
function runningEdges(ctx: RuleContext, preferSite: string | undefined, exclude: ReadonlySet<string>): Pool[] {
  const up = ctx.view.edgePools.filter((e) => !exclude.has(e.fqdn) && !ctx.view.poolDown(e.fqdn));
  return [...up.filter((e) => e.siteId === preferSite), ...up.filter((e) => e.siteId !== preferSite)].slice(0, MAX_FIXES);
}

/** Rule 7 at the end: exactly one SIP federation route, on a running Edge pool. */
export function checkSipFederation(ctx: RuleContext): void {
  const { view } = ctx;
  if (view.edgePools.length === 0) return;
  const routes = view.sipRoutes;
  const moveTo = (edges: Pool[]): QuickFix[] =>
    edges.map((e) => ({ label: `Move SIP federation to ${e.fqdn} (P3)`, change: { kind: 'moveSipFederation', edgePool: e.fqdn }, at: ctx.end }));
  if (routes === undefined) {
    ctx.add({
      rule: 'sip-federation-route',
      severity: 'info',
      message:
        'Which Edge pool carries SIP federation is not known (a topology document does not say; Get-CsSite shows it as FederationRoute), ' +
        'so the federation route cannot be checked (P3).',
      elements: view.edgePools.map((e) => e.fqdn),
      fixes: [],
    });
    return;
  }
  if (routes.length !== 1) {
    const running = routes.filter((r) => view.pools.get(r)?.kind === 'Edge' && !view.poolDown(r));
    ctx.add({
      rule: 'sip-federation-route',
      severity: 'warning',
      message:
        routes.length === 0
          ? 'No Edge pool carries SIP federation (port 5061): federation with other organisations does not work. Enable it on one Edge pool (P3 steps 2–4).'
          : `${routes.length} Edge pools carry SIP federation (${routes.join(', ')}): there must be exactly one. Clear "Enable federation for this Edge pool (port 5061)" on all but one (P3).`,
      elements: routes,
      fixes: moveTo(routes.length === 0 ? runningEdges(ctx, undefined, new Set()) : running.map((r) => view.pools.get(r)!).slice(0, MAX_FIXES)),
    });
    return;
  }
  const route = routes[0]!;
  const edge = view.pools.get(route);
  const problem = !edge ? `${route} is not in the topology` : edge.kind !== 'Edge' ? `${route} is not an Edge pool` : view.poolDown(route);
  if (!problem) return;
  ctx.add({
    rule: 'sip-federation-route',
    severity: 'warning',
    message:
      `SIP federation goes through ${route}, but ${problem}: federation stops. ` +
      'Move it to a running Edge pool (P3 steps 1–4: clear federation on the failed pool, enable it on the new one, publish, run the Deployment Wizard on its Edge servers).',
    elements: [route],
    fixes: moveTo(runningEdges(ctx, edge?.siteId, new Set([route]))),
  });
}

/** The external DNS domain XMPP federation is published under. */
function xmppDomain(ctx: RuleContext, server: string): string {
  return ctx.view.deployment.topology.defaultDomain ?? server.slice(server.indexOf('.') + 1);
}

/**
 * P4 steps 2–7 for moving `siteId`'s XMPP route to `server` (an Edge server FQDN). Step 3 sets the
 * route on the site that holds the new Edge pool, as the planner's Set-CsSite does, which need not
 * be the site whose route moves.
 */
export function xmppChecklist(ctx: RuleContext, siteId: string, server: string): string {
  const domain = xmppDomain(ctx, server);
  const pool = ctx.view.poolOfMachine.get(server) ?? ctx.view.pools.get(server);
  const site = pool?.siteId ?? siteId;
  const where = site === siteId ? '' : ` (on ${site}, the site that holds ${pool!.fqdn})`;
  let command: string;
  try {
    command = `Set-CsSite -Identity ${psLiteral(site)} -XmppExternalFederationRoute ${psFqdn(server)}${where}`;
  } catch {
    command = `Set-CsSite ${site} -XmppExternalFederationRoute <Edge server FQDN>${where}`;
  }
  return (
    `P4: stop the services on every Edge server of the new pool (Stop-CsWindowsService); ${command}; ` +
    `in external DNS point the XMPP federation A record at ${server}, and add the SRV record _xmpp-server._tcp.${domain} (port 5269) for the new pool if it is missing; ` +
    `check that port 5269 is open from outside to ${server}; start the services again (Start-CsWindowsService).`
  );
}

function xmppProblem(ctx: RuleContext, server: string): string | undefined {
  const pool = ctx.view.poolOfMachine.get(server) ?? ctx.view.pools.get(server);
  if (!pool || pool.kind !== 'Edge') return `${server} is not a server of any Edge pool`;
  return ctx.view.poolDown(pool.fqdn);
}

/** Rule 8, before `moveXmppRoute` at `index`: the DNS and port checklist that goes with it. */
export function checkXmppMove(ctx: RuleContext, change: Extract<ScenarioChange, { kind: 'moveXmppRoute' }>, index: number): void {
  const problem = xmppProblem(ctx, change.edgeServer);
  const pool = ctx.view.poolOfMachine.get(change.edgeServer);
  const elements = [siteNodeId(change.siteId), ...(pool ? [pool.fqdn] : [])];
  ctx.add({
    rule: 'xmpp-federation-route',
    severity: problem ? 'warning' : 'info',
    message: problem
      ? `Site ${change.siteId}'s XMPP federation cannot go through ${change.edgeServer}: ${problem} (P4 step 3 names an Edge server of a running pool).`
      : xmppChecklist(ctx, change.siteId, change.edgeServer),
    elements,
    fixes: problem ? xmppFixes(ctx, change.siteId, index, true) : [],
    change: index,
  });
}

function xmppFixes(ctx: RuleContext, siteId: string, at: number, replace: boolean): QuickFix[] {
  return runningEdges(ctx, siteId, new Set())
    .filter((e) => e.machines.length > 0)
    .map((e) => {
      const server = e.machines[0]!;
      return {
        label: `Route site ${siteId}'s XMPP federation through ${server} (${e.fqdn})`,
        change: { kind: 'moveXmppRoute', siteId, edgeServer: server },
        at,
        ...(replace ? { replace } : {}),
      };
    });
}

/** Rule 8 at the end: each site's XMPP route on a running Edge server. */
export function checkXmppRoutes(ctx: RuleContext): void {
  const { view } = ctx;
  if (view.edgePools.length === 0) return;
  if (view.xmppRoutes.size === 0) {
    ctx.add({
      rule: 'xmpp-federation-route',
      severity: 'info',
      message:
        'No XMPP federation route is known for any site (none is configured, or it was not loaded: Get-CsSite shows XmppExternalFederationRoute), ' +
        'so XMPP federation cannot be checked (P4).',
      elements: [],
      fixes: [],
    });
    return;
  }
  for (const [siteId, server] of view.xmppRoutes) {
    const problem = view.sites.has(siteId) ? xmppProblem(ctx, server) : `site ${siteId} is not in the topology`;
    if (!problem) continue;
    const pool = view.poolOfMachine.get(server);
    const fixes = view.sites.has(siteId) ? xmppFixes(ctx, siteId, ctx.end, false) : [];
    const target = fixes[0]?.change;
    ctx.add({
      rule: 'xmpp-federation-route',
      severity: 'warning',
      message:
        `Site ${siteId}'s XMPP federation goes through ${server}, but ${problem}: XMPP federation stops. Move the route to a running Edge server` +
        (target?.kind === 'moveXmppRoute' ? `. ${xmppChecklist(ctx, siteId, target.edgeServer)}` : ' (P4).'),
      elements: [siteNodeId(siteId), ...(pool ? [pool.fqdn] : [])],
      fixes,
    });
  }
}
