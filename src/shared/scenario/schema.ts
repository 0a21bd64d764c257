/**
 * The zod schema of a Scenario, for snapshots (`Snapshot.scenario`) and IPC. Host names are
 * normalised the way the importer keys pools (lower case, no trailing dot), so a hand-edited
 * snapshot that spells `Pool1.Contoso.com` still names the pool. Whether the names exist in the
 * deployment is not a schema question: validate() reports a change that names an unknown pool.
 */
import { z } from 'zod';
import { normalizeFqdn } from '../topology/fqdn';
import type { Scenario } from './types';

const fqdn = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    const normalized = normalizeFqdn(value);
    if (normalized === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a host name (expected an FQDN such as pool1.contoso.com)' });
      return z.NEVER;
    }
    return normalized;
  });

const id = z.string().min(1).max(1024);

const downComponent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site'), siteId: id }),
  z.object({ kind: z.literal('pool'), fqdn }),
  z.object({ kind: z.literal('sqlStore'), instanceId: id.toLowerCase() }),
]);

const change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('failoverPool'), pool: fqdn }),
  z.object({ kind: z.literal('failbackPool'), pool: fqdn }),
  z.object({ kind: z.literal('reassignNextHop'), edgePool: fqdn, nextHop: fqdn }),
  z.object({ kind: z.literal('moveSipFederation'), edgePool: fqdn }),
  z.object({ kind: z.literal('moveXmppRoute'), siteId: id, edgeServer: fqdn }),
  z.object({ kind: z.literal('changeMediaEdge'), pool: fqdn, edgePool: fqdn }),
  z.object({ kind: z.literal('failoverPersistentChat'), pool: fqdn, activeServers: z.array(fqdn) }),
  z.object({ kind: z.literal('failbackPersistentChat'), pool: fqdn, activeServers: z.array(fqdn) }),
  z.object({ kind: z.literal('failoverCms') }),
]);

const scenario = z
  .object({
    down: z.array(downComponent),
    changes: z.array(change),
    applied: z.number().int().nonnegative(),
  })
  .superRefine((s, ctx) => {
    if (s.applied > s.changes.length)
      ctx.addIssue({
        code: 'custom',
        path: ['applied'],
        message: `${s.applied} changes applied but the scenario lists only ${s.changes.length}`,
      });
  });

/** Compile-time proof that the schema and the hand-written types describe the same data. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type ScenarioSchemaMatchesModel = Assert<Equal<z.output<typeof scenario>, Scenario>>;

export const scenarioSchema: z.ZodType<Scenario> = scenario;
