/**
 * Every generated command, every exported .ps1 (each golden plan: P0–P8 on the demo), the job script
 * and the collector through PowerShell's own parser ([System.Management.Automation.Language.Parser]
 * ::ParseInput) in real pwsh 7. tree-sitter (ps-grammar.test.ts) checks the shape; this checks that
 * PowerShell itself accepts the text and finds in a command no variable (but $null), subexpression
 * or script block — nothing that would run or expand data.
 *
 * pwsh is found by scripts/find-pwsh.cjs (npm test passes it as POOLPILOT_PWSH). Without it the
 * suite is skipped with the install command, except under CI, where it fails.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { jobCommandLine, SETUP_LINE } from '../../../src/main/powershell/job-script';
import { setSiteXmppRoute } from '../../../src/shared/powershell/commands';
import { allCommands, goldenPlans } from '../../unit/plan/scenarios';
import { parseAll, type Parsed } from '../../support/pwsh-parse';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh, PWSH_MISSING } = require('../../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined; PWSH_MISSING: string };

const pwsh = findPwsh();
if (!pwsh && process.env.CI) throw new Error(PWSH_MISSING);
if (!pwsh) console.warn(`pwsh-parser tests skipped: ${PWSH_MISSING}`);

const HOSTILE_SITES = ["O'Brien", 'Site ‘1’ ‚2‛', '$(New-Item canary)', '`whoami`; Remove-Item C:\\', 'a|b', 'line`nbreak', '–Force', '"double" “curly”', "''''"];

describe.skipIf(!pwsh)('real PowerShell parses what PoolPilot generates', () => {
  const plans = goldenPlans();
  const texts: Record<string, string> = {};
  for (const [name, plan] of Object.entries(plans)) {
    texts[`${name}.ps1`] = planToPs1(plan);
    allCommands(plan).forEach((c, i) => (texts[`${name} command ${i + 1}: ${c.text}`] = c.text));
  }
  HOSTILE_SITES.forEach((site) => {
    texts[`hostile site ${site}`] = setSiteXmppRoute(site, 'XmppExternalFederationRoute', 'edgeserver2.contoso.com', 'edgepool2.contoso.com').text;
  });
  texts['job script line'] = jobCommandLine(Buffer.from('{"v":1}').toString('base64'));
  texts['setup line'] = SETUP_LINE;
  texts['collector.ps1'] = readFileSync(resolve(__dirname, '../../../resources/ps/collector.ps1'), 'utf8');
  // The check itself must be able to fail.
  texts['broken on purpose'] = "Set-CsSite -Identity 'Site1";
  texts['expanding on purpose'] = 'Set-CsSite -Identity "$(hostname)"';

  let parsed: Record<string, Parsed>;
  const get = (name: string) => {
    parsed ??= parseAll(pwsh!, texts);
    return parsed[name]!;
  };
  it('reports an error and expansions where there are some (the check can fail)', () => {
    expect(get('broken on purpose').errors.length).toBeGreaterThan(0);
    expect(get('expanding on purpose').expanding).toContain('$(hostname)');
  });

  it.each(Object.keys(plans))('the exported .ps1 of %s parses without error', (name) => {
    expect(get(`${name}.ps1`).errors).toEqual([]);
  });

  it.each(Object.keys(plans))('every command of %s is one command that expands nothing', (name) => {
    allCommands(plans[name]!).forEach((c, i) => {
      const p = get(`${name} command ${i + 1}: ${c.text}`);
      expect(p.errors, c.text).toEqual([]);
      expect(p.commands, c.text).toBe(1);
      expect(p.expanding, c.text).toEqual([]);
    });
  });

  it.each(HOSTILE_SITES)('a site named %s stays one literal', (site) => {
    const p = get(`hostile site ${site}`);
    expect(p.errors).toEqual([]);
    expect(p.commands).toBe(1);
    expect(p.expanding).toEqual([]);
  });

  it('the job script line, the setup line and the collector parse', () => {
    expect(get('job script line').errors).toEqual([]);
    expect(get('setup line').errors).toEqual([]);
    expect(get('collector.ps1').errors).toEqual([]);
  });
});
