import { PROTECTION_FINDING_CODES, type ProtectionFindingCode, type ProtectionSection } from '@deskside/shared';
import type { TFunction } from 'i18next';

export function isProtectionCode(code: string): code is ProtectionFindingCode {
  return (PROTECTION_FINDING_CODES as readonly string[]).includes(code);
}

/**
 * A protection summary line in the technician's language. English shows the shared summary's own
 * sentence (it carries the most detail); other languages use the catalog entry for the stable code,
 * filled from the line's params, and fall back to the English sentence.
 */
export function protectionText(
  line: { readonly section?: ProtectionSection | string; readonly code: string; readonly params: Readonly<Record<string, string | number>>; readonly text?: string },
  t: TFunction,
  language: string,
): string {
  const fallback = line.text ?? line.code;
  if (language === 'en' && line.text !== undefined) return line.text;
  const section = line.section ? t(`categories.${line.section}`, { defaultValue: line.section }) : '';
  return t(`protection.${line.code}`, { ...line.params, section, defaultValue: fallback });
}
