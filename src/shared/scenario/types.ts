/**
 * A scenario: "what if" on top of a deployment. It marks components down (what the disaster took)
 * and lists, in order, the changes the admin proposes (what the procedures would do about it).
 * Order matters: `Invoke-CsPoolFailover` checks the Edge next hop as it stands when it runs, so a
 * next-hop reassignment listed after the failover does not help that failover.
 *
 * Pure data, JSON-serialisable: it is saved in snapshots (see schema.ts) and travels over IPC.
 */

/** Something the disaster took. A site takes everything in it; a SQL store takes the pools it serves. */
export type DownComponent =
  | { kind: 'site'; siteId: string }
  /** Any pool: Front End, Director, Edge, Persistent Chat, or a SQL pool (all its instances). */
  | { kind: 'pool'; fqdn: string }
  /** One SQL instance, by SqlInstance id (`<server FQDN>\<instance>`). */
  | { kind: 'sqlStore'; instanceId: string };

export type ScenarioChange =
  /** `Invoke-CsPoolFailover -PoolFQDN <pool>` (P1): the pool's users move to its backup pool. */
  | { kind: 'failoverPool'; pool: string }
  /** `Invoke-CsPoolFailback -PoolFQDN <pool>` (P2): `pool` is the home pool, as in the failover. */
  | { kind: 'failbackPool'; pool: string }
  /** P0: the Edge pool's internal next hop becomes `nextHop` (a Front End or Director pool). */
  | { kind: 'reassignNextHop'; edgePool: string; nextHop: string }
  /** P3/P5: SIP federation (port 5061) moves to `edgePool`, which becomes the only route. */
  | { kind: 'moveSipFederation'; edgePool: string }
  /** P4/P5: the site's XMPP federation route becomes the Edge server `edgeServer` (a machine FQDN). */
  | { kind: 'moveXmppRoute'; siteId: string; edgeServer: string }
  /** P6: the Front End pool's Web Conferencing and A/V media use `edgePool`. */
  | { kind: 'changeMediaEdge'; pool: string; edgePool: string }
  /** P7: Persistent Chat runs on its backup SQL store; `activeServers` is the new active list (step 7). */
  | { kind: 'failoverPersistentChat'; pool: string; activeServers: string[] }
  /** P8: Persistent Chat back on its primary store; `activeServers` is the new active list (step 6). */
  | { kind: 'failbackPersistentChat'; pool: string; activeServers: string[] }
  /** P1 steps 4–6: the CMS moves from the pool it is active on to that pool's backup pool. */
  | { kind: 'failoverCms' };

export type ChangeKind = ScenarioChange['kind'];

export interface Scenario {
  down: DownComponent[];
  /** Proposed changes in the order they would run, including undone ones kept for redo. */
  changes: ScenarioChange[];
  /** How many of `changes` are in effect; `changes.slice(applied)` is the redo stack. */
  applied: number;
}
