/** The in-memory session our windows use; hardened by harden-session.ts, never used for the agent's traffic. */
export const UI_PARTITION = 'deskside-ui';
