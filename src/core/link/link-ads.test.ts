import { describe, expect, it } from 'vitest';
import {
  bcubed,
  clusterId,
  explainPath,
  findNames,
  linkAds,
  orderByHash,
  linkByPhoneOnly,
  minhashSignature,
  rocAuc,
  estimateJaccard,
  lshBands,
  lshBandNumbers,
  bandKeyToNumber,
  bandKeyFromNumber,
  summariseClusters,
  summariseNetworks,
  indexClusters,
  RISK_WEIGHTS,
} from '.';
import { DEFAULT_LINK_PARAMS } from './params';
import type { LinkAd } from './types';

let n = 0;
function ad(over: Partial<LinkAd> & { key?: string }): LinkAd {
  n += 1;
  return {
    key: over.key ?? `s:${String(n).padStart(4, '0')}`,
    source: 's',
    firstDay: 100,
    lastDay: 105,
    municipalityCode: '2480',
    names: [],
    phones: [],
    emails: [],
    handles: [],
    images: [],
    text: null,
    repostOf: null,
    ...over,
  };
}

describe('findNames', () => {
  it.each([
    ['Anna i Umeå', 'Hej', ['anna']],
    [null, 'Hej! Jag heter Bella och är 23 år.', ['bella']],
    [null, 'Hi gentlemen 😘 My name is Ioana, I am 22 years.', ['ioana']],
    ['Sweet Kasia in Luleå', 'Kasia här', ['kasia']],
    [null, 'Hej hej 😘 me Lina, 22 år', ['lina']],
    ['Nora, 23 – Umeå', '', ['nora']],
    ['Relax in Umeå', 'Friendly and calm lady in Umeå.', []],
    ['NEW IN UMEÅ!!!', 'Anna & Bella, 22 and 23.', ['anna', 'bella']],
  ])('%s / %s', (title, body, expected) => {
    expect(findNames(title, body).map((h) => h.name)).toEqual(expected);
  });
  it('keeps the span it read', () => {
    const [hit] = findNames(null, 'Hej! Jag heter Bella.');
    expect(hit).toMatchObject({ field: 'body', start: 15, end: 20 });
  });
});

describe('minhash', () => {
  it('finds near-duplicates and keeps å ä ö apart from a a o', () => {
    const a = minhashSignature('Hej! Jag heter Anna och är 23 år. Trevlig och lugn tjej i Umeå. Ring mig kvällstid.');
    const b = minhashSignature('Hej! Jag heter Anna och är 24 år. Trevlig och lugn tjej i Umeå. Ring mig kvällstid.');
    const c = minhashSignature('Student i Lund söker mentor för resor och middagar, ömsesidigt arrangemang.');
    const d = minhashSignature('Hej! Jag heter Anna och ar 23 ar. Trevlig och lugn tjej i Umea. Ring mig kvallstid.');
    if (!a || !b || !c || !d) throw new Error('signature');
    expect(estimateJaccard(a, b)).toBe(1); // numbers fold to one token
    expect(estimateJaccard(a, c)).toBeLessThan(0.2);
    expect(estimateJaccard(a, d)).toBeLessThan(0.9);
    expect(lshBands(a)).toEqual(lshBands(b));
    expect(minhashSignature('två ord')).toBeNull();
  });
});

