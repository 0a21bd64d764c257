/**
 * Bytes → text for topology documents and other files admins hand us. Windows PowerShell 5.1's `>`
 * and `Out-File` write UTF-16LE with a BOM; other tools write UTF-8 with or without one.
 */

/** The bytes are not text in any encoding we read; `offset` is the first bad byte. */
export class TextDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TextDecodeError';
  }
}

/**
 * Decodes UTF-8 (with or without BOM) and UTF-16LE/BE with a BOM. A BOM-less document that starts
 * with `<` encoded as UTF-16 (XML 1.0 appendix F) is read as UTF-16 too. The BOM is not returned.
 * Throws TextDecodeError when UTF-8 is invalid, rather than silently inserting U+FFFD.
 */
export function decodeText(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeUtf8(bytes.subarray(3), 3);
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes.subarray(2), 'le');
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'be');
  if (b0 === 0x3c && b1 === 0x00) return decodeUtf16(bytes, 'le');
  if (b0 === 0x00 && b1 === 0x3c) return decodeUtf16(bytes, 'be');
  return decodeUtf8(bytes, 0);
}

function decodeUtf8(bytes: Uint8Array, bomLength: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = bomLength + firstInvalidUtf8(bytes);
    throw new TextDecodeError(
      `not valid UTF-8 (byte ${offset}); save the file as UTF-8 or UTF-16 with a byte-order mark`,
      offset,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  if (bytes.length % 2 !== 0) {
    throw new TextDecodeError('UTF-16 text has an odd number of bytes: the file is truncated', bytes.length);
  }
  // Only 'utf-16le' is guaranteed in every TextDecoder (Node without full ICU, browsers), so
  // big-endian input is byte-swapped first.
  let source = bytes;
  if (order === 'be') {
    source = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      source[i] = bytes[i + 1]!;
      source[i + 1] = bytes[i]!;
    }
  }
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(source);
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}
