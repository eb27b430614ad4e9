import { describe, expect, it } from 'vitest';
import { canonicalJson, ChainVerifier, GENESIS_HASH, hashAuditContent, hashAuditRecord, type ChainedAuditRecord } from './chain';

function chain(n: number): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const rec = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: null,
      actorName: 'admin',
      action: 'user.create',
      outcome: 'success' as const,
      resourceKind: 'user',
      resourceId: `u${seq}`,
      purpose: null,
      requestId: `r${seq}`,
      details: { roles: ['polis'], n: seq },
    };
    const hash = hashAuditRecord(rec, prev);
    out.push({ ...rec, chainSeq: seq, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const verify = (rows: ChainedAuditRecord[], head: { seq: number; hash: string } | null) => {
  const v = new ChainVerifier();
  rows.forEach((r) => v.push(r));
  return v.finish(head);
};

describe('audit hash chain', () => {
  const rows = chain(5);
  const head = { seq: 5, hash: rows[4]!.hash };

  it('verifies an intact chain', () => {
    expect(verify(rows, head)).toEqual([]);
  });
  it('content hash covers the content, not the seq', () => {
    const { seq: _seq, ...content } = rows[0]!;
    expect(hashAuditContent(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditContent(content)).not.toBe(rows[0]!.hash);
    expect(hashAuditContent({ ...content, action: 'user.list' })).not.toBe(hashAuditContent(content));
    expect(hashAuditContent({ ...content, details: { roles: ['administrator'], n: 1 } })).not.toBe(hashAuditContent(content));
  });
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });
  it('detects an altered field', () => {
    const altered = rows.map((r) => (r.seq === 3 ? { ...r, action: 'user.list' } : r));
    expect(verify(altered, head)).toContainEqual({ kind: 'hash_mismatch', seq: 3 });
  });
  it('detects altered details', () => {
    const altered = rows.map((r) => (r.seq === 2 ? { ...r, details: { roles: ['administrator'], n: 2 } } : r));
    expect(verify(altered, head).map((p) => p.kind)).toContain('hash_mismatch');
  });
  it('detects a removed row in the middle', () => {
    const removed = rows.filter((r) => r.seq !== 3);
    const kinds = verify(removed, head).map((p) => p.kind);
    expect(kinds).toContain('gap');
    expect(kinds).toContain('prev_hash_mismatch');
  });
  it('detects removal of the newest row through the head', () => {
    expect(verify(rows.slice(0, 4), head).map((p) => p.kind)).toEqual(['head_mismatch']);
  });
  it('detects a re-hashed forgery that does not match the recorded head', () => {
    const forged = chain(5).map((r) => r);
    // Forge row 5 consistently (recomputing its hash) but the head still records the original.
    const r5 = { ...forged[4]!, action: 'auth.login' };
    r5.hash = hashAuditRecord(r5, r5.prevHash);
    forged[4] = r5;
    expect(verify(forged, head).map((p) => p.kind)).toEqual(['head_mismatch']);
  });
});
