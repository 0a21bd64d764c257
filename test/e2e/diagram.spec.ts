/**
 * The deployment diagram exported from the app, as an admin does it: Export draw.io and Export SVG
 * in the toolbar, the file saved where the dialog says, "saved to" in the status bar. The files are
 * read back: the draw.io document has a vertex per pool placed as the pools are on screen (after
 * the admin moved one), and the SVG, opened in Chromium, shows each pool label where the graph on
 * screen shows that pool, relative to the whole picture. Screenshots of both go under test-results/.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SaxesParser } from 'saxes';
import { test, expect } from './harness';

interface Element {
  name: string;
  attributes: Record<string, string>;
}

function parse(xml: string): Element[] {
  const parser = new SaxesParser();
  const out: Element[] = [];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => void out.push({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return out;
}

/** Each pool vertex of a draw.io document: its absolute centre (geometry is relative to the parent container). */
function drawioPools(xml: string): Map<string, { x: number; y: number }> {
  const elements = parse(xml);
  const cells = new Map<string, { parent?: string; style?: string; vertex?: string; geometry?: { x: number; y: number; width: number; height: number } }>();
  let last: string | undefined;
  for (const e of elements) {
    if (e.name === 'mxCell') {
      last = e.attributes.id!;
      expect(cells.has(last), `one cell ${last}`).toBe(false);
      cells.set(last, { parent: e.attributes.parent, style: e.attributes.style, vertex: e.attributes.vertex });
    } else if (e.name === 'mxGeometry' && last && e.attributes.width !== undefined) {
      const g = e.attributes;
      cells.get(last)!.geometry = { x: Number(g.x ?? 0), y: Number(g.y ?? 0), width: Number(g.width), height: Number(g.height) };
    }
  }
  const origin = (id: string | undefined): { x: number; y: number } => {
    const cell = id ? cells.get(id) : undefined;
    if (!cell?.geometry) return { x: 0, y: 0 };
    const o = origin(cell.parent);
    return { x: o.x + cell.geometry.x, y: o.y + cell.geometry.y };
  };
  const pools = new Map<string, { x: number; y: number }>();
  for (const [id, cell] of cells) {
    if (cell.vertex !== '1' || !id.startsWith('n:') || !/poolKind=/.test(cell.style ?? '')) continue;
    const o = origin(id);
    pools.set(id.slice(2), { x: o.x + cell.geometry!.width / 2, y: o.y + cell.geometry!.height / 2 });
  }
  return pools;
}

/** The pools on screen: model position, and rendered position relative to the graph's rendered box (0..1). */
async function screenPools(page: Page) {
  return page.evaluate(() => {
    const cy = window.__poolpilot!.cy;
    const box = cy.elements().renderedBoundingBox({ includeLabels: true });
    return cy.nodes('.pool').map((n) => ({
      id: n.id(),
      model: n.position(),
      relative: { x: (n.renderedPosition().x - box.x1) / box.w, y: (n.renderedPosition().y - box.y1) / box.h },
    }));
  });
}

async function graphShown(page: Page) {
  await page.waitForFunction(() => !!window.__poolpilot?.cy && performance.getEntriesByName('poolpilot:graph-shown').length > 0);
  // The layout's last step (fit, positions saved) runs just after the mark.
  await page.waitForTimeout(300);
}

