#!/usr/bin/env node
/*
 * Renders build/icon.svg (the "pool graph" mark) with the system Chromium into what electron-builder
 * packs: build/icons/<n>x<n>.png for Linux and build/icon.ico for Windows. The .ico is built here,
 * not by electron-builder, because its PNG→ICO conversion downloads a tool bundle at build time.
 * Run by hand after changing the SVG: node build/render-icon.mjs
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** An .ico whose images are PNG-compressed (Windows Vista and later read these at every size). */
function icoFromPngs(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.POOLPILOT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const render = async (size) => {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    await page.close();
    return png;
  };
  mkdirSync(join(here, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(here, 'icons', `${size}x${size}.png`), await render(size));
  const images = [];
  for (const size of ICO_SIZES) images.push({ size, png: await render(size) });
  writeFileSync(join(here, 'icon.ico'), icoFromPngs(images));
  console.log(`wrote build/icons/{${LINUX_SIZES.join(',')}} and build/icon.ico (${ICO_SIZES.join(', ')})`);
} finally {
  await browser.close();
}
