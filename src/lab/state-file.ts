/**
 * Where the lab's state lives between jobs: its state file (a PoolPilot snapshot, lab-file.ts),
 * read when it exists — a lab picks up where the last one left it, as a resumed run needs — or
 * else a fresh lab from its source (a topology, a snapshot, or the demo). The lab executable
 * (lab-shell.ts) and the in-process lab (in-process.ts) both load and save through here, so they
 * read and leave the same file.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openDemo, openFile } from '../main/services/open-source';
import { writeFileAtomic } from '../main/services/atomic-write';
import { parseSnapshot, serializeSnapshot } from '../shared/snapshot/snapshot';
import type { LabConditions } from './conditions';
import { labFromSnapshot, labSnapshot } from './lab-file';
import { createLab, type LabState } from './state-machine';

export interface LabStateSource {
  /** A topology file, a snapshot, or 'demo': what a lab without a state file starts from. */
  source: string;
  statePath?: string;
  /** Only what was set: a state file keeps its own down components otherwise. */
  conditions: Partial<LabConditions>;
}

export async function loadLabState({ source, statePath, conditions }: LabStateSource): Promise<LabState> {
  if (statePath !== undefined && existsSync(statePath)) {
    const text = await readFile(statePath, 'utf8');
    return labFromSnapshot(parseSnapshot(text, basename(statePath)), conditions, basename(statePath));
  }
  const opened = source === 'demo' ? openDemo() : await openFile(source);
  return createLab(opened.deployment, conditions);
}

/** Writes the state file atomically: a lab killed mid-write leaves the state before the job, or after it. */
export async function saveLabState(statePath: string, state: LabState, at: Date = new Date()): Promise<void> {
  await writeFileAtomic(statePath, serializeSnapshot(labSnapshot(state, at.toISOString())));
}
