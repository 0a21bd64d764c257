/** Small timing helpers for the benchmarks: medians of repeated runs, after warm-up. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `warmup` times untimed, then `runs` times; returns each run's milliseconds. */
export function timeRuns(fn: () => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Times `a` and `b` alternately, `runs` times each after `warmup` untimed rounds, and returns each
 * one's milliseconds. For a ratio of two runs of similar size: run one after the other, the second
 * meets a heap the first left behind and whatever else the machine did meanwhile, which moved a
 * sequential import ÷ parse ratio between 0.8 and 1.4 on the same build. Alternating makes both
 * sides see the same conditions.
 */
export function timeAlternating(a: () => void, b: () => void, runs: number, warmup = 2): [number[], number[]] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    timesA.push(performance.now() - t0);
    t0 = performance.now();
    b();
    timesB.push(performance.now() - t0);
  }
  return [timesA, timesB];
}

export interface BenchResult {
  name: string;
  /** What was measured, e.g. "import 2000 pools: 120 ms vs bare parse 95 ms". */
  detail: string;
  ratio?: number;
  goal: string;
  met: boolean;
}

export function formatResult(r: BenchResult): string {
  // Two decimals, or two significant digits for a ratio far below 1.
  const ratio = r.ratio === undefined ? '' : `ratio ${r.ratio < 0.1 ? r.ratio.toPrecision(2) : r.ratio.toFixed(2)}  `;
  return `${r.met ? 'ok  ' : 'MISS'} ${r.name}: ${ratio}(goal ${r.goal})\n       ${r.detail}`;
}
