import { describe, expect, it } from 'vitest';
import { integerArrayLiteral, jsonParam, textArrayLiteral } from './sql';

describe('jsonParam', () => {
  it('writes rows as JSON that reads back the same', () => {
    const rows = [{ a: 'Ny i stan – Lina 🔥', b: 1, c: null, d: ['x'], e: { f: true } }];
    expect(JSON.parse(jsonParam(rows))).toEqual(rows);
  });

  it('turns lone surrogates into U+FFFD and leaves pairs and escaped backslashes alone', () => {
    const high = '\u{1F525}'.slice(0, 1);
    const low = '\u{1F525}'.slice(1);
    const rows = [{ a: `het ${high}`, b: `${low}!`, c: '\\ud83d as text', d: '\\\\' + high }];
    expect(JSON.parse(jsonParam(rows))).toEqual([{ a: 'het \ufffd', b: '\ufffd!', c: '\\ud83d as text', d: '\\\\\ufffd' }]);
  });
});

describe('array literals', () => {
  it('quotes every text element, escaping backslash and double quote only', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['Lina', 'a,b', '{x}', 'say "hi"', 'c:\\d', 'NULL', '', ' å '])).toBe(
      '{"Lina","a,b","{x}","say \\"hi\\"","c:\\\\d","NULL",""," å "}',
    );
  });

  it('writes integers plainly and refuses anything else', () => {
    expect(integerArrayLiteral([1, -2, 9007199254740991])).toBe('{1,-2,9007199254740991}');
    expect(() => integerArrayLiteral([1.5])).toThrow(/not an integer: 1.5/);
  });
});
