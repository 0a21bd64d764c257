/** A site's XMPP federation route (Set-CsSite -XmppExternalFederationRoute): an Edge server, or none. */
import { useId } from 'react';
import type { Deployment, Site } from '../../shared/model/types';
import { useAppStore } from '../store/store';
import { setXmppRoute } from '../store/state-edits';

export function XmppRouteField({ site, deployment }: { site: Site; deployment: Deployment }) {
  const editState = useAppStore((s) => s.editState);
  const id = useId();
  const siteName = (siteId: string) => deployment.topology.sites.find((s) => s.id === siteId)?.name ?? siteId;
  const servers = deployment.topology.pools
    .filter((p) => p.kind === 'Edge')
    .flatMap((p) => p.machines.map((machine) => ({ machine, pool: p })));
  const value = deployment.state.xmppRoutes[site.id] ?? '';
  const known = servers.some((s) => s.machine === value);
  return (
    <div className="field">
      <label htmlFor={id}>XMPP federation route</label>
      <select
        id={id}
        data-testid="field-xmpp-route"
        value={value}
        onChange={(e) => editState((s) => setXmppRoute(s, site.id, e.target.value || null))}
      >
        <option value="">None</option>
        {servers.map(({ machine, pool }) => (
          <option key={machine} value={machine}>
            {machine} ({pool.fqdn} · {siteName(pool.siteId)})
          </option>
        ))}
        {value && !known && <option value={value}>{value} (not an Edge server in this topology)</option>}
      </select>
      {servers.length === 0 && <p className="hint">This topology has no Edge servers.</p>}
    </div>
  );
}
