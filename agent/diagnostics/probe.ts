import type { DiagnosticItemId, Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import type { AgentSettings } from '../config/settings-schema.js';
import type { AgentState } from '../state/agent-state.js';

export interface DiagnosticContext {
  readonly platform: Platform;
  readonly system: SystemAccess;
  /** Aborted when this item's own time limit is spent. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly settings: AgentSettings;
  readonly state: AgentState;
}

export interface ProbeResult {
  readonly summary: string | null;
  readonly data: unknown;
}

/** One diagnostic item: small, with its own time limit; throwing costs only this item. */
export interface DiagnosticProbe {
  readonly id: DiagnosticItemId;
  readonly timeoutMs: number;
  run(ctx: DiagnosticContext): Promise<ProbeResult>;
}

/** Thrown by a probe when the item does not exist on this OS (status `unsupported`). */
export class ProbeUnsupportedError extends Error {
  override readonly name = 'ProbeUnsupportedError';
}
