/**
 * How the lab is set up beyond its deployment: what the disaster took, which servers remoting
 * cannot reach, and which of the disputed parameter spellings (cmdlets.md) its cmdlets have.
 */
import type { DownComponent } from '../shared/scenario/types';
import type { LabCredential } from './credential';

/**
 * Which spelling of a disputed parameter the lab's cmdlet has: the procedures' (TechNet), the
 * reference's (the cmdlet help), or both.
 *  - xmppRoute: Set-CsSite -XmppExternalFederationRoute (procedure) / -XmppFederationRoute (reference).
 *  - cmsMirror: Invoke-CsManagementServerFailover -MirrorSql… (procedure) / -BackupMirrorSql… (reference).
 */
export type Spelling = 'procedure' | 'reference' | 'both';

export interface LabConditions {
  /** Components the disaster took: their servers are unreachable, their SQL stores unavailable. */
  down: DownComponent[];
  /** More servers Invoke-Command cannot reach (lower-case FQDNs), though they run. */
  unreachable: string[];
  spelling: { xmppRoute: Spelling; cmsMirror: Spelling };
  /** Invoke-CsManagementServerFailover in disaster recovery mode needs -Force, as the reference says. */
  cmsFailoverNeedsForce: boolean;
  /** The account remoting accepts; absent: any (integrated authentication included). */
  credential?: LabCredential;
}

export function defaultConditions(): LabConditions {
  return { down: [], unreachable: [], spelling: { xmppRoute: 'reference', cmsMirror: 'reference' }, cmsFailoverNeedsForce: true };
}

export class LabConfigError extends Error {
  override readonly name = 'LabConfigError';
}

/** `pool:<fqdn>`, `site:<id>` or `sql:<server>\<instance>`, as `--down` and POOLPILOT_LAB_DOWN take them. */
export function parseDownComponent(text: string): DownComponent {
  const match = /^(pool|site|sql):(.+)$/i.exec(text.trim());
  if (!match) throw new LabConfigError(`down component ${JSON.stringify(text)}: expected pool:<fqdn>, site:<id> or sql:<server>\\<instance>`);
  const [, kind, value] = match as unknown as [string, string, string];
  switch (kind.toLowerCase()) {
    case 'pool':
      return { kind: 'pool', fqdn: value.toLowerCase() };
    case 'site':
      return { kind: 'site', siteId: value };
    default:
      return { kind: 'sqlStore', instanceId: value.toLowerCase() };
  }
}

/** `xmpp=procedure,cmsMirror=both`. */
export function parseSpelling(text: string, into: LabConditions['spelling']): LabConditions['spelling'] {
  const out = { ...into };
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (value !== 'procedure' && value !== 'reference' && value !== 'both')
      throw new LabConfigError(`spelling ${JSON.stringify(part)}: the value must be procedure, reference or both`);
    if (key === 'xmpp' || key === 'xmppRoute') out.xmppRoute = value;
    else if (key === 'cmsMirror' || key === 'cms') out.cmsMirror = value;
    else throw new LabConfigError(`spelling ${JSON.stringify(part)}: expected xmpp=… or cmsMirror=…`);
  }
  return out;
}
