import { CONSOLE_API_BASE } from '@deskside/shared';

/**
 * Attachment links come from the server, but their bytes came from an end-user machine: only a
 * same-origin API path is ever used as a link or image source, never another scheme or host.
 */
export function safeApiPath(url: string): string | undefined {
  return url.startsWith(`${CONSOLE_API_BASE}/`) && !url.startsWith('//') && !/[\s\\]/.test(url) ? url : undefined;
}
