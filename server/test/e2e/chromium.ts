/**
 * Debian's Chromium and the flags every console end-to-end run starts it with: headless as root, and no
 * background networking, which this machine's closed network would refuse many times at each start.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
