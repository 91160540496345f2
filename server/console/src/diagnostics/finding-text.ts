import type { TFunction } from 'i18next';

import type { Finding } from './findings.js';

/** The sentence for a finding in the technician's language; the agent's English text when we have no translation. */
export function findingText(finding: Finding, t: TFunction): string {
  const fallback = finding.text ?? finding.code;
  return t(`findings.${finding.code}`, { ...finding.params, defaultValue: fallback });
}
