/**
 * The DR binder diagram of `synth --pools 2000`: the draw.io and SVG exports (built in main from the
 * model, src/shared/export) against the app's PNG export of the same deployment — cytoscape drawing
 * the graph the app shows, with the export's options (full graph, scale 2, white background), in the
 * system Chromium. Goals: each export under 2 s; the ratio to the PNG is printed for reference (the
 * PNG is the one export an admin already waits for).
 */
import { emptyState } from '../src/shared/model/state';
import type { Deployment } from '../src/shared/model/types';
import { deploymentToDrawio } from '../src/shared/export/drawio';
import { deploymentToSvg } from '../src/shared/export/svg';
import { importTopology } from '../src/shared/topology/import';
import { synthTopologyXml } from '../src/shared/topology/synth';
import { withRendererPage } from './renderer-page';
import { median, timeRuns, type BenchResult } from './stats';

/** The app's PNG export of the graph it shows: GraphView's pngBase64 options, timed `runs` times after one warm-up. */
async function pngTimes(xml: string, pools: number, runs: number): Promise<number[]> {
  return withRendererPage(xml, {}, (page) =>
    page.evaluate(
      async ({ pools, runs }) => {
        type Cy = import('cytoscape').Core;
        const w = window as unknown as { __poolpilot: { cy: Cy; store: any }; api: Record<string, () => Promise<unknown>> };
        const opened = await w.api['topology.openDialog']!();
        if (opened === null) throw new Error("the Open dialog did not open the benchmark's file");
        w.__poolpilot.store.getState().loaded(opened, null);
        while (w.__poolpilot.cy.nodes('.pool').length < pools) await new Promise((r) => setTimeout(r, 50));
        const times: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const t0 = performance.now();
          w.__poolpilot.cy.png({ output: 'base64', full: true, scale: 2, bg: '#ffffff', maxWidth: 16000, maxHeight: 16000 });
          if (i > 0) times.push(performance.now() - t0);
        }
        return times;
      },
      { pools, runs },
    ),
  );
}

export async function benchDiagram(pools = 2000, runs = 5): Promise<BenchResult[]> {
  const xml = synthTopologyXml(pools);
  const { topology } = importTopology(xml, { fileName: 'synth.xml' });
  const d: Deployment = { topology, state: emptyState(), source: { kind: 'synthetic', name: 'synth' } };
  const drawio = median(timeRuns(() => deploymentToDrawio(d), runs, 1));
  const svg = median(timeRuns(() => deploymentToSvg(d), runs, 1));
  const png = median(await pngTimes(xml, pools, runs));
  return (
    [
      ['draw.io', drawio],
      ['SVG', svg],
    ] as const
  ).map(([format, ms]) => ({
    name: `${format} export of ${pools} pools vs the app's PNG export of the same graph`,
    detail: `${format} ${ms.toFixed(0)} ms, PNG ${png.toFixed(0)} ms (medians of ${runs})`,
    ratio: ms / png,
    goal: `under 2 s (${format} ${(ms / 1000).toFixed(2)} s)`,
    met: ms < 2000,
  }));
}
