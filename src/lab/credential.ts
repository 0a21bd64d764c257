/**
 * The account the lab's remoting accepts, when it is told one: then it checks what the session
 * sends as WinRM would — opening the management session and every Invoke-Command to a server
 * refuse a missing or wrong credential with "Access is denied" — so a test can prove a saved
 * credential really travels to the shell (and nowhere else). The lab is given the password's
 * SHA-256 only: its settings never hold the secret.
 */
import { createHash } from 'node:crypto';
import type { PayloadCredential } from '../main/powershell/payload';
import type { ErrorDetail } from '../main/powershell/records';
import { LabConfigError } from './conditions';

export interface LabCredential {
  /** Compared without regard to case, as Windows compares account names. */
  user: string;
  /** Hex SHA-256 of the password's UTF-8 bytes. */
  passwordSha256: string;
}

export function passwordSha256(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

/** `<user>:<hex sha256 of the password>` (the user name may hold a backslash, not a colon). */
export function parseLabCredential(text: string): LabCredential {
  const at = text.lastIndexOf(':');
  const user = text.slice(0, at).trim();
  const hash = text.slice(at + 1).trim().toLowerCase();
  if (at <= 0 || user === '' || !/^[0-9a-f]{64}$/.test(hash)) throw new LabConfigError('credential: expected <user>:<SHA-256 of the password, 64 hex digits>');
  return { user, passwordSha256: hash };
}

/** True when the lab asks for no credential, or the one offered is the account it accepts. */
export function credentialAccepted(required: LabCredential | undefined, offered: PayloadCredential | undefined): boolean {
  if (required === undefined) return true;
  return offered !== undefined && offered.user.toLowerCase() === required.user.toLowerCase() && passwordSha256(offered.password) === required.passwordSha256;
}

/** What New-PSSession (opening) or Invoke-Command says when WinRM refuses the account. */
export function accessDenied(server: string, opening: boolean): ErrorDetail {
  return {
    message: `Connecting to remote server ${server} failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.`,
    errorId: opening ? 'AccessDenied,PSSessionOpenFailed' : 'AccessDenied,PSSessionStateBroken',
    category: 'OpenError',
  };
}
