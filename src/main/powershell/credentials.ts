/**
 * Credentials for the management endpoint, for admins whose Windows logon is not the account that
 * manages Skype for Business. A Credential never shows its password by accident: JSON, string
 * conversion and console inspection all print it redacted; only `revealPassword()` returns it, and
 * only the session calls that, to put it in a job payload.
 *
 * Stored encrypted, per endpoint, in one file written atomically. The cipher is injected: in the app
 * it is Electron's safeStorage (main-process glue: `{ encrypt: safeStorage.encryptString, decrypt:
 * safeStorage.decryptString }`), in tests a fake.
 */
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-write';
import { describeFsError } from '../services/fs-errors';

const REDACTED = '[redacted]';

export class Credential {
  readonly #password: string;

  constructor(
    readonly userName: string,
    password: string,
  ) {
    if (userName === '') throw new Error('a credential needs a user name');
    this.#password = password;
  }

  revealPassword(): string {
    return this.#password;
  }

  toJSON(): { userName: string; password: string } {
    return { userName: this.userName, password: REDACTED };
  }

  toString(): string {
    return `Credential(${this.userName})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export interface CredentialStore {
  /** The credential saved for an endpoint (Front End pool or server FQDN), if any. */
  get(endpoint: string): Promise<Credential | undefined>;
  set(endpoint: string, credential: Credential): Promise<void>;
  delete(endpoint: string): Promise<void>;
}

/** Encrypts for this user on this machine (Electron's safeStorage has this shape). */
export interface Cipher {
  encrypt(plainText: string): Uint8Array;
  decrypt(encrypted: Buffer): string;
}

const FILE_FORMAT = 'poolpilot.credentials';
const fileSchema = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  /** Endpoint → base64 of the encrypted JSON {userName, password}. */
  entries: z.record(z.string(), z.string()),
});
const secretSchema = z.object({ userName: z.string().min(1), password: z.string() });

export class CredentialStoreError extends Error {
  override readonly name = 'CredentialStoreError';
}

/** A CredentialStore in one file; every entry encrypted with the cipher. */
export class EncryptedFileCredentialStore implements CredentialStore {
  constructor(
    private readonly filePath: string,
    private readonly cipher: Cipher,
  ) {}

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new CredentialStoreError(`Cannot read ${this.filePath}: ${describeFsError(err)}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new CredentialStoreError(`${this.filePath}: not valid JSON`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new CredentialStoreError(`${this.filePath}: not a PoolPilot credentials file`);
    return parsed.data.entries;
  }

  private async write(entries: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.filePath, `${JSON.stringify({ format: FILE_FORMAT, version: 1, entries }, null, 2)}\n`);
  }

  async get(endpoint: string): Promise<Credential | undefined> {
    const key = endpoint.toLowerCase();
    const entry = (await this.read())[key];
    if (entry === undefined) return undefined;
    let secret: unknown;
    try {
      secret = JSON.parse(this.cipher.decrypt(Buffer.from(entry, 'base64')));
    } catch {
      // Never the decrypted text in a message: it may hold the password.
      throw new CredentialStoreError(`${this.filePath}: the credential for ${key} cannot be decrypted (saved by another user or machine?)`);
    }
    const parsed = secretSchema.safeParse(secret);
    if (!parsed.success) throw new CredentialStoreError(`${this.filePath}: the credential for ${key} is damaged`);
    return new Credential(parsed.data.userName, parsed.data.password);
  }

  async set(endpoint: string, credential: Credential): Promise<void> {
    const entries = await this.read();
    const plain = JSON.stringify({ userName: credential.userName, password: credential.revealPassword() });
    entries[endpoint.toLowerCase()] = Buffer.from(this.cipher.encrypt(plain)).toString('base64');
    await this.write(entries);
  }

  async delete(endpoint: string): Promise<void> {
    const entries = await this.read();
    const key = endpoint.toLowerCase();
    if (!(key in entries)) return;
    delete entries[key];
    await this.write(entries);
  }
}
