import type { SettingsView } from '../agent-types.js';
import { scrubText } from '../support/scrub.js';

/**
 * Settings as any user of the machine may see them: the enrollment secret never leaves the service
 * (not even whether one is set), nor a proxy's password.
 */
export function redactSettings(view: SettingsView): SettingsView {
  const proxyUrl = scrubText(view.values.proxyUrl).text;
  return { ...view, values: { ...view.values, enrollSecret: null, proxyUrl } };
}
