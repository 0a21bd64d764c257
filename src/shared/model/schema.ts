/**
 * The zod schema of a Deployment: what snapshots and IPC requests are checked against before any
 * code trusts them. It rejects garbage (wrong kinds, host names that cannot be host names, pools in
 * sites that do not exist) and normalises host names to lower case, the form the model keys on, so
 * a hand-edited snapshot that spells `Pool1.Contoso.com` still finds its pool.
 */
import { z } from 'zod';
import { UNKNOWN_POOL_FIELDS, type Deployment, type UnknownPoolField } from './types';

/**
 * A host name: one label (`sbc1`) or a dotted FQDN. Underscores are allowed because Windows
 * machine names in the wild carry them; Topology Builder does not refuse them either.
 */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const fqdn = z
  .string()
  .toLowerCase()
  .regex(HOST_NAME, { message: 'not a host name (expected an FQDN such as pool1.contoso.com)' });

const text = z.string().max(1024);
const id = z.string().min(1).max(1024);

const poolKind = z.enum([
  'FrontEnd',
  'Director',
  'Edge',
  'SqlBackEnd',
  'PersistentChat',
  'Mediation',
  'OfficeOnline',
  'FileStore',
  'PstnGateway',
  'Other',
]);

const site = z.object({
  id,
  name: text,
  number: z.number().int().nonnegative(),
  kind: z.enum(['central', 'branch']),
  parentId: id.optional(),
  city: text.optional(),
  state: text.optional(),
  countryCode: text.optional(),
});

const sqlInstance = z.object({
  id,
  poolFqdn: fqdn,
  name: text,
  alwaysOnPrimaryFqdn: fqdn.optional(),
});

const service = z.object({
  id,
  role: id,
  poolFqdn: fqdn,
  sqlInstanceId: id.optional(),
  dependsOn: z.array(id),
  isDirector: z.boolean().optional(),
  cmsActive: z.boolean().optional(),
});

const pool = z.object({
  fqdn,
  siteId: id,
  kind: poolKind,
  edition: z.enum(['Enterprise', 'Standard']).optional(),
  machines: z.array(fqdn),
  sqlInstances: z.array(id),
  roles: z.array(id),
  backEnd: z
    .object({
      primary: id.optional(),
      mirror: id.optional(),
      backup: id.optional(),
      backupMirror: id.optional(),
    })
    .optional(),
  machineSites: z.record(fqdn, id).optional(),
  version: text.optional(),
  unknown: z.array(z.enum(UNKNOWN_POOL_FIELDS as [UnknownPoolField, ...UnknownPoolField[]])).optional(),
});

const topology = z
  .object({
    sites: z.array(site),
    pools: z.array(pool),
    sqlInstances: z.array(sqlInstance),
    services: z.array(service),
    defaultDomain: fqdn.optional(),
  })
  .superRefine((t, ctx) => {
    // Sites and pools are keyed by id / FQDN everywhere else; duplicates or dangling site
    // references would make lookups silently pick the wrong element.
    const siteIds = new Set<string>();
    t.sites.forEach((s, i) => {
      if (siteIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id "${s.id}"` });
      siteIds.add(s.id);
    });
    t.sites.forEach((s, i) => {
      if (s.parentId !== undefined && !siteIds.has(s.parentId))
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'parentId'], message: `no site has id "${s.parentId}"` });
    });
    const poolFqdns = new Set<string>();
    t.pools.forEach((p, i) => {
      if (poolFqdns.has(p.fqdn)) ctx.addIssue({ code: 'custom', path: ['pools', i, 'fqdn'], message: `duplicate pool "${p.fqdn}"` });
      poolFqdns.add(p.fqdn);
      if (!siteIds.has(p.siteId))
        ctx.addIssue({ code: 'custom', path: ['pools', i, 'siteId'], message: `no site has id "${p.siteId}"` });
    });
  });

const source = z.object({
  kind: z.enum(['demo', 'file', 'snapshot', 'discovery', 'lab', 'collector', 'synthetic']),
  name: text,
  path: z.string().max(4096).optional(),
  form: z.enum(['published', 'tbxml']).optional(),
});

const state = z.object({
  backupPools: z.record(fqdn, fqdn),
  sipFederationRoutes: z.array(fqdn).optional(),
  xmppRoutes: z.record(id, fqdn),
  persistentChat: z.record(
    fqdn,
    z.object({ poolState: z.enum(['Normal', 'FailedOver']), activeServers: z.array(fqdn) }),
  ),
  failedOver: z.record(fqdn, fqdn),
  cmsActivePool: fqdn.optional(),
  backupSync: z.record(fqdn, z.object({ lastSync: z.iso.datetime({ offset: true }).optional(), state: text.optional() })),
});

const deployment = z.object({ topology, state, source });

/** Compile-time proof that the schema and the hand-written model types describe the same data. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type DeploymentSchemaMatchesModel = Assert<Equal<z.output<typeof deployment>, Deployment>>;

export const deploymentSchema: z.ZodType<Deployment> = deployment;
