/**
 * A plan: the procedures (failover-procedures.md, P0–P8) a scenario needs, as ordered steps the
 * admin can print, export and — later — run. Pure, JSON-serialisable data: the run engine journals
 * progress by step id, the exports render it, the UI shows it.
 *
 * Every step says which procedure step it implements (`P1.5.2`), why it exists and how long it
 * should take. Commands are data (cmdlet + ordered parameters) with the text a person reads built
 * from them by src/shared/powershell/commands.ts; checks and decisions carry their condition as data
 * so the run engine and the exported `.ps1` evaluate the same thing.
 */
import type { Finding } from '../rules/types';
import type { Scenario, ScenarioChange } from '../scenario/types';
import type { PsCommand } from '../powershell/commands';

/** An estimate in minutes: Microsoft's targets where there are any, experience elsewhere. */
export interface Minutes {
  min: number;
  max: number;
}

export type ProcedureId = 'P0' | 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7' | 'P8';

/**
 * Where a step must run. Commands that act on the local server (Move-CsManagementServer,
 * Stop-CsWindowsService) name one server; those that reach the CMS run on any Front End of a pool
 * or anywhere the management shell is connected.
 */
export type RunOn =
  /** The Skype for Business Server Management Shell anywhere (a remote session will do). */
  | { on: 'any' }
  /** Any Front End server of the pool. */
  | { on: 'frontEnd'; pool: string; servers: string[] }
  /** This Front End server of the pool. */
  | { on: 'frontEndServer'; pool: string; server: string }
  /** This Edge server (in the perimeter: often only reachable at its console). */
  | { on: 'edgeServer'; pool: string; server: string }
  /** The SQL Server instance (`<server>\<instance>`), from SQL Server Management Studio. */
  | { on: 'sqlInstance'; instance: string; server: string };

/**
 * What a read-only command's output must show. Property tests hold when the command returned at
 * least one object and every object meets them (a replica list: every replica up to date). String
 * comparisons ignore case, as cmdlets do.
 */
export type Condition =
  | { test: 'equals'; property: string; value: string | boolean }
  | { test: 'oneOf'; property: string; values: string[] }
  /** The property (a list, or one value) holds at least one of `values`. */
  | { test: 'includesAny'; property: string; values: string[] }
  /** The property (a list) holds every one of `values`. */
  | { test: 'includesAll'; property: string; values: string[] }
  | { test: 'empty'; property: string }
  /**
   * Some property of some output object names `value`: for cmdlets whose property names Microsoft
   * does not document (Get-CsPoolBackupRelationship).
   */
  | { test: 'mentions'; value: string }
  /** The command was `Get-Command <cmdlet>`, and the installed cmdlet has this parameter. */
  | { test: 'hasParameter'; parameter: string }
  | { test: 'all'; conditions: Condition[] }
  | { test: 'not'; condition: Condition }
  /**
   * `condition` over the output objects whose `property` is none of `values`: objects about servers
   * the scenario has down, which cannot answer as the condition asks until they return.
   */
  | { test: 'excluding'; property: string; values: string[]; condition: Condition };

/** An error text a command is known to fail with, and what to do about it. */
export interface KnownError {
  /** A stable fragment of the message (match after collapsing whitespace, ignoring case). */
  match: string;
  advice: string;
}

interface StepBase {
  /** Unique within the plan and the same every time the same plan is built: the journal's key. */
  id: string;
  /** The procedure step implemented, e.g. `P1.5.2` (failover-procedures.md). */
  procedure: string;
  title: string;
  /** Why the step exists, in the admin's words. */
  why: string;
  estimate: Minutes;
}

export interface CommandStep extends StepBase {
  kind: 'command';
  command: PsCommand;
  /** 'changes' steps change the deployment and are confirmed first; 'reads' steps only look. */
  effect: 'changes' | 'reads';
  runOn: RunOn;
  /** The cmdlet takes -WhatIf, so the run engine can rehearse it. */
  whatIf: boolean;
  /** Safe to run again after a failure once its cause is fixed. */
  retryable?: boolean;
  knownErrors?: KnownError[];
}

export interface CheckStep extends StepBase {
  kind: 'check';
  /** Read-only. */
  command: PsCommand;
  runOn: RunOn;
  condition: Condition;
  /** The condition in words, for people. */
  expect: string;
  /** What it means when the condition does not hold, and what to do: the run stops there. */
  onFail: string;
}

export interface Branch {
  /** Unique among the decision's branches; step ids inside start with the decision's id and this. */
  id: string;
  label: string;
  when: Condition;
  /** `when` in words. */
  expect: string;
  steps: Step[];
}

/**
 * Runs a read-only command and takes the first branch whose condition holds. When none holds the
 * run stops and the admin chooses a branch or stops.
 */
export interface DecisionStep extends StepBase {
  kind: 'decision';
  question: string;
  command: PsCommand;
  runOn: RunOn;
  branches: Branch[];
}

/** Work outside PowerShell: a checklist the admin confirms item by item. */
export interface ManualStep extends StepBase {
  kind: 'manual';
  /** Where it is done: 'Topology Builder', 'External DNS', 'SQL Server Management Studio', … */
  tool: string;
  runOn?: RunOn;
  checklist: string[];
  /** T-SQL to run, where the procedure gives it (fixed text: database names only). */
  sql?: string[];
}

/** Waits until a read-only check holds (polling), or for a fixed time when there is nothing to poll. */
export interface WaitStep extends StepBase {
  kind: 'wait';
  until?: { command: PsCommand; runOn: RunOn; condition: Condition; expect: string; pollSeconds: number };
}

export type Step = CommandStep | CheckStep | DecisionStep | ManualStep | WaitStep;

/** The steps of one scenario change: one procedure (or the part of one) it needs. */
export interface PlanSection {
  id: string;
  procedure: ProcedureId;
  title: string;
  change: ScenarioChange;
  /** Index of the change in the plan's scenario. */
  changeIndex: number;
  /** Set when the planner added the change as a prerequisite of a later one: why. */
  addedBecause?: string;
  steps: Step[];
  estimate: Minutes;
}

export const PLAN_FORMAT = 'poolpilot.plan';
export const PLAN_VERSION = 1;

export interface Plan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  title: string;
  source: { kind: string; name: string };
  /** The scenario planned: the admin's, with the prerequisites the planner added. */
  scenario: Scenario;
  /** What the scenario marks down, in words. */
  down: string[];
  /** Warnings and notes that remain for the planned scenario (a plan has no blockers). */
  findings: Finding[];
  sections: PlanSection[];
  estimate: Minutes;
}
