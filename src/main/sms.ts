/**
 * Wires the SMS gateway for outreach from the configuration: 46elks, the local fake of the
 * 46elks API (the demo: it answers each message with a reply through the webhook), or none.
 */
import { randomBytes } from 'node:crypto';
import type { SmsGateway } from '../app/outreach/ports';
import { ElksSmsGateway } from '../adapters/sms/elks';
import { startFakeElks, type FakeElksServer } from '../adapters/sms/fake-elks-server';
import { ConfigError, type Config } from './config';

export interface SmsSetup {
  gateway: SmsGateway | null;
  /** The webhook routes' secret and gateway name, or null. */
  webhook: { secret: string; gateway: string } | null;
  supportContact: string | null;
  /** Tells the gateway where this server listens (for the fake: its replies and delivery reports). */
  setServerUrl(url: string): void;
  close(): Promise<void>;
}

const FAKE_FROM = '+46766860000';

/** Whether the configuration sends real SMS (46elks). The fake and none do not. */
export const hasLiveSmsGateway = (config: Pick<Config, 'FYREN_SMS_PROVIDER'>): boolean => config.FYREN_SMS_PROVIDER === '46elks';

export async function setupSms(config: Config): Promise<SmsSetup> {
  const provider = config.FYREN_SMS_PROVIDER ?? (config.FYREN_DEMO ? 'fake' : 'none');
  const supportOf = (from: string | null) => config.FYREN_OUTREACH_SUPPORT_PHONE ?? (from?.startsWith('+') ? from : null);
  if (provider === 'none') {
    return {
      gateway: null,
      webhook: null,
      supportContact: supportOf(null),
      setServerUrl: () => undefined,
      close: async () => undefined,
    };
  }
  let base: string | null = config.FYREN_PUBLIC_URL?.replace(/\/+$/, '') ?? null;
  if (provider === '46elks') {
    const missing = (
      ['FYREN_46ELKS_USERNAME', 'FYREN_46ELKS_PASSWORD', 'FYREN_46ELKS_FROM', 'FYREN_SMS_WEBHOOK_SECRET', 'FYREN_PUBLIC_URL'] as const
    ).filter((k) => !config[k]);
    if (missing.length)
      throw new ConfigError(`invalid environment:\n${missing.map((k) => `  ${k}: required when FYREN_SMS_PROVIDER=46elks`).join('\n')}`);
    const secret = config.FYREN_SMS_WEBHOOK_SECRET as string;
    const gateway = new ElksSmsGateway({
      username: config.FYREN_46ELKS_USERNAME as string,
      password: config.FYREN_46ELKS_PASSWORD as string,
      from: config.FYREN_46ELKS_FROM as string,
      ...(config.FYREN_46ELKS_BASE_URL ? { baseUrl: config.FYREN_46ELKS_BASE_URL } : {}),
      deliveryUrl: () => (base ? `${base}/hooks/sms/46elks/${secret}/delivery` : null),
    });
    return {
      gateway,
      webhook: { secret, gateway: gateway.name },
      supportContact: supportOf(gateway.from),
      setServerUrl: () => undefined,
      close: async () => undefined,
    };
  }
  // The fake: in-process, on a free local port, with random credentials and secret.
  const secret = config.FYREN_SMS_WEBHOOK_SECRET ?? randomBytes(18).toString('base64url');
  const username = 'fake-user';
  const password = randomBytes(12).toString('hex');
  const fake: FakeElksServer = await startFakeElks({
    username,
    password,
    replyUrl: () => (base ? `${base}/hooks/sms/46elks/${secret}/inbound` : null),
    delayMs: 1500,
  });
  const gateway = new ElksSmsGateway({
    username,
    password,
    from: FAKE_FROM,
    baseUrl: fake.url,
    isLive: false,
    deliveryUrl: () => (base ? `${base}/hooks/sms/46elks/${secret}/delivery` : null),
  });
  return {
    gateway,
    webhook: { secret, gateway: gateway.name },
    supportContact: supportOf(FAKE_FROM),
    setServerUrl: (url) => {
      base = url.replace(/\/+$/, '');
    },
    close: () => fake.close(),
  };
}
