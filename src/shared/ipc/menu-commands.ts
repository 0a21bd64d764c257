/** Commands the application menu sends to the renderer (main → renderer, no payload). */
export const MENU_COMMANDS = ['open', 'openDemo', 'saveSnapshot', 'exportPng', 'exportDrawio', 'exportSvg', 'find', 'fit', 'discover', 'snapshots', 'collector'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
