import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import { AGENT_API_BASE, proofMessage, type ChallengeResponse, type KeyProof, type ProofFields } from '@deskside/shared';

import { json, type Harness } from './harness.js';

/** A device key as an agent holds it: the private half signs, the public half travels as SPKI base64. */
export interface TestKey {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
}

export function newKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export async function challenge(h: Harness): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/challenge` });
  if (res.statusCode !== 200) throw new Error(`challenge failed: ${res.statusCode} ${res.body}`);
  return (json(res) as ChallengeResponse).challenge;
}

/** Signs what the server will check; `signer` lets a test sign with another key than the one it presents. */
export function proofFor(key: TestKey, c: string, fields: Omit<ProofFields, 'challenge' | 'publicKey'>, signer: KeyObject = key.privateKey): KeyProof {
  const message = Buffer.from(proofMessage({ ...fields, challenge: c, publicKey: key.publicKey }), 'utf8');
  return { publicKey: key.publicKey, challenge: c, signature: sign('sha256', message, { key: signer, dsaEncoding: 'ieee-p1363' }).toString('base64') };
}

export interface EnrollAttempt {
  readonly hostname?: string;
  readonly hardwareUuid: string | null;
  readonly serial: string | null;
  /** Presented and signed with; absent: an enrollment without a key, as agents before keys sent. */
  readonly key?: TestKey;
  /** Overrides the proof built from `key` (a bad signature, a replayed challenge). */
  readonly proof?: KeyProof;
  readonly secret: string;
}

export async function enrollAttempt(h: Harness, a: EnrollAttempt) {
  let proof = a.proof;
  if (proof === undefined && a.key !== undefined) {
    proof = proofFor(a.key, await challenge(h), { purpose: 'enroll', deviceId: null, hardwareUuid: a.hardwareUuid, serial: a.serial, platform: 'win32' });
  }
  return h.app.inject({
    method: 'POST',
    url: `${AGENT_API_BASE}/enroll`,
    payload: {
      enrollSecret: a.secret,
      device: { hostname: a.hostname ?? 'pc-001', hardwareUuid: a.hardwareUuid, serial: a.serial, macs: [] },
      platform: 'win32',
      osName: 'Windows 11 Pro',
      agentVersion: '0.2.0',
      ...(proof === undefined ? {} : { proof }),
    },
  });
}
