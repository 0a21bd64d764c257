/**
 * FQDNs are the keys of pools and machines. Topology documents keep whatever case the admin typed
 * (`Edge.contoso.com`, `SKYPE-FE-01.…`) while cmdlets compare case-insensitively, so every FQDN is
 * lower-cased on the way in.
 */

// Letters, digits, hyphens (not at either end) and, as Windows DNS tolerates them, underscores.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The normalised FQDN (trimmed, lower-cased, without a trailing root dot), or undefined when the
 * value cannot be a host name. Single-label names and IPv4 addresses (PSTN gateways may be given
 * by address) pass: the check is for unusable values, not for style.
 */
export function normalizeFqdn(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let value = raw.trim().toLowerCase();
  if (value.endsWith('.')) value = value.slice(0, -1);
  if (value === '' || value.length > 253) return undefined;
  return value.split('.').every((label) => LABEL.test(label)) ? value : undefined;
}
