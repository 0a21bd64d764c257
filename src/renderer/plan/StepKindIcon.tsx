/**
 * One icon per kind of plan step, drawn as SVG so it looks the same on every machine. Decorative:
 * the kind is always said in words beside it.
 */
import type { Step } from '../../shared/plan/types';

export function StepKindIcon({ kind, size = 16 }: { kind: Step['kind']; size?: number }) {
  return (
    <svg className={`step-kind-icon step-kind-icon-${kind}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {kind === 'command' && (
        <>
          {/* A shell prompt: >_ */}
          <rect x="0.5" y="1.5" width="15" height="13" rx="2" fill="currentColor" />
          <polyline points="3.5,5 6.5,8 3.5,11" fill="none" stroke="#fff" strokeWidth="1.6" />
          <rect x="8" y="10.2" width="4.5" height="1.6" fill="#fff" />
        </>
      )}
      {kind === 'check' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <polyline points="4.2,8.3 7,11 11.8,5.2" fill="none" stroke="#fff" strokeWidth="1.9" />
        </>
      )}
      {kind === 'decision' && (
        <>
          {/* A fork: one path in, two out. */}
          <polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="currentColor" />
          <path d="M8 12 V8.5 L5.5 5.5 M8 8.5 L10.5 5.5" fill="none" stroke="#fff" strokeWidth="1.5" />
        </>
      )}
      {kind === 'manual' && (
        <>
          {/* A checklist on a clipboard. */}
          <rect x="1.5" y="1" width="13" height="14.5" rx="1.5" fill="currentColor" />
          <rect x="4" y="4.2" width="2" height="2" fill="#fff" />
          <rect x="7.2" y="4.7" width="5" height="1.2" fill="#fff" />
          <rect x="4" y="9.2" width="2" height="2" fill="#fff" />
          <rect x="7.2" y="9.7" width="5" height="1.2" fill="#fff" />
        </>
      )}
      {kind === 'wait' && (
        <>
          {/* A clock. */}
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <polyline points="8,3.5 8,8 11,10" fill="none" stroke="#fff" strokeWidth="1.7" />
        </>
      )}
    </svg>
  );
}

export const STEP_KIND_LABEL: Record<Step['kind'], string> = {
  command: 'Command',
  check: 'Check',
  decision: 'Decision',
  manual: 'Manual',
  wait: 'Wait',
};
