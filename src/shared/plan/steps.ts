/**
 * Building steps: one factory per section (or decision branch) hands out ids under its prefix, so
 * ids are unique within a plan and the same each time the same scenario is planned, and fills in
 * what follows from the command (its effect, -WhatIf support) and from the condition (its words).
 */
import { cmdletInfo, type PsCommand } from '../powershell/commands';
import { DURATIONS } from './durations';
import type { Branch, CheckStep, CommandStep, Condition, DecisionStep, KnownError, ManualStep, Minutes, RunOn, Step, WaitStep } from './types';

interface Common {
  /** Unique within the factory: the last part of the step id. */
  key: string;
  procedure: string;
  title: string;
  why: string;
}

export class StepFactory {
  constructor(
    private readonly prefix: string,
    private readonly taken: Set<string>,
  ) {}

  private id(key: string): string {
    const id = `${this.prefix}/${key}`;
    if (this.taken.has(id)) throw new Error(`step id ${id} is used twice in one plan`);
    this.taken.add(id);
    return id;
  }

  command(s: Common & { command: PsCommand; runOn: RunOn; estimate: Minutes; retryable?: boolean; knownErrors?: KnownError[] }): CommandStep {
    const info = cmdletInfo(s.command.cmdlet);
    // -WhatIf on the command itself makes it a look, whatever the cmdlet would otherwise do.
    const rehearsal = s.command.parameters.some((p) => p.name === 'WhatIf');
    return {
      kind: 'command',
      id: this.id(s.key),
      procedure: s.procedure,
      title: s.title,
      why: s.why,
      estimate: s.estimate,
      command: s.command,
      effect: rehearsal ? 'reads' : info.effect,
      runOn: s.runOn,
      whatIf: info.whatIf && !rehearsal,
      ...(s.retryable ? { retryable: true } : {}),
      ...(s.knownErrors && s.knownErrors.length > 0 ? { knownErrors: s.knownErrors } : {}),
    };
  }

  check(s: Common & { command: PsCommand; runOn: RunOn; condition: Condition; onFail: string; estimate?: Minutes }): CheckStep {
    assertReads(s.command);
    return {
      kind: 'check',
      id: this.id(s.key),
      procedure: s.procedure,
      title: s.title,
      why: s.why,
      estimate: s.estimate ?? DURATIONS.read,
      command: s.command,
      runOn: s.runOn,
      condition: s.condition,
      expect: describeCondition(s.condition),
      onFail: s.onFail,
    };
  }

  /** `branches` builds each branch's steps with a factory under the decision's id. */
  decision(
    s: Common & {
      question: string;
      command: PsCommand;
      runOn: RunOn;
      branches: { id: string; label: string; when: Condition; steps: (f: StepFactory) => Step[] }[];
      estimate?: Minutes;
    },
  ): DecisionStep {
    assertReads(s.command);
    const id = this.id(s.key);
    const branches: Branch[] = s.branches.map((b) => ({
      id: b.id,
      label: b.label,
      when: b.when,
      expect: describeCondition(b.when),
      steps: b.steps(new StepFactory(`${id}/${b.id}`, this.taken)),
    }));
    return {
      kind: 'decision',
      id,
      procedure: s.procedure,
      title: s.title,
      why: s.why,
      estimate: s.estimate ?? DURATIONS.read,
      question: s.question,
      command: s.command,
      runOn: s.runOn,
      branches,
    };
  }

  manual(s: Common & { tool: string; checklist: string[]; estimate: Minutes; runOn?: RunOn; sql?: string[] }): ManualStep {
    return {
      kind: 'manual',
      id: this.id(s.key),
      procedure: s.procedure,
      title: s.title,
      why: s.why,
      estimate: s.estimate,
      tool: s.tool,
      ...(s.runOn ? { runOn: s.runOn } : {}),
      checklist: s.checklist,
      ...(s.sql ? { sql: s.sql } : {}),
    };
  }

  wait(s: Common & { estimate: Minutes; until?: { command: PsCommand; runOn: RunOn; condition: Condition; pollSeconds: number } }): WaitStep {
    if (s.until) assertReads(s.until.command);
    return {
      kind: 'wait',
      id: this.id(s.key),
      procedure: s.procedure,
      title: s.title,
      why: s.why,
      estimate: s.estimate,
      ...(s.until ? { until: { ...s.until, expect: describeCondition(s.until.condition) } } : {}),
    };
  }
}

function assertReads(command: PsCommand): void {
  if (cmdletInfo(command.cmdlet).effect !== 'reads') throw new Error(`${command.cmdlet} changes the deployment: it cannot be a check`);
}

const list = (values: readonly string[], last: string) =>
  values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} ${last} ${values[values.length - 1]}`;

/** A condition in words, for people reading the plan. */
export function describeCondition(c: Condition): string {
  switch (c.test) {
    case 'equals':
      return `${c.property} is ${String(c.value)}`;
    case 'oneOf':
      return c.values.length === 1 ? `${c.property} is ${c.values[0]}` : `${c.property} is one of ${list(c.values, 'or')}`;
    case 'includesAny':
      return `${c.property} includes ${list(c.values, 'or')}`;
    case 'includesAll':
      return `${c.property} includes ${list(c.values, 'and')}`;
    case 'empty':
      return `${c.property} is empty`;
    case 'mentions':
      return `the output names ${c.value}`;
    case 'hasParameter':
      return `the installed cmdlet has the -${c.parameter} parameter`;
    case 'all':
      return c.conditions.map(describeCondition).join('; and ');
    case 'not':
      return negate(c.condition);
    case 'excluding':
      return `${describeCondition(c.condition)}, except where ${c.property} is ${list(c.values, 'or')}`;
  }
}

function negate(c: Condition): string {
  switch (c.test) {
    case 'empty':
      return `${c.property} is not empty`;
    case 'oneOf':
      return `${c.property} is not ${list(c.values, 'or')}`;
    case 'hasParameter':
      return `the installed cmdlet has no -${c.parameter} parameter`;
    default:
      return `not (${describeCondition(c)})`;
  }
}
