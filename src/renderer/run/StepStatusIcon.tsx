/**
 * A run step's status as an SVG icon (the same on every machine) and in words. The icon is
 * decorative: the word is always shown beside it, so colour is never the only signal.
 */
import type { ConsoleStatus } from './run-view';

export const STATUS_WORD: Record<ConsoleStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  unknown: 'Outcome unknown',
  skipped: 'Skipped',
};

export function StepStatusIcon({ status, size = 16 }: { status: ConsoleStatus; size?: number }) {
  return (
    <svg className={`run-status-icon status-${status}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {status === 'pending' && <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />}
      {status === 'running' && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" opacity="0.35" />
          <path className="run-spinner" d="M8 1.5 A6.5 6.5 0 0 1 14.5 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          <circle cx="8" cy="8" r="2.5" fill="currentColor" />
        </>
      )}
      {status === 'succeeded' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <polyline points="4.2,8.3 7,11 11.8,5.2" fill="none" stroke="#fff" strokeWidth="1.9" />
        </>
      )}
      {status === 'failed' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M5.2 5.2 L10.8 10.8 M10.8 5.2 L5.2 10.8" stroke="#fff" strokeWidth="1.9" />
        </>
      )}
      {status === 'unknown' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M5.8 6.1 A2.3 2.3 0 1 1 8.9 8.3 C8.2 8.6 8 9 8 9.8" fill="none" stroke="#fff" strokeWidth="1.7" />
          <rect x="7.1" y="11.2" width="1.8" height="1.8" fill="#fff" />
        </>
      )}
      {status === 'skipped' && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M4.5 8 H10.5 M8.5 5.5 L11 8 L8.5 10.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </>
      )}
    </svg>
  );
}
