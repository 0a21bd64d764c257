/**
 * The procedures a finding cites. Every message names its step ("P1 step 7: …"); listing the
 * procedures by title beside it tells the admin which runbook page to turn to.
 */

/** Titles as failover-procedures.md gives them. */
export const PROCEDURE_TITLES: Record<string, string> = {
  P0: "Reassign an Edge pool's next hop",
  P1: 'Fail over a Front End pool',
  P2: 'Fail back a Front End pool',
  P3: 'Fail over the Edge pool used for SIP federation',
  P4: 'Fail over the Edge pool used for XMPP federation',
  P5: 'Fail back the Edge pool used for SIP or XMPP federation',
  P6: 'Change the Edge pool associated with a Front End pool',
  P7: 'Fail over Persistent Chat Server',
  P8: 'Fail back Persistent Chat Server',
};

export interface Citation {
  id: string;
  title: string;
}

/** The procedures `message` cites, each once, in the order it cites them. */
export function citedProcedures(message: string): Citation[] {
  const ids = new Set<string>();
  for (const match of message.matchAll(/\bP[0-8]\b/g)) ids.add(match[0]);
  return [...ids].map((id) => ({ id, title: PROCEDURE_TITLES[id]! }));
}
