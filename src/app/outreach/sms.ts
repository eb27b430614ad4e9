/**
 * SMS through the configured gateway: a worker sends a message to one of a profile's numbers,
 * and replies arrive through the gateway's webhook and join the conversation by phone number.
 * Delivery reports update the message's status.
 */
import type { SmsDto, SmsSendInput } from '../../contracts/outreach';
import { unfilledPlaceholders } from '../../core/outreach/outreach';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { AppDeps, RequestContext, UnitOfWork } from '../shared/ports';
import type { SmsGateway } from './ports';
import { areaOf, outreachSettings } from './area';

export async function sendSms(deps: AppDeps, ctx: RequestContext, profileId: string, input: SmsSendInput): Promise<SmsDto> {
  await authorize(deps, ctx, 'create', { kind: 'outreach' });
  const unfilled = unfilledPlaceholders(input.message);
  if (unfilled.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `the message still has ${unfilled.join(', ')}: fill in ${unfilled.length === 1 ? 'it' : 'them'} before sending (nothing was sent)`,
      { path: ['message'], placeholders: unfilled },
    );
  }
  const gateway = outreachSettings(deps).sms;
  if (!gateway) throw new DomainError('CONFLICT', 'no SMS gateway is configured: copy the message and send it from the work phone');
  const prepared = await deps.uow.transaction(async (r) => {
    const area = await areaOf(r, ctx);
    const p = await r.outreach.profile(profileId);
    if (!p || !p.municipalityCodes.some((k) => area.kommuner.includes(k))) {
      throw new DomainError('NOT_FOUND', `no profile ${profileId} in your organisation's area`);
    }
    if (!p.phones.includes(input.phone)) {
      throw new DomainError('VALIDATION_FAILED', `${input.phone} is not one of the profile's numbers`, { path: ['phone'] });
    }
    if (gateway.isLive && (p.isDemo || (await r.outreach.isDemoPhone(input.phone)))) throw demoRefusal(gateway);
    return { area, adKeys: await r.outreach.adKeysOfProfile(p.id) };
  });
  let sent: { id: string; status: string } | null = null;
  let failure: string | null = null;
  try {
    sent = await gateway.send({ to: input.phone, message: input.message });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'DEMO_SMS_REFUSED') throw err;
    failure = err instanceof Error ? err.message : String(err);
  }
  const now = deps.clock.now();
  const saved = await deps.uow.transaction(async (r) => {
    const row = await r.outreach.insertSms({
      organisationId: prepared.area.organisation.id,
      profileId,
      adKeys: prepared.adKeys,
      phone: input.phone,
      direction: 'out',
      body: input.message,
      gateway: gateway.name,
      gatewayId: sent?.id ?? null,
      status: sent ? sent.status : 'failed',
      workerId: prepared.area.userId,
      contactId: null,
      createdAt: now,
    });
    await r.audit.append(
      ctx,
      {
        action: 'sms.send',
        outcome: sent ? 'success' : 'failure',
        resourceKind: 'sms_message',
        resourceId: row?.id ?? null,
        details: { profileId, gateway: gateway.name },
      },
      now,
    );
    return row;
  });
  if (!sent || !saved) throw new DomainError('SMS_GATEWAY_FAILED', `the SMS gateway did not take the message: ${failure ?? 'no answer'}`);
  return { id: saved.id, direction: 'out', phone: saved.phone, body: saved.body, status: saved.status, at: saved.createdAt.toISOString() };
}

/**
 * The demo's phone numbers are random and well-formed, so some belong to real people (docs/formats.md):
 * a live gateway must never text them.
 */
const demoRefusal = (gateway: SmsGateway) =>
  new DomainError(
    'DEMO_SMS_REFUSED',
    `${gateway.name} sends real SMS, and this number belongs to DEMO data (random numbers that may be real people's): nothing was sent. Remove the demo with \`fyren demo reset\`.`,
  );

/**
 * The guard at the root: wraps a gateway so that a live one refuses, before anything leaves,
 * any number that a demo ad shows, whoever calls `send` (the send use case, a retry, a future
 * path). The local fake (not live) is returned as it is: the demo texts its own numbers there.
 */
export function demoSafeGateway(gateway: SmsGateway, uow: UnitOfWork): SmsGateway {
  if (!gateway.isLive) return gateway;
  return {
    name: gateway.name,
    from: gateway.from,
    isLive: true,
    async send(msg) {
      if (await uow.transaction((r) => r.outreach.isDemoPhone(msg.to))) throw demoRefusal(gateway);
      return gateway.send(msg);
    },
  };
}

/** How much demo data the database holds (a live gateway refuses to start while there is any). */
export async function countDemoData(deps: Pick<AppDeps, 'uow'>): Promise<{ ads: number; demand: boolean }> {
  return deps.uow.transaction(async (r) => ({ ads: await r.ads.count({ isDemo: true }), demand: await r.demand.hasDemo() }));
}

/** An inbound SMS from the gateway's webhook (already authenticated by the route). */
export interface InboundSms {
  gateway: string;
  id: string;
  from: string;
  to: string;
  message: string;
  created: Date | null;
}

/**
 * Stores a reply and attaches it to the conversation of the newest message sent to that number.
 * A message no conversation matches is kept without an organisation (nothing is lost) and shown
 * to no one. A repeated webhook call with the same id is stored once.
 */
export async function receiveSms(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  msg: InboundSms,
): Promise<{ isAttached: boolean; isDuplicate: boolean }> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const last = await r.outreach.lastOutboundTo(msg.from);
    const row = await r.outreach.insertSms({
      organisationId: last?.organisationId ?? null,
      profileId: last?.profileId ?? null,
      adKeys: last?.adKeys ?? [],
      phone: msg.from,
      direction: 'in',
      body: msg.message,
      gateway: msg.gateway,
      gatewayId: msg.id,
      status: 'received',
      workerId: null,
      contactId: null,
      createdAt: msg.created ?? now,
    });
    await r.audit.append(
      { actor: null, requestId: `sms-${msg.gateway}` },
      {
        action: 'sms.receive',
        outcome: 'success',
        resourceKind: 'sms_message',
        resourceId: row?.id ?? null,
        details: { isAttached: last !== null, isDuplicate: row === null },
      },
      now,
    );
    return { isAttached: last !== null, isDuplicate: row === null };
  });
}

/** A delivery report: updates the status of the sent message. */
export async function smsDelivered(deps: Pick<AppDeps, 'uow' | 'clock'>, gateway: string, id: string, status: string): Promise<boolean> {
  return deps.uow.transaction((r) => r.outreach.updateSmsStatus(gateway, id, status, deps.clock.now()));
}
