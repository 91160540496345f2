import type { SystemAccess } from '../types.js';
import { SectionError } from '../types.js';
import { parseJsonOutput } from './json.js';
import { asObject } from './values.js';

/**
 * Builds one PowerShell script that gathers several CIM queries into one JSON object, so a section
 * costs one PowerShell start (~0.3 s) instead of one per class. Each part runs in its own try/catch:
 * a class that is missing or denied leaves `<key>Error` with the reason and the rest still arrives.
 */
export function buildPowerShellScript(parts: Readonly<Record<string, string>>, depth = 5): string {
  const lines = ["$ErrorActionPreference = 'Stop'", '$r = [ordered]@{}'];
  for (const [key, expression] of Object.entries(parts)) {
    lines.push(`try { $r['${key}'] = @(${expression}) } catch { $r['${key}Error'] = [string]$_.Exception.Message }`);
  }
  lines.push(`$r | ConvertTo-Json -Depth ${depth} -Compress`);
  return lines.join('\n');
}

/** Runs a script built by buildPowerShellScript and returns its parts. */
export async function runPowerShellParts(system: SystemAccess, script: string, source: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const result = await system.powershell(script, { timeoutMs });
  if (result.exitCode !== 0 && result.stdout.trim() === '') {
    throw new Error(`${source}: PowerShell exited with code ${result.exitCode}: ${result.stderr.trim().slice(0, 500)}`);
  }
  const parsed = asObject(parseJsonOutput(result.stdout, source));
  if (parsed === null) throw new Error(`${source}: PowerShell did not print a JSON object`);
  return { ...parsed };
}

/** Text of a part's error when CIM refused it for lack of rights. */
export function isAccessDenied(message: unknown): boolean {
  return typeof message === 'string' && /access (is )?denied|accès refusé|zugriff verweigert|拒绝访问|0x80041003|0x80070005/i.test(message);
}

/** A CIM DateTime as ISO 8601 UTC: avoids PowerShell 5.1's "\/Date(ms)\/" and its ETS wrapper objects. */
export const psIsoDate = (property: string): string =>
  `@{n='${property}';e={ if ($_.${property}) { $_.${property}.ToUniversalTime().ToString('o') } else { $null } }}`;

/** CIM's answer when a class does not exist on this machine (e.g. WmiMonitorID in many VMs): nothing to list. */
export function isNotSupported(message: unknown): boolean {
  return (
    typeof message === 'string' &&
    /not supported|non pris en charge|nicht unterstützt|不支持|invalid class|classe non valide|ungültige klasse|无效类|invalid namespace|espace de noms non valide|ungültiger namespace|0x8004100c|0x80041010|0x8004100e/i.test(message)
  );
}

/**
 * An empty list is a claim ("no printers"), so a list whose query failed must not pass as empty. When
 * one of `keys` failed for a reason other than "no such class here", the section keeps what it has as
 * partial data and says which query failed: `permission-denied` for access denied, else `error`.
 */
export function checkListParts<T>(parts: Readonly<Record<string, unknown>>, keys: readonly string[], data: T): T {
  const failed = keys
    .map((key) => ({ key, message: parts[`${key}Error`] }))
    .filter((f): f is { key: string; message: string } => typeof f.message === 'string' && !isNotSupported(f.message));
  if (failed.length === 0) return data;
  const why = failed.map((f) => `${f.key}: ${f.message.trim()}`).join('; ');
  if (failed.every((f) => isAccessDenied(f.message))) throw new SectionError('permission-denied', `access denied to ${why}`, 'local administrator', data);
  throw new SectionError('error', `some queries failed: ${why}`, undefined, data);
}
