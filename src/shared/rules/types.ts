/**
 * What validation reports. A finding speaks to the admin (the message cites the procedure step it
 * comes from), names the graph elements to highlight, and offers quick fixes that are themselves
 * scenario changes, placed where they must run (a next-hop reassignment goes before the failover
 * it unblocks).
 */
import type { ScenarioChange } from '../scenario/types';

export type Severity = 'blocker' | 'warning' | 'info';

export type RuleId =
  /** 1. A Front End pool being failed over is the next hop of a running Edge pool (P1 step 7). */
  | 'failover-edge-next-hop'
  /** 2. The pool has no usable backup pool (none known, down, not a Front End pool, same site). */
  | 'failover-backup-pool'
  /** 3. The CMS must move first (active on the failing pool, or unavailable), or cannot move. */
  | 'cms-failover'
  /** 4. -PoolFQDN order: failing a pool over to the pool whose users it is serving (P2). */
  | 'pool-fqdn-order'
  /** 5. Failing over a pool already failed over; failing back one that is not, or is still down. */
  | 'pool-failover-state'
  /** 6. An Edge next hop must be a running registrar pool not being failed over (P0). */
  | 'edge-next-hop'
  /** 7. SIP federation: exactly one route, on a running Edge pool (P3). */
  | 'sip-federation-route'
  /** 8. XMPP federation: each site's route on a running Edge server (P4). */
  | 'xmpp-federation-route'
  /** 9. A running Front End pool's media Edge pool is down (P6). */
  | 'media-edge'
  /** 10. Persistent Chat failover / failback (P7, P8). */
  | 'persistent-chat'
  /** 11. An Edge pool with no registrar left to be its next hop. */
  | 'edge-without-registrar'
  /** 12. Pairing sanity: unpaired, asymmetric, Enterprise with Standard, one site. */
  | 'pairing'
  /** 13. Both pools of a pair down: nothing to fail over to. */
  | 'pair-down'
  /** 14. Backup Service synchronisation: data changed since the last sync may be lost. */
  | 'backup-sync'
  /** A change or down mark names something the topology lacks, or a pool of the wrong kind. */
  | 'scenario-reference';

/** A scenario edit: insert `change` before the change at `at` (or replace it, with `replace`). */
export interface QuickFix {
  label: string;
  change: ScenarioChange;
  /** Index into the scenario's changes; the number of changes in effect appends. */
  at: number;
  replace?: boolean;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Graph element ids: pool FQDNs and `site:<id>` (see model/graph-ids.ts). */
  elements: string[];
  fixes: QuickFix[];
  /** The change the finding is about (index into the scenario's changes), when it is about one. */
  change?: number;
}
