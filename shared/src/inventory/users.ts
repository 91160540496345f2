import { z } from 'zod';

import { list, maybeDateTime, maybeText, text, triState } from '../limits.js';

export const UsersDataSchema = z.strictObject({
  sessions: list(
    z.strictObject({
      user: text(),
      kind: z.enum(['console', 'remote', 'other']),
      terminal: maybeText(),
      host: maybeText(),
      startedAt: maybeDateTime,
    }),
    128,
  ),
  localAccounts: list(
    z.strictObject({
      name: text(),
      fullName: maybeText(),
      admin: triState,
      disabled: triState,
      lastLogonAt: maybeDateTime,
    }),
    512,
  ),
});
export type UsersData = z.infer<typeof UsersDataSchema>;
