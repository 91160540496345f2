import type { EncryptedVolume } from './types.js';

/**
 * `fdesetup status`: "FileVault is On." / "FileVault is Off." / "Encryption in progress: Percent
 * completed = 42.1" / "Decryption in progress: …", sometimes followed by "Deferred enablement appears
 * to be active for user 'x'." (FileVault will turn on at that user's next logout).
 */
export function parseFdesetupStatus(text: string): EncryptedVolume {
  const percent = /Percent completed\s*=\s*([\d.]+)/i.exec(text)?.[1];
  const deferred = /Deferred enablement appears to be active/i.test(text);
  let state: Pick<EncryptedVolume, 'encrypted' | 'protectionOn' | 'status'>;
  if (/Encryption in progress/i.test(text)) state = { encrypted: null, protectionOn: null, status: 'Encryption in progress' };
  else if (/Decryption in progress/i.test(text)) state = { encrypted: null, protectionOn: false, status: 'Decryption in progress' };
  else if (/FileVault is On/i.test(text)) state = { encrypted: true, protectionOn: true, status: 'On' };
  else if (/FileVault is Off/i.test(text)) state = { encrypted: false, protectionOn: false, status: deferred ? 'Off (deferred enablement pending)' : 'Off' };
  else throw new Error(`fdesetup status printed no FileVault state: ${text.trim().slice(0, 200)}`);
  return {
    mount: '/',
    device: null,
    method: state.encrypted === false ? 'none' : 'filevault',
    ...state,
    percentEncrypted: percent === undefined ? (state.encrypted === true ? 100 : state.encrypted === false ? 0 : null) : Number(percent),
    system: true,
    source: 'fdesetup status',
  };
}
