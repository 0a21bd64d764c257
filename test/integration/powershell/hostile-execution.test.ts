/**
 * Hostile names executed, not just parsed: the demo with its site names and a SQL instance name
 * carrying ', U+2018–U+201B, $(…), ;, backticks, `n and | — with canaries, $(New-Item …) and
 * '; New-Item …; ' that would each create a file if PowerShell ever ran them — through the planner,
 * the run engine on real pwsh with the lab module (openSession's module lab, what the app runs) and
 * the exported .ps1 run in real pwsh against the lab module (runbook-operator.ts). No canary file
 * may exist afterwards, and each name must reach the cmdlet byte for byte: the lab engine's job log
 * records the parameters each cmdlet was called with (as PowerShell bound them, forwarded by the
 * module), and they are compared with the input strings exactly.
 *
 * The FQDNs stay plain: the importer refuses a host name with such characters (hostile.test.ts);
 * site names and SQL instance names are kept as written and quoted by the planner. Control
 * characters are refused by the planner, so `n here is a backtick and an n, as an admin could type it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import type { Plan } from '../../../src/shared/plan/types';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { MODULE_LAB, PWSH } from '../../support/lab-sessions';
import { parseAll } from '../../support/pwsh-parse';
import { referenceRun, runbookRun, writeStart } from '../../support/runbook-operator';
import { allCommands, EDGE1, EDGESERVER2, plan, POOL1 } from '../../unit/plan/scenarios';
import type { LabFile } from '../run/run-support';

const dir = mkdtempSync(join(tmpdir(), 'poolpilot-hostile-run-'));
const canary = (n: number) => join(dir, `canary-${n}`);
const CANARIES = [1, 2, 3, 4, 5].map(canary);

const SITE1 = `Site1 O'Brien ‘a’ ’b‚ ‛c $(New-Item -ItemType File -Path '${canary(1)}') \`n | x; y \`whoami\``;
const SITE2 = `Site2'; New-Item -ItemType File -Path '${canary(2)}'; '‘’‚‛ | \`n $(New-Item -ItemType File -Path "${canary(3)}")`;
const INSTANCE = `rtc'$(New-Item -ItemType File -Path '${canary(4)}')‛;\`n|‘; New-Item -ItemType File -Path '${canary(5)}'`;
const HOSTILE = [SITE1, SITE2, INSTANCE];

/** A JSON string's inside: how a name appears within a serialized value. */
const inJson = (s: string) => JSON.stringify(s).slice(1, -1);

/** The demo with Site1, Site2 and sql2a's instance renamed everywhere they are referenced. */
function hostileDemo(): Deployment {
  let text = JSON.stringify(demoDeployment());
  text = text.replaceAll('"Site1"', JSON.stringify(SITE1)).replaceAll('"Site2"', JSON.stringify(SITE2));
  text = text.replaceAll(inJson('sql2a.contoso.com\\rtc'), inJson(`sql2a.contoso.com\\${INSTANCE}`));
  const d = JSON.parse(text) as Deployment;
  for (const s of d.topology.sites) s.name = `${s.id} (display)`;
  d.topology.sqlInstances.find((i) => i.poolFqdn === 'sql2a.contoso.com')!.name = INSTANCE;
  return d;
}

const start = hostileDemo();
/** P3 (the XMPP route moves to Site2's Edge server: Set-CsSite/Get-CsSite -Identity <Site2>) and P0/P1/P2 (the CMS fails over to sql2a's hostile instance). */
const PLANS: Record<string, Plan> = {
  'xmpp-failover': plan(start, [{ kind: 'moveXmppRoute', siteId: SITE1, edgeServer: EDGESERVER2 }], [{ kind: 'pool', fqdn: EDGE1 }]),
  'pool1-failover': plan(start, [{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]),
};

/** Every string a cmdlet received in the lab, with the cmdlet and parameter. */
const received = (lab: LabFile) =>
  lab.jobs.flatMap((j) =>
    Object.entries(j.parameters).flatMap(([p, v]) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : []).map((value) => ({ cmdlet: j.cmdlet, parameter: p, value }))),
  );

/** What each cmdlet of the plan is called with for the names: cmdlet, parameter, and the exact name. */
const EXPECTED: Record<string, { cmdlet: string; parameter: string; value: string }[]> = {
  'xmpp-failover': [
    { cmdlet: 'Set-CsSite', parameter: 'Identity', value: SITE2 },
    { cmdlet: 'Get-CsSite', parameter: 'Identity', value: SITE2 },
  ],
  'pool1-failover': [{ cmdlet: 'Invoke-CsManagementServerFailover', parameter: 'BackupSqlInstanceName', value: INSTANCE }],
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(PWSH === undefined)('hostile names, executed in real pwsh', () => {
  it('the plans carry the names in their commands, and PowerShell parses the runbooks without error', () => {
    expect(allCommands(PLANS['xmpp-failover']!).map((c) => c.text)).toContain(`Set-CsSite -Identity '${SITE2.replaceAll("'", "''").replace(/[‘’‚‛]/g, (q) => q + q)}' -XmppExternalFederationRoute 'edgeserver2.contoso.com'`);
    const parsed = parseAll(PWSH!, Object.fromEntries(Object.entries(PLANS).map(([n, p]) => [n, planToPs1(p)])));
    for (const name of Object.keys(PLANS)) expect(parsed[name]!.errors).toEqual([]);
  });

  it('a canary does fire when such a name is expanded (the check can fail)', () => {
    // The same name with its own canary path, in a double-quoted string: what a careless script would do.
    const control = join(dir, 'canary-control');
    const name = INSTANCE.replaceAll(canary(4), control);
    const result = spawnSync(PWSH!, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', `$null = "${name.replaceAll('"', '`"')}"`], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(existsSync(control)).toBe(true);
  });

  for (const [name, p] of Object.entries(PLANS)) {
    it(`${name}: through the run engine on the lab module and through the exported .ps1, every name reaches the cmdlet exactly, and nothing in it runs`, async () => {
      const caseDir = join(dir, name);
      const source = await writeStart(caseDir, start);
      const engine = await referenceRun(join(caseDir, 'engine'), p, source, MODULE_LAB!);
      const runbook = await runbookRun(join(caseDir, 'runbook'), p, source);
      const context = `${runbook.run.stdout.slice(-3000)}\n${runbook.run.stderr}`;

      for (const c of CANARIES) expect(existsSync(c), `${c} was created`).toBe(false);
      expect(engine.journal.status).toBe('completed');
      expect(runbook.run.code, context).toBe(0);
      for (const lab of [engine.lab, runbook.lab]) {
        const values = received(lab);
        for (const e of EXPECTED[name]!) expect(values, JSON.stringify(e)).toContainEqual(e);
        // No parameter received a mangled name: every value that mentions a site or the instance is one of them exactly.
        const mentions = values.filter((v) => /Site[12]|^rtc'/.test(v.value));
        expect(mentions.length).toBeGreaterThan(0);
        for (const v of mentions) expect(HOSTILE, JSON.stringify(v)).toContain(v.value);
      }
      expect(runbook.lab.deployment).toEqual(engine.lab.deployment);
      // The route is keyed by the hostile site itself, not by some mangled copy of it.
      for (const site of Object.keys(runbook.lab.deployment.state.xmppRoutes)) expect([SITE1, SITE2]).toContain(site);
      if (name === 'xmpp-failover') expect(Object.keys(runbook.lab.deployment.state.xmppRoutes)).toContain(SITE2);
    }, 180_000);
  }
});
