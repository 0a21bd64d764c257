import { describe, expect, it } from 'vitest';
import { TextDecodeError, decodeText } from '../../../src/shared/topology/encoding';
import { TopologyImportError, importTopology } from '../../../src/shared/topology/import';
import { SAMPLES, sampleText } from './fixtures';

const BOM8 = [0xef, 0xbb, 0xbf];
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  return new Uint8Array([0xfe, 0xff, ...le.swap16()]);
};
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const lf = (text: string) => text.replace(/\r\n/g, '\n');

describe('decodeText', () => {
  const text = 'Zürich — <Name>Site</Name>\r\n';

  it('reads UTF-8 with and without BOM, and UTF-16 LE/BE with BOM, dropping the BOM', () => {
    expect(decodeText(utf8(text))).toBe(text);
    expect(decodeText(new Uint8Array([...BOM8, ...utf8(text)]))).toBe(text);
    expect(decodeText(utf16le(text))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
  });

  it('reads BOM-less UTF-16 that starts with "<"', () => {
    expect(decodeText(new Uint8Array(Buffer.from('<a/>', 'utf16le')))).toBe('<a/>');
  });

  it('rejects invalid UTF-8, naming the first bad byte', () => {
    const bytes = new Uint8Array([...utf8('<a>'), 0xff, ...utf8('</a>')]);
    expect(() => decodeText(bytes)).toThrow(TextDecodeError);
    expect(() => decodeText(bytes)).toThrow(/byte 3/);
  });

  it('rejects truncated UTF-16', () => {
    expect(() => decodeText(utf16le('<a/>').subarray(0, 7))).toThrow(/odd number of bytes/);
  });
});

describe('importTopology reads every encoding a topology is saved in, with the same result', () => {
  for (const name of Object.values(SAMPLES)) {
    it(name, () => {
      const text = sampleText(name).replace(/^\uFEFF/, '');
      const variants = {
        'UTF-16LE, BOM, CRLF (PowerShell 5.1 Out-File)': utf16le(crlf(text)),
        'UTF-8 with BOM': new Uint8Array([...BOM8, ...utf8(lf(text))]),
        'UTF-8 without BOM': utf8(lf(text)),
        'UTF-16BE with BOM': utf16be(text),
        'a string': text,
      };
      const results = Object.entries(variants).map(([variant, input]) => ({ variant, ...importTopology(input) }));
      const first = results[0]!;
      expect(first.issues).toEqual([]);
      expect(first.topology.pools.length).toBeGreaterThan(2);
      for (const r of results) {
        expect({ variant: r.variant, topology: r.topology, form: r.form, issues: r.issues }).toEqual({
          variant: r.variant,
          topology: first.topology,
          form: first.form,
          issues: [],
        });
      }
    });
  }

  it('reports undecodable bytes as an import error naming the file', () => {
    const bytes = new Uint8Array([...utf8('<Topology>'), 0xc3, 0x28]);
    expect(() => importTopology(bytes, { fileName: 'bad.xml' })).toThrow(TopologyImportError);
    try {
      importTopology(bytes, { fileName: 'bad.xml' });
    } catch (error) {
      expect((error as TopologyImportError).issues).toEqual([
        expect.objectContaining({ severity: 'error', file: 'bad.xml', message: expect.stringMatching(/^bad\.xml cannot be read as text: not valid UTF-8 \(byte 10\)/) }),
      ]);
    }
  });
});
