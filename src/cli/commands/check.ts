/**
 * `poolpilot check <file|snapshot|demo> [scenario flags] [--json]`: validates a failover scenario
 * from the command line. Scenario flags apply in argv order, since order is what the rules check
 * (a next hop reassigned after the failover does not unblock it). Exit codes: 0 no blocker,
 * 1 a blocker, 2 bad input (unreadable file, unknown FQDN, malformed flag).
 */
import { parseArgs } from 'node:util';
import { formatIssue } from '../../shared/model/inspect';
import type { Deployment, DeploymentState } from '../../shared/model/types';
import { openDemo, openFile } from '../../main/services/open-source';
import { describeChange } from '../../shared/scenario/describe';
import type { DownComponent, Scenario, ScenarioChange } from '../../shared/scenario/types';
import { ScenarioView } from '../../shared/scenario/view';
import type { Finding } from '../../shared/rules/types';
import { hasBlocker, validate } from '../../shared/rules/validate';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';

const multiple = { type: 'string', multiple: true } as const;
const OPTIONS = {
  down: multiple,
  failover: multiple,
  failback: multiple,
  'next-hop': multiple,
  'move-sip': multiple,
  'move-xmpp': multiple,
  'media-edge': multiple,
  pair: multiple,
  'sip-route': multiple,
  'xmpp-route': multiple,
  json: { type: 'boolean' },
} as const;

