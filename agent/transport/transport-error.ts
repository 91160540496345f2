export type TransportFailure = 'timeout' | 'connection' | 'tls' | 'pin-mismatch' | 'proxy' | 'aborted' | 'refused-url';

/** A request that got no HTTP response. Everything except `refused-url` and `aborted` is worth a retry. */
export class TransportError extends Error {
  /** The HTTP status a proxy refused with (407, 403…): a state to show, not a blip to retry at once. */
  readonly refusedBy: number | null;
  /** The proxy the request went through and why it was chosen (no credentials). */
  readonly proxy: { readonly address: string; readonly reason: string } | null;

  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown; refusedBy?: number; proxy?: { readonly address: string; readonly reason: string } },
  ) {
    super(message, options);
    this.name = 'TransportError';
    this.refusedBy = options?.refusedBy ?? null;
    this.proxy = options?.proxy ?? null;
  }

  /** The same error, saying which proxy it went through. */
  via(address: string, reason: string): TransportError {
    if (this.proxy !== null) return this;
    const message = this.message.includes(address) ? this.message : `${this.message} [via proxy ${address}, from ${reason}]`;
    return new TransportError(this.failure, message, { cause: this.cause, proxy: { address, reason }, ...(this.refusedBy !== null ? { refusedBy: this.refusedBy } : {}) });
  }

  get retryable(): boolean {
    switch (this.failure) {
      case 'timeout':
      case 'connection':
      case 'proxy':
      case 'tls':
      case 'pin-mismatch':
        return true;
      case 'aborted':
      case 'refused-url':
        return false;
    }
  }
}
