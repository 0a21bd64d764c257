/**
 * A topology document carrying hostile names — quotes of every kind, $(…), ;, backticks, newlines,
 * en dashes, markup — through the importer, the planner and every export. Each name is either
 * rejected with a clear message (at import, or by the planner when no command can carry it) or
 * comes out inert: a literal in every command and script, escaped text in every runbook.
 */
import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { planToHtml } from '../../../src/shared/export/html';
import { planToJson } from '../../../src/shared/export/json';
import { planToMarkdown } from '../../../src/shared/export/markdown';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan, PlanError } from '../../../src/shared/plan/planner';
import type { Plan } from '../../../src/shared/plan/types';
import type { ScenarioChange } from '../../../src/shared/scenario/types';
import { importTopology } from '../../../src/shared/topology/import';
import { synthTopologyXml } from '../../../src/shared/topology/synth';
import { checkCommand, parse, powerShellParser, syntaxErrors } from './ps-parser';
import { allCommands, NOW } from './scenarios';

const SITE1 = `Site1'; $(Stop-Computer) ‘x’ ‚y‛ \`n; –Force "q" “z”`;
const SITE2 = 'Site2 <script>alert(1)</script> | # * _ ``` [x](javascript:y) &amp;';
const SITE3 = 'Site3\nSet-CsSite';
const INSTANCE = "rtc'$(x)‛;`";

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

/** The 3-site synthetic topology with hostile site and instance names, and hostile FQDNs the importer must refuse. */
function hostileXml(): string {
  return synthTopologyXml(120)
    .replace('<Name>Site1</Name>', `<Name>${xmlText(SITE1)}</Name>`)
    .replace('<Name>Site2</Name>', `<Name>${xmlText(SITE2)}</Name>`)
    .replace('<Name>Site3</Name>', `<Name>${xmlText(SITE3)}</Name>`)
    .replace('Fqdn="pool-s3-2.contoso.com"', `Fqdn="${xmlText("pool-s3-2'$(whoami).contoso.com")}"`)
    .replace('Fqdn="fe-s3-3-1.contoso.com"', `Fqdn="${xmlText('fe-s3-3-1.contoso.com;Stop-Computer')}"`)
    .replace(/(<SqlInstanceId Name=")rtc(">\s*<ClusterId SiteId="2" Number="2" \/>)/g, `$1${xmlText(INSTANCE)}$2`);
}

const P1 = 'pool-s1-1.contoso.com';
const P2 = 'pool-s2-1.contoso.com';

function hostileDeployment(): Deployment {
  const { topology } = importTopology(hostileXml());
  return {
    topology,
    state: {
      ...emptyState(),
      backupPools: { [P1]: P2, [P2]: P1 },
      sipFederationRoutes: ['edgepool-s1.contoso.com'],
      xmppRoutes: { [SITE1]: 'edge-s1-1.contoso.com' },
    },
    source: { kind: 'file', name: `topology ${SITE2}.xml` },
  };
}

/** Site1 is lost: its users, the CMS, SIP and XMPP federation all move to Site2. */
const CHANGES: ScenarioChange[] = [
  { kind: 'failoverPool', pool: P1 },
  { kind: 'moveSipFederation', edgePool: 'edgepool-s2.contoso.com' },
  { kind: 'moveXmppRoute', siteId: SITE1, edgeServer: 'edge-s2-1.contoso.com' },
];

function hostilePlan(d: Deployment): Plan {
  return buildPlan(d, { down: [{ kind: 'site', siteId: SITE1 }], changes: CHANGES, applied: CHANGES.length }, { now: NOW });
}

let parser: Parser;
beforeAll(async () => {
  parser = await powerShellParser();
});

