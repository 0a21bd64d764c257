/** The accessibility scan the browser tests share: axe-core served from the page's own origin, so the app's CSP stays on. */
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

const AXE_FILE = createRequire(__filename).resolve('axe-core/axe.min.js');

/** Serious and critical axe-core violations on the page as it is now, one readable line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.route('**/__axe.min.js', (route) => route.fulfill({ path: AXE_FILE, contentType: 'text/javascript' }));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/__axe.min.js' });
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; html: string }> };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`));
}
