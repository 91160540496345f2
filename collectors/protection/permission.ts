/**
 * macOS answers a read of a TCC-protected file (Time Machine's preferences, some logs) with EPERM,
 * "Operation not permitted", even for root, until the app has Full Disk Access. Windows says
 * "Access is denied" to unelevated callers. Recognising these turns silence into a fixable finding.
 */
export const FULL_DISK_ACCESS = 'Full Disk Access';
export const ADMINISTRATOR = 'Administrator (elevated)';
export const ROOT = 'root';

const DENIED_TEXT =
  /operation not permitted|permission denied|access is denied|access denied|you need to be root|must be run as root|requires elevat|not authorized|EACCES|EPERM|don.t have permission/i;

export function isPermissionDeniedText(text: string): boolean {
  return DENIED_TEXT.test(text);
}

export function isPermissionDeniedError(error: unknown): boolean {
  if (error == null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'EPERM' || code === 'EACCES') return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && isPermissionDeniedText(message);
}
