/**
 * Severity icons drawn as SVG, so they look the same on every machine (emoji and symbol fonts do
 * not): a stop sign for blockers, a warning triangle, an information circle. Decorative: the
 * severity is always said in words beside them.
 */
import type { Severity } from '../../shared/rules/types';

export function SeverityIcon({ severity, size = 14 }: { severity: Severity; size?: number }) {
  return (
    <svg className={`severity-icon severity-icon-${severity}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {severity === 'blocker' && (
        <>
          <polygon points="5,0.5 11,0.5 15.5,5 15.5,11 11,15.5 5,15.5 0.5,11 0.5,5" fill="currentColor" />
          <rect x="3.5" y="6.8" width="9" height="2.4" fill="#fff" />
        </>
      )}
      {severity === 'warning' && (
        <>
          <polygon points="8,0.8 15.6,15 0.4,15" fill="currentColor" />
          <rect x="7" y="5.2" width="2" height="5.4" fill="#fff" />
          <rect x="7" y="11.8" width="2" height="2" fill="#fff" />
        </>
      )}
      {severity === 'info' && (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <rect x="7" y="6.8" width="2" height="5.8" fill="#fff" />
          <rect x="7" y="3.4" width="2" height="2" fill="#fff" />
        </>
      )}
    </svg>
  );
}
