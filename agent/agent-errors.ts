import type { TicketDraft } from './agent-types.js';

/** Enrollment is refused or impossible; the message says what the user or admin should do. */
export class NotEnrolledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEnrolledError';
  }
}

/** The ticket could not be saved (disk full, queue full); `draft` holds the user's text to show back. */
export class TicketNotSavedError extends Error {
  constructor(
    message: string,
    readonly draft: TicketDraft,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TicketNotSavedError';
  }
}

/** A ticket file this device does not know (not among its tickets, or not one the user may see). */
export class TicketFileNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TicketFileNotFoundError';
  }
}
