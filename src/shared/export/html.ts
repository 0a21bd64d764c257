/**
 * The plan as one self-contained HTML page to print or keep: the runbook of markdown.ts with real
 * checkboxes and fields for times and initials. No script, no external resource (the CSP forbids
 * both), so the file opens the same anywhere and months later. All text is escaped.
 */
import { formatMinutes } from '../plan/durations';
import type { Plan, PlanSection, Step } from '../plan/types';
import { branchNumber, runOnText, SEVERITY_WORDS, stepNumber, stepSummary } from './words';

export function htmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #999}
table.meta td{padding:.2rem .8rem .2rem 0}table.meta td.fill{border-bottom:1px solid #999;min-width:16rem}
.step{border:1px solid #bbb;border-radius:4px;padding:.5rem .8rem;margin:.8rem 0;break-inside:avoid}
.step h3,.step h4{margin:.2rem 0;font-size:1rem}.meta-line{color:#444;font-size:.85rem}
pre{background:#f3f3f3;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.branch{border-left:3px solid #888;margin:.6rem 0 .6rem .4rem;padding-left:.8rem}
.fill-line{margin-top:.4rem;font-size:.9rem}.fill-line span{display:inline-block;border-bottom:1px solid #999;min-width:7rem;margin:0 1rem 0 .3rem}
.added{font-style:italic}.finding-blocker,.finding-warning{font-weight:600}
.diagram svg{display:block;max-width:100%;height:auto;border:1px solid #ccc}
@page diagram{size:A4 landscape;margin:10mm}
@media print{body{margin:0;max-width:none}.step{page-break-inside:avoid}
.diagram{page:diagram;break-before:page;break-after:page;break-inside:avoid}
.diagram h2{margin:0 0 4mm;border:0}
.diagram svg{width:100%;height:auto;max-height:170mm;border:0}}
`;

/** Options for the HTML runbook. */
export interface HtmlRunbookOptions {
  /**
   * The deployment diagram as SVG markup from svg.ts (built from the model, every name escaped),
   * shown before the procedures and printed on a landscape page of its own, scaled to fit.
   */
  diagramSvg?: string;
}

export function planToHtml(plan: Plan, options: HtmlRunbookOptions = {}): string {
  const body: string[] = [
    `<h1>Runbook: ${htmlText(plan.title)}</h1>`,
    '<table class="meta">',
    `<tr><td>Deployment</td><td>${htmlText(plan.source.name)} (${htmlText(plan.source.kind)})</td></tr>`,
    `<tr><td>Estimated time</td><td>${htmlText(formatMinutes(plan.estimate))}</td></tr>`,
    ...['Date', 'Operator', 'Reviewer'].map((label) => `<tr><td>${label}</td><td class="fill"></td></tr>`),
    '</table>',
    '<h2>Scenario</h2>',
    `<p>${plan.down.length > 0 ? `Down: ${plan.down.map(htmlText).join(', ')}` : 'Nothing is marked down.'}</p>`,
  ];
  if (plan.sections.length === 0) body.push('<p>No changes.</p>');
  else {
    body.push('<ol>');
    for (const s of plan.sections) body.push(`<li>${htmlText(s.title)}${s.addedBecause ? ` <span class="added">— added: ${htmlText(s.addedBecause)}</span>` : ''}</li>`);
    body.push('</ol>');
  }
  body.push('<h2>Findings</h2>');
  if (plan.findings.length === 0) body.push('<p>No warnings or notes.</p>');
  else {
    body.push('<ul>');
    for (const f of plan.findings) body.push(`<li class="finding-${f.severity}">${SEVERITY_WORDS[f.severity]} (${htmlText(f.rule)}): ${htmlText(f.message)}</li>`);
    body.push('</ul>');
  }
  if (options.diagramSvg) body.push('<section class="diagram">', '<h2>Diagram: the deployment, with the scenario drawn over it</h2>', options.diagramSvg.trim(), '</section>');
  plan.sections.forEach((section, i) => body.push(...renderSection(section, String(i + 1))));

  return htmlDocument(`Runbook: ${plan.title}`, STYLE, body);
}

/**
 * A self-contained page (runbooks, run reports): inline style only, and a CSP that lets nothing else
 * load or run, so a printed or mailed copy cannot fetch or execute anything. `body` is trusted markup.
 */
export function htmlDocument(title: string, style: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderSection(section: PlanSection, number: string): string[] {
  const out = [`<section id="section-${number}">`, `<h2>${number}. ${section.procedure} — ${htmlText(section.title)}</h2>`];
  if (section.addedBecause) out.push(`<p class="added">Added by the planner: ${htmlText(section.addedBecause)}.</p>`);
  out.push(`<p>Estimated time: ${htmlText(formatMinutes(section.estimate))}</p>`);
  section.steps.forEach((step, j) => out.push(...renderStep(step, stepNumber(number, j), 3)));
  out.push('</section>');
  return out;
}

const code = (text: string) => `<pre><code>${htmlText(text)}</code></pre>`;
const checkbox = (label: string) => `<label><input type="checkbox"> ${label}</label>`;

function renderStep(step: Step, number: string, level: number): string[] {
  const h = `h${Math.min(level, 6)}`;
  const out = [
    `<div class="step" id="step-${htmlText(step.id)}">`,
    `<${h}>${checkbox(`${number} ${htmlText(step.title)}`)}</${h}>`,
    `<div class="meta-line">${htmlText(stepSummary(step))} · id <code>${htmlText(step.id)}</code></div>`,
    `<p>Why: ${htmlText(step.why)}</p>`,
  ];
  switch (step.kind) {
    case 'command':
      out.push(`<p>Run on ${htmlText(runOnText(step.runOn))}:</p>`, code(step.command.text));
      if (step.effect === 'changes') out.push('<p>Confirm before running: this changes the deployment.</p>');
      if (step.retryable) out.push('<p>If it fails, fix the cause from the error and run it again.</p>');
      for (const e of step.knownErrors ?? []) out.push(`<p>If the error says “${htmlText(e.match)}”: ${htmlText(e.advice)}</p>`);
      break;
    case 'check':
      out.push(`<p>Run on ${htmlText(runOnText(step.runOn))}:</p>`, code(step.command.text));
      out.push(`<p>Expect: ${htmlText(step.expect)}.</p>`, `<p>If not: ${htmlText(step.onFail)}</p>`);
      out.push(`<p>${checkbox('as expected')} ${checkbox('not as expected')}</p>`);
      break;
    case 'decision':
      out.push(`<p>${htmlText(step.question)} Run on ${htmlText(runOnText(step.runOn))}:</p>`, code(step.command.text));
      out.push('<p>Take the first branch whose condition holds; if none does, stop and decide with a second person.</p>');
      step.branches.forEach((branch, b) => {
        const bn = branchNumber(number, b);
        out.push('<div class="branch">', `<p><strong>${checkbox(`Branch ${bn}: ${htmlText(branch.label)}`)}</strong><br>When: ${htmlText(branch.expect)}.</p>`);
        branch.steps.forEach((inner, k) => out.push(...renderStep(inner, stepNumber(bn, k), level + 1)));
        out.push('</div>');
      });
      out.push('</div>');
      return out;
    case 'manual':
      out.push(`<p>${step.runOn ? `On ${htmlText(runOnText(step.runOn))}, in` : 'In'} ${htmlText(step.tool)}:</p>`, '<ul class="checklist">');
      for (const item of step.checklist) out.push(`<li>${checkbox(htmlText(item))}</li>`);
      out.push('</ul>');
      if (step.sql) out.push(code(step.sql.join('\n')));
      break;
    case 'wait':
      if (step.until) {
        out.push(`<p>Repeat every ${step.until.pollSeconds} s on ${htmlText(runOnText(step.until.runOn))}:</p>`, code(step.until.command.text));
        out.push(`<p>until: ${htmlText(step.until.expect)}.</p>`);
      }
      break;
  }
  out.push('<div class="fill-line">Started:<span></span>Finished:<span></span>Initials:<span></span></div>', '</div>');
  return out;
}