test('exports the deployment diagram as draw.io and SVG from the toolbar, laid out as on screen', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  await graphShown(page);
  // The admin moves a pool: the export must follow the screen, not a layout of its own.
  // pchat1 goes to the far side of its site, away from the other site (so the sites do not overlap on screen).
  const side = await page.evaluate(() => {
    const cy = window.__poolpilot!.cy;
    const own = cy.getElementById('site:Site1').boundingBox();
    const other = cy.getElementById('site:Site2').boundingBox();
    const xs = cy.nodes('.pool').map((n) => ({ site: n.parent().first().id(), x: n.position().x })).filter((n) => n.site === 'site:Site1').map((n) => n.x);
    const left = own.x1 < other.x1;
    const x = left ? Math.min(...xs) - 120 : Math.max(...xs) + 120;
    cy.getElementById('pchat1.contoso.com').position({ x, y: cy.getElementById('pool1.contoso.com').position().y });
    cy.fit(undefined, 40);
    return left ? 'left' : 'right';
  });
  const screen = await screenPools(page);
  expect(screen.length).toBeGreaterThan(3);
  await page.screenshot({ path: test.info().outputPath('app-graph.png') });

  // draw.io
  const drawioPath = join(workDir, 'demo.drawio');
  dialogs.savePath = drawioPath;
  await page.getByTestId('toolbar-export-drawio').click();
  await expect(page.getByTestId('toast')).toContainText(`draw.io diagram saved to ${drawioPath}`);
  const xml = readFileSync(drawioPath, 'utf8');
  copyFileSync(drawioPath, test.info().outputPath('demo.drawio'));
  const vertices = drawioPools(xml);
  expect([...vertices.keys()].sort()).toEqual(screen.map((p) => p.id).sort());
  // Every pair of pools keeps its order on both axes (where the screen separates them).
  for (const a of screen)
    for (const b of screen) {
      const dx = b.model.x - a.model.x;
      const dy = b.model.y - a.model.y;
      if (Math.abs(dx) > 1) expect(Math.sign(vertices.get(b.id)!.x - vertices.get(a.id)!.x), `${a.id} → ${b.id} in x`).toBe(Math.sign(dx));
      if (Math.abs(dy) > 1) expect(Math.sign(vertices.get(b.id)!.y - vertices.get(a.id)!.y), `${a.id} → ${b.id} in y`).toBe(Math.sign(dy));
    }
  // The moved pool is the outermost on that side in the diagram too.
  const outermost = [...vertices.entries()].sort((p, q) => (side === 'left' ? p[1].x - q[1].x : q[1].x - p[1].x))[0]![0];
  expect(outermost).toBe('pchat1.contoso.com');

  // SVG
  const svgPath = join(workDir, 'demo.svg');
  dialogs.savePath = svgPath;
  await page.getByTestId('toolbar-export-svg').click();
  await expect(page.getByTestId('toast').last()).toContainText(`SVG diagram saved to ${svgPath}`);
  const svg = readFileSync(svgPath, 'utf8');
  copyFileSync(svgPath, test.info().outputPath('demo.svg'));
  expect(parse(svg)[0]!.name).toBe('svg');

  // The SVG as a browser shows the file: alone on a page, at its own size.
  const viewer = await page.context().newPage();
  try {
    await viewer.setViewportSize({ width: 1440, height: 900 });
    await viewer.setContent(`<!doctype html><html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body></html>`);
    await viewer.screenshot({ path: test.info().outputPath('exported-svg.png'), fullPage: true, timeout: 15_000 });
    const drawn = await viewer.evaluate(() => {
      // The graph's box: every site and pool box (not the legend below).
      const boxes = [...document.querySelectorAll('g.site > rect, g.pool > rect')].map((r) => r.getBoundingClientRect());
      const x1 = Math.min(...boxes.map((b) => b.left));
      const y1 = Math.min(...boxes.map((b) => b.top));
      const x2 = Math.max(...boxes.map((b) => b.right));
      const y2 = Math.max(...boxes.map((b) => b.bottom));
      const legend = document.querySelector('g.legend')!.getBoundingClientRect();
      return {
        overlapsLegend: legend.top < y2,
        pools: [...document.querySelectorAll('g.pool')].map((g) => {
          const r = g.querySelector('rect')!.getBoundingClientRect();
          const label = g.querySelector('text')!.getBoundingClientRect();
          return {
            id: g.getAttribute('data-id')!,
            // The pool's place: the centre of its box, where its label is written.
            relative: { x: (r.left + r.width / 2 - x1) / (x2 - x1), y: (r.top + r.height / 2 - y1) / (y2 - y1) },
            labelInside: label.left >= r.left - 0.5 && label.right <= r.right + 0.5 && label.top >= r.top - 0.5 && label.bottom <= r.bottom + 0.5,
            box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
          };
        }),
      };
    });
    expect(drawn.overlapsLegend, 'the legend sits below the pools').toBe(false);
    expect(drawn.pools.map((p) => p.id).sort()).toEqual(screen.map((p) => p.id).sort());
    for (const p of drawn.pools) {
      const on = screen.find((s) => s.id === p.id)!;
      // Margins differ (cytoscape's labels and padding, the diagram's larger boxes): within a tenth of the picture.
      expect(Math.abs(p.relative.x - on.relative.x), `${p.id} x: svg ${p.relative.x.toFixed(3)} screen ${on.relative.x.toFixed(3)}`).toBeLessThan(0.1);
      expect(Math.abs(p.relative.y - on.relative.y), `${p.id} y: svg ${p.relative.y.toFixed(3)} screen ${on.relative.y.toFixed(3)}`).toBeLessThan(0.15);
      expect(p.labelInside, `${p.id}'s label is inside its box`).toBe(true);
    }
    // No two pool boxes overlap.
    for (const a of drawn.pools)
      for (const b of drawn.pools)
        if (a.id < b.id) {
          const meet = a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom;
          expect(meet, `${a.id} / ${b.id} do not overlap`).toBe(false);
        }
  } finally {
    await viewer.close();
  }
  expect(app.errors).toEqual([]);
});