const USAGE = [
  'usage: poolpilot check <file|snapshot|demo> [scenario flags] [known-state flags] [--json]',
  '',
  'Validates a failover scenario and prints the findings (blockers, warnings, notes) with quick fixes.',
  'Exit code: 0 no blocker, 1 at least one blocker, 2 bad input.',
  '',
  'Scenario, applied in the order given:',
  '  --down <fqdn|site|sql store>   mark a pool, a site or a SQL store (server\\instance) down',
  '  --failover <pool>              Invoke-CsPoolFailover -PoolFQDN <pool>',
  '  --failback <pool>              Invoke-CsPoolFailback -PoolFQDN <pool>',
  '  --next-hop <edge pool>=<pool>  make <pool> the Edge pool\'s next hop',
  '  --move-sip <edge pool>         move SIP federation to the Edge pool',
  '  --move-xmpp <site>=<edge server>  move the site\'s XMPP federation route',
  '  --media-edge <pool>=<edge pool>   associate the Front End pool with the Edge pool for media',
  '',
  'What a topology document cannot say (set before the scenario):',
  '  --pair <pool>=<pool>           the two pools back each other up',
  '  --sip-route <edge pool>        the Edge pool carrying SIP federation (repeat for several)',
  '  --xmpp-route <site>=<edge server>  the site\'s XMPP federation route',
  '',
  '  --json   {"findings":[{"rule","severity","message","elements","fixes"}]}',
].join('\n');

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate a failover scenario (down components, failovers, next hops, routes) and list blockers',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('check', args, OPTIONS);
    if (positionals.length !== 1)
      throw new UsageError(`check: expected one file (or "demo"), got ${positionals.length === 0 ? 'none' : positionals.length}`);
    const source = positionals[0]!;
    let opened: Awaited<ReturnType<typeof openFile>>;
    try {
      opened = source === 'demo' ? openDemo() : await openFile(source);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    for (const issue of opened.issues) io.err(`${formatIssue(issue)}\n`);

    const deployment = withKnownState(opened.deployment, values);
    // parseCommandArgs accepted these arguments, so this second parse (for their order) cannot fail.
    const { tokens } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
    const scenario = scenarioFromFlags(new ScenarioView(deployment), tokens);
    const findings = validate(deployment, scenario);

    io.out(values.json ? `${JSON.stringify({ findings: findings.map(toJson) }, null, 2)}\n` : report(opened.deployment.source.name, scenario, findings));
    return hasBlocker(findings) ? 1 : 0;
  },
};

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];
type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** `a=b` → [a, b] lower-cased, or a UsageError naming the flag. */
function pair(flag: string, value: string, what: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new UsageError(`check: --${flag} expects ${what}, got "${value}"`);
  return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

function fqdnArg(view: ScenarioView, flag: string, value: string): string {
  const fqdn = value.trim().toLowerCase().replace(/\.$/, '');
  if (!view.pools.has(fqdn)) throw new UsageError(`check: --${flag}: ${value} is not a pool in this topology`);
  return fqdn;
}

function serverArg(view: ScenarioView, flag: string, value: string): string {
  const fqdn = value.trim().toLowerCase().replace(/\.$/, '');
  if (!view.poolOfMachine.has(fqdn) && !view.pools.has(fqdn))
    throw new UsageError(`check: --${flag}: ${value} is not a server in this topology`);
  return fqdn;
}

/** A site by id or name (case-insensitive, as cmdlets take it). */
function siteArg(view: ScenarioView, flag: string, value: string): string {
  const wanted = value.trim().replace(/^site:/i, '').toLowerCase();
  for (const site of view.sites.values()) if (site.id.toLowerCase() === wanted || site.name.toLowerCase() === wanted) return site.id;
  throw new UsageError(`check: --${flag}: ${value} is not a site in this topology`);
}

function downArg(view: ScenarioView, value: string): DownComponent {
  const key = value.trim().toLowerCase().replace(/\.$/, '');
  if (view.pools.has(key)) return { kind: 'pool', fqdn: key };
  if (view.sqlInstances.has(key)) return { kind: 'sqlStore', instanceId: key };
  const server = view.poolOfMachine.get(key);
  if (server) throw new UsageError(`check: --down: ${value} is a server of pool ${server.fqdn}; mark the pool, its site or a SQL store down`);
  try {
    return { kind: 'site', siteId: siteArg(view, 'down', value) };
  } catch {
    throw new UsageError(`check: --down: ${value} is not a pool, site or SQL store in this topology`);
  }
}

/** The deployment with --pair, --sip-route and --xmpp-route written into its state. */
function withKnownState(d: Deployment, values: Values): Deployment {
  const view = new ScenarioView(d);
  const state: DeploymentState = {
    ...d.state,
    backupPools: { ...d.state.backupPools },
    xmppRoutes: { ...d.state.xmppRoutes },
  };
  for (const value of values.pair ?? []) {
    const [a, b] = pair('pair', value, '<pool>=<pool>');
    const first = fqdnArg(view, 'pair', a);
    const second = fqdnArg(view, 'pair', b);
    state.backupPools[first] = second;
    state.backupPools[second] = first;
  }
  if (values['sip-route']) state.sipFederationRoutes = values['sip-route'].map((v) => fqdnArg(view, 'sip-route', v));
  for (const value of values['xmpp-route'] ?? []) {
    const [site, server] = pair('xmpp-route', value, '<site>=<edge server>');
    state.xmppRoutes[siteArg(view, 'xmpp-route', site)] = serverArg(view, 'xmpp-route', server);
  }
  return { ...d, state };
}

function scenarioFromFlags(view: ScenarioView, tokens: Token[]): Scenario {
  const down: DownComponent[] = [];
  const changes: ScenarioChange[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const { name, value } = token;
    switch (name) {
      case 'down':
        down.push(downArg(view, value));
        break;
      case 'failover':
        changes.push({ kind: 'failoverPool', pool: fqdnArg(view, name, value) });
        break;
      case 'failback':
        changes.push({ kind: 'failbackPool', pool: fqdnArg(view, name, value) });
        break;
      case 'next-hop': {
        const [edge, hop] = pair(name, value, '<edge pool>=<pool>');
        changes.push({ kind: 'reassignNextHop', edgePool: fqdnArg(view, name, edge), nextHop: fqdnArg(view, name, hop) });
        break;
      }
      case 'move-sip':
        changes.push({ kind: 'moveSipFederation', edgePool: fqdnArg(view, name, value) });
        break;
      case 'move-xmpp': {
        const [site, server] = pair(name, value, '<site>=<edge server>');
        changes.push({ kind: 'moveXmppRoute', siteId: siteArg(view, name, site), edgeServer: serverArg(view, name, server) });
        break;
      }
      case 'media-edge': {
        const [pool, edge] = pair(name, value, '<pool>=<edge pool>');
        changes.push({ kind: 'changeMediaEdge', pool: fqdnArg(view, name, pool), edgePool: fqdnArg(view, name, edge) });
        break;
      }
    }
  }
  return { down, changes, applied: changes.length };
}

function toJson(f: Finding) {
  return { rule: f.rule, severity: f.severity, message: f.message, elements: f.elements, fixes: f.fixes };
}

const HEADINGS = { blocker: 'BLOCKER', warning: 'WARNING', info: 'NOTE' } as const;

function report(sourceName: string, scenario: Scenario, findings: Finding[]): string {
  const count = (severity: Finding['severity'], word: string) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  const lines = [`${sourceName}: ${count('blocker', 'blocker')}, ${count('warning', 'warning')}, ${count('info', 'note')}`];
  if (scenario.down.length > 0) {
    lines.push(`Down: ${scenario.down.map((c) => (c.kind === 'site' ? `site ${c.siteId}` : c.kind === 'pool' ? c.fqdn : c.instanceId)).join(', ')}`);
  }
  scenario.changes.forEach((c, i) => lines.push(`${i + 1}. ${describeChange(c)}`));
  for (const f of findings) {
    lines.push('', `${HEADINGS[f.severity]} [${f.rule}]${f.change === undefined ? '' : ` (change ${f.change + 1})`}`, `  ${f.message}`);
    if (f.elements.length > 0) lines.push(`  elements: ${f.elements.join(', ')}`);
    for (const fix of f.fixes) {
      const where = fix.replace ? `replaces change ${fix.at + 1}` : fix.at < scenario.changes.length ? `before change ${fix.at + 1}` : 'at the end';
      lines.push(`  fix: ${fix.label} (${where})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
