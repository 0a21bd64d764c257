/** The comparison of the deployment on screen with another, derived from the store (and redone when either changes). */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { compareDeployments, type ComparisonView } from './comparison';
import type { DiffMarks } from './diff-marks';

export function useComparisonView(): ComparisonView | null {
  const { deployment, takenAt, openSeq, comparison } = useAppStore(
    useShallow((s) => ({ deployment: s.deployment, takenAt: s.takenAt, openSeq: s.openSeq, comparison: s.comparison })),
  );
  return useMemo(() => {
    // A comparison made for a deployment that has since been replaced says nothing about this one.
    if (!deployment || !comparison || comparison.openSeq !== openSeq) return null;
    return compareDeployments(
      { name: deployment.source.name, ...(takenAt ? { takenAt } : {}), deployment },
      { name: comparison.name, ...(comparison.takenAt ? { takenAt: comparison.takenAt } : {}), deployment: comparison.other },
    );
  }, [deployment, takenAt, openSeq, comparison]);
}

/** What GraphView draws for the comparison (null: none). */
export function useDiffMarks(): DiffMarks | null {
  return useComparisonView()?.marks ?? null;
}
