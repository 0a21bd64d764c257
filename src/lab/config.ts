/**
 * The lab shell's settings, from its command line or its environment (the command line wins).
 * node-powershell starts the lab with PowerShell's own flags (`-NoLogo … -Command -`), which are
 * accepted and must include `-Command -`: the lab speaks only the stdin protocol.
 *
 *   --source <file|demo>     POOLPILOT_LAB_SOURCE       deployment to start from (default: demo)
 *   --state <file>           POOLPILOT_LAB_STATE        state file: resumed from when it exists
 *   --down <c,…>             POOLPILOT_LAB_DOWN         pool:<fqdn>, site:<id>, sql:<server>\<instance>
 *   --unreachable <s,…>      POOLPILOT_LAB_UNREACHABLE  servers Invoke-Command cannot reach
 *   --fault <f>              POOLPILOT_LAB_FAULTS       <Cmdlet>=<kind>[@N][:<text>], kind fail (text: the
 *                                                      message) | stderr (text: what it writes) | hang | exit;
 *                                                      @N: only the cmdlet's first N jobs (faults.ts)
 *                                                      (';' between faults)
 *   --delay-ms <n>           POOLPILOT_LAB_DELAY_MS     slow mode: wait before answering each job
 *   --spelling <s>           POOLPILOT_LAB_SPELLING     xmpp=procedure|reference|both,cmsMirror=…
 *   --cms-force <r>          POOLPILOT_LAB_CMS_FORCE    required (default) | optional
 *   --credential <u:h>       POOLPILOT_LAB_CREDENTIAL   the account remoting accepts: <user>:<SHA-256 of
 *                                                      the password> (credential.ts); default: any
 */
import { isAllowedCmdlet, type AllowedCmdlet } from '../main/powershell/job';
import { defaultConditions, LabConfigError, parseDownComponent, parseSpelling, type LabConditions } from './conditions';
import { parseLabCredential } from './credential';

/**
 * What goes wrong, per cmdlet. `fail`: the cmdlet stops with the message. `stderr`: it works but
 * also writes the text to stderr (as native tools and some modules do). `hang` and `exit` strike
 * after the job's change is made and saved: the worst case for the caller, who gets no answer
 * although the change happened.
 */
export type LabFault = ({ kind: 'fail'; message: string } | { kind: 'stderr'; text: string } | { kind: 'hang' } | { kind: 'exit' }) & {
  /** `@N`: strikes only the first N jobs of the cmdlet in the lab's job log, so a retry can succeed (faults.ts). Absent: every job. */
  times?: number;
};

export interface LabConfig {
  source: string;
  statePath?: string;
  /** Only what was set: a resumed state file keeps its own down components otherwise. */
  conditions: Partial<LabConditions>;
  faults: Map<AllowedCmdlet, LabFault>;
  delayMs: number;
}

const ENV: Record<string, string> = {
  source: 'POOLPILOT_LAB_SOURCE',
  state: 'POOLPILOT_LAB_STATE',
  down: 'POOLPILOT_LAB_DOWN',
  unreachable: 'POOLPILOT_LAB_UNREACHABLE',
  fault: 'POOLPILOT_LAB_FAULTS',
  'delay-ms': 'POOLPILOT_LAB_DELAY_MS',
  spelling: 'POOLPILOT_LAB_SPELLING',
  'cms-force': 'POOLPILOT_LAB_CMS_FORCE',
  credential: 'POOLPILOT_LAB_CREDENTIAL',
};

/** PowerShell's flags that node-powershell passes (and a caller may add): accepted, meaningless here. */
const POWERSHELL_SWITCHES = new Set(['-nologo', '-noprofile', '-noninteractive', '-noexit', '-mta', '-sta']);
const POWERSHELL_VALUED = new Set(['-executionpolicy', '-inputformat', '-outputformat', '-windowstyle']);

