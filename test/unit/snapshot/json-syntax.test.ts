import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from '../../../src/shared/snapshot/json-syntax';

describe('findJsonSyntaxProblem', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9\\"y"], "b": {}}\r\n',
    '"just a string"',
    '0',
  ])('accepts valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxProblem(text)).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes, found "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, `expected ',' or '}', found "\\""`],
    ['[1, 2', 1, 6, 'the text ends before the JSON is complete'],
    ['', 1, 1, 'the text ends before the JSON is complete'],
    ['{"a" 1}', 1, 6, "expected ':' after a property name, found \"1\""],
    ['{"a": tru}', 1, 7, 'expected a value, found "t"'],
    ['{"a": "line\nbreak"}', 1, 12, 'a line break or control character inside a string'],
    ['{"a": "open', 1, 7, 'a string is not closed (missing ")'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape \\x'],
    ['{"a": "\\u12"}', 1, 8, 'a \\u escape needs four hex digits'],
    ['{"a": -}', 1, 7, 'invalid number'],
    ['[1] [2]', 1, 5, 'unexpected "[" after the end of the JSON value'],
    ["{'a': 1}", 1, 2, `expected a property name in double quotes, found "'"`],
    ['\r\n\r\n  {]', 3, 4, 'expected a property name in double quotes, found "]"'],
  ])('locates the problem in %j', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxProblem(text)).toEqual({ line, column, message });
  });

  it('survives very deep nesting without overflowing the stack', () => {
    const text = '['.repeat(200_000);
    expect(findJsonSyntaxProblem(text)).toEqual({ line: 1, column: 200_001, message: 'the text ends before the JSON is complete' });
  });
});
