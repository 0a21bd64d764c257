/** "Backup pool" of a Front End pool: not in the topology document (Get-CsPoolBackupRelationship), so the admin says it. */
import { useId } from 'react';
import type { Deployment, Pool } from '../../shared/model/types';
import { useAppStore } from '../store/store';
import { setBackupPool } from '../store/state-edits';

export function BackupPoolField({ pool, deployment }: { pool: Pool; deployment: Deployment }) {
  const editState = useAppStore((s) => s.editState);
  const id = useId();
  const siteName = (siteId: string) => deployment.topology.sites.find((s) => s.id === siteId)?.name ?? siteId;
  const candidates = deployment.topology.pools.filter((p) => p.kind === 'FrontEnd' && p.fqdn !== pool.fqdn);
  const value = deployment.state.backupPools[pool.fqdn] ?? '';
  const partner = deployment.topology.pools.find((p) => p.fqdn === value);
  return (
    <div className="field">
      <label htmlFor={id}>Backup pool</label>
      <select
        id={id}
        data-testid="field-backup-pool"
        value={value}
        onChange={(e) => editState((s) => setBackupPool(s, pool.fqdn, e.target.value || null))}
      >
        <option value="">None</option>
        {candidates.map((p) => (
          <option key={p.fqdn} value={p.fqdn}>
            {p.fqdn} ({siteName(p.siteId)})
          </option>
        ))}
        {value && !partner && <option value={value}>{value} (not in this topology)</option>}
      </select>
      {partner && partner.siteId === pool.siteId && (
        <p className="hint warn" role="note">
          Both pools are in site {siteName(pool.siteId)}: paired pools belong in different sites, or a site outage takes both.
        </p>
      )}
      <p className="hint">Sets the pairing both ways, as Get-CsPoolBackupRelationship reports it.</p>
    </div>
  );
}
