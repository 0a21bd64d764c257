/**
 * A plan's condition (src/shared/plan/types.ts) evaluated against what a job output: the same
 * data the exported .ps1 tests, so the run and the runbook agree on what "holds" means.
 *
 * Property tests hold when there is at least one object and every object meets them. Strings are
 * compared ignoring case, as cmdlets compare them. A parameter check answers with parameter names
 * (one list, or one name per object): `hasParameter` looks in all of them.
 */
import type { Condition } from '../../shared/plan/types';

type Row = Record<string, unknown>;

const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : String(v).toLowerCase());

/** The property, matched exactly first and then ignoring case (PowerShell property names are case-insensitive). */
function property(row: unknown, name: string): unknown {
  if (typeof row !== 'object' || row === null) return undefined;
  const r = row as Row;
  if (name in r) return r[name];
  const key = Object.keys(r).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : r[key];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

function equals(actual: unknown, expected: string | boolean): boolean {
  if (typeof expected === 'boolean') return actual === expected || lower(actual) === String(expected);
  return actual !== undefined && actual !== null && lower(actual) === expected.toLowerCase();
}

/** Whether some property of the object, at any depth, names `value`. */
function mentions(v: unknown, value: string): boolean {
  if (typeof v === 'string') return v.toLowerCase().includes(value.toLowerCase());
  if (Array.isArray(v)) return v.some((x) => mentions(x, value));
  if (typeof v === 'object' && v !== null) return Object.values(v).some((x) => mentions(x, value));
  return false;
}

function every(results: readonly unknown[], test: (row: unknown) => boolean): boolean {
  return results.length > 0 && results.every(test);
}

export function conditionHolds(c: Condition, results: readonly unknown[]): boolean {
  switch (c.test) {
    case 'equals':
      return every(results, (r) => equals(property(r, c.property), c.value));
    case 'oneOf':
      return every(results, (r) => c.values.some((v) => equals(property(r, c.property), v)));
    case 'includesAny':
      return every(results, (r) => asList(property(r, c.property)).some((x) => c.values.some((v) => equals(x, v))));
    case 'includesAll':
      return every(results, (r) => c.values.every((v) => asList(property(r, c.property)).some((x) => equals(x, v))));
    case 'empty':
      return every(results, (r) => asList(property(r, c.property)).length === 0);
    case 'mentions':
      return results.some((r) => mentions(r, c.value));
    case 'hasParameter':
      return results.flatMap((r) => asList(r)).some((name) => equals(name, c.parameter));
    case 'all':
      return c.conditions.every((x) => conditionHolds(x, results));
    case 'not':
      return !conditionHolds(c.condition, results);
    case 'excluding':
      return conditionHolds(
        c.condition,
        results.filter((r) => !c.values.some((v) => equals(property(r, c.property), v))),
      );
  }
}
