/**
 * A stand-in for Electron's safeStorage in tests (the credential store's cipher): reversible, and
 * unlike any form findSecret looks for (text, UTF-16, Base64, hex), so a test that searches files
 * for a password finds it only where it leaked, not in the store. Not encryption.
 */
import type { Cipher } from '../../src/main/powershell/credentials';

const MASK = 0x5a;

export const fakeCipher: Cipher = {
  encrypt: (plainText) => Buffer.from(plainText, 'utf8').map((b) => b ^ MASK).reverse(),
  decrypt: (encrypted) => Buffer.from(Buffer.from(encrypted).reverse().map((b) => b ^ MASK)).toString('utf8'),
};
