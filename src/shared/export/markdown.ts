/**
 * The plan as a printable runbook in Markdown: the scenario, the findings that remain, then every
 * step with its command or checklist, what to check, a checkbox, and room for times and initials.
 * Decisions show each branch with its condition. Text from the deployment (names, messages) is
 * escaped so it prints as written and never becomes markup; commands sit in code fences longer
 * than any backtick run inside them.
 */
import { formatMinutes } from '../plan/durations';
import type { Plan, PlanSection, Step } from '../plan/types';
import { branchNumber, runOnText, SEVERITY_WORDS, stepNumber, stepSummary } from './words';

/** Markdown-inert text: markup characters backslash-escaped, `&` as an entity, control characters shown as �. */
export function mdText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

function fence(code: string, language: string): string[] {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return [`${marks}${language}`, code, marks];
}

const heading = (level: number, text: string) => `${'#'.repeat(Math.min(6, level))} ${text}`;
const FILL = 'Started: ________  Finished: ________  Initials: ________';

export function planToMarkdown(plan: Plan): string {
  const out: string[] = [heading(1, `Runbook: ${mdText(plan.title)}`), ''];
  out.push(
    '| | |',
    '|---|---|',
    `| Deployment | ${mdText(plan.source.name)} (${mdText(plan.source.kind)}) |`,
    `| Estimated time | ${formatMinutes(plan.estimate)} |`,
    '| Date | |',
    '| Operator | |',
    '| Reviewer | |',
    '',
  );

  out.push(heading(2, 'Scenario'), '');
  out.push(plan.down.length > 0 ? `Down: ${plan.down.map(mdText).join(', ')}` : 'Nothing is marked down.', '');
  plan.sections.forEach((s, i) => out.push(`${i + 1}. ${mdText(s.title)}${s.addedBecause ? ` — *added: ${mdText(s.addedBecause)}*` : ''}`));
  if (plan.sections.length === 0) out.push('No changes.');
  out.push('');

  out.push(heading(2, 'Findings'), '');
  if (plan.findings.length === 0) out.push('No warnings or notes.');
  for (const f of plan.findings) out.push(`- **${SEVERITY_WORDS[f.severity]}** (${mdText(f.rule)}): ${mdText(f.message)}`);
  out.push('');

  plan.sections.forEach((section, i) => out.push(...renderSection(section, String(i + 1))));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function renderSection(section: PlanSection, number: string): string[] {
  const out = [heading(2, `${number}. ${section.procedure} — ${mdText(section.title)}`), ''];
  if (section.addedBecause) out.push(`*Added by the planner: ${mdText(section.addedBecause)}.*`, '');
  out.push(`Estimated time: ${formatMinutes(section.estimate)}`, '');
  section.steps.forEach((step, j) => out.push(...renderStep(step, stepNumber(number, j), 3)));
  return out;
}

function renderStep(step: Step, number: string, level: number): string[] {
  const out = [heading(level, `☐ ${number} ${mdText(step.title)}`), '', `*${mdText(stepSummary(step))}* · id \`${step.id}\``, '', `Why: ${mdText(step.why)}`, ''];
  switch (step.kind) {
    case 'command':
      out.push(`Run on ${mdText(runOnText(step.runOn))}:`, '', ...fence(step.command.text, 'powershell'), '');
      if (step.effect === 'changes') out.push('Confirm before running: this changes the deployment.', '');
      if (step.retryable) out.push('If it fails, fix the cause from the error and run it again.', '');
      for (const e of step.knownErrors ?? []) out.push(`If the error says "${mdText(e.match)}": ${mdText(e.advice)}`, '');
      break;
    case 'check':
      out.push(`Run on ${mdText(runOnText(step.runOn))}:`, '', ...fence(step.command.text, 'powershell'), '');
      out.push(`Expect: ${mdText(step.expect)}.`, '', `If not: ${mdText(step.onFail)}`, '', 'Result: ☐ as expected  ☐ not as expected', '');
      break;
    case 'decision':
      out.push(`${mdText(step.question)} Run on ${mdText(runOnText(step.runOn))}:`, '', ...fence(step.command.text, 'powershell'), '');
      out.push('Take the first branch whose condition holds; if none does, stop and decide with a second person.', '');
      step.branches.forEach((branch, b) => {
        const bn = branchNumber(number, b);
        out.push(heading(level + 1, `Branch ${bn}: ${mdText(branch.label)}`), '', `When: ${mdText(branch.expect)}. Taken: ☐`, '');
        branch.steps.forEach((inner, k) => out.push(...renderStep(inner, stepNumber(bn, k), level + 2)));
      });
      return out;
    case 'manual':
      if (step.runOn) out.push(`On ${mdText(runOnText(step.runOn))}, in ${mdText(step.tool)}:`, '');
      else out.push(`In ${mdText(step.tool)}:`, '');
      for (const item of step.checklist) out.push(`- ☐ ${mdText(item)}`);
      out.push('');
      if (step.sql) out.push(...fence(step.sql.join('\n'), 'sql'), '');
      break;
    case 'wait':
      if (step.until) {
        out.push(`Repeat every ${step.until.pollSeconds} s on ${mdText(runOnText(step.until.runOn))}:`, '', ...fence(step.until.command.text, 'powershell'), '');
        out.push(`until: ${mdText(step.until.expect)}.`, '');
      }
      break;
  }
  out.push(FILL, '');
  return out;
}
