/**
 * The run report, from the journal: who ran what, when and where; each step's command, output,
 * duration, outcome and comments; and the steps the run did not reach. Markdown and a
 * self-contained HTML page (no script, no external resource; all text escaped) for people, JSON for
 * tools (the journal's facts, with the steps not executed listed).
 */
import { htmlDocument, htmlText } from '../../shared/export/html';
import { planSteps } from './plan-steps';
import { stepRecords, type Journal, type StepRecord } from './journal';

export interface RunReport {
  format: 'poolpilot.run-report';
  version: 1;
  runId: string;
  mode: Journal['mode'];
  status: Journal['status'];
  reason?: string;
  operator: string;
  host: string;
  where: string;
  startedAt: string;
  finishedAt?: string;
  rehearsedAt?: string;
  plan: { title: string; source: string };
  steps: StepRecord[];
  /** Plan steps with no record (not reached, or in a branch not taken). */
  notExecuted: { id: string; title: string }[];
}

function where(j: Journal): string {
  return j.connection.kind === 'lab' ? `the lab (${j.connection.source}; state ${j.connection.statePath})` : `https://${j.connection.endpoint}/OcsPowershell`;
}


export function runReport(j: Journal): RunReport {
  const records = stepRecords(j);
  return {
    format: 'poolpilot.run-report',
    version: 1,
    runId: j.runId,
    mode: j.mode,
    status: j.status,
    ...(j.reason ? { reason: j.reason } : {}),
    operator: j.operator,
    host: j.host,
    where: where(j),
    startedAt: j.startedAt,
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    ...(j.rehearsedAt ? { rehearsedAt: j.rehearsedAt } : {}),
    plan: { title: j.plan.title, source: `${j.plan.source.kind}: ${j.plan.source.name}` },
    steps: j.steps,
    notExecuted: planSteps(j.plan)
      .filter((s) => !records.has(s.id))
      .map((s) => ({ id: s.id, title: s.title })),
  };
}

export function reportToJson(j: Journal): string {
  return `${JSON.stringify(runReport(j), null, 2)}\n`;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** Output lines of a step, for a fenced block: errors, then results as JSON, then messages. */
function output(r: StepRecord): string[] {
  const o = r.outcome;
  if (!o) return [];
  return [
    ...o.errors.map((e) => `ERROR: ${e.message}`),
    ...o.warnings.map((w) => `WARNING: ${w}`),
    ...o.verbose.map((v) => `VERBOSE: ${v}`),
    ...o.results.map((x) => JSON.stringify(x)),
    ...(o.reason ? [`(${o.reason})`] : []),
  ];
}

/** Markdown code fences cannot be broken out of when the fence is longer than any backtick run inside. */
function fence(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const f = '`'.repeat(longest + 1);
  return [f, ...lines, f];
}

export function reportToMarkdown(j: Journal): string {
  const r = runReport(j);
  const out: string[] = [
    `# ${r.mode === 'rehearsal' ? 'Rehearsal' : 'Run'}: ${r.plan.title}`,
    '',
    `- Run: ${r.runId} — **${r.status}**${r.reason ? ` (${r.reason})` : ''}`,
    `- By: ${r.operator} on ${r.host}`,
    `- Where: ${r.where}`,
    `- Plan source: ${r.plan.source}`,
    `- Started: ${r.startedAt}${r.finishedAt ? `; finished: ${r.finishedAt}` : ''}`,
    ...(r.rehearsedAt ? [`- Rehearsed at: ${r.rehearsedAt}`] : []),
    '',
    '## Steps',
    '',
  ];
  for (const s of r.steps) {
    out.push(`### ${s.id}: ${s.title}`, '', `- Outcome: **${s.status}**${s.detail ? ` — ${s.detail}` : ''}`, `- Duration: ${seconds(s.durationMs)}; attempts: ${s.attempts}; by ${s.by} at ${s.startedAt}`);
    for (const c of s.comments) out.push(`- Comment: ${c}`);
    if (s.command) out.push('', ...fence([s.command]));
    const lines = output(s);
    if (lines.length > 0) out.push('', 'Output:', '', ...fence(lines));
    out.push('');
  }
  out.push('## Steps not executed', '');
  if (r.notExecuted.length === 0) out.push('None.');
  for (const s of r.notExecuted) out.push(`- ${s.id}: ${s.title}`);
  out.push('');
  return out.join('\n');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #999}
.step{border:1px solid #bbb;border-radius:4px;padding:.5rem .8rem;margin:.8rem 0;break-inside:avoid}
.step h3{margin:.2rem 0;font-size:1rem}.failed,.aborted,.unknown{color:#a00}.skipped,.stopped{color:#850}
pre{background:#f3f3f3;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
`;

export function reportToHtml(j: Journal): string {
  const r = runReport(j);
  const title = `${r.mode === 'rehearsal' ? 'Rehearsal' : 'Run'}: ${r.plan.title}`;
  const body: string[] = [
    `<h1>${htmlText(title)}</h1>`,
    '<ul>',
    `<li>Run: ${htmlText(r.runId)} — <strong class="${r.status}">${r.status}</strong>${r.reason ? ` (${htmlText(r.reason)})` : ''}</li>`,
    `<li>By: ${htmlText(r.operator)} on ${htmlText(r.host)}</li>`,
    `<li>Where: ${htmlText(r.where)}</li>`,
    `<li>Plan source: ${htmlText(r.plan.source)}</li>`,
    `<li>Started: ${htmlText(r.startedAt)}${r.finishedAt ? `; finished: ${htmlText(r.finishedAt)}` : ''}</li>`,
    ...(r.rehearsedAt ? [`<li>Rehearsed at: ${htmlText(r.rehearsedAt)}</li>`] : []),
    '</ul>',
    '<h2>Steps</h2>',
  ];
  for (const s of r.steps) {
    body.push(
      '<div class="step">',
      `<h3>${htmlText(s.id)}: ${htmlText(s.title)}</h3>`,
      `<p>Outcome: <strong class="${s.status}">${s.status}</strong>${s.detail ? ` — ${htmlText(s.detail)}` : ''}<br>` +
        `Duration: ${seconds(s.durationMs)}; attempts: ${s.attempts}; by ${htmlText(s.by)} at ${htmlText(s.startedAt)}</p>`,
      ...s.comments.map((c) => `<p>Comment: ${htmlText(c)}</p>`),
      ...(s.command ? [`<pre>${htmlText(s.command)}</pre>`] : []),
      ...(output(s).length > 0 ? [`<p>Output:</p><pre>${htmlText(output(s).join('\n'))}</pre>`] : []),
      '</div>',
    );
  }
  body.push('<h2>Steps not executed</h2>', r.notExecuted.length === 0 ? '<p>None.</p>' : `<ul>${r.notExecuted.map((s) => `<li>${htmlText(s.id)}: ${htmlText(s.title)}</li>`).join('')}</ul>`);
  return htmlDocument(title, STYLE, body);
}

/** The report in the format the file name asks for: .json, .html/.htm, else Markdown. */
export function reportFor(fileName: string, j: Journal): string {
  if (/\.json$/i.test(fileName)) return reportToJson(j);
  if (/\.html?$/i.test(fileName)) return reportToHtml(j);
  return reportToMarkdown(j);
}
