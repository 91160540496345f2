import type { EncryptionData } from '@deskside/shared/inventory';

export type EncryptedVolume = EncryptionData['volumes'][number];

/** The system volume's protection: true/false from it, unknown when it is not among the volumes. */
export function systemVolumeProtected(volumes: readonly EncryptedVolume[]): boolean | null {
  const system = volumes.find((v) => v.system);
  return system === undefined ? null : system.protectionOn;
}
