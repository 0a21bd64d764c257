/**
 * Packages PoolPilot with the project's electron-builder.yml, offline, and checks what an admin's
 * machine would get. Electron itself cannot be downloaded here, so `electronDist` points at
 * stand-ins (see stand-in-electron.ts); everything else is the real configuration and the real
 * electron-builder: the `dir` targets for Linux and Windows (the installers wrap exactly these
 * folders; NSIS and AppImage tooling would be downloaded, so those targets are checked as
 * configuration). Slow (a build and two packs): about half a minute.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRawHeader, listPackage, extractFile } from '@electron/asar';
import { Arch, build, Platform, type AfterPackContext, type FileAssociation, type TargetConfiguration } from 'electron-builder';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';
import { FUSE_DISABLED, FUSE_ENABLED, linuxStandIn, readFuses, windowsStandIn } from './stand-in-electron';

const ROOT = resolve(__dirname, '../..');
/** What a checkout has that is not the project itself (or is rebuilt into the stage). */
const NOT_COPIED = new Set(['node_modules', 'out', 'dist', '.git', '.tmp', 'test-results', 'playwright-report']);
const PROBE_SCRIPT = 'poolpilot-packaging-probe.ps1';
const PACK_TIMEOUT = 300_000;

interface Packed {
  appOutDir: string;
  asar: string;
  files: string[];
  targets: string[];
  fileAssociations: FileAssociation[];
}

let stage: string;
const packed: Partial<Record<'linux' | 'win', Packed>> = {};

/** A copy of the project (sources, tests and all, to prove they stay out) with node_modules linked in. */
function stageProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolpilot-pack-'));
  for (const entry of readdirSync(ROOT)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');
  // Stands for the scripts the PowerShell session layer will ship in resources/ps.
  mkdirSync(join(dir, 'resources', 'ps'), { recursive: true });
  writeFileSync(join(dir, 'resources', 'ps', PROBE_SCRIPT), "Write-Output 'packaged outside app.asar'\n");
  return dir;
}

