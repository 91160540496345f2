import { wordFinding, wordingLanguage, type Finding } from '@deskside/shared';
import type { TFunction } from 'i18next';

import { isProtectionCode, protectionText } from '../device/protection-text.js';

/** The sentence for a finding in the technician's language; the agent's English text when we have no translation. */
export function findingText(finding: Finding, t: TFunction, language: string): string {
  if (isProtectionCode(finding.code)) {
    return protectionText({ code: finding.code, params: finding.params, ...(finding.text !== undefined ? { text: finding.text } : {}), ...(typeof finding.params.section === 'string' ? { section: finding.params.section } : {}) }, t, language);
  }
  return wordFinding(finding, wordingLanguage(language), finding.text);
}
