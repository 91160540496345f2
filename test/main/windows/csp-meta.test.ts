import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../../main/windows/csp.js';

describe('renderer/index.html', () => {
  it('carries the same CSP as the session header (frame-ancestors is header-only)', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
