/**
 * The name a save dialog proposes: the deployment's name made file-name-safe (its extension
 * dropped), what is saved, a time stamp, the file type — `contoso-runbook-2026-11-24-0931.ps1`.
 */
export function defaultFileName(sourceName: string, what: string | undefined, stamp: string, extension: string): string {
  const base = sourceName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'deployment';
  return `${base}${what ? `-${what}` : ''}-${stamp}.${extension}`;
}
