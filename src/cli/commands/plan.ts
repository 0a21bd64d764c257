/**
 * `poolpilot plan <file|snapshot|demo> [scenario flags] [--format md|html|ps1|json] [--out file]`:
 * the runbook for a scenario, with the prerequisites the planner adds. A scenario that still has
 * blockers gets no runbook: they are listed on stderr and the exit code is 1. Exit code 2 is bad
 * input, as for `check` (same scenario flags).
 */
import { writeFileAtomic } from '../../main/services/atomic-write';
import { PLAN_EXPORT_FORMATS, type PlanExportFormat } from '../../shared/ipc/contract';
import { runbookIn } from '../../shared/export/runbook-writers';
import { formatMinutes } from '../../shared/plan/durations';
import { buildPlan, PlanBlockedError } from '../../shared/plan/planner';
import type { Plan } from '../../shared/plan/types';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { openSource, SCENARIO_OPTIONS, SCENARIO_USAGE, scenarioFromArgs } from '../scenario-flags';

type Format = PlanExportFormat;
const isFormat = (f: string): f is Format => (PLAN_EXPORT_FORMATS as readonly string[]).includes(f);

const OPTIONS = { ...SCENARIO_OPTIONS, format: { type: 'string' }, out: { type: 'string' } } as const;

const USAGE = [
  'usage: poolpilot plan <file|snapshot|demo> [scenario flags] [known-state flags] [--format md|html|ps1|json] [--out FILE]',
  '',
  'Plans the failover and failback procedures the scenario needs, in order, and writes them as a runbook.',
  'Prerequisites are added where a failover needs them (an Edge next hop moved off the pool, the CMS',
  'failed over first, the other pool failed back first). A scenario that still has blockers gets no',
  'runbook: they are listed on stderr. Exit code: 0 written, 1 blockers (or the plan could not be made), 2 bad input.',
  '',
  ...SCENARIO_USAGE,
  '',
  '  --format md|html|ps1|json   printable Markdown (default), self-contained HTML, a PowerShell script, or the plan as data',
  '  --out FILE                  where to write it (written atomically; the format follows the extension when --format is not given)',
].join('\n');

function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format !== undefined) {
    if (!isFormat(format)) throw new UsageError(`plan: --format must be md, html, ps1 or json, got "${format}"`);
    return format;
  }
  const extension = out?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (extension === 'markdown') return 'md';
  return extension !== undefined && isFormat(extension) ? extension : 'md';
}

function countSteps(plan: Plan): number {
  const count = (steps: Plan['sections'][number]['steps']): number =>
    steps.reduce((n, s) => n + 1 + (s.kind === 'decision' ? s.branches.reduce((m, b) => m + count(b.steps), 0) : 0), 0);
  return plan.sections.reduce((n, s) => n + count(s.steps), 0);
}

function reportBlockers(io: CliIo, sourceName: string, err: PlanBlockedError): number {
  const n = err.blockers.length;
  io.err(`poolpilot: plan: ${sourceName}: the scenario has ${n} blocker${n === 1 ? '' : 's'}; no runbook was made\n`);
  for (const b of err.blockers) {
    io.err(`BLOCKER [${b.rule}]${b.change === undefined ? '' : ` (change ${b.change + 1})`}: ${b.message}\n`);
    for (const fix of b.fixes) io.err(`  fix: ${fix.label}\n`);
  }
  return 1;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'plan the procedures a scenario needs and write the runbook (Markdown, HTML, .ps1 or JSON)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('plan', args, OPTIONS);
    if (positionals.length !== 1)
      throw new UsageError(`plan: expected one file (or "demo"), got ${positionals.length === 0 ? 'none' : positionals.length}`);
    const format = chooseFormat(values.format, values.out);
    const opened = await openSource(positionals[0]!, io);
    const { deployment, scenario } = scenarioFromArgs('plan', opened, args, OPTIONS, values);

    let plan: Plan;
    try {
      plan = buildPlan(deployment, scenario);
    } catch (err) {
      if (err instanceof PlanBlockedError) return reportBlockers(io, opened.source.name, err);
      throw err;
    }
    const text = runbookIn(format, plan, deployment, scenario);
    if (values.out === undefined) {
      io.out(text);
      return 0;
    }
    await writeFileAtomic(values.out, text);
    io.out(`wrote ${values.out}: ${plan.sections.length} procedure section${plan.sections.length === 1 ? '' : 's'}, ${countSteps(plan)} steps, estimated ${formatMinutes(plan.estimate)}\n`);
    return 0;
  },
};
