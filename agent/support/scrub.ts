/**
 * Secret patterns shared by the log scrubber and the diagnostics redaction pass. Each pattern keeps
 * what identifies the secret ("password=", "Bearer ") and replaces only the value, so a technician
 * still sees that a password was configured without seeing it.
 */
interface SecretPattern {
  readonly name: string;
  readonly regex: RegExp;
  /** Replacement using $1… for the kept prefix. */
  readonly replace: string;
}

export const REDACTED = '[REDACTED]';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // PEM private keys: the whole block.
  {
    name: 'private-key',
    regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
    replace: REDACTED,
  },
  // HTTP authorization headers and bare bearer tokens.
  { name: 'authorization', regex: /\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:bearer|basic|digest|negotiate|ntlm)\s+)?[^\s,;"']+/gi, replace: `$1${REDACTED}` },
  { name: 'bearer', regex: /\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: `$1${REDACTED}` },
  // Credentials inside URLs: scheme://user:password@host
  { name: 'url-credentials', regex: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, replace: `$1${REDACTED}@` },
  // Connection strings: Password=…; Pwd=…; AccountKey=…; SharedAccessKey=…
  {
    name: 'connection-string',
    regex: /\b((?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature|sig)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;\s"']+)/gi,
    replace: `$1${REDACTED}`,
  },
  // key: value / key=value / "key": "value" for secret-looking names.
  {
    name: 'secret-field',
    regex:
      /(["']?\b[\w.-]*(?:passw(?:or)?d|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credential|session[_-]?id|cookie)["']?\s*[:=]\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&"'}]+)/gi,
    replace: `$1"${REDACTED}"`,
  },
  // Well-known token shapes that appear without a label.
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, replace: REDACTED },
  { name: 'aws-access-key', regex: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  { name: 'github-token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, replace: REDACTED },
  { name: 'slack-token', regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, replace: REDACTED },
];

/** Replace secrets in one string; returns the new text and how many values were replaced. */
export function scrubText(input: string): { readonly text: string; readonly count: number } {
  let text = input;
  let count = 0;
  for (const pattern of SECRET_PATTERNS) {
    text = text.replace(pattern.regex, (...args: unknown[]) => {
      const match = args[0] as string;
      // Already redacted by an earlier pattern: leave it and do not count it twice.
      if (match.includes(REDACTED)) return match;
      count += 1;
      return match.replace(pattern.regex, pattern.replace);
    });
  }
  return { text, count };
}

const SECRET_KEY = /passw(?:or)?d|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|cookie|enrollsecret/i;

/**
 * Deep copy of a JSON-like value with secrets replaced: string values are scrubbed, and any value under
 * a secret-looking key is replaced whole.
 */
export function scrubValue(value: unknown): { readonly value: unknown; readonly count: number } {
  let count = 0;
  const walk = (v: unknown, key: string | null): unknown => {
    if (key !== null && SECRET_KEY.test(key) && v !== null && v !== '' && typeof v !== 'boolean' && typeof v !== 'object') {
      count += 1;
      return REDACTED;
    }
    if (typeof v === 'string') {
      const r = scrubText(v);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  const result = walk(value, null);
  return { value: result, count };
}
