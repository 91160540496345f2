/**
 * What the host process (the tray app, or the headless CLI) plugs into the agent core. The core never
 * imports `electron`: the tray app implements these with safeStorage/keychain, desktopCapturer,
 * powerMonitor and Electron's `net`; the CLI uses the defaults in this folder.
 */

/** A device credential as the server issued it at enrollment. */
export interface StoredCredential {
  readonly serverUrl: string;
  readonly deviceId: string;
  /** Bearer secret; never logged. */
  readonly credential: string;
  readonly enrolledAt: string;
}

/** Where the device credential lives: OS keychain in the tray app, an owner-only file headless. */
export interface CredentialStore {
  /** Human-readable location for `status` ("file /var/lib/…/credential.json", "macOS Keychain"). */
  readonly description: string;
  load(): Promise<StoredCredential | null>;
  save(credential: StoredCredential): Promise<void>;
  clear(): Promise<void>;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A buffer, or a stream of chunks (multipart uploads with attachments are streamed from disk). */
  readonly body?: Uint8Array | AsyncIterable<Uint8Array>;
  /** Overall deadline for connect + send + receive. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** Bytes put on the wire for the request body (after any encoding), for accounting. */
  readonly bytesSent: number;
}

/**
 * One HTTP exchange. Implementations reject with a TransportError (agent/transport/transport-error.ts)
 * for anything that is not an HTTP response: timeout, refused or dropped connection, TLS or pin failure.
 */
export interface HttpTransport {
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export type HostEventType = 'resume' | 'network-change' | 'unlock';

/** Power and network notifications from the OS; each one triggers a check-in (debounced). */
export interface HostEvents {
  subscribe(listener: (event: HostEventType) => void): () => void;
}

export interface Screenshot {
  readonly bytes: Uint8Array;
  readonly type: 'image/png' | 'image/jpeg';
}

/** Captures the user's screen for a ticket; only used when settings allow screenshots. */
export interface ScreenshotProvider {
  capture(): Promise<Screenshot>;
}

/** Structured log sink. Messages and fields pass through the secret scrubber before they get here. */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}
