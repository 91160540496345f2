/**
 * Whether this process is the agent service. The service definitions (systemd unit, launchd daemon,
 * winsw) set DESKSIDE_SERVICE; a user's tray app, a user's CLI and an administrator's hand-run
 * `deskside-agent inventory` do not, and so still see (and report) their own account's view.
 * Same variable as `identity/installer-secret.ts` reads, kept here without that module's imports.
 */
export const isAgentService = (env: Readonly<Record<string, string | undefined>> = process.env): boolean => (env['DESKSIDE_SERVICE'] ?? '') !== '';
