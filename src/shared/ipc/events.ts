/**
 * Events main pushes to the renderer (a run's progress, a discovery's progress): the other direction
 * of the IPC contract. Names only here, so the sandboxed preload stays dependency-free; the payload
 * types live with their features and are listed in EventPayloads.
 */
import type { RunEvent } from '../run/types';
import type { DiscoveryEvent } from '../discovery/events';

export const EVENT_NAMES = ['run.event', 'discovery.event'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface EventPayloads {
  'run.event': RunEvent;
  'discovery.event': DiscoveryEvent;
}

/** How main sends an event to the window (webContents.send in the app, the test bridge in browser tests). */
export type Emit = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
