import type { Command } from 'commander';

import type { AgentStatus } from '../agent-types.js';
import { scrubText } from '../support/scrub.js';
import { EXIT, printJson, runClientCommand } from './context.js';

/** `deskside-agent status`: enrollment, last uploads, outbox contents and where each setting comes from. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Show enrollment, last uploads, queued items and settings')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        const s = await agent.status();
        const view = s.settings;
        if (options.json) {
          // The enrollment secret never leaves in clear, not even to the terminal.
          printJson({ ...s, settings: { ...view, values: { ...view.values, enrollSecret: view.values.enrollSecret ? '[set]' : null, proxyUrl: scrubText(view.values.proxyUrl).text } } });
        } else {
          const out: string[] = [`Deskside agent ${s.version}`];
          if (s.service) out.push(`Through the Deskside service at ${s.service.endpoint} as ${s.service.account ?? 'an unknown account'}`);
          out.push(`Data folder: ${s.dataDir}`, `Credential: ${s.credentialStore}`);
          out.push(s.enrollment.state === 'enrolled' ? `Enrolled: ${s.enrollment.serverUrl} (device ${s.enrollment.deviceId}, since ${s.enrollment.enrolledAt})` : `NOT ENROLLED: ${s.enrollment.reason}`);
          if (s.tag) out.push(`Tag: ${s.tag} (recorded by the installer)`);
          out.push(`Last check-in: ${s.lastCheckinAt ?? 'never'}`);
          out.push(`Last inventory: ${s.lastInventoryAt ? `${s.lastInventoryAt} (${s.lastInventoryKind})` : 'never'}; last full: ${s.lastFullInventoryAt ?? 'never'}`);
          if (s.lastError) out.push(`Last error: ${s.lastError}`);
          out.push(...networkLines(s.network));
          out.push(`Outbox: ${s.outbox.length} item(s), ${Math.ceil(s.outboxBytes / 1024)} KiB`);
          for (const item of s.outbox) {
            out.push(`  ${item.id}  ${item.label}  attempts ${item.attempts}${item.failed ? `  REFUSED: ${item.failed.message}` : item.nextAttemptAt ? `  next try ${item.nextAttemptAt}` : ''}`);
          }
          out.push('Settings:');
          for (const [key, value] of Object.entries(view.values)) {
            // Secrets never reach the terminal: the enrollment secret, a proxy password.
            const shown = key === 'enrollSecret' ? (value ? '[set]' : 'null') : scrubText(JSON.stringify(value)).text;
            out.push(`  ${key} = ${shown}  (${view.sourceOf[key as keyof typeof view.values]})`);
          }
          for (const p of view.problems) out.push(`  problem: ${p.source} ${p.key}: ${p.message}`);
          process.stdout.write(`${out.join('\n')}\n`);
        }
        return s.enrollment.state === 'enrolled' ? EXIT.ok : EXIT.notEnrolled;
      });
    });
}

/** The network path in a few lines: a refusing proxy first, as it is what the user must act on. */
export function networkLines(network: AgentStatus['network']): string[] {
  if (network === undefined) return [];
  const out: string[] = [];
  if (network.proxyRefused) {
    out.push(`PROXY REFUSED: ${network.proxyRefused.proxy ?? 'the proxy'} answered HTTP ${network.proxyRefused.status} at ${network.proxyRefused.at}; the agent retries at its next check-in. Ask IT for proxy access for this machine.`);
  }
  out.push(`Network path: ${network.route ?? 'not used yet'}`);
  const t = network.trust;
  if (t) {
    const system = t.systemError ? `system store unreadable (${t.systemError})` : `${t.system} from ${t.systemSource ?? 'the system store'}`;
    out.push(`Trusted CAs: ${t.bundled} bundled with Node.js, ${system}${t.extraCaFile ? `, plus ${t.extraCaFile}` : ''}`);
  }
  return out;
}
