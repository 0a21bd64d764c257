/** The status bar's "what am I looking at": lab demo, a topology file, or a snapshot and its age. */
import type { TopologySource } from '../../shared/model/types';

const FORM_NAMES = { published: 'published topology', tbxml: 'Topology Builder file' } as const;

export function sourceLabel(source: TopologySource, takenAt: string | undefined, now: Date): string {
  switch (source.kind) {
    case 'demo':
      return `Lab · ${source.name}`;
    case 'lab':
      return `Lab · ${source.name}`;
    case 'file':
      return source.form ? `File · ${source.name} (${FORM_NAMES[source.form]})` : `File · ${source.name}`;
    case 'snapshot': {
      if (!takenAt) return `Snapshot · ${source.name}`;
      const taken = new Date(takenAt);
      return `Snapshot · ${source.name} · taken ${formatTime(taken)} (${formatAge(taken, now)})`;
    }
    case 'discovery':
      return `Live discovery · ${source.name}`;
    case 'collector':
      return `Collector output · ${source.name}`;
    case 'synthetic':
      return `Synthetic · ${source.name}`;
  }
}

/** Local time, minutes precision: "2024-05-01 14:03". */
export function formatTime(t: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" — how stale the snapshot is. */
export function formatAge(t: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - t.getTime()) / 60_000);
  if (minutes < 1) return minutes < -1 ? 'in the future' : 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