function parseFault(spec: string): [AllowedCmdlet, LabFault] {
  const match = /^\s*([A-Za-z]+-[A-Za-z]+)\s*=\s*(fail|stderr|hang|exit)(?:@(\d+))?(?::(.*))?\s*$/s.exec(spec);
  if (!match) throw new LabConfigError(`fault ${JSON.stringify(spec)}: expected <Cmdlet>=fail:<message>, stderr:<text>, hang or exit, optionally with @N after the kind`);
  const [, cmdlet = '', kind = '', n, text] = match;
  if (!isAllowedCmdlet(cmdlet)) throw new LabConfigError(`fault ${JSON.stringify(spec)}: ${cmdlet} is not a cmdlet the lab answers`);
  if (n !== undefined && Number(n) < 1) throw new LabConfigError(`fault ${JSON.stringify(spec)}: @${n} strikes no job; expected @1 or more`);
  const times = n === undefined ? {} : { times: Number(n) };
  if (kind === 'fail') return [cmdlet, { kind, message: text?.trim() || `${cmdlet} failed (lab fault).`, ...times }];
  if (kind === 'stderr') return [cmdlet, { kind, text: text?.trim() || `${cmdlet} wrote to stderr (lab fault).`, ...times }];
  return [cmdlet, { kind: kind as 'hang' | 'exit', ...times }];
}

const list = (text: string, separator = ',') =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function parseLabConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LabConfig {
  const values = new Map<string, string[]>();
  let stdinCommand = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const lower = arg.toLowerCase();
    if (lower === '-command') {
      if (argv[i + 1] !== '-') throw new LabConfigError('the lab reads its commands from stdin only (-Command -)');
      stdinCommand = true;
      i++;
    } else if (POWERSHELL_SWITCHES.has(lower)) continue;
    else if (POWERSHELL_VALUED.has(lower)) i++;
    else if (arg.startsWith('--') && arg.slice(2) in ENV) {
      const value = argv[++i];
      if (value === undefined) throw new LabConfigError(`${arg} needs a value`);
      values.set(arg.slice(2), [...(values.get(arg.slice(2)) ?? []), value]);
    } else throw new LabConfigError(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (!stdinCommand) throw new LabConfigError('the lab speaks node-powershell\'s stdin protocol: start it with -Command -');
  return configOf(values, env);
}

/** The settings in `env` alone: the lab engine behind the PowerShell module (module-lab.ts) has no command line of its own. */
export function labConfigOfEnv(env: Readonly<Record<string, string | undefined>>): LabConfig {
  return configOf(new Map(), env);
}

function configOf(values: ReadonlyMap<string, string[]>, env: Readonly<Record<string, string | undefined>>): LabConfig {
  const get = (key: string): string[] => values.get(key) ?? (env[ENV[key]!] !== undefined && env[ENV[key]!] !== '' ? [env[ENV[key]!]!] : []);
  const one = (key: string) => get(key).at(-1);

  const conditions: Partial<LabConditions> = {};
  const down = get('down').flatMap((v) => list(v));
  if (down.length > 0) conditions.down = down.map(parseDownComponent);
  const unreachable = get('unreachable').flatMap((v) => list(v));
  if (unreachable.length > 0) conditions.unreachable = unreachable.map((s) => s.toLowerCase());
  const spelling = one('spelling');
  if (spelling !== undefined) conditions.spelling = parseSpelling(spelling, defaultConditions().spelling);
  const force = one('cms-force');
  if (force !== undefined) {
    if (force !== 'required' && force !== 'optional') throw new LabConfigError(`cms-force ${JSON.stringify(force)}: expected required or optional`);
    conditions.cmsFailoverNeedsForce = force === 'required';
  }
  const credential = one('credential');
  if (credential !== undefined) conditions.credential = parseLabCredential(credential);
  const delay = one('delay-ms');
  const delayMs = delay === undefined ? 0 : Number(delay);
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new LabConfigError(`delay-ms ${JSON.stringify(delay)}: expected a whole number of milliseconds`);
  const faults = new Map(get('fault').flatMap((v) => list(v, ';')).map(parseFault));
  const statePath = one('state');
  return { source: one('source') ?? 'demo', ...(statePath !== undefined ? { statePath } : {}), conditions, faults, delayMs };
}
