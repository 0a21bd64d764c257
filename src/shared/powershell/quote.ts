/**
 * PowerShell literal quoting for commands PoolPilot shows or exports (plan view, runbooks, `.ps1`).
 * Data goes into single-quoted literals, where PowerShell expands nothing; the only way out of one
 * is a quote character, and PowerShell treats the typographic single quotes (U+2018, U+2019,
 * U+201A, U+201B) exactly like `'`, so every one of them is doubled. FQDNs are also checked against
 * a strict pattern first: a value that cannot be a host name never reaches a command at all.
 */

/** Every character PowerShell accepts as a single quote. */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** One DNS label: letters, digits, hyphens inside; underscores because Windows machine names carry them. */
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
/** At least two labels: pools, Edge servers and SQL servers are always named by FQDN. */
const FQDN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);

export class PowerShellQuoteError extends Error {
  override readonly name = 'PowerShellQuoteError';
}

/** True when `value` (already lower-cased, as the model keeps FQDNs) is a strict FQDN. */
export function isStrictFqdn(value: string): boolean {
  return FQDN.test(value);
}

/** `value` as a single-quoted PowerShell literal. Control characters are refused: no command needs them. */
export function psLiteral(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new PowerShellQuoteError(`refusing to quote a value with a control character: ${JSON.stringify(value)}`);
  }
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A validated FQDN as a literal, optionally with a service prefix (`Registrar:` + FQDN). */
export function psFqdn(fqdn: string, prefix = ''): string {
  if (!isStrictFqdn(fqdn)) throw new PowerShellQuoteError(`not a valid FQDN: ${JSON.stringify(fqdn)}`);
  return psLiteral(prefix + fqdn);
}
