/**
 * `poolpilot check <file|snapshot|demo> [scenario flags] [--json]`: validates a failover scenario
 * from the command line. Scenario flags apply in argv order, since order is what the rules check
 * (a next hop reassigned after the failover does not unblock it). Exit codes: 0 no blocker,
 * 1 a blocker, 2 bad input (unreadable file, unknown FQDN, malformed flag).
 */
import { describeChange } from '../../shared/scenario/describe';
import type { Scenario } from '../../shared/scenario/types';
import type { Finding } from '../../shared/rules/types';
import { hasBlocker, validate } from '../../shared/rules/validate';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { openSource, SCENARIO_OPTIONS, SCENARIO_USAGE, scenarioFromArgs } from '../scenario-flags';

const OPTIONS = { ...SCENARIO_OPTIONS, json: { type: 'boolean' } } as const;

const USAGE = [
  'usage: poolpilot check <file|snapshot|demo> [scenario flags] [known-state flags] [--json]',
  '',
  'Validates a failover scenario and prints the findings (blockers, warnings, notes) with quick fixes.',
  'Exit code: 0 no blocker, 1 at least one blocker, 2 bad input.',
  '',
  ...SCENARIO_USAGE,
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
    const opened = await openSource(positionals[0]!, io);
    const { deployment, scenario } = scenarioFromArgs('check', opened, args, OPTIONS, values);
    const findings = validate(deployment, scenario);

    io.out(values.json ? `${JSON.stringify({ findings: findings.map(toJson) }, null, 2)}\n` : report(opened.source.name, scenario, findings));
    return hasBlocker(findings) ? 1 : 0;
  },
};

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
