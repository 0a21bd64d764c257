/**
 * The scenario flags `poolpilot check` and `poolpilot plan` share: opening the source, the flags
 * for what a topology document cannot say (pairs, routes), and the scenario itself. Scenario flags
 * apply in argv order, since order is what the rules check (a next hop reassigned after the
 * failover does not unblock it). Bad input is a UsageError naming the command and the flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatIssue } from '../shared/model/inspect';
import type { Deployment, DeploymentState } from '../shared/model/types';
import { openDemo, openFile } from '../main/services/open-source';
import type { DownComponent, Scenario, ScenarioChange } from '../shared/scenario/types';
import { ScenarioView } from '../shared/scenario/view';
import { UsageError, type CliIo } from './command';

const multiple = { type: 'string', multiple: true } as const;

export const SCENARIO_OPTIONS = {
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
} as const;

export const SCENARIO_USAGE = [
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
];

type Options = NonNullable<ParseArgsConfig['options']>;
type ScenarioValues = { [K in keyof typeof SCENARIO_OPTIONS]?: string[] };
type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** Opens `source` (a file, or "demo"); what reading it found is printed on stderr. Unreadable: a UsageError. */
export async function openSource(source: string, io: CliIo): Promise<Deployment> {
  let opened: Awaited<ReturnType<typeof openFile>>;
  try {
    opened = source === 'demo' ? openDemo() : await openFile(source);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  for (const issue of opened.issues) io.err(`${formatIssue(issue)}\n`);
  return opened.deployment;
}

/**
 * The deployment with the known-state flags written into its state, and the scenario the flags
 * describe. `options` are the command's full options (the args were already parsed with them).
 */
export function scenarioFromArgs(
  command: string,
  opened: Deployment,
  args: string[],
  options: Options,
  values: ScenarioValues,
): { deployment: Deployment; scenario: Scenario } {
  const flags = new Flags(command);
  const deployment = flags.withKnownState(opened, values);
  // The command parsed these arguments with the same options, so this second parse (for their order) cannot fail.
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  return { deployment, scenario: flags.scenario(new ScenarioView(deployment), tokens) };
}

class Flags {
  constructor(private readonly command: string) {}

  private usage(message: string): UsageError {
    return new UsageError(`${this.command}: ${message}`);
  }

  /** `a=b` → [a, b] trimmed, or a UsageError naming the flag. */
  private pair(flag: string, value: string, what: string): [string, string] {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw this.usage(`--${flag} expects ${what}, got "${value}"`);
    return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
  }

  private fqdn(view: ScenarioView, flag: string, value: string): string {
    const fqdn = value.trim().toLowerCase().replace(/\.$/, '');
    if (!view.pools.has(fqdn)) throw this.usage(`--${flag}: ${value} is not a pool in this topology`);
    return fqdn;
  }

  private server(view: ScenarioView, flag: string, value: string): string {
    const fqdn = value.trim().toLowerCase().replace(/\.$/, '');
    if (!view.poolOfMachine.has(fqdn) && !view.pools.has(fqdn)) throw this.usage(`--${flag}: ${value} is not a server in this topology`);
    return fqdn;
  }

  /** A site by id or name (case-insensitive, as cmdlets take it). */
  private site(view: ScenarioView, flag: string, value: string): string {
    const wanted = value.trim().replace(/^site:/i, '').toLowerCase();
    for (const site of view.sites.values()) if (site.id.toLowerCase() === wanted || site.name.toLowerCase() === wanted) return site.id;
    throw this.usage(`--${flag}: ${value} is not a site in this topology`);
  }

  private down(view: ScenarioView, value: string): DownComponent {
    const key = value.trim().toLowerCase().replace(/\.$/, '');
    if (view.pools.has(key)) return { kind: 'pool', fqdn: key };
    if (view.sqlInstances.has(key)) return { kind: 'sqlStore', instanceId: key };
    const server = view.poolOfMachine.get(key);
    if (server) throw this.usage(`--down: ${value} is a server of pool ${server.fqdn}; mark the pool, its site or a SQL store down`);
    try {
      return { kind: 'site', siteId: this.site(view, 'down', value) };
    } catch {
      throw this.usage(`--down: ${value} is not a pool, site or SQL store in this topology`);
    }
  }

  /** The deployment with --pair, --sip-route and --xmpp-route written into its state. */
  withKnownState(d: Deployment, values: ScenarioValues): Deployment {
    const view = new ScenarioView(d);
    const state: DeploymentState = {
      ...d.state,
      backupPools: { ...d.state.backupPools },
      xmppRoutes: { ...d.state.xmppRoutes },
    };
    for (const value of values.pair ?? []) {
      const [a, b] = this.pair('pair', value, '<pool>=<pool>');
      const first = this.fqdn(view, 'pair', a);
      const second = this.fqdn(view, 'pair', b);
      state.backupPools[first] = second;
      state.backupPools[second] = first;
    }
    if (values['sip-route']) state.sipFederationRoutes = values['sip-route'].map((v) => this.fqdn(view, 'sip-route', v));
    for (const value of values['xmpp-route'] ?? []) {
      const [site, server] = this.pair('xmpp-route', value, '<site>=<edge server>');
      state.xmppRoutes[this.site(view, 'xmpp-route', site)] = this.server(view, 'xmpp-route', server);
    }
    return { ...d, state };
  }

  scenario(view: ScenarioView, tokens: Token[]): Scenario {
    const down: DownComponent[] = [];
    const changes: ScenarioChange[] = [];
    for (const token of tokens) {
      if (token.kind !== 'option' || token.value === undefined) continue;
      const { name, value } = token;
      switch (name) {
        case 'down':
          down.push(this.down(view, value));
          break;
        case 'failover':
          changes.push({ kind: 'failoverPool', pool: this.fqdn(view, name, value) });
          break;
        case 'failback':
          changes.push({ kind: 'failbackPool', pool: this.fqdn(view, name, value) });
          break;
        case 'next-hop': {
          const [edge, hop] = this.pair(name, value, '<edge pool>=<pool>');
          changes.push({ kind: 'reassignNextHop', edgePool: this.fqdn(view, name, edge), nextHop: this.fqdn(view, name, hop) });
          break;
        }
        case 'move-sip':
          changes.push({ kind: 'moveSipFederation', edgePool: this.fqdn(view, name, value) });
          break;
        case 'move-xmpp': {
          const [site, server] = this.pair(name, value, '<site>=<edge server>');
          changes.push({ kind: 'moveXmppRoute', siteId: this.site(view, name, site), edgeServer: this.server(view, name, server) });
          break;
        }
        case 'media-edge': {
          const [pool, edge] = this.pair(name, value, '<pool>=<edge pool>');
          changes.push({ kind: 'changeMediaEdge', pool: this.fqdn(view, name, pool), edgePool: this.fqdn(view, name, edge) });
          break;
        }
      }
    }
    return { down, changes, applied: changes.length };
  }
}
