/**
 * Golden plans: every procedure's plan on the demo, as data (JSON), and the demo's pool failover
 * as each export. A change to a plan shows up as a diff of these files to review; run with
 * UPDATE_GOLDEN=1 to accept it (and read the diff before committing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planToHtml } from '../../../src/shared/export/html';
import { planToJson } from '../../../src/shared/export/json';
import { planToMarkdown } from '../../../src/shared/export/markdown';
import { planToPs1 } from '../../../src/shared/export/ps1';
import { goldenPlans } from './scenarios';

const GOLDEN = resolve(__dirname, '../../golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function expectGolden(file: string, actual: string): void {
  const path = resolve(GOLDEN, file);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${file} is missing: run the tests with UPDATE_GOLDEN=1 to write it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const plans = goldenPlans();

describe('golden plans', () => {
  it.each(Object.keys(plans))('%s', (name) => {
    expectGolden(`${name}.plan.json`, planToJson(plans[name]!));
  });
});

describe('golden exports of the demo pool failover', () => {
  const plan = plans['pool1-failover']!;
  it.each([
    ['runbook.md', planToMarkdown],
    ['runbook.html', planToHtml],
    ['runbook.ps1', planToPs1],
  ] as const)('pool1-failover.%s', (extension, render) => {
    expectGolden(`pool1-failover.${extension}`, render(plan));
  });
});
