/**
 * A local fake of the 46elks SMS API for tests and the demo. It speaks the same HTTP API as
 * https://api.46elks.com: `POST /a1/sms` with Basic auth and form-encoded from/to/message
 * (and whendelivered), answering JSON with an id. It then POSTs a delivery report to
 * `whendelivered`, and, when `replyUrl` is set, a reply from the recipient to that webhook
 * (form-encoded from/to/message/id/created), as 46elks does for an incoming SMS.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeElksOptions {
  username: string;
  password: string;
  /** Where replies are POSTed (the inbound webhook, with its secret), or null for no replies. */
  replyUrl?: string | null | (() => string | null);
  /** The reply text (default: a short Swedish answer). */
  replyText?: (message: string) => string;
  /** Milliseconds before the delivery report and the reply (default 200). */
  delayMs?: number;
}

export interface SentSms {
  id: string;
  from: string;
  to: string;
  message: string;
  whendelivered: string | null;
}

export interface FakeElksServer {
  url: string;
  /** Every message accepted, oldest first. */
  sent: SentSms[];
  /** Resolves when every scheduled delivery report and reply has been POSTed. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_REPLY = 'Hej, tack för meddelandet. Kan vi prata i morgon?';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function postForm(url: string, fields: Record<string, string>): Promise<void> {
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // 46elks retries; the fake does not. A test sees the missing report.
  }
}

/** Starts the fake on 127.0.0.1 (port 0: any free port). */
export async function startFakeElks(opts: FakeElksOptions, port = 0): Promise<FakeElksServer> {
  const sent: SentSms[] = [];
  const pending = new Set<Promise<void>>();
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const delay = opts.delayMs ?? 200;

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/a1/sms') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
        return;
      }
      const form = new URLSearchParams(await readBody(req));
      const from = form.get('from') ?? '';
      const to = form.get('to') ?? '';
      const message = form.get('message') ?? '';
      if (!/^\+\d{7,15}$/.test(to)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Invalid to number');
        return;
      }
      if (!from || !message) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end(`Missing key ${from ? 'message' : 'from'}`);
        return;
      }
      const id = `s${randomBytes(16).toString('hex')}`;
      const whendelivered = form.get('whendelivered');
      sent.push({ id, from, to, message, whendelivered });
      const created = new Date().toISOString().replace('T', ' ').replace('Z', '');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'created', direction: 'outgoing', from, to, message, id, created, parts: 1, cost: 3500 }));
      const job = (async () => {
        await new Promise((r) => setTimeout(r, delay));
        if (whendelivered) await postForm(whendelivered, { id, status: 'delivered', delivered: new Date().toISOString() });
        const replyUrl = typeof opts.replyUrl === 'function' ? opts.replyUrl() : opts.replyUrl;
        if (replyUrl) {
          await postForm(replyUrl, {
            id: `s${randomBytes(16).toString('hex')}`,
            from: to,
            to: from,
            message: (opts.replyText ?? (() => DEFAULT_FAKE_REPLY))(message),
            created: new Date().toISOString(),
          });
        }
      })();
      pending.add(job);
      void job.finally(() => pending.delete(job));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    sent,
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
