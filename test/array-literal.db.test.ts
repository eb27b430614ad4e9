/**
 * The array literals the bulk writes send (adapters/db/sql.ts) read back as the same
 * arrays on both engines, through the same JSON path the writes use, whatever the names hold.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { bigintArray, intArray, integerArrayLiteral, textArray, textArrayLiteral, uuidArray } from '../src/adapters/db/sql';
import { createTestDatabase, ENGINES, rowsOf, type TestDatabase } from './support/databases';

const TEXTS: string[][] = [
  [],
  ['Lina'],
  ['Ängel', 'Åsa', 'Öhman'],
  ['a,b', '{x}', 'say "hi"', 'c:\\d', '\\', '"', 'NULL', 'null', '', ' spaced ', 'tab\there', 'new\nline'],
  ['🔥 Hot', 'Ζωή', 'ミカ', "O'Brien"],
];
const NUMBERS: number[][] = [[], [0], [1, -2, 9007199254740991, -9007199254740991]];

describe.each(ENGINES)('array literals on %s', (engine) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('read back as the same text[] and bigint[] values', async () => {
    t = await createTestDatabase(engine);
    const rows = TEXTS.map((texts, i) => [i, textArrayLiteral(texts), integerArrayLiteral(NUMBERS[i % NUMBERS.length]!)]);
    const r = await t.database.db.execute(sql`
      select (x->>0)::int as i, (x->>1)::text[] as texts, ((x->>2)::bigint[])::text[] as numbers
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x order by 1`);
    const got = rowsOf<{ i: number; texts: string[]; numbers: string[] }>(r);
    expect(got.map((g) => g.texts)).toEqual(TEXTS);
    expect(got.map((g) => g.numbers.map(Number))).toEqual(TEXTS.map((_, i) => NUMBERS[i % NUMBERS.length]));
  });

  it('pass arrays to SQL as the same values through the sql.ts helpers', async () => {
    const uuids = ['00000000-0000-4000-8000-000000000001', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
    const keys = ['0', '281474976710655', '-5'];
    for (const texts of TEXTS) {
      const r = await t.database.db.execute(sql`select ${textArray(texts)} as texts, cardinality(${textArray(texts)}) as n`);
      const [row] = rowsOf<{ texts: string[]; n: number }>(r);
      expect(row?.texts).toEqual(texts);
      expect(Number(row?.n)).toBe(texts.length);
    }
    const r = await t.database.db.execute(
      sql`select ${uuidArray(uuids)}::text[] as uuids, ${bigintArray(keys)}::text[] as keys, ${intArray([3, -1, 0])}::text[] as ints`,
    );
    expect(rowsOf<{ uuids: string[]; keys: string[]; ints: string[] }>(r)[0]).toEqual({ uuids, keys, ints: ['3', '-1', '0'] });
    expect(() => bigintArray(['1,2'])).toThrow(/not a bigint key: 1,2/);
    expect(() => intArray([1.5])).toThrow(/not an integer: 1.5/);
  });
});