describe('linkAds', () => {
  it('joins ads of one person by number and keeps ids stable in any order', () => {
    const ads = [
      ad({ key: 's:1', phones: ['+46701111111'] }),
      ad({ key: 's:2', phones: ['+46701111111'] }),
      ad({ key: 's:3', phones: ['+46702222222'] }),
    ];
    const r1 = linkAds(ads, []);
    const r2 = linkAds([...ads].reverse(), []);
    expect(r1.profileOf.get('s:1')).toBe(r1.profileOf.get('s:2'));
    expect(r1.profileOf.get('s:1')).not.toBe(r1.profileOf.get('s:3'));
    expect(r1.profileOf.get('s:1')).toBe(clusterId('pf', 's:1'));
    expect([...r2.profileOf]).toEqual(expect.arrayContaining([...r1.profileOf]));
  });

  it('reads a number shown with different names at the same time as shared: a network, not a person', () => {
    const ads = [
      ad({ key: 's:1', phones: ['+40712345678'], names: ['ioana'], municipalityCode: '2480' }),
      ad({ key: 's:2', phones: ['+40712345678'], names: ['andreea'], municipalityCode: '2580' }),
      ad({ key: 's:3', phones: ['+40712345678'], names: ['ioana'], municipalityCode: '2480' }),
    ];
    const r = linkAds(ads, []);
    expect(r.signals.find((s) => s.value === '+40712345678')?.signalClass).toBe('shared');
    expect(r.profileOf.get('s:1')).toBe(r.profileOf.get('s:3'));
    expect(r.profileOf.get('s:1')).not.toBe(r.profileOf.get('s:2'));
    expect(r.networkOf.get('s:1')).toBe(r.networkOf.get('s:2'));
  });

  it('keeps one name over time on one number as one person (a changed alias is not two people)', () => {
    const ads = [
      ad({ key: 's:1', phones: ['+46701111111'], names: ['anna'], firstDay: 10, lastDay: 14 }),
      ad({ key: 's:2', phones: ['+46701111111'], names: ['bella'], firstDay: 18, lastDay: 20 }),
    ];
    const r = linkAds(ads, []);
    expect(r.profileOf.get('s:1')).toBe(r.profileOf.get('s:2'));
  });

  it('discounts a value on too many ads: a common number ties nothing', () => {
    const cap = DEFAULT_LINK_PARAMS.maxAdsPerSignal.phone;
    const ads = Array.from({ length: cap + 1 }, (_, i) => ad({ key: `s:${1000 + i}`, phones: ['+46771000000'] }));
    const r = linkAds(ads, []);
    expect(new Set(r.networkOf.values()).size).toBe(ads.length);
    expect(r.signals[0]).toMatchObject({ signalClass: 'common', adCount: cap + 1 });
    // The same two ads alone are linked, unless the installation-wide count says the value is common.
    const pair = ads.slice(0, 2);
    expect(new Set(linkAds(pair, []).networkOf.values()).size).toBe(1);
    expect(new Set(linkAds(pair, [], DEFAULT_LINK_PARAMS, new Map([['phone\u0000+46771000000', cap + 1]])).networkOf.values()).size).toBe(
      2,
    );
  });

  it('links near-duplicate text of one name as a person and leaves unrelated text apart', () => {
    const t1 = minhashSignature(
      'Hej! Jag heter Maja och är 25 år. Erbjuder sällskap och avkopplande massage i egen lägenhet. Tider efter överenskommelse.',
    );
    const t2 = minhashSignature(
      'Hej! Jag heter Maja och är 25 år. Erbjuder sällskap och avkopplande massage i egen lägenhet. Tider efter överenskommelse!',
    );
    const t3 = minhashSignature('Pluggar ekonomi i Lund. Gillar resor, gym och god mat. Söker en generös gentleman.');
    const r = linkAds(
      [ad({ key: 's:1', text: t1, names: ['maja'] }), ad({ key: 's:2', text: t2, names: ['maja'] }), ad({ key: 's:3', text: t3 })],
      [],
    );
    expect(r.profileOf.get('s:1')).toBe(r.profileOf.get('s:2'));
    expect(r.networkOf.get('s:3')).not.toBe(r.networkOf.get('s:1'));
    expect(r.edges.find((e) => e.kind === 'text')).toMatchObject({ a: 's:1', b: 's:2', level: 'profile' });
  });

  it('obeys corrections: confirm joins, cut and split refuse, a wrong extraction is no signal', () => {
    const ads = [
      ad({ key: 's:1', phones: ['+46701111111'] }),
      ad({ key: 's:2', phones: ['+46701111111'], images: ['img-a'] }),
      ad({ key: 's:3', images: ['img-a'] }),
      ad({ key: 's:4' }),
    ];
    const base = linkAds(ads, []);
    expect(new Set(['s:1', 's:2', 's:3'].map((k) => base.profileOf.get(k))).size).toBe(1);

    const cut = linkAds(ads, [{ id: 'c1', type: 'cut', level: 'profile', a: 's:1', b: 's:3' }]);
    expect(cut.profileOf.get('s:1')).not.toBe(cut.profileOf.get('s:3'));
    expect(cut.refused.length).toBeGreaterThan(0);
    // A profile-level cut still lets the evidence tie them into one network.
    expect(cut.networkOf.get('s:1')).toBe(cut.networkOf.get('s:3'));

    const split = linkAds(ads, [{ id: 'c2', type: 'split', level: 'network', keep: ['s:1', 's:2'], move: ['s:3'] }]);
    expect(split.networkOf.get('s:3')).not.toBe(split.networkOf.get('s:1'));

    const confirmed = linkAds(ads, [{ id: 'c3', type: 'confirm', level: 'profile', a: 's:1', b: 's:4' }]);
    expect(confirmed.profileOf.get('s:4')).toBe(confirmed.profileOf.get('s:1'));

    const wrong = linkAds(ads, [{ id: 'c4', type: 'wrong_extraction', ad: 's:2', kind: 'phone', value: '+46701111111' }]);
    expect(wrong.profileOf.get('s:1')).not.toBe(wrong.profileOf.get('s:2'));
    expect(wrong.profileOf.get('s:2')).toBe(wrong.profileOf.get('s:3'));
  });

  it('explains the chain of evidence between two ads', () => {
    const ads = [
      ad({ key: 's:1', phones: ['+46701111111'] }),
      ad({ key: 's:2', phones: ['+46701111111'], images: ['img-a'] }),
      ad({ key: 's:3', images: ['img-a'] }),
    ];
    const r = linkAds(ads, []);
    const path = explainPath(r.edges, 's:1', 's:3', 'profile');
    expect(path?.map((s) => `${s.edge.kind}:${s.to}`)).toEqual(['phone:s:2', 'image:s:3']);
    expect(explainPath(r.edges, 's:1', 's:9', 'network')).toBeNull();
  });
});

