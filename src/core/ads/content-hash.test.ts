import { describe, expect, it } from 'vitest';
import { adContentHash } from './content-hash';

const base = { title: 'Ny i stan', body: 'Ring mig', location: 'Umeå', phoneField: null, statedAge: 24 };

describe('adContentHash', () => {
  it('ignores whitespace differences and Unicode normalisation form', () => {
    expect(adContentHash({ ...base, body: '  Ring   mig\n' })).toBe(adContentHash(base));
    expect(adContentHash({ ...base, location: 'Ume\u0061\u030a' })).toBe(adContentHash(base));
  });
  it('changes when text, place, phone field or age change', () => {
    const h = adContentHash(base);
    expect(adContentHash({ ...base, body: 'Ring mig ikväll' })).not.toBe(h);
    expect(adContentHash({ ...base, location: 'Luleå' })).not.toBe(h);
    expect(adContentHash({ ...base, phoneField: '070-123 45 67' })).not.toBe(h);
    expect(adContentHash({ ...base, statedAge: 25 })).not.toBe(h);
    expect(adContentHash({ ...base, title: null })).not.toBe(h);
  });
});
