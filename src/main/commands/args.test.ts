import { describe, expect, it } from 'vitest';
import { noPositionals, parseCommandArgs } from './args';
import { UsageError } from './command';

const options = {
  out: { type: 'string' },
  compare: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  images: { type: 'boolean' },
} as const;

describe('parseCommandArgs', () => {
  it('reads values, repeated values, flags, negated flags and positionals', () => {
    const { values, positionals } = parseCommandArgs(
      ['2480', '--out', 'a.pdf', '--compare=24', '--compare', 'Nord', '--json', '--no-images'],
      options,
    );
    expect(values).toEqual({ out: 'a.pdf', compare: ['24', 'Nord'], json: true, images: false });
    expect(positionals).toEqual(['2480']);
  });

  it.each([
    [['--bogus'], 'unknown argument "--bogus"'],
    [['--out'], '--out needs a value'],
    [['--json=yes'], "Option '--json' does not take an argument"],
  ])('turns %j into a usage error: %s', (args, message) => {
    expect(() => parseCommandArgs(args, options)).toThrow(UsageError);
    expect(() => parseCommandArgs(args, options)).toThrow(message);
  });

  it('refuses positionals where a command takes none', () => {
    expect(() => noPositionals(['stray'])).toThrow(new UsageError('unknown argument "stray"'));
    expect(() => noPositionals([])).not.toThrow();
  });
});
