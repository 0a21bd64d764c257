/**
 * Escaping for the XML exports (draw.io, SVG). Builds on html.ts's htmlText (the five special
 * characters, and control characters XML 1.0 cannot carry), and also replaces lone surrogates,
 * which no UTF-8 file can hold.
 */
import { htmlText } from './html';

export function xmlText(value: string): string {
  return htmlText(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** For an attribute value: parsers turn a raw newline or tab there into a space, so they are written as references. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/\n/g, '&#xa;').replace(/\r/g, '&#xd;').replace(/\t/g, '&#x9;');
}