test('File ▸ Export diagram as SVG… and for draw.io… run the same export as the toolbar', async ({ app }) => {
  const { page, dialogs, workDir } = app;
  // The harness has no Electron menu: stand in for preload's menu bridge, as main's menu sends its commands.
  await page.addInitScript(() => {
    const w = window as unknown as { poolpilotMenu: unknown; __menu?: (command: string) => void };
    w.poolpilotMenu = {
      onCommand: (callback: (command: string) => void) => {
        w.__menu = callback;
        return () => undefined;
      },
    };
  });
  await page.reload();
  await graphShown(page);
  for (const [command, file, said] of [
    ['exportSvg', 'menu.svg', 'SVG diagram saved to'],
    ['exportDrawio', 'menu.drawio', 'draw.io diagram saved to'],
  ] as const) {
    dialogs.savePath = join(workDir, file);
    await page.evaluate((c) => (window as unknown as { __menu: (command: string) => void }).__menu(c), command);
    await expect(page.getByTestId('toast').last()).toContainText(`${said} ${dialogs.savePath}`);
    expect(readFileSync(dialogs.savePath, 'utf8').length).toBeGreaterThan(1000);
  }
  expect(app.errors).toEqual([]);
});

test('the HTML runbook prints the diagram with the scenario on one A4 landscape page', async ({ page }) => {
  const { runbookText } = await import('../../src/main/services/runbook');
  const { demoDeployment } = await import('../../src/shared/demo/demo');
  const now = new Date('2026-11-24T09:31:00Z');
  const scenario = { down: [{ kind: 'pool' as const, fqdn: 'pool1.contoso.com' }], changes: [{ kind: 'failoverPool' as const, pool: 'pool1.contoso.com' }], applied: 1 };
  const html = runbookText(demoDeployment(now), scenario, 'html', now.getTime());
  // A4 landscape less 10 mm margins, at 96 px per inch.
  const mm = 96 / 25.4;
  await page.setViewportSize({ width: Math.floor(277 * mm), height: Math.floor(190 * mm) });
  await page.setContent(html);
  await page.emulateMedia({ media: 'print' });
  const box = (await page.locator('.diagram svg').boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(277 * mm + 1);
  expect(box.height).toBeLessThanOrEqual(170 * mm + 1);
  await expect(page.locator('.diagram .scenario .down')).toHaveCount(1);
  await page.locator('.diagram').screenshot({ path: test.info().outputPath('runbook-diagram-print.png') });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  expect(pdf.byteLength).toBeGreaterThan(1000);
});
