/**
 * Uppsök: the outreach queue and a person's outreach page on a generated demo market, on both
 * engines. Setup (not timed): the demo market (BENCH_OUTREACH_PERSONS people over 21 days,
 * default 400) loaded and linked, an organisation for police region Nord with an uppsökare, and
 * one logged contact per ten queued profiles. Timed: GET-equivalent use cases, median of 5.
 */
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { loadDemoMarket } from '../src/app/demo/load-demo-market';
import { logContact } from '../src/app/outreach/log-contact';
import { getOutreachQueue } from '../src/app/outreach/outreach-queue';
import { getProfileOutreach } from '../src/app/outreach/profile-outreach';
import type { RequestContext } from '../src/app/shared/ports';
import { createTestDatabase, type Engine } from '../test/support/databases';
import { testDeps } from '../test/support/deps';
import { adminContext, buildOrganisation, buildUser } from '../test/support/factories';
import type { BenchFigure } from './run';

const PERSONS = Number(process.env.BENCH_OUTREACH_PERSONS ?? 400);

async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function onEngine(engine: Engine): Promise<BenchFigure[]> {
  const t = await createTestDatabase(engine);
  try {
    const deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin, { scope: { kommuner: [], lan: [], polisregioner: ['Nord'] } });
    const { user } = await buildUser(deps, admin, { organisationId: org.id, roles: ['uppsokare'] });
    const ctx: RequestContext = {
      requestId: 'bench',
      purpose: 'Uppsök: bench',
      actor: { userId: user.id, organisationId: org.id, roles: ['uppsokare'], username: user.username, displayName: user.displayName },
    };
    await loadDemoMarket(deps, { isFirstStartOnly: false, persons: PERSONS, days: 21, hasLiveSmsGateway: false });
    const first = await getOutreachQueue(deps, ctx, { activeDays: 90, limit: 500 });
    for (const item of first.items.filter((_, i) => i % 10 === 0)) {
      await logContact(deps, ctx, { profileId: item.profileId, kommun: item.kommun.code, channel: 'sms', outcome: 'no_answer' });
    }
    const queueMs = await median(() => getOutreachQueue(deps, ctx, { activeDays: 90, limit: 500 }));
    const person = first.items[0]!.profileId;
    const profileMs = await median(() => getProfileOutreach(deps, ctx, person));
    return [
      {
        name: `outreach queue (${first.items.length} queued, police region Nord), ${engine}`,
        value: Math.round(queueMs),
        unit: 'ms',
        target: '<= 1000',
        isMet: queueMs <= 1000,
      },
      { name: `outreach person page, ${engine}`, value: Math.round(profileMs), unit: 'ms', target: '<= 200', isMet: profileMs <= 200 },
    ];
  } finally {
    await t.drop();
  }
}

export default async function bench(): Promise<BenchFigure[]> {
  return [...(await onEngine('pglite')), ...(await onEngine('postgres'))];
}
