/**
 * What every procedure module gets while the planner walks the scenario: the deployment seen as it
 * stands when the change runs (the ScenarioView, advanced change by change), what earlier sections
 * of this plan already did, and the helpers several procedures share.
 */
import { unknownFieldPath, type Deployment, type Pool, type UnknownPoolField } from '../model/types';
import { getReplicationStatus, type SqlRef } from '../powershell/commands';
import type { ScenarioChange } from '../scenario/types';
import type { ScenarioView } from '../scenario/view';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Condition, RunOn, WaitStep } from './types';

/** The scenario cannot be planned for a reason validation does not cover (a name no command can carry, a store the topology lacks). */
export class PlanError extends Error {
  override readonly name = 'PlanError';
}

export class PlanContext {
  /** Set once a section has failed the CMS over: later pool failovers only confirm where it is. */
  cmsMoved = false;
  /** Edge pools whose services an earlier section (P5 step 1) started. */
  readonly startedEdgePools = new Set<string>();
  /** Index of the change being planned. */
  index = 0;

  constructor(
    readonly deployment: Deployment,
    readonly view: ScenarioView,
    /** Every change of the planned scenario, in order. */
    readonly changes: readonly ScenarioChange[],
  ) {}

  /** Whether a change after the one being planned matches. */
  later<K extends ScenarioChange['kind']>(kind: K, matches: (c: Extract<ScenarioChange, { kind: K }>) => boolean): boolean {
    return this.changes.slice(this.index + 1).some((c) => c.kind === kind && matches(c as Extract<ScenarioChange, { kind: K }>));
  }

  pool(fqdn: string): Pool {
    const pool = this.view.pools.get(fqdn);
    if (!pool) throw new PlanError(`${fqdn} is not a pool in this topology`);
    return pool;
  }

  /**
   * Refuses the step when a field it needs was not discovered: planning on "no mirror" when the
   * mirror was merely not read would send the admin to the wrong SQL Server.
   */
  requireKnown(pool: Pool, field: UnknownPoolField, step: string): void {
    if (pool.unknown?.includes(field))
      throw new PlanError(
        `${step} needs ${unknownFieldPath(pool.fqdn, field)}, which the discovery could not read: check it in Topology Builder, then set it in the snapshot or open the topology with it`,
      );
  }

  /** Any Front End server of the pool. */
  frontEnd(fqdn: string): RunOn {
    return { on: 'frontEnd', pool: fqdn, servers: [...this.pool(fqdn).machines] };
  }

  /** A SQL instance by id, as the cmdlets name it, and where its SQL steps are done. */
  sql(instanceId: string, what: string): SqlRef & { runOn: RunOn } {
    const instance = this.view.sqlInstances.get(instanceId);
    if (!instance) throw new PlanError(`${what} (${instanceId}) is not a SQL instance in this topology`);
    return {
      server: instance.poolFqdn,
      instance: instance.name,
      runOn: { on: 'sqlInstance', instance: instance.id, server: instance.poolFqdn },
    };
  }

  /** The XMPP DNS domain: the topology's default SIP domain, else the Edge server's own domain. */
  dnsDomain(server: string): string {
    return this.deployment.topology.defaultDomain ?? server.slice(server.indexOf('.') + 1);
  }
}

/** ActiveMasterFqdn and ActiveFileTransferAgents name the pool (as documented) or one of its servers. */
export function cmsActiveOn(pool: Pool): Condition {
  const names = [pool.fqdn, ...pool.machines.filter((m) => m !== pool.fqdn)];
  return {
    test: 'all',
    conditions: [
      { test: 'oneOf', property: 'ActiveMasterFqdn', values: names },
      { test: 'includesAny', property: 'ActiveFileTransferAgents', values: names },
    ],
  };
}

/** Pools whose servers hold a replica of the CMS (those Topology Builder marks RequiresReplication). */
const REPLICA_KINDS: ReadonlySet<Pool['kind']> = new Set(['FrontEnd', 'Director', 'Edge', 'Mediation', 'PersistentChat']);

/** Servers holding a CMS replica whose pool the scenario has down (the pool or its site). */
function downReplicaServers(ctx: PlanContext): string[] {
  return [...ctx.view.pools.values()].filter((p) => REPLICA_KINDS.has(p.kind) && ctx.view.poolDown(p.fqdn)).flatMap((p) => p.machines);
}

/**
 * Waits until every CMS replica (Front End, Edge and other servers) reports UpToDate: a published
 * change or a moved CMS reaches the servers by replication, not at once. Servers the scenario has
 * down cannot take their copy until they return, so the wait leaves them out (else it never ends).
 */
export function replicationWait(ctx: PlanContext, f: StepFactory, key: string, procedure: string, why: string): WaitStep {
  const down = downReplicaServers(ctx);
  const upToDate: Condition = { test: 'equals', property: 'UpToDate', value: true };
  return f.wait({
    key,
    procedure,
    title: 'Wait until every replica of the Central Management Store is up to date',
    why:
      down.length === 0
        ? why
        : `${why} Left out: ${down.join(', ')}, down in this scenario: their replicas update when they return.`,
    estimate: DURATIONS.replication,
    until: {
      command: getReplicationStatus(),
      runOn: { on: 'any' },
      // Microsoft does not document the name of the server property (cmdlets.md): ReplicaFqdn, after
      // the cmdlet's parameter, is the likely one. Were it another, nothing is left out and the wait
      // fails closed, as it did before.
      condition: down.length === 0 ? upToDate : { test: 'excluding', property: 'ReplicaFqdn', values: down, condition: upToDate },
      pollSeconds: 60,
    },
  });
}