describe('baseline and measures', () => {
  it('phone-only baseline joins exact numbers only', () => {
    const m = linkByPhoneOnly([
      { key: 'a', phones: ['1'] },
      { key: 'b', phones: ['1', '2'] },
      { key: 'c', phones: ['2'] },
      { key: 'd', phones: [] },
    ]);
    expect(new Set([m.get('a'), m.get('b'), m.get('c')]).size).toBe(1);
    expect(m.get('d')).not.toBe(m.get('a'));
  });

  it('computes B-cubed and ROC AUC', () => {
    const truth = new Map([
      ['a', 'X'],
      ['b', 'X'],
      ['c', 'Y'],
    ]);
    expect(
      bcubed(
        new Map([
          ['a', '1'],
          ['b', '1'],
          ['c', '2'],
        ]),
        truth,
      ),
    ).toEqual({ precision: 1, recall: 1, f1: 1 });
    const merged = bcubed(
      new Map([
        ['a', '1'],
        ['b', '1'],
        ['c', '1'],
      ]),
      truth,
    );
    expect(merged.recall).toBe(1);
    expect(merged.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3);
    expect(
      rocAuc([
        { score: 1, isPositive: false },
        { score: 2, isPositive: true },
      ]),
    ).toBe(1);
    expect(
      rocAuc([
        { score: 1, isPositive: true },
        { score: 1, isPositive: false },
      ]),
    ).toBe(0.5);
  });
});

