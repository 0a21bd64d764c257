/**
 * What a panel reads from main when it opens (the collector script, the kept snapshots): the value
 * once it arrives, or why it could not be read — and a setter for the panel's later problems.
 * Nothing is set after the panel has closed.
 */
import { useEffect, useState } from 'react';
import { readableMessage } from '../store/error-message';

export function useLoaded<T>(load: () => Promise<T>, failure: string): [T | null, string | null, (problem: string | null) => void] {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setValue(loaded),
      (err: unknown) => live && setProblem(`${failure}: ${readableMessage(err)}`),
    );
    return () => {
      live = false;
    };
    // Read once, when the panel opens.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return [value, problem, setProblem];
}
