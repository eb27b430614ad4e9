/**
 * The 46elks SMS gateway (https://46elks.se/docs). Sending is `POST {baseUrl}/a1/sms` with HTTP
 * Basic auth (API username and password) and form-encoded `from`, `to`, `message` and, when set,
 * `whendelivered` (the URL 46elks POSTs delivery reports to: `id`, `status`, `delivered`).
 * Incoming SMS are POSTed by 46elks to the number's webhook with `from`, `to`, `message`, `id`
 * and `created` (src/adapters/http/sms-webhook.routes.ts). The base URL can point at the local
 * fake server (fake-elks-server.ts) for tests and the demo.
 */
import type { SmsGateway } from '../../app/outreach/ports';

export const ELKS_BASE_URL = 'https://api.46elks.com';

export interface ElksOptions {
  username: string;
  password: string;
  /** Sender: an E.164 number or an alphanumeric sender id (max 11 characters). */
  from: string;
  baseUrl?: string;
  /** Where 46elks reports delivery (with the webhook secret), or null; a function when known only after the server listens. */
  deliveryUrl?: string | null | (() => string | null);
  /**
   * Whether messages reach real phones (default true). False only for the local fake of the
   * demo; a live gateway never sends to a demo number (src/app/outreach/sms.ts).
   */
  isLive?: boolean;
  /** Milliseconds before a request is given up (default 15 s). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** What 46elks answers to POST /a1/sms. */
interface ElksSmsResponse {
  id?: unknown;
  status?: unknown;
}

export class ElksSmsGateway implements SmsGateway {
  readonly name = '46elks';
  readonly from: string;
  readonly isLive: boolean;
  private readonly base: string;

  constructor(private readonly opts: ElksOptions) {
    this.from = opts.from;
    this.isLive = opts.isLive ?? true;
    this.base = (opts.baseUrl ?? ELKS_BASE_URL).replace(/\/+$/, '');
  }

  async send(msg: { to: string; message: string }): Promise<{ id: string; status: string }> {
    const form = new URLSearchParams({ from: this.opts.from, to: msg.to, message: msg.message });
    const delivery = typeof this.opts.deliveryUrl === 'function' ? this.opts.deliveryUrl() : this.opts.deliveryUrl;
    if (delivery) form.set('whendelivered', delivery);
    const auth = Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64');
    const res = await (this.opts.fetchImpl ?? fetch)(`${this.base}/a1/sms`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    // 46elks answers errors as plain text ("Invalid to number"); never echo the message body back.
    if (!res.ok) throw new Error(`46elks answered ${res.status}: ${text.slice(0, 200)}`);
    let body: ElksSmsResponse;
    try {
      body = JSON.parse(text) as ElksSmsResponse;
    } catch {
      throw new Error('46elks answered with something other than JSON');
    }
    if (typeof body.id !== 'string') throw new Error('46elks answered without a message id');
    // "created" means accepted; the delivery report says "delivered" or "failed" later.
    return { id: body.id, status: body.status === 'created' ? 'sent' : String(body.status ?? 'sent') };
  }
}
