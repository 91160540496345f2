/** Raised when a tool's output is not the format the parser was written for; the message says which. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}
