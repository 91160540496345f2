import { describe, expect, it } from 'vitest';

import { redactItem } from '../../../agent/diagnostics/redact.js';
import { createLogger } from '../../../agent/support/logger.js';
import { REDACTED, scrubText, scrubValue } from '../../../agent/support/scrub.js';

/** Seeded secrets as they show up in event logs, command lines and config dumps. */
const SEEDED: readonly { text: string; secret: string }[] = [
  { text: 'GET /api HTTP/1.1\r\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', secret: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' },
  { text: 'curl -H "authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB" https://api', secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB' },
  { text: 'Server=db01;Database=crm;User Id=sa;Password=Sup3r$ecret!;', secret: 'Sup3r$ecret!' },
  { text: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=q1w2e3r4t5y6u7i8o9p0asdfghjkl==;EndpointSuffix=core.windows.net', secret: 'q1w2e3r4t5y6u7i8o9p0asdfghjkl==' },
  { text: 'connecting to postgres://deskside:hunter2pass@db.internal:5432/deskside', secret: 'hunter2pass' },
  { text: 'sshd: config {"password": "correct horse battery", "user": "root"}', secret: 'correct horse battery' },
  { text: 'app started with api_key=AbC123xyz789QWE and token: zzTopSecretToken99', secret: 'AbC123xyz789QWE' },
  { text: 'app started with api_key=AbC123xyz789QWE and token: zzTopSecretToken99', secret: 'zzTopSecretToken99' },
  { text: 'aws: AKIAIOSFODNN7EXAMPLE used', secret: 'AKIAIOSFODNN7EXAMPLE' },
  { text: 'slack xoxb-123456789012-abcdefghijkl failed', secret: 'xoxb-123456789012-abcdefghijkl' },
  { text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----', secret: 'MIIEowIBAAKCAQEAx' },
  { text: 'proxy-authorization: Basic dXNlcjpwYXNzd29yZA==', secret: 'dXNlcjpwYXNzd29yZA==' },
  { text: 'client_secret=s3cr3t-value-123&grant_type=client_credentials', secret: 's3cr3t-value-123' },
];

describe('redaction', () => {
  it.each(SEEDED)('removes the secret from %#', ({ text, secret }) => {
    const r = scrubText(text);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain(REDACTED);
    expect(r.count).toBeGreaterThan(0);
  });

  it('keeps ordinary text untouched', () => {
    const text = 'The printer on floor 3 is offline since 08:00; token ring network is not used; password reset done by user.';
    expect(scrubText(text)).toEqual({ text, count: 0 });
  });

  it('redacts values under secret-looking keys in structured data and counts them', () => {
    const r = scrubValue({ env: { DB_PASSWORD: 'x1', HOME: '/home/u', apiKey: 'k', enabled: true }, lines: ['Bearer abcdefghijklmnop'] });
    expect(r.value).toEqual({ env: { DB_PASSWORD: REDACTED, HOME: '/home/u', apiKey: REDACTED, enabled: true }, lines: [`Bearer ${REDACTED}`] });
    expect(r.count).toBe(3);
  });

  it('redacts a diagnostic item summary and data with one total', () => {
    const r = redactItem('proxy http://bob:pa55word@proxy:8080', { events: SEEDED.map((s) => ({ message: s.text })) });
    expect(JSON.stringify(r)).not.toMatch(/pa55word|Sup3r|hunter2|AKIAIOSFODNN7EXAMPLE|ghp_abc/);
    expect(r.count).toBeGreaterThanOrEqual(SEEDED.length);
  });

  it('the logger never writes a secret even when one is passed by mistake', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.warn('request failed with Authorization: Bearer cred-0123456789abcdef', { credential: 'cred-0123456789abcdef', url: 'https://u:p4ss@server/x' });
    expect(lines.join('')).not.toMatch(/cred-0123456789abcdef|p4ss/);
  });
});
