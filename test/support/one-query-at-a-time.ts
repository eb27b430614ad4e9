/**
 * Setup of the db and http tiers: a test file fails if the code under test sent a query on a
 * connection that was still running one (node-postgres warns "Calling client.query() when the
 * client is already executing a query"; pg 9 refuses it). A transaction has one connection, so
 * its queries go one at a time (no Promise.all over a transaction's repositories).
 */
import { afterAll, expect } from 'vitest';

const overlapping: string[] = [];
const onWarning = (w: Error) => {
  if (w.name === 'DeprecationWarning' && /already executing a query/.test(w.message)) overlapping.push(w.message);
};
process.on('warning', onWarning);

afterAll(async () => {
  // Node emits warnings on a later tick.
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarning);
  expect(overlapping, 'two queries at once on one database connection').toEqual([]);
});
