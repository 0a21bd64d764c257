/**
 * Exporting the runbook: the renderer sends the deployment, the scenario and the format; main
 * plans, renders and writes the file itself (the renderer never sends script or runbook text).
 */
import type { PlanExportFormat } from '../../shared/ipc/contract';
import { useAppStore } from '../store/store';

export const EXPORT_FORMATS: { format: PlanExportFormat; label: string; hint: string }[] = [
  { format: 'md', label: 'Markdown', hint: 'A printable runbook with boxes to tick and room for times and initials' },
  { format: 'html', label: 'HTML', hint: 'The runbook as one self-contained page, to print or keep' },
  { format: 'ps1', label: 'PowerShell script', hint: 'A .ps1 for the Management Shell: keeps a transcript, asks before every change, stops at the first failed check' },
  { format: 'json', label: 'JSON', hint: 'The plan as data, for other tools' },
];

const SAVED_AS: Record<PlanExportFormat, string> = { md: 'Markdown runbook', html: 'HTML runbook', ps1: 'PowerShell script', json: 'Plan (JSON)' };

/** Shows where the file went, or why there is none, in the app's toasts and error banner. */
export async function exportRunbook(format: PlanExportFormat): Promise<void> {
  const { deployment, scenario } = useAppStore.getState();
  if (!deployment) return;
  try {
    const saved = await window.api['plan.export']({ deployment, scenario, format });
    if (saved !== null) useAppStore.getState().notify(`${SAVED_AS[format]} saved to ${saved.path}`);
  } catch (err) {
    useAppStore.getState().fail(err instanceof Error ? err.message : String(err));
  }
}