function buildApp(dir: string): void {
  const bin = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const result = spawnSync(bin, ['build', '--logLevel', 'warn'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`electron-vite build failed in the staged copy:\n${result.stdout}\n${result.stderr}`);
}

async function pack(platform: 'linux' | 'win'): Promise<Packed> {
  const electronDist = mkdtempSync(join(stage, `.electron-${platform}-`));
  (platform === 'linux' ? linuxStandIn : windowsStandIn)(electronDist);
  let seen: Pick<Packed, 'targets' | 'fileAssociations' | 'appOutDir'> | undefined;
  await build({
    projectDir: stage,
    targets: (platform === 'linux' ? Platform.LINUX : Platform.WINDOWS).createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      directories: { output: join(stage, `dist-${platform}`) },
      afterPack: async (context: AfterPackContext) => {
        const configured = (context.packager.platformSpecificBuildOptions as { target?: Array<string | TargetConfiguration> }).target ?? [];
        seen = {
          appOutDir: context.appOutDir,
          targets: configured.map((t) => (typeof t === 'string' ? t : t.target)),
          fileAssociations: context.packager.fileAssociations,
        };
      },
    },
  });
  if (!seen) throw new Error(`electron-builder did not pack for ${platform}`);
  const asar = join(seen.appOutDir, 'resources', 'app.asar');
  const files = listPackage(asar, { isPack: false }).map((p) => p.split(sep).join('/'));
  return { ...seen, asar, files };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

beforeAll(async () => {
  stage = stageProject();
  buildApp(stage);
  packed.linux = await pack('linux');
  packed.win = await pack('win');
}, PACK_TIMEOUT);

afterAll(() => {
  if (stage) rmSync(stage, { recursive: true, force: true });
});

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe.each(['linux', 'win'] as const)('the packaged app (%s)', (platform) => {
  const get = () => packed[platform]!;

  it('app.asar holds the built main, preload and renderer, package.json and node_modules — nothing else at the top', () => {
    const { files } = get();
    const top = new Set(files.map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const outParts = new Set(files.filter((f) => f.startsWith('/out/')).map((f) => f.split('/')[2]));
    expect([...outParts].sort()).toEqual(['main', 'preload', 'renderer']);
    for (const entry of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(files, entry).toContain(entry);
    }
  });

  it('every file of the build is in it, with no source maps', () => {
    const { files } = get();
    const built = ['main', 'preload', 'renderer'].flatMap((part) => walk(join(stage, 'out', part)));
    expect(built.length).toBeGreaterThan(3);
    for (const file of built) expect(files).toContain('/' + relative(stage, file).split(sep).join('/'));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('the packaged package.json starts the bundled main process', () => {
    const { asar, files } = get();
    const packaged = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; devDependencies?: unknown };
    expect(files).toContain('/' + packaged.main);
    expect(packaged.devDependencies).toBeUndefined();
  });

  it('ships the production dependencies and none of the development ones', () => {
    const { files } = get();
    const modules = new Set(
      files
        .filter((f) => f.startsWith('/node_modules/'))
        .map((f) => f.split('/').slice(2, f.split('/')[2]?.startsWith('@') ? 4 : 3).join('/')),
    );
    for (const dep of ['zod', 'saxes', 'node-powershell', ...Object.keys(pkg.dependencies)]) {
      expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
    }
    const devOnly = Object.keys(pkg.devDependencies).filter((d) => !(d in pkg.dependencies));
    expect(devOnly).toEqual(expect.arrayContaining(['react', 'vite', 'vitest', '@playwright/test', 'electron']));
    expect(devOnly.filter((d) => modules.has(d))).toEqual([]);
    for (const name of ['playwright', 'playwright-core', 'react-dom', 'cytoscape', 'typescript', 'electron-builder', 'axe-core']) {
      expect(modules.has(name), name).toBe(false);
    }
  });

  it('has no sources, tests or build tooling in it', () => {
    const { files } = get();
    const stray = files.filter((f) => /^\/(src|test|bench|scripts|bin|build|resources|\.ci)(\/|$)|^\/out\/cli(\/|$)|\.tsx?$/.test(f));
    expect(stray.filter((f) => !f.startsWith('/node_modules/'))).toEqual([]);
    expect(files.filter((f) => /\/(electron-builder\.yml|tsconfig\.json|vitest\.config\.mts|package-lock\.json)$/.test(f))).toEqual([]);
  });

  it('ships the PowerShell scripts outside app.asar, in resources/ps, and unpacks nothing else', () => {
    const { appOutDir, files } = get();
    expect(existsSync(join(appOutDir, 'resources', 'ps', PROBE_SCRIPT))).toBe(true);
    expect(files.filter((f) => /\.ps[dm]?1$/i.test(f))).toEqual([]);
    expect(existsSync(join(appOutDir, 'resources', 'app.asar.unpacked'))).toBe(false);
    expect(readdirSync(join(appOutDir, 'resources')).sort()).toEqual(['app.asar', 'ps']);
  });

  it('fuses Electron: no running as Node, no NODE_OPTIONS or --inspect, app code only from app.asar', () => {
    const { appOutDir } = get();
    const exe = join(appOutDir, platform === 'win' ? 'PoolPilot.exe' : 'poolpilot');
    const [runAsNode, cookieEncryption, nodeOptions, inspect, asarIntegrity, onlyAsar, , fileProtocol] = readFuses(readFileSync(exe));
    expect({ runAsNode, nodeOptions, inspect, onlyAsar }).toEqual({
      runAsNode: FUSE_DISABLED,
      nodeOptions: FUSE_DISABLED,
      inspect: FUSE_DISABLED,
      onlyAsar: FUSE_ENABLED,
    });
    expect(cookieEncryption).toBe(FUSE_ENABLED);
    expect(asarIntegrity).toBe(FUSE_ENABLED);
    // Left on on purpose: the renderer is loaded from file:// (electron-builder.yml says why).
    expect(fileProtocol).toBe(FUSE_ENABLED);
  });

  it('declares the snapshot and Topology Builder file associations', () => {
    expect(get().fileAssociations.map((a) => a.ext).sort()).toEqual(['poolpilot', 'tbxml']);
  });
});

describe('Windows specifics', () => {
  const resourcesOf = () => {
    const exe = NtExecutable.from(readFileSync(join(packed.win!.appOutDir, 'PoolPilot.exe')));
    return NtExecutableResource.from(exe).entries;
  };

  it('builds an NSIS installer and a portable exe', () => {
    expect(packed.win!.targets.sort()).toEqual(['nsis', 'portable']);
  });

  it('the exe carries the hash of app.asar, so the integrity fuse accepts the packaged app and nothing else', () => {
    const entry = resourcesOf().find((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR');
    expect(entry).toBeDefined();
    const integrity = JSON.parse(Buffer.from(entry!.bin).toString('utf8')) as Array<{ file: string; alg: string; value: string }>;
    const header = getRawHeader(packed.win!.asar).headerString;
    expect(integrity).toEqual([{ file: 'resources\\app.asar', alg: 'SHA256', value: createHash('sha256').update(header).digest('hex') }]);
  });

  it('the exe shows PoolPilot, its version and the PoolPilot icon in Explorer', () => {
    const entries = resourcesOf();
    const [version] = Resource.VersionInfo.fromEntries(entries);
    expect(version!.getStringValues({ lang: 1033, codepage: 1200 })).toMatchObject({ ProductName: 'PoolPilot', FileDescription: 'PoolPilot' });
    const icons = Resource.IconGroupEntry.fromEntries(entries);
    expect(icons).toHaveLength(1);
    expect(icons[0]!.icons.map((i) => i.width || 256).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});

describe('Linux specifics', () => {
  it('builds an AppImage', () => {
    expect(packed.linux!.targets).toEqual(['AppImage']);
  });

  it('has icons from 16 to 512 pixels drawn from the same mark', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(ROOT, 'build', 'icons', `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(statSync(join(ROOT, 'build', 'icon.svg')).size).toBeGreaterThan(0);
  });
});
