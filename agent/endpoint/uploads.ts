import { join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const ACCOUNT = /^(\d{1,10}|S-1-\d+(-\d+)+)$/u;

/**
 * Where one caller's uploaded file waits: a folder per account, so a ticket can only name files its
 * own account uploaded. Both parts are checked: they become path segments.
 */
export function uploadPath(uploadsDir: string, accountId: string, uploadId: string): string {
  if (!ACCOUNT.test(accountId)) throw new Error(`not an account id: ${accountId}`);
  if (!UUID.test(uploadId)) throw new Error(`not an upload id: ${uploadId}`);
  return join(uploadsDir, accountId, uploadId);
}
