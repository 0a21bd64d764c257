/**
 * Turns Node's file-system errors ("ENOENT: no such file or directory, open '…'") into the reason
 * an admin can act on; the caller puts the file name in front.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EBUSY: 'the file is in use by another program',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EMFILE: 'too many files open',
};

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code ? REASONS[code] : undefined;
  if (reason) return reason;
  return err instanceof Error ? err.message : String(err);
}
