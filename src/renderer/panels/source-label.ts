/** The status bar's "what am I looking at": lab demo, a topology file, a snapshot. */
import type { TopologySource } from '../../shared/model/types';

const FORM_NAMES = { published: 'published topology', tbxml: 'Topology Builder file' } as const;

export function sourceLabel(source: TopologySource): string {
  switch (source.kind) {
    case 'demo':
      return `Lab · ${source.name}`;
    case 'lab':
      return `Lab · ${source.name}`;
    case 'file':
      return source.form ? `File · ${source.name} (${FORM_NAMES[source.form]})` : `File · ${source.name}`;
    // When it was taken, and how old that is, the environment beside it says (discovery/environment.ts).
    case 'snapshot':
      return `Snapshot · ${source.name}`;
    case 'discovery':
      return `Discovery · ${source.name}`;
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
