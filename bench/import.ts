/**
 * Import of `synth --pools 2000` versus a bare parse of the same text with the same XML parser
 * (saxes, namespaces on, no handlers doing work). The ratio is what our model building costs on top of
 * parsing. Goal ≤ 1.5.
 */
import { SaxesParser } from 'saxes';
import { importTopology } from '../src/shared/topology/import';
import { synthTopologyXml } from '../src/shared/topology/synth';
import { median, timeAlternating, type BenchResult } from './stats';

export function benchImport(pools = 2000, runs = 9): BenchResult {
  const xml = synthTopologyXml(pools);
  const bare = () => {
    const parser = new SaxesParser({ xmlns: true, position: true });
    // Handlers that only touch what the importer reads, so the parser does the same work in both.
    parser.on('opentag', () => undefined);
    parser.on('text', () => undefined);
    parser.on('closetag', () => undefined);
    parser.write(xml).close();
  };
  const full = () => {
    importTopology(xml, { fileName: 'synth.xml' });
  };
  const [bareTimes, importTimes] = timeAlternating(bare, full, runs);
  const bareMs = median(bareTimes);
  const importMs = median(importTimes);
  const ratio = importMs / bareMs;
  return {
    name: `import ${pools}-pool topology vs bare saxes parse`,
    detail: `import ${importMs.toFixed(1)} ms, bare parse ${bareMs.toFixed(1)} ms (median of ${runs}, run alternately; ${(xml.length / 1e6).toFixed(1)} MB of XML)`,
    ratio,
    goal: '≤ 1.5',
    met: ratio <= 1.5,
  };
}