describe('hostile names at import', () => {
  it('refuses FQDNs that are not host names, naming them', () => {
    const { topology, issues } = importTopology(hostileXml());
    expect(topology.pools.map((p) => p.fqdn).filter((f) => /['$;]/.test(f))).toEqual([]);
    expect(topology.pools.flatMap((p) => p.machines).filter((f) => /['$;]/.test(f))).toEqual([]);
    expect(issues.map((i) => i.message).join('\n')).toContain(`Fqdn "pool-s3-2'$(whoami).contoso.com" is not a valid FQDN`);
    expect(issues.map((i) => i.message).join('\n')).toContain('fe-s3-3-1.contoso.com;Stop-Computer');
  });

  it('keeps site and SQL instance names as written (the planner quotes them)', () => {
    const { topology } = importTopology(hostileXml());
    expect(topology.sites.map((s) => s.id)).toEqual([SITE1, SITE2, SITE3]);
    expect(topology.sqlInstances.map((i) => i.name)).toContain(INSTANCE);
  });
});

describe('hostile names in a plan', () => {
  const d = hostileDeployment();
  const plan = hostilePlan(d);

  it('plans the site failover with the names in commands', () => {
    const texts = allCommands(plan).map((c) => c.text);
    expect(texts).toContain(`Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'sql-s2-1.contoso.com' -SqlInstanceName 'rtc''$(x)‛‛;\`'`);
    expect(texts).toContain(`Set-CsSite -Identity '${SITE2}' -XmppExternalFederationRoute 'edge-s2-1.contoso.com'`);
    expect(texts.find((t) => t.startsWith('Get-CsSite'))).toBe(`Get-CsSite -Identity '${SITE2}'`);
  });

  it('quotes a hostile SQL instance name in the CMS failover too (P1.5)', () => {
    const withCms = hostileDeployment();
    withCms.topology.services.push({ id: `CentralMgmt:${P2}`, role: 'CentralMgmt', poolFqdn: P2, dependsOn: [], cmsActive: false });
    const texts = allCommands(hostilePlan(withCms)).map((c) => c.text);
    expect(texts).toContain(`Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql-s2-1.contoso.com' -BackupSqlInstanceName 'rtc''$(x)‛‛;\`' -Force`);
    for (const command of allCommands(hostilePlan(withCms))) checkCommand(parser, command);
  });

  it('every command is one command of single-quoted literals', () => {
    for (const command of allCommands(plan)) checkCommand(parser, command);
  });

  it('the .ps1 parses, expands nothing, and runs nothing the benign plan does not', () => {
    const script = planToPs1(plan);
    const tree = parse(parser, script);
    expect(syntaxErrors(tree)).toEqual([]);
    expect(tree.rootNode.descendantsOfType(['expandable_string_literal', 'expandable_here_string_literal'])).toEqual([]);
    const benign = parse(parser, planToPs1(buildPlan(renamed(d), { down: [{ kind: 'site', siteId: 'Site1' }], changes: benignChanges(), applied: 3 }, { now: NOW })));
    const shape = (t: typeof tree) => ({
      variables: new Set(t.rootNode.descendantsOfType(['variable', 'braced_variable']).map((v) => v.text.toLowerCase())),
      commands: new Set(t.rootNode.descendantsOfType('command_name').map((n) => n.text)),
      subexpressions: t.rootNode.descendantsOfType(['sub_expression', 'script_block_expression']).length,
    });
    expect(shape(tree)).toEqual(shape(benign));
  });

  it('the Markdown runbook shows the names as text, never as markup', () => {
    const md = planToMarkdown(plan);
    // Commands sit in fences longer than any backtick run inside them: the name's ``` cannot close one.
    const fences = md.split('\n').filter((line) => /^`{3,}/.test(line));
    expect(fences.length % 2).toBe(0);
    expect(md).toContain(`\`\`\`\`powershell\nGet-CsSite -Identity '${SITE2}'\n\`\`\`\``);
    const prose = md.replace(/^(`{3,})[a-z]*\n[\s\S]*?\n\1$/gm, '');
    expect(prose).not.toContain('<script>');
    expect(prose).not.toContain('[x](javascript:');
    expect(prose).toContain('Site2 \\<script\\>alert(1)\\</script\\> \\| \\# \\* \\_ \\`\\`\\` \\[x\\](javascript:y) &amp;amp;');
  });

  it('the HTML runbook escapes them and runs no script', () => {
    const html = planToHtml(plan);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Site2 &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('the JSON carries them unchanged', () => {
    expect(JSON.parse(planToJson(plan))).toEqual(JSON.parse(JSON.stringify(plan)));
  });

  it('refuses, with the change and the reason, a name no command can carry', () => {
    const attempt = () =>
      buildPlan(d, { down: [{ kind: 'pool', fqdn: 'edgepool-s2.contoso.com' }], changes: [{ kind: 'moveSipFederation', edgePool: 'edgepool-s3.contoso.com' }], applied: 1 }, { now: NOW });
    expect(attempt).toThrow(PlanError);
    expect(attempt).toThrow('cannot plan change 1 (Move SIP federation to Edge pool edgepool-s3.contoso.com): the site name "Site3\\nSet-CsSite" contains a control character');
  });
});

/** The same deployment with plain site and instance names: the shape a hostile plan must keep. */
function renamed(d: Deployment): Deployment {
  const names = new Map([
    [SITE1, 'Site1'],
    [SITE2, 'Site2'],
    [SITE3, 'Site3'],
  ]);
  const copy = structuredClone(d);
  for (const s of copy.topology.sites) s.id = s.name = names.get(s.id)!;
  for (const p of copy.topology.pools) p.siteId = names.get(p.siteId)!;
  for (const i of copy.topology.sqlInstances) if (i.name === INSTANCE) i.name = 'rtc';
  copy.state.xmppRoutes = { Site1: 'edge-s1-1.contoso.com' };
  return copy;
}

function benignChanges(): ScenarioChange[] {
  return CHANGES.map((c) => (c.kind === 'moveXmppRoute' ? { ...c, siteId: 'Site1' } : c));
}
