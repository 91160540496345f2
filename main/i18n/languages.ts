import type { UiLanguage } from '@deskside/shared';

/**
 * The UI language: an explicit choice (user or policy, as a BCP 47 tag) wins, else the first OS
 * language we speak, else English. Any Chinese variant maps to Simplified Chinese, the one we ship.
 */
export function resolveLanguage(explicit: string | null, osLanguages: readonly string[]): UiLanguage {
  for (const tag of explicit ? [explicit] : osLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
    if (explicit) return 'en';
  }
  return 'en';
}
