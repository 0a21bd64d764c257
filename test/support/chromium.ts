/** Where the system Chromium is, and the flags this sandbox needs (no GPU; no background network: the network is closed). */
export const CHROMIUM_PATH = process.env.POOLPILOT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
