import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-strength';

describe('passwordWeakness', () => {
  it.each([
    'password1234',
    'P@ssw0rd12345',
    'lösenord1234',
    'Sommar2026!!!',
    '123456789012',
    'qwertyuiop12',
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    'sommarsommar',
    'Välkommen2026',
    'fyren-fyren-2026',
    '!!!!2026!!!!',
  ])('refuses %s', (pw) => {
    expect(passwordWeakness(pw)).not.toBeNull();
  });

  it.each(['Ett långt nytt lösenord', 'korv med bröd i Umeå 7', 'tre gröna hästar springer', 'Admin-Lösen-2026!x7k'])(
    'accepts %s',
    (pw) => {
      expect(passwordWeakness(pw)).toBeNull();
    },
  );

  it('refuses a password built on the user name', () => {
    expect(passwordWeakness('karin.andersson-2026', ['karin.andersson'])).toMatch(/user name/);
  });
});
