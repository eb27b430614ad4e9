import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { isPurposeStated, PURPOSE_MIN_LENGTH, requirePurpose } from './purpose';

describe('the purpose rule', () => {
  it.each([
    [null, false],
    [undefined, false],
    ['', false],
    ['ab', false],
    ['  ab  ', false],
    ['abc', true],
    [' v12 ', true],
    ['Kartläggning: v. 12', true],
  ])('%j stated: %s', (purpose, isStated) => {
    expect(isPurposeStated(purpose)).toBe(isStated);
  });

  it('asks for three characters', () => {
    expect(PURPOSE_MIN_LENGTH).toBe(3);
  });

  it('throws PURPOSE_REQUIRED with the message it is given', () => {
    expect(() => requirePurpose(' x ', 'state the purpose (--purpose)')).toThrow(DomainError);
    expect(() => requirePurpose('ab', 'state the purpose (--purpose)')).toThrow('state the purpose (--purpose)');
    expect(() => requirePurpose('v. 12', 'unused')).not.toThrow();
  });
});
