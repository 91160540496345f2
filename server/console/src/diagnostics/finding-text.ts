import type { TFunction } from 'i18next';

import { isProtectionCode, protectionText } from '../device/protection-text.js';
import type { Finding } from './findings.js';

/** The sentence for a finding in the technician's language; the agent's English text when we have no translation. */
export function findingText(finding: Finding, t: TFunction, language: string): string {
  if (isProtectionCode(finding.code)) {
    return protectionText({ code: finding.code, params: finding.params, ...(finding.text !== undefined ? { text: finding.text } : {}), ...(typeof finding.params.section === 'string' ? { section: finding.params.section } : {}) }, t, language);
  }
  const fallback = finding.text ?? finding.code;
  return t(`findings.${finding.code}`, { ...finding.params, defaultValue: fallback });
}
