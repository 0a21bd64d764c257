/**
 * Looks for a secret (a password typed for a PowerShell session) where it must never be: files a
 * run left behind (app data, snapshots, logs, reports) and strings (log lines, error messages,
 * IPC answers). It looks for the secret as typed and as it would leak when encoded: UTF-8, UTF-16LE
 * (PowerShell's own strings, -EncodedCommand), Base64 of either (at any alignment inside a longer
 * Base64 run), and hex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretSighting {
  /** The file path, or the label of the string. */
  where: string;
  form: string;
}

/** Base64 text that appears wherever `bytes` sits inside a longer Base64 run, for each of the three alignments. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const encoded = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64');
    // Only the characters whose six bits all come from `bytes`.
    const core = encoded.slice(Math.ceil((8 * lead) / 6), Math.floor((8 * (lead + bytes.length)) / 6));
    if (core.length >= 4) cores.push(core);
  }
  return cores;
}

function forms(secret: string): Array<{ form: string; needle: Buffer }> {
  const utf8 = Buffer.from(secret, 'utf8');
  const utf16 = Buffer.from(secret, 'utf16le');
  return [
    { form: 'text (UTF-8)', needle: utf8 },
    { form: 'text (UTF-16LE)', needle: utf16 },
    ...base64Cores(utf8).map((core) => ({ form: 'Base64 of UTF-8', needle: Buffer.from(core, 'latin1') })),
    ...base64Cores(utf16).map((core) => ({ form: 'Base64 of UTF-16LE', needle: Buffer.from(core, 'latin1') })),
    { form: 'hex', needle: Buffer.from(utf8.toString('hex'), 'latin1') },
    { form: 'hex', needle: Buffer.from(utf8.toString('hex').toUpperCase(), 'latin1') },
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * Every place `secret` shows up, in any of the forms above. Secrets shorter than 8 characters are
 * refused: short strings turn up by chance, and a test must not pass or fail on luck.
 */
export function findSecret(secret: string, where: { folders?: string[]; texts?: Record<string, string> }): SecretSighting[] {
  if (secret.length < 8) throw new Error('findSecret needs a secret of at least 8 characters to avoid chance matches');
  const needles = forms(secret);
  const sightings: SecretSighting[] = [];
  const search = (label: string, haystack: Buffer) => {
    const seen = new Set<string>();
    for (const { form, needle } of needles) {
      if (!seen.has(form) && haystack.includes(needle)) {
        seen.add(form);
        sightings.push({ where: label, form });
      }
    }
  };
  for (const folder of where.folders ?? []) for (const file of filesUnder(folder)) search(file, readFileSync(file));
  for (const [label, text] of Object.entries(where.texts ?? {})) search(label, Buffer.from(text, 'utf8'));
  return sightings;
}
