/**
 * How old what the admin sees is, in words: "5 minutes", "3 hours", "2 days". In a disaster the age
 * of a snapshot is what tells whether to trust it, so it is said plainly and never rounded down to
 * "recent".
 */

/** Past this age the data on screen may no longer be the deployment as it is: the offline banner says so. */
export const STALE_AFTER_HOURS = 3;

/** "less than a minute", "1 minute", "5 hours", "2 days"; a time ahead of the clock says so. */
export function ageWords(t: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - t.getTime()) / 60_000);
  if (minutes < -1) return 'from the future (check this computer’s clock)';
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return count(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  // Up to two days, hours say more than "1 day" does.
  if (hours < 48) return count(hours, 'hour');
  return count(Math.floor(hours / 24), 'day');
}

/** "5 minutes old", "2 days old". */
export function ageOld(t: Date, now: Date): string {
  const words = ageWords(t, now);
  return words.startsWith('from the future') ? words : `${words} old`;
}

export function isStale(t: Date, now: Date): boolean {
  return now.getTime() - t.getTime() > STALE_AFTER_HOURS * 3_600_000;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
