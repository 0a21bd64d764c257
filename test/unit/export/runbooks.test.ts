/**
 * The runbook exports as an admin uses them: every step is there with its command or checklist,
 * what to expect, a box to tick and room for times and initials; decisions show their branches;
 * the total time is stated; the script asks before every change and pauses at every manual step.
 */
import { describe, expect, it } from 'vitest';
import { planToHtml } from '../../../src/shared/export/html';
import { planToJson } from '../../../src/shared/export/json';
import { mdText, planToMarkdown } from '../../../src/shared/export/markdown';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { formatMinutes } from '../../../src/shared/plan/durations';
import type { DecisionStep } from '../../../src/shared/plan/types';
import { psLiteral } from '../../../src/shared/powershell/quote';
import { allSteps, goldenPlans } from '../plan/scenarios';

const plans = goldenPlans();
const plan = plans['pool1-failover']!;
const steps = allSteps(plan);

describe('Markdown runbook', () => {
  const md = planToMarkdown(plan);

  it('states the scenario, the findings and the total estimated time', () => {
    expect(md).toContain('Down: pool1.contoso.com');
    expect(md).toContain(`| Estimated time | ${formatMinutes(plan.estimate)} |`);
    expect(md).toContain('**Note** (edge-next-hop)');
    expect(md).toMatch(/1\. Make pool2\.contoso\.com the next hop of Edge pool edgepool1\.contoso\.com \(Set-CsEdgeServer\) — \*added: needed before/);
  });

  it('gives every step a box, its id, and room for times and initials', () => {
    for (const step of steps) expect(md).toContain(`${mdText(step.title)}\n\n*`);
    expect(md.match(/^#{3,6} ☐ /gm)).toHaveLength(steps.length);
    expect(md.match(/^Started: ________ {2}Finished: ________ {2}Initials: ________$/gm)).toHaveLength(steps.filter((s) => s.kind !== 'decision').length);
    for (const step of steps) expect(md).toContain(`id \`${step.id}\``);
  });

  it('puts commands in fences and says what a check must show', () => {
    expect(md).toContain("```powershell\nInvoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose\n```");
    expect(md).toContain('Expect: ActiveMasterFqdn is one of pool2.contoso.com, fe03.contoso.com or fe04.contoso.com; and ActiveFileTransferAgents includes pool2.contoso.com, fe03.contoso.com or fe04.contoso.com.');
    expect(md).toContain('If the error says "is specified in topology as the next hop for the Edge server"');
  });

  it('shows a decision as numbered branches with their conditions', () => {
    expect(md).toContain('#### Branch 2.4.a: The primary Back End (sql2a.contoso.com\\\\rtc) is the principal');
    expect(md).toContain('When: StateOnPrimary is Principal. Taken: ☐');
    expect(md).toContain('##### ☐ 2.4.a.1 Check which parameters the installed Invoke-CsManagementServerFailover takes');
  });

  it('escapes markup in text and fences around backticks', () => {
    expect(mdText('a <b> *c* `d` [e](f) & g | h')).toBe('a \\<b\\> \\*c\\* \\`d\\` \\[e\\](f) &amp; g \\| h');
    expect(mdText('line\nbreak')).toBe('line\uFFFDbreak');
  });

  it('lists manual checklists and SQL', () => {
    const chat = planToMarkdown(plans['chat-failover']!);
    expect(chat).toContain('- ☐ Connect to pchatsql2a.contoso.com\\\\pchat and open a query on the master database.');
    expect(chat).toContain('```sql\nexec sp_delete_log_shipping_secondary_database mgc\n```');
  });
});

describe('HTML runbook', () => {
  const html = planToHtml(plan);

  it('is one self-contained page: no script, nothing loaded from elsewhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|https?:/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('has a checkbox and a time and initials line for every step, and the total time', () => {
    for (const step of steps) expect(html).toContain(`id="step-${step.id}"`);
    expect(html.match(/<div class="step"/g)).toHaveLength(steps.length);
    expect(html.match(/class="fill-line"/g)).toHaveLength(steps.filter((s) => s.kind !== 'decision').length);
    expect(html.match(/type="checkbox"/g)!.length).toBeGreaterThan(steps.length);
    expect(html).toContain(`<td>Estimated time</td><td>${formatMinutes(plan.estimate)}</td>`);
  });

  it('escapes commands and text', () => {
    expect(html).toContain('<pre><code>Invoke-CsPoolFailover -PoolFqdn &#39;pool1.contoso.com&#39; -DisasterMode -Verbose</code></pre>');
  });
});

describe('PowerShell script', () => {
  const ps1 = planToPs1(plan);
  const lines = ps1.split('\r\n');

  it('starts a transcript before anything else runs, and always stops it', () => {
    const statements = lines.filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('\uFEFF#'));
    expect(statements.slice(0, 6)).toEqual([
      '[CmdletBinding()]',
      'param()',
      'Set-StrictMode -Version 2.0',
      "$ErrorActionPreference = 'Stop'",
      expect.stringContaining('$PlanTranscript = Join-Path'),
      'Start-Transcript -Path $PlanTranscript | Out-Null',
    ]);
    expect(ps1).toContain('} finally {\r\n    Stop-Transcript | Out-Null\r\n}');
  });

  it('asks before every command that changes the deployment, and only those', () => {
    for (const step of steps) {
      if (step.kind !== 'command') continue;
      const at = lines.findIndex((l) => l.includes(`Confirm-PlanCommand -Id ${psLiteral(step.id)} `));
      expect(lines[at], step.id).toContain(`-Changes $${step.effect === 'changes'}`);
      expect(lines.slice(at + 1, at + 4).join('\n'), step.id).toContain(step.command.text);
    }
  });

  it('runs checks on the plan\'s own conditions, and stops when one fails', () => {
    for (const step of steps) {
      if (step.kind !== 'check') continue;
      const line = lines.find((l) => l.includes(`Assert-PlanCheck -Id ${psLiteral(step.id)} `))!;
      expect(line, step.id).toContain(`-Condition ${psLiteral(JSON.stringify(step.condition))}`);
    }
    expect(ps1).toContain("if (-not (Test-PlanCondition $Output $Condition)) { Stop-Plan $Id ('expected ' + $Expect + '. ' + $OnFail) }");
  });

  it('takes decisions on the branch conditions, in order', () => {
    const decision = steps.find((s) => s.kind === 'decision') as DecisionStep;
    const line = lines.find((l) => l.includes(`Select-PlanBranch -Id ${psLiteral(decision.id)} `))!;
    expect(line).toContain(`-Conditions @(${decision.branches.map((b) => psLiteral(JSON.stringify(b.when))).join(', ')})`);
  });

  it('pauses at manual steps with their checklist', () => {
    const chat = planToPs1(plans['chat-failover']!);
    expect(chat).toContain(
      "Confirm-PlanManual -Id 'failoverPersistentChat:pchat1.contoso.com/remove-log-shipping' -Tool 'SQL Server Management Studio' " +
        "-Checklist @('Connect to pchatsql2a.contoso.com\\pchat and open a query on the master database.', 'Run the statement below and check that it succeeds.') " +
        "-Sql @('exec sp_delete_log_shipping_secondary_database mgc')",
    );
  });

  it('lets a failed failover be run again after its cause is fixed', () => {
    expect(ps1).toContain(
      "try { Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose; break } catch { Resolve-PlanError -Id 'failoverPool:pool1.contoso.com/failover' -Record $_ -KnownErrors ",
    );
  });
});

describe('JSON', () => {
  it('is the plan, whole', () => {
    for (const p of Object.values(plans)) expect(JSON.parse(planToJson(p))).toEqual(p);
  });
});
