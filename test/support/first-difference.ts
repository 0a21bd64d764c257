/**
 * The first place two values differ, as a path a person can follow: `pools[pool1.contoso.com].backEnd.mirror`.
 * Lists of records are matched by their key (`fqdn`, else `id`), so a missing or extra pool is named
 * by its FQDN rather than by whichever index it shifted; other lists are compared in order.
 */
export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  if (typeof v.fqdn === 'string') return v.fqdn;
  if (typeof v.id === 'string') return v.id;
  return undefined;
}

export function firstDifference(expected: unknown, actual: unknown, path = ''): Difference | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const keys = expected.map(keyOf).filter((k): k is string => k !== undefined);
    const actualKeys = actual.map(keyOf).filter((k): k is string => k !== undefined);
    if (keys.length > 0 && keys.length === expected.length && actualKeys.length === actual.length) {
      for (let i = 0; i < expected.length; i++) {
        const j = actualKeys.indexOf(keys[i]!);
        const at = `${path}[${keys[i]!}]`;
        if (j < 0) return { path: at, expected: expected[i], actual: undefined };
        const d = firstDifference(expected[i], actual[j], at);
        if (d) return d;
      }
      const extra = actualKeys.find((k) => !keys.includes(k));
      if (extra !== undefined) return { path: `${path}[${extra}]`, expected: undefined, actual: actual[actualKeys.indexOf(extra)] };
      // Same records: the order is part of the model (machines by ordinal, services as documented).
      const order = keys.findIndex((k, i) => k !== actualKeys[i]);
      return order < 0 ? undefined : { path: `${path} (order)`, expected: keys, actual: actualKeys };
    }
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isRecord(expected) && isRecord(actual)) {
    const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const name of names) {
      const d = firstDifference(expected[name], actual[name], path === '' ? name : `${path}.${name}`);
      if (d) return d;
    }
    return undefined;
  }
  return { path: path || '(top level)', expected, actual };
}

/** For an assertion message: `pools[x].backEnd.mirror: expected "…", got undefined`. */
export function describeDifference(d: Difference | undefined): string {
  if (!d) return 'no difference';
  return `${d.path}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`;
}
