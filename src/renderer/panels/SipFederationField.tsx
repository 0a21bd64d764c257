/** "Enable federation for this Edge pool (port 5061)": which Edge pool carries SIP federation. */
import { useId } from 'react';
import type { Deployment, Pool } from '../../shared/model/types';
import { useAppStore } from '../store/store';
import { setSipFederation } from '../store/state-edits';

export function SipFederationField({ pool, deployment }: { pool: Pool; deployment: Deployment }) {
  const editState = useAppStore((s) => s.editState);
  const id = useId();
  const routes = deployment.state.sipFederationRoutes ?? [];
  const carries = routes.includes(pool.fqdn);
  const others = routes.filter((fqdn) => fqdn !== pool.fqdn);
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        data-testid="field-sip-federation"
        checked={carries}
        onChange={(e) => editState((s) => setSipFederation(s, pool.fqdn, e.target.checked))}
      />
      <label htmlFor={id}>Carries SIP federation (port 5061)</label>
      {carries && others.length > 0 && (
        <p className="hint warn" role="note">
          Also set on {others.join(', ')}: all SIP federation traffic should use one Edge pool.
        </p>
      )}
      {!carries && others.length > 0 && <p className="hint">SIP federation goes through {others.join(', ')}.</p>}
      {deployment.state.sipFederationRoutes === undefined && (
        <p className="hint">Not known yet: the topology document does not say which Edge pool federates.</p>
      )}
    </div>
  );
}
