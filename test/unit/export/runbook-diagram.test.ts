import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { runbookText } from '../../../src/main/services/runbook';
import type { Scenario } from '../../../src/shared/scenario/types';

const NOW = new Date('2026-11-24T09:31:00Z');
const failover: Scenario = { down: [{ kind: 'pool', fqdn: 'pool1.contoso.com' }], changes: [{ kind: 'failoverPool', pool: 'pool1.contoso.com' }], applied: 1 };

describe('the HTML runbook diagram', () => {
  it('carries the SVG diagram inline, the scenario drawn over it, on a landscape print page of its own', () => {
    const html = runbookText(demoDeployment(NOW), failover, 'html', NOW.getTime());
    const section = html.slice(html.indexOf('<section class="diagram">'), html.indexOf('</section>'));
    expect(section).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(section).toContain('<g class="scenario">');
    expect(section).toContain('<g class="down" data-id="pool1.contoso.com"><title>✕ DOWN: pool1.contoso.com</title>');
    expect(section).toMatch(/>1\. Fail over pool1\.contoso\.com/);
    // Before the procedures, so the binder opens on the picture.
    expect(html.indexOf('<section class="diagram">')).toBeLessThan(html.indexOf('<h2', html.indexOf('</section>')));
    // Print: its own landscape page, scaled to the page's width and height.
    expect(html).toMatch(/@page diagram\{size:A4 landscape/);
    expect(html).toMatch(/@media print\{[^]*\.diagram\{page:diagram;break-before:page;break-after:page/);
    expect(html).toMatch(/\.diagram svg\{width:100%;height:auto;max-height:170mm/);
    // Nothing the page could run or fetch.
    expect(section).not.toMatch(/<script|href=|xlink:href|url\((?!#)/);
  });

  it('the other runbook formats carry no picture', () => {
    for (const format of ['md', 'ps1', 'json'] as const) expect(runbookText(demoDeployment(NOW), failover, format, NOW.getTime())).not.toContain('<svg');
  });
});
