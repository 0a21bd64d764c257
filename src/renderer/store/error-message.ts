/**
 * What an admin reads when an action fails: main's message (written for them, naming the file and
 * the reason) and what to do next. Main answers through envelopes, so its messages arrive clean;
 * what can still arrive raw is Electron's own wording when an invoke fails before reaching our
 * handlers, a browser exception's name, or a stack — those are taken off here.
 */

const ELECTRON_INVOKE = /^Error invoking remote method '[^']*': /;
/** "Error: …", "TypeError: …", "NotReadableError: …" — a class name, not something to read. */
const ERROR_NAME = /^(?:[A-Z]\w*)?Error: /;
const STACK_FRAME = /^\s+at \S/;

export function readableMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const text = raw
    .replace(ELECTRON_INVOKE, '')
    .replace(ERROR_NAME, '')
    .split(/\r?\n/)
    .filter((line) => !STACK_FRAME.test(line))
    .join('\n')
    .trim();
  return text || 'It failed without saying why.';
}

/** The message as a sentence, then what to do next. */
export function withNextStep(err: unknown, next: string): string {
  const message = readableMessage(err);
  return `${/[.!?]$/.test(message) ? message : `${message}.`} ${next}`;
}
