/** The window's last size and position, remembered between runs. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** Accepts only sane stored bounds; anything else means "use the defaults". */
export function parseWindowBounds(value: unknown): WindowBounds | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const num = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!num(v.width) || !num(v.height) || v.width < 400 || v.height < 300) return undefined;
  return {
    width: Math.round(v.width),
    height: Math.round(v.height),
    ...(num(v.x) && num(v.y) ? { x: Math.round(v.x), y: Math.round(v.y) } : {}),
    maximized: v.maximized === true,
  };
}
