/**
 * "Offline" under the toolbar when the deployment on screen comes from no live connection and is
 * older than a few hours: calm, plain, with the time and the age, and the way to fresher data. It
 * can be hidden for the deployment on screen; opening another brings it back if that is stale too.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { staleNotice } from './environment';
import { useShownEnvironment } from './use-environment';
import { useNow } from './use-now';
import './discovery.css';

export function OfflineBanner() {
  const env = useShownEnvironment();
  const now = useNow();
  const { hidden, openDialog, hide } = useAppStore(
    useShallow((s) => ({ hidden: s.offlineBannerHiddenFor === s.openSeq, openDialog: s.openDiscoveryDialog, hide: s.hideOfflineBanner })),
  );
  const text = env ? staleNotice(env, now) : null;
  if (!text || hidden) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <span className="offline-tag">Offline</span>
      <span className="offline-text">{text}</span>
      <button type="button" className="button small" onClick={() => openDialog('discover')}>
        Discover…
      </button>
      <button type="button" className="dismiss" aria-label="Hide this notice for this deployment" onClick={hide}>
        ✕
      </button>
    </div>
  );
}
