export type TransportFailure = 'timeout' | 'connection' | 'tls' | 'pin-mismatch' | 'proxy' | 'aborted' | 'refused-url';

/** A request that got no HTTP response. Everything except `refused-url` and `aborted` is worth a retry. */
export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
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
