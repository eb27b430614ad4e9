/**
 * The 46elks adapter against the local fake of the 46elks API: Basic auth, form fields,
 * whendelivered, and clear errors for refused credentials, a bad number and a broken answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElksSmsGateway } from '../src/adapters/sms/elks';
import { startFakeElks, type FakeElksServer } from '../src/adapters/sms/fake-elks-server';

describe('46elks SMS gateway', () => {
  let fake: FakeElksServer;
  beforeAll(async () => {
    fake = await startFakeElks({ username: 'u1', password: 'p1', delayMs: 10 });
  });
  afterAll(async () => fake?.close());

  const gateway = (over: Partial<ConstructorParameters<typeof ElksSmsGateway>[0]> = {}) =>
    new ElksSmsGateway({ username: 'u1', password: 'p1', from: 'Fyren', baseUrl: `${fake.url}/`, ...over });

  it('sends form-encoded from, to, message and whendelivered with Basic auth', async () => {
    const sent = await gateway({ deliveryUrl: 'https://fyren.example/hooks/sms/46elks/s3cret/delivery' }).send({
      to: '+46701234567',
      message: 'Hej! Åäö & = ?',
    });
    expect(sent.id).toMatch(/^s[0-9a-f]{32}$/);
    expect(sent.status).toBe('sent');
    expect(fake.sent.at(-1)).toEqual({
      id: sent.id,
      from: 'Fyren',
      to: '+46701234567',
      message: 'Hej! Åäö & = ?',
      whendelivered: 'https://fyren.example/hooks/sms/46elks/s3cret/delivery',
    });
  });

  it('reports refused credentials and a bad number with the gateway’s answer', async () => {
    await expect(gateway({ password: 'wrong' }).send({ to: '+46701234567', message: 'x' })).rejects.toThrow(
      '46elks answered 401: Unauthorized',
    );
    await expect(gateway().send({ to: '0701234567', message: 'x' })).rejects.toThrow('46elks answered 403: Invalid to number');
  });

  it('refuses an answer that is not JSON or has no id', async () => {
    const html = (async () => new Response('<html>', { status: 200 })) as typeof fetch;
    await expect(gateway({ fetchImpl: html }).send({ to: '+46701234567', message: 'x' })).rejects.toThrow('other than JSON');
    const noId = (async () => new Response('{"status":"created"}', { status: 200 })) as typeof fetch;
    await expect(gateway({ fetchImpl: noId }).send({ to: '+46701234567', message: 'x' })).rejects.toThrow('without a message id');
  });
});
