/**
 * Graph render of a large deployment (`synth --pools 2500`: about 5,000 elements) in PoolPilot versus bare cytoscape given the same elements and
 * preset positions, in the system Chromium. PoolPilot's time runs from handing the opened deployment to
 * the store until the graph is drawn and fitted (the `poolpilot:graph-shown` mark) and two frames
 * painted; bare cytoscape's from construction to the same two frames. Two comparisons:
 *  - same stylesheet (PoolPilot's): what our store, React and element building add — goal ≤ 1.3;
 *  - cytoscape's default style: for reference, what our styling (labels, shapes) costs.
 */
import { resolve } from 'node:path';
import { synthTopologyXml } from '../src/shared/topology/synth';
import { withRendererPage } from './renderer-page';
import { median, type BenchResult } from './stats';

const MARK = 'poolpilot:graph-shown';

export async function benchRender(pools = 2500, runs = 5): Promise<BenchResult[]> {
  const extraFiles = { '/bench/cytoscape.min.js': resolve(__dirname, '../node_modules/cytoscape/dist/cytoscape.min.js') };
  return withRendererPage(synthTopologyXml(pools), extraFiles, async (page) => {
    await page.addScriptTag({ url: '/bench/cytoscape.min.js' });

    const measured = await page.evaluate(
      async ({ runs, mark }) => {
        type Cy = import('cytoscape').Core;
        const w = window as unknown as { cytoscape: (o: object) => Cy; __poolpilot: { cy: Cy; store: any } };
        const frames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        const shown = (start: () => void) =>
          new Promise<void>((done) => {
            const observer = new PerformanceObserver((list) => {
              if (list.getEntries().some((e) => e.name === mark)) {
                observer.disconnect();
                done();
              }
            });
            observer.observe({ type: 'mark' });
            start();
          });

        const opened = await (window as any).api['topology.openDialog']();
        if (opened === null) throw new Error("the Open dialog did not open the benchmark's file");
        // First show: lays the graph out; its positions become the "saved" ones for the timed runs.
        const store = w.__poolpilot.store;
        await shown(() => store.getState().loaded(opened, null));
        await frames();
        const appCy = w.__poolpilot.cy;
        const positions: Record<string, { x: number; y: number }> = {};
        appCy.nodes('.pool').forEach((n) => {
          positions[n.id()] = { ...n.position() };
        });
        const elements = appCy.elements().jsons();
        // `json()` exists at run time though @types/cytoscape omits it from Style.
        const style = (appCy.style() as unknown as { json(): unknown }).json();
        const elementCount = appCy.elements().length;

        const app: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const t0 = performance.now();
          await shown(() => store.getState().loaded(opened, positions));
          await frames();
          if (i > 0) app.push(performance.now() - t0); // the first is warm-up
        }

        const container = appCy.container()!;
        const box = container.getBoundingClientRect();
        const bare = (withStyle: boolean) => {
          const times: number[] = [];
          return (async () => {
            for (let i = 0; i < runs + 1; i++) {
              const div = document.createElement('div');
              Object.assign(div.style, { position: 'fixed', left: '0', top: '0', width: `${box.width}px`, height: `${box.height}px` });
              document.body.appendChild(div);
              const t0 = performance.now();
              const cy = w.cytoscape({
                container: div,
                elements,
                layout: { name: 'preset' },
                ...(withStyle ? { style, hideEdgesOnViewport: true, textureOnViewport: true } : {}),
              });
              cy.fit(undefined, 40);
              await frames();
              if (i > 0) times.push(performance.now() - t0);
              cy.destroy();
              div.remove();
            }
            return times;
          })();
        };
        const bareStyled = await bare(true);
        const bareDefault = await bare(false);
        return { app, bareStyled, bareDefault, elementCount };
      },
      { runs, mark: MARK },
    );

    const app = median(measured.app);
    const styled = median(measured.bareStyled);
    const plain = median(measured.bareDefault);
    const ratio = app / styled;
    return [
      {
        name: `graph render, ${measured.elementCount} elements, vs bare cytoscape (same style, preset positions)`,
        detail: `PoolPilot ${app.toFixed(0)} ms, bare cytoscape ${styled.toFixed(0)} ms (median of ${runs})`,
        ratio,
        goal: '≤ 1.3',
        met: ratio <= 1.3,
      },
      {
        name: `graph render vs bare cytoscape with its default style (reference: cost of labels and shapes)`,
        detail: `PoolPilot ${app.toFixed(0)} ms, bare default-style cytoscape ${plain.toFixed(0)} ms`,
        ratio: app / plain,
        goal: 'reference only',
        met: true,
      },
    ];
  });
}
