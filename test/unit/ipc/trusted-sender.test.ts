import { describe, expect, it, vi } from 'vitest';

const fromWebContents = vi.fn();
vi.mock('electron', () => ({ BrowserWindow: { fromWebContents }, ipcMain: { handle: vi.fn() } }));

const { isTrustedSender } = await import('../../../src/main/ipc/register');
const { isTrustedUrl } = await import('../../../src/main/window/trusted-url');

const APP = 'file:///opt/PoolPilot/resources/app.asar/out/renderer/index.html';
const event = (url: string | undefined) => ({ sender: {}, senderFrame: url === undefined ? null : { url } }) as never;

describe('isTrustedSender', () => {
  it('accepts our window showing our page', () => {
    fromWebContents.mockReturnValue({});
    expect(isTrustedSender(event(APP), APP)).toBe(true);
  });
  it('refuses a sender that is not one of our windows', () => {
    fromWebContents.mockReturnValue(null);
    expect(isTrustedSender(event(APP), APP)).toBe(false);
  });
  it('refuses our window once it shows another page', () => {
    fromWebContents.mockReturnValue({});
    expect(isTrustedSender(event('https://evil.example/'), APP)).toBe(false);
    expect(isTrustedSender(event('file:///tmp/other.html'), APP)).toBe(false);
    expect(isTrustedSender(event(undefined), APP)).toBe(false);
  });
});

describe('isTrustedUrl', () => {
  it('accepts only the dev server origin in development', () => {
    expect(isTrustedUrl('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedUrl('not a url', 'http://localhost:5173/')).toBe(false);
  });
});