describe('summariseNetworks', () => {
  it('gives in slices exactly what summariseClusters gives at once', () => {
    const ads = [
      ad({ key: 'x:a1', phones: ['+46701111111'], names: ['anna'], municipalityCode: '2480' }),
      ad({ key: 'x:a2', phones: ['+46701111111'], names: ['anna'], municipalityCode: '0180', firstDay: 103, lastDay: 104 }),
      ad({ key: 'x:b1', phones: ['+46702222222'], names: ['bella'] }),
      ad({ key: 'x:c1', phones: ['+46703333333'], names: ['cleo'], images: ['img-1'] }),
      ad({ key: 'x:c2', phones: ['+46704444444'], names: ['dora'], images: ['img-1'] }),
    ];
    const result = linkAds(ads, [], DEFAULT_LINK_PARAMS);
    const facts = new Map(
      ads.map((a) => [
        a.key,
        {
          key: a.key,
          municipalityCode: a.municipalityCode,
          firstDay: a.firstDay,
          lastDay: a.lastDay,
          names: a.names,
          phones: a.phones,
          indicators: [],
        },
      ]),
    );
    const whole = summariseClusters(result, facts, RISK_WEIGHTS);
    const index = indexClusters(result);
    const networkIds = [...index.profilesOfNetwork.keys()];
    expect(networkIds.length).toBeGreaterThan(2);
    const parts = networkIds.map((n) => summariseNetworks(index, facts, RISK_WEIGHTS, [n]));
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(parts.flatMap((p) => p.profiles))).toEqual(byId(whole.profiles));
    expect(byId(parts.flatMap((p) => p.networks))).toEqual(byId(whole.networks));
  });
});

describe('band keys as numbers', () => {
  it('are the same keys as lshBands, both ways, and refuse anything else', () => {
    const sig = minhashSignature('Ny i stan, söt och glad tjej som väntar på dig i Umeå ikväll') as Uint32Array;
    const keys = lshBands(sig);
    expect(lshBandNumbers(sig)).toEqual(keys.map(bandKeyToNumber));
    expect(lshBandNumbers(sig).map(bandKeyFromNumber)).toEqual(keys);
    expect(() => bandKeyToNumber('b16:ff')).toThrow(/not a text band key/);
    expect(() => bandKeyToNumber('+46701111111')).toThrow(/not a text band key/);
  });
});

describe('orderByHash', () => {
  it('orders indices by key, ties by index, as a comparison sort does', () => {
    let s = 12345;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    for (const n of [0, 1, 2, 17, 5000]) {
      // Few distinct keys (many ties) and keys across the whole 32-bit range.
      const keys = Uint32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? next() % 7 : i % 3 === 1 ? next() : 0xffffffff - (next() % 3)));
      const expected = [...keys.keys()].sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
      expect([...orderByHash(keys)]).toEqual(expected);
    }
  });
});

describe('the bridge check (issue #16, item 4)', () => {
  const person = (name: string, phone: string, kommun: string, count: number, extra: string[] = []) =>
    Array.from({ length: count }, (_, i) =>
      ad({ key: `b:${name}${i}`, names: [name], phones: [phone], municipalityCode: kommun, images: i === 0 ? extra : [] }),
    );
  it('a stock photo shared by unrelated people does not make them one network; it stays as a refused edge', () => {
    const ads = [
      ...person('anna', '+46701111111', '2480', 3, ['stock-photo']),
      ...person('bella', '+46702222222', '0180', 3, ['stock-photo']),
      ...person('cora', '+46703333333', '1480', 4, ['stock-photo']),
    ];
    const r = linkAds(ads, []);
    const networks = new Set(ads.map((a) => r.networkOf.get(a.key)));
    expect(networks.size).toBe(3);
    expect(r.refused.filter((e) => e.kind === 'image' && e.value === 'stock-photo').length).toBeGreaterThan(0);
    // Without the check the photo glued the three people into one network.
    const off = linkAds(ads, [], { ...DEFAULT_LINK_PARAMS, bridgeMinAds: 0 });
    expect(new Set(ads.map((a) => off.networkOf.get(a.key))).size).toBe(1);
  });
  it('a picture next to another shared value still joins, and small profiles still join', () => {
    const a = person('anna', '+46701111111', '2480', 3, ['photo']);
    const b = person('bella', '+46702222222', '2480', 3, ['photo']);
    b[1] = { ...b[1]!, emails: ['booker@example.com'] };
    a[1] = { ...a[1]!, emails: ['booker@example.com'] };
    const r = linkAds([...a, ...b], []);
    expect(r.networkOf.get(a[0]!.key)).toBe(r.networkOf.get(b[0]!.key));
    const small = [...person('dora', '+46704444444', '2480', 1, ['p2']), ...person('eva', '+46705555555', '0180', 1, ['p2'])];
    const s = linkAds(small, []);
    expect(s.networkOf.get(small[0]!.key)).toBe(s.networkOf.get(small[1]!.key));
  });
});
