/**
 * The renderer's Content Security Policy, sent as a response header (see create-window.ts). The meta
 * tag in src/renderer/index.html carries the same policy minus what only a header can say
 * (frame-ancestors); test/security/electronegativity.test.ts checks the two agree.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
