/**
 * P4 (fail over the Edge pool used for XMPP federation) and P5 step 3 (fail it back). The route is
 * a site setting — on the site that holds the new Edge pool, naming one of its Edge servers — and
 * public DNS must follow it: the A record points at the Edge server the route names, in the
 * failback too (one published version of P5 names the other server there; that is a slip).
 *
 * The references disagree on Set-CsSite's parameter (-XmppExternalFederationRoute with a server
 * FQDN in the procedures, -XmppFederationRoute with an `EdgeServer:` identity in the reference), so
 * the plan asks the installed cmdlet and reads the route back.
 */
import type { Pool } from '../model/types';
import { getCommand, getSite, setSiteXmppRoute } from '../powershell/commands';
import type { ScenarioChange } from '../scenario/types';
import { PlanError, type PlanContext } from './context';
import { DURATIONS } from './durations';
import { startEdgeServices, stopEdgeServices } from './edge-services';
import type { StepFactory } from './steps';
import type { ProcedureId, Step } from './types';

type Change = Extract<ScenarioChange, { kind: 'moveXmppRoute' }>;

export function planXmppRoute(ctx: PlanContext, f: StepFactory, change: Change): { procedure: ProcedureId; title: string; steps: Step[] } {
  const { view } = ctx;
  const server = change.edgeServer;
  const pool = view.poolOfMachine.get(server) ?? view.pools.get(server);
  if (!pool || pool.kind !== 'Edge') throw new PlanError(`${server} is not a server of an Edge pool`);
  const current = view.xmppRoutes.get(change.siteId);
  const currentPool = current === undefined ? undefined : (view.poolOfMachine.get(current) ?? view.pools.get(current));
  const failback = currentPool !== undefined && currentPool.fqdn !== pool.fqdn && !view.poolDown(currentPool.fqdn);
  const domain = ctx.dnsDomain(server);
  const srv = `_xmpp-server._tcp.${domain}`;
  const steps: Step[] = [];

  const route = setRoute(f, pool, server, failback ? 'P5.3.1' : 'P4.3', change.siteId);
  const aRecord = f.manual({
    key: 'dns-a-record',
    procedure: failback ? 'P5.3.3' : 'P4.4',
    title: `In external DNS, point the XMPP federation A record at ${server}`,
    why: failback
      ? `The record must follow the route back to the restored Edge server ${server} (the published procedure that names the other Edge server here is a documentation slip).`
      : `Federated XMPP servers find the route through public DNS, which must point at the Edge server that now carries it.`,
    tool: 'External DNS',
    checklist: [
      `Change the A record of the XMPP federation host name (the host the ${srv} SRV record targets) to the external address of ${server}.`,
      'Note the record\'s TTL: federated servers may use the old address until it runs out.',
    ],
    estimate: DURATIONS.dnsRecord,
  });
  const srvRecord = f.manual({
    key: 'dns-srv-record',
    procedure: failback ? 'P5.3.2' : 'P4.5',
    title: `In external DNS, make sure the SRV record ${srv} (port 5269) serves ${pool.fqdn}`,
    why: 'Federated XMPP servers look the route up by this SRV record.',
    tool: 'External DNS',
    checklist: [
      `If there is no ${srv} SRV record for ${pool.fqdn}, add one: port 5269, target the XMPP federation host name.`,
      'If every Edge pool has its own SRV record with a different priority, check that the priorities still put the running pool first.',
    ],
    estimate: DURATIONS.dnsRecord,
  });
  const port = f.manual({
    key: 'port-5269',
    procedure: failback ? 'P5.3.4' : 'P4.6',
    title: `Check that port 5269 is open from outside to ${pool.fqdn}`,
    why: 'XMPP federation arrives on TCP 5269; a firewall rule left on the old pool keeps it out.',
    tool: 'Firewall',
    checklist: [`From a host outside the perimeter, connect to TCP port 5269 of ${server}'s external address (for example Test-NetConnection -Port 5269).`],
    estimate: DURATIONS.portCheck,
  });

  if (failback) {
    if (!ctx.startedEdgePools.has(pool.fqdn)) {
      ctx.startedEdgePools.add(pool.fqdn);
      steps.push(...startEdgeServices(f, pool, 'P5.1', `${pool.fqdn} is back online; its services must run before XMPP federation returns to it.`));
    }
    steps.push(route, srvRecord, aRecord, port);
  } else {
    const why = `The procedure stops ${pool.fqdn}'s services while the XMPP route moves to it, and starts them once DNS and the firewall are ready.`;
    steps.push(...stopEdgeServices(f, pool, 'P4.2', why), route, aRecord, srvRecord, port, ...startEdgeServices(f, pool, 'P4.7', why));
  }
  const title = failback ? `Fail XMPP federation back to ${server}` : `Move XMPP federation to ${server} (${pool.fqdn})`;
  return { procedure: failback ? 'P5' : 'P4', title, steps };
}

/** Set-CsSite on the new pool's site, with the parameter the installed cmdlet has, then read back. */
function setRoute(f: StepFactory, pool: Pool, server: string, procedure: string, routeSite: string): Step {
  const site = pool.siteId;
  const readBackValues = [server, `EdgeServer:${server}`, `EdgeServer:${pool.fqdn}`];
  const variant = (g: StepFactory, parameter: 'XmppExternalFederationRoute' | 'XmppFederationRoute') => [
    g.command({
      key: 'set-route',
      procedure,
      title: `Route XMPP federation through ${server}`,
      why:
        `The route is set on ${site}, the site that holds ${pool.fqdn}.` +
        (routeSite === site ? '' : ` (The scenario moves ${routeSite}'s route; the setting lives on the site of the Edge pool that carries it.)`),
      command: setSiteXmppRoute(site, parameter, server, pool.fqdn),
      runOn: { on: 'any' },
      estimate: DURATIONS.setting,
    }),
    g.check({
      key: 'read-back',
      procedure,
      title: `Check that ${site} routes XMPP federation through ${server}`,
      why: 'The references disagree on this setting, so what the cmdlet stored is read back.',
      command: getSite(site),
      runOn: { on: 'any' },
      condition: { test: 'oneOf', property: parameter, values: readBackValues },
      onFail: 'The site does not name the new Edge server: check the Set-CsSite output and set the route again.',
    }),
  ];
  return f.decision({
    key: 'site-parameter',
    procedure,
    title: 'Check which XMPP route parameter the installed Set-CsSite takes',
    why: 'The XMPP procedures use -XmppExternalFederationRoute; the cmdlet reference documents -XmppFederationRoute. The installed cmdlet decides.',
    question: 'Which XMPP route parameter does Set-CsSite take here?',
    command: getCommand('Set-CsSite'),
    runOn: { on: 'any' },
    branches: [
      {
        id: 'external',
        label: 'Set-CsSite has -XmppExternalFederationRoute (the procedures)',
        when: { test: 'hasParameter', parameter: 'XmppExternalFederationRoute' },
        steps: (g) => variant(g, 'XmppExternalFederationRoute'),
      },
      {
        id: 'reference',
        label: 'Set-CsSite has -XmppFederationRoute (the cmdlet reference)',
        when: { test: 'hasParameter', parameter: 'XmppFederationRoute' },
        steps: (g) => variant(g, 'XmppFederationRoute'),
      },
    ],
  });
}
