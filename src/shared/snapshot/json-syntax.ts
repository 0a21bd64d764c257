/**
 * Finds where a JSON text first goes wrong. JSON.parse's messages differ between engines (Node,
 * Electron's renderer) and often carry no position at all ("Unexpected end of JSON input"), so
 * after JSON.parse has refused a text this scanner locates the problem for a line/column message.
 * Iterative (explicit stack) so deeply nested garbage cannot overflow the call stack.
 */

export interface JsonSyntaxProblem {
  /** 1-based line and column (in UTF-16 code units, as editors count them). */
  line: number;
  column: number;
  message: string;
}

type Expecting = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';

function describe(ch: string): string {
  return JSON.stringify(ch);
}

/** The first syntax problem in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const offset = firstProblem(text);
  if (!offset) return undefined;
  const before = text.slice(0, offset.at);
  const line = before.split('\n').length;
  const column = offset.at - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, message: offset.message };
}

function firstProblem(text: string): { at: number; message: string } | undefined {
  const stack: ('{' | '[')[] = [];
  let expecting: Expecting = 'value';
  let i = 0;
  const afterValue = (): Expecting => (stack.length > 0 ? 'commaOrClose' : 'end');

  const scanString = (): { at: number; message: string } | undefined => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) return { at: start, message: 'a string is not closed (missing ")' };
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return undefined;
      }
      if (ch.charCodeAt(0) < 0x20) return { at: i, message: 'a line break or control character inside a string' };
      if (ch === '\\') {
        const next = text[i + 1] ?? '';
        if (next !== '' && SIMPLE_ESCAPES.includes(next)) i += 2;
        else if (next === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return { at: i, message: 'a \\u escape needs four hex digits' };
          i += 6;
        } else return { at: i, message: `invalid escape \\${next}` };
      } else i++;
    }
  };

  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
    if (i >= text.length) {
      if (expecting === 'end') return undefined;
      return { at: text.length, message: 'the text ends before the JSON is complete' };
    }
    const ch = text[i]!;
    switch (expecting) {
      case 'end':
        return { at: i, message: `unexpected ${describe(ch)} after the end of the JSON value` };
      case 'colon':
        if (ch !== ':') return { at: i, message: `expected ':' after a property name, found ${describe(ch)}` };
        i++;
        expecting = 'value';
        break;
      case 'commaOrClose': {
        const close = stack[stack.length - 1] === '{' ? '}' : ']';
        if (ch === ',') {
          i++;
          expecting = close === '}' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expecting = afterValue();
        } else return { at: i, message: `expected ',' or '${close}', found ${describe(ch)}` };
        break;
      }
      case 'key':
      case 'keyOrClose':
        if (expecting === 'keyOrClose' && ch === '}') {
          i++;
          stack.pop();
          expecting = afterValue();
        } else if (ch === '"') {
          const problem = scanString();
          if (problem) return problem;
          expecting = 'colon';
        } else return { at: i, message: `expected a property name in double quotes, found ${describe(ch)}` };
        break;
      case 'value':
      case 'valueOrClose':
        if (expecting === 'valueOrClose' && ch === ']') {
          i++;
          stack.pop();
          expecting = afterValue();
        } else if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expecting = ch === '{' ? 'keyOrClose' : 'valueOrClose';
        } else if (ch === '"') {
          const problem = scanString();
          if (problem) return problem;
          expecting = afterValue();
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return { at: i, message: 'invalid number' };
          i = NUMBER.lastIndex;
          expecting = afterValue();
        } else {
          const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
          if (!literal) return { at: i, message: `expected a value, found ${describe(ch)}` };
          i += literal.length;
          expecting = afterValue();
        }
        break;
    }
  }
}
