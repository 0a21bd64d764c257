/**
 * Stand-in Electron distributions for packaging offline: electron-builder copies an unpacked
 * `electronDist` folder instead of downloading Electron, so a folder with the files it touches is
 * enough — the executable (renamed to the app's name, its fuses flipped, and on Windows its
 * resources edited) plus a locale. Each executable carries a fuse wire in Electron's own defaults,
 * so a test can see which fuses packaging changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The library electron-builder itself edits the Windows executable with (a dependency of app-builder-lib).
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';

/** @electron/fuses finds the wire after this sentinel: version byte, length byte, one byte per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_ENABLED = 0x31;
export const FUSE_DISABLED = 0x30;

/** Electron's shipped defaults, in wire order (RunAsNode … GrantFileProtocolExtraPrivileges). */
const DEFAULT_WIRE = [
  FUSE_ENABLED, // RunAsNode
  FUSE_DISABLED, // EnableCookieEncryption
  FUSE_ENABLED, // EnableNodeOptionsEnvironmentVariable
  FUSE_ENABLED, // EnableNodeCliInspectArguments
  FUSE_DISABLED, // EnableEmbeddedAsarIntegrityValidation
  FUSE_DISABLED, // OnlyLoadAppFromAsar
  FUSE_DISABLED, // LoadBrowserProcessSpecificV8Snapshot
  FUSE_ENABLED, // GrantFileProtocolExtraPrivileges
];

function fuseWire(): Buffer {
  return Buffer.concat([Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([1, DEFAULT_WIRE.length, ...DEFAULT_WIRE])]);
}

/** The fuse bytes of a packaged executable, in wire order. */
export function readFuses(executable: Buffer): number[] {
  const at = executable.indexOf(FUSE_SENTINEL, 0, 'ascii');
  if (at < 0) throw new Error('no fuse wire in the executable');
  const start = at + FUSE_SENTINEL.length;
  const length = executable[start + 1] ?? 0;
  return [...executable.subarray(start + 2, start + 2 + length)];
}

function common(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for the Electron licence');
}

/** Linux layout: `electron` (a shell script that is also a fuse-wire carrier). */
export function linuxStandIn(dir: string): string {
  common(dir);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), fuseWire()]), { mode: 0o755 });
  return dir;
}

/**
 * Windows layout: `electron.exe`, a valid empty PE image with the one version-info block
 * electron-builder requires before it adds the app.asar integrity resource, and the fuse wire
 * as trailing data (kept when the resources are rewritten).
 */
export function windowsStandIn(dir: string): string {
  common(dir);
  const exe = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(exe);
  const version = Resource.VersionInfo.createEmpty();
  version.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'Electron' });
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  exe.setExtraData(fuseWire());
  writeFileSync(join(dir, 'electron.exe'), Buffer.from(exe.generate()));
  return dir;
}
