/** The OS colour scheme, live: the canvas restyles when the admin switches light/dark. */
import { useSyncExternalStore } from 'react';
import type { Theme } from '../../shared/graph/palette';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void): () => void {
  const mq = query();
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => (query().matches ? 'dark' : 'light'));
}
