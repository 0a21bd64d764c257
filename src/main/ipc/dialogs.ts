/**
 * The native dialogs the handlers need, as an interface: Electron's dialog module in the app
 * (electron-dialogs.ts), scripted answers in the browser tests. Each returns a path, or null when the
 * admin cancels.
 */
import type { DiagramFormat, PlanExportFormat, REPORT_FORMATS } from '../../shared/ipc/contract';

export interface Dialogs {
  chooseSourceToOpen(): Promise<string | null>;
  chooseSnapshotPath(defaultName: string): Promise<string | null>;
  choosePngPath(defaultName: string): Promise<string | null>;
  /** Where to save the deployment diagram in `format` (its file type filters the dialog). */
  chooseDiagramPath(defaultName: string, format: DiagramFormat): Promise<string | null>;
  /** Where to save a runbook in `format` (its file type filters the dialog). */
  chooseExportPath(defaultName: string, format: PlanExportFormat): Promise<string | null>;
  /** Where to save a copy of the offline collector script (.ps1). */
  chooseCollectorPath(defaultName: string): Promise<string | null>;
  /** Where to save a run's report in `format` (its file type filters the dialog). */
  chooseReportPath(defaultName: string, format: (typeof REPORT_FORMATS)[number]): Promise<string | null>;
}
