/**
 * Load on the real server (issue #25): `npm run bench load`.
 *
 * Setup (not timed): a fresh database on the PostgreSQL server with BENCH_LOAD_ADS ads (default
 * 100,000), written straight into the tables with SQL as bench/dashboard.bench.ts does (ads with
 * text and extraction, sightings, linked profiles and networks, flows), the statistics aggregates
 * refreshed, an organisation whose area is police region BENCH_LOAD_REGION (default Stockholm) and
 * BENCH_LOAD_USERS signed-in users (default 200; sessions written directly, roles kartläggare and
 * uppsökare so that each may use all four endpoints). Then `fyren serve` starts as a child process
 * on 127.0.0.1 against that database, with the default settings.
 *
 * Timed, on 127.0.0.1 only, each phase bounded in time and in requests and stopping by itself:
 * - (a) open model: every user sends a request about every 2 s (uniformly 1–3 s apart, whether
 *   or not the previous one was answered), about USERS / 2 requests per second offered;
 * - (b) closed loop at 20 and at 200 connections: each connection sends its next request when the
 *   previous one is answered.
 * The mix is the same in every phase: a quarter each of the dashboard (the region, this quarter),
 * ad search (a word and a kommun of the region), a profile of the region, and the outreach queue.
 *
 * Printed per phase: requests, answered per second (2xx), p50/p95/p99 of 2xx answers, p95 per
 * endpoint, counts of 5xx by status, 503s without Retry-After, the slowest 503 and 500 answers,
 * client timeouts (10 s), and the load average (`uptime`) before and after.
 *
 * BENCH_LOAD_SECONDS sets each phase's length (default 30); BENCH_LOAD_PHASES a comma list of
 * phases to run (open,closed20,closed200); BENCH_LOAD_ENV extra server environment as
 * `NAME=value,NAME=value` (to try pool sizes and limits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { DrizzleStatsRepository } from '../src/adapters/db/stats.repository';
import { Argon2Hasher } from '../src/adapters/security/argon2-hasher';
import { bootstrapAdmin } from '../src/app/identity/bootstrap-admin';
import { sessionIdFromToken } from '../src/app/identity/session-token';
import { PURPOSE_HEADER } from '../src/contracts/ads';
import { resolveArea } from '../src/core/stats/area';
import { KOMMUNER } from '../src/core/places/places.data';
import { createTestDatabase, rowsOf } from '../test/support/databases';
import { testDeps } from '../test/support/deps';
import { adminContext, buildOrganisation } from '../test/support/factories';
import type { BenchFigure } from './run';

const N = Number(process.env.BENCH_LOAD_ADS ?? 100_000);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
const REGION = (process.env.BENCH_LOAD_REGION ?? 'Stockholm') as 'Stockholm';
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const PHASES = (process.env.BENCH_LOAD_PHASES ?? 'open,closed20,closed200').split(',').map((s) => s.trim());
const CLIENT_TIMEOUT_MS = 10_000;
/** Large kommuner first, so the skewed draw puts most ads there (as in the real market). */
const BIG = ['0180', '1480', '1280', '0380', '0580', '1880', '1980', '2480', '0680', '2180', '1380', '0581', '2580', '2281', '1780'];
const CODES = [...BIG, ...KOMMUNER.map((k) => k.code).filter((c) => !BIG.includes(c))];
const WORDS = ['massage', 'diskret', 'ny', 'stan', 'hotell', 'besök', 'sensuell', 'trevlig', 'student', 'helg', 'kväll', 'escort'];

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Endpoint = 'dashboard' | 'search' | 'profile' | 'queue';
const ENDPOINTS: Endpoint[] = ['dashboard', 'search', 'profile', 'queue'];

interface Result {
  endpoint: Endpoint;
  status: number; // 0: client timeout or connection error
  ms: number;
  hasRetryAfter: boolean;
}

async function seed(db: import('../src/adapters/db/client').Db): Promise<void> {
  const profiles = Math.ceil(N / 3);
  const codes = sql`string_to_array(${CODES.join(',')}, ',')`;
  const words = sql`string_to_array(${WORDS.join(',')}, ',')`;
  const today = isoDay(new Date());
  await db.execute(
    sql`insert into source (id, name, kind) values ('bench-portal', 'Bench portal', 'escort'), ('bench-classifieds', 'Bench classifieds', 'classifieds'), ('bench-sugar', 'Bench sugar', 'sugar')`,
  );
  // The last 360 days: retention (run when the server starts) keeps ads for 365 days after last seen.
  await db.execute(sql`
    create unlogged table bench_profile as
    select p as n, 'pf-' || lpad(to_hex(p), 12, '0') as id,
      'nw-' || lpad(to_hex(case when p % 10 = 0 then 100000000 + p / 50 else p end), 12, '0') as network_id,
      (${codes})[1 + floor(${CODES.length} * power(random(), 3))::int] as home,
      ${today}::date - 360 + floor(random() * 345)::int as first_day,
      1 + floor(random() * 5)::int as ads,
      random() < 0.12 as touring
    from generate_series(1, ${profiles}) p`);
  await db.execute(sql`
    create unlogged table bench_ad as
    select gen_random_uuid() as id, p.n as profile, p.id as profile_id, p.network_id,
      case when random() < 0.1 then 'bench-sugar' when random() < 0.5 then 'bench-portal' else 'bench-classifieds' end as source_id,
      case when p.touring and random() < 0.6 then (${codes})[1 + floor(${CODES.length} * random())::int] else p.home end as kommun,
      f as first_day, least(f + floor(random() * 21)::int, ${today}::date) as last_day,
      18 + floor(random() * 20)::int as age
    from bench_profile p cross join lateral generate_series(1, p.ads) i
    cross join lateral (select p.first_day + floor(random() * 14)::int + 0 * i as f) d
    limit ${N}`);
  await db.execute(sql`alter table ad disable trigger user`);
  await db.execute(sql`
    insert into ad (id, source_id, external_id, content_hash, municipality_code, title, body, location, stated_age, phones, extraction)
    select id, source_id, id::text, md5(id::text), kommun,
      initcap((${words})[1 + floor(random() * ${WORDS.length})::int]) || ' ' || (${words})[1 + floor(random() * ${WORDS.length})::int],
      'Hej! ' || (${words})[1 + floor(random() * ${WORDS.length})::int] || ' och ' || (${words})[1 + floor(random() * ${WORDS.length})::int]
        || ', ' || (${words})[1 + floor(random() * ${WORDS.length})::int] || '. Ring mig.',
      kommun, age, array['+4670' || lpad((profile % 10000000)::text, 7, '0')],
      jsonb_build_object(
        'ages', jsonb_build_array(jsonb_build_object('value', jsonb_build_object('years', age), 'confidence', 0.9, 'evidence', '[]'::jsonb)),
        'languages', jsonb_build_array(jsonb_build_object('value', jsonb_build_object('code', case when random() < 0.5 then 'sv' else 'en' end), 'confidence', 0.8)),
        'indicators', '[]'::jsonb)
    from bench_ad`);
  await db.execute(sql`alter table ad enable trigger user`);
  await db.execute(sql`
    insert into ad_sighting (ad_id, first_seen_at, last_seen_at)
    select id, first_day::timestamp at time zone 'UTC' + interval '10 hours', last_day::timestamp at time zone 'UTC' + interval '20 hours' from bench_ad`);
  await db.execute(sql`
    insert into link_ad (ad_id, ad_key, profile_id, network_id, content_hash, image_count, params_version, linked_at)
    select id, source_id || ':' || id::text, profile_id, network_id, md5(id::text), 0, 'link-2026.1', now() from bench_ad`);
  await db.execute(sql`
    create unlogged table bench_stop as
    select profile, kommun, min(first_day) as f, max(last_day) as l, count(*) as ads from bench_ad group by profile, kommun`);
  await db.execute(sql`
    insert into link_profile (id, network_id, ad_count, names, phones, municipality_codes, first_seen, last_seen, is_touring, score,
      weights_version, contributions, timeline, updated_at)
    select p.id, p.network_id, s.ads, array['Namn' || p.n], array['+4670' || lpad((p.n % 10000000)::text, 7, '0')], s.codes, s.f, s.l,
      p.touring and cardinality(s.codes) >= 3, floor(random() * 100)::int, 'risk-2026.1',
      (select coalesce(jsonb_agg(jsonb_build_object('code', c, 'weight', 0.1, 'evidence', '[]'::jsonb)), '[]'::jsonb)
        from unnest(array['NEW_IN_TOWN', 'STATED_ETHNICITY', 'OBSCURED_PHONE', 'YOUTH_WORDING', 'HOTEL_INCALL', 'FOREIGN_PHONE']) c
        where random() < 0.15 + 0 * p.n),
      s.timeline, now()
    from bench_profile p join (
      select profile, sum(ads)::int as ads, array_agg(kommun) as codes, min(f) as f, max(l) as l,
        jsonb_agg(jsonb_build_object('municipalityCode', kommun, 'from', f::text, 'to', l::text, 'firstDay', f - date '1970-01-01',
          'lastDay', l - date '1970-01-01', 'ads', '[]'::jsonb) order by f) as timeline
      from bench_stop group by profile) s on s.profile = p.n`);
  await db.execute(sql`
    insert into link_network (id, profile_count, ad_count, municipality_codes, first_seen, last_seen, score, weights_version, contributions, updated_at)
    select network_id, count(*), sum(ad_count), '{}', min(first_seen), max(last_seen), 40, 'risk-2026.1', '[]', now()
    from link_profile group by network_id`);
  await db.execute(sql`
    insert into link_flow (profile_id, from_code, to_code, day)
    select 'pf-' || lpad(to_hex(profile), 12, '0'), prev, kommun, f
    from (select profile, kommun, f, lag(kommun) over (partition by profile order by f, kommun) as prev from bench_stop) s
    where prev is not null and prev <> kommun`);
  await db.execute(sql`drop table bench_stop`);
  await db.execute(sql`drop table bench_ad`);
  await db.execute(sql`drop table bench_profile`);
  await db.execute(sql`delete from link_queue`);
  await new DrizzleStatsRepository(db).refreshAll();
  await db.execute(sql`vacuum analyze`);
}

function startServer(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; stderr: () => string }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, [join(root, 'bin/fyren.cjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', process.env.BENCH_LOAD_SERVER_LOG ? openSync(process.env.BENCH_LOAD_SERVER_LOG, 'w') : 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (child.exitCode !== null) return reject(new Error(`fyren serve exited ${child.exitCode}: ${err}`));
      http
        .get({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
          res.resume();
          if (res.statusCode === 200) resolve({ child, stderr: () => err });
          else setTimeout(poll, 300);
        })
        .on('error', () => (Date.now() - started > 60_000 ? reject(new Error(`server did not start: ${err}`)) : setTimeout(poll, 300)));
    };
    poll();
  });
}

export default async function bench(): Promise<BenchFigure[]> {
  const t = await createTestDatabase('postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'fyren-load-'));
  let server: { child: ChildProcess; stderr: () => string } | null = null;
  try {
    const db = t.database.db;
    const setupStarted = performance.now();
    await seed(db);
    const deps = testDeps(t.database);
    await bootstrapAdmin(deps, { password: 'Admin-Lösen-2026!', organisationName: 'Fyren administration' });
    const admin = await adminContext(deps);
    const org = await buildOrganisation(deps, admin, { scope: { kommuner: [], lan: [], polisregioner: [REGION] } });
    const area = resolveArea(`polisregion ${REGION}`);
    const passwordHash = await new Argon2Hasher().hash(randomBytes(16).toString('hex'));
    const now = new Date();
    const tokens: string[] = [];
    await deps.uow.transaction(async (r) => {
      for (let i = 0; i < USERS; i += 1) {
        const user = await r.users.insert({
          username: `load${i}`,
          displayName: `Last ${i}`,
          organisationId: org.id,
          unitId: null,
          roles: ['kartlaggare', 'uppsokare'],
          passwordHash,
          mustChangePassword: false,
        });
        const token = randomBytes(32).toString('base64url');
        await r.sessions.insert({
          id: sessionIdFromToken(token),
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + 12 * 3_600_000),
          endedAt: null,
        });
        tokens.push(token);
      }
    });
    const inRegion = sql`string_to_array(${area.kommunCodes.join(',')}, ',')`;
    const profileIds = rowsOf<{ id: string }>(
      await db.execute(sql`select id from link_profile where municipality_codes && ${inRegion} order by random() limit 2000`),
    ).map((r) => r.id);
    const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.execute(q))[0]?.n ?? 0);
    const ads = await count(sql`select count(*)::int as n from ad`);
    const regionAds = await count(sql`select count(*)::int as n from ad where municipality_code = any(${inRegion})`);
    const profiles = await count(sql`select count(*)::int as n from link_profile`);
    const regionProfiles = await count(sql`select count(*)::int as n from link_profile where municipality_codes && ${inRegion}`);
    const setupSecs = (performance.now() - setupStarted) / 1000;

    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const extraEnv = Object.fromEntries(
      (process.env.BENCH_LOAD_ENV ?? '')
        .split(',')
        .filter((kv) => kv.includes('='))
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    server = await startServer(
      { ...t.env, FYREN_DATA: dataDir, FYREN_DEMO: '0', FYREN_SMS_PROVIDER: 'none', FYREN_LOG_LEVEL: 'info', ...extraEnv },
      port,
    );

    const today = new Date();
    const quarterFrom = isoDay(new Date(today.getTime() - 90 * 86_400_000));
    const regionCodes = area.kommunCodes;
    const pathFor = (e: Endpoint): string => {
      switch (e) {
        case 'dashboard':
          return `/api/statistics/dashboard?area=${encodeURIComponent(`polisregion ${REGION}`)}&from=${quarterFrom}&to=${isoDay(today)}`;
        case 'search':
          return `/api/ads?q=${encodeURIComponent(pick(WORDS))}&kommun=${pick(regionCodes)}&limit=50`;
        case 'profile':
          return `/api/profiles/${pick(profileIds)}`;
        case 'queue':
          return `/api/outreach/queue?limit=50`;
      }
    };

    /** The first error body per endpoint and status, printed at the end (they say why). */
    const firstErrors = new Map<string, string>();
    const request = (agent: http.Agent, token: string, endpoint: Endpoint): Promise<Result> =>
      new Promise((resolve) => {
        const started = performance.now();
        let isDone = false;
        const done = (status: number, hasRetryAfter = false) => {
          if (isDone) return;
          isDone = true;
          resolve({ endpoint, status, ms: performance.now() - started, hasRetryAfter });
        };
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: pathFor(endpoint),
            agent,
            headers: { cookie: `fyren_session=${token}`, [PURPOSE_HEADER]: encodeURIComponent('Belastningsprov (bench)') },
          },
          (res) => {
            const status = res.statusCode ?? 0;
            let body = '';
            res.on('data', (d: Buffer) => {
              if (status >= 300 && body.length < 300) body += d.toString();
            });
            res.on('end', () => {
              const key = `${endpoint} ${status}`;
              if (status >= 300 && !firstErrors.has(key)) firstErrors.set(key, body.slice(0, 300));
              done(status, res.headers['retry-after'] !== undefined);
            });
            res.on('error', () => done(0));
          },
        );
        // A whole-request limit (a socket timeout would restart with every byte).
        const timer = setTimeout(() => {
          req.destroy();
          done(0);
        }, CLIENT_TIMEOUT_MS);
        req.on('close', () => clearTimeout(timer));
        req.on('error', () => done(0));
        req.end();
      });

    const openModel = async (): Promise<{ results: Result[]; secs: number }> => {
      // A browser opens another connection when its others are busy: no socket limit here.
      const agent = new http.Agent({ keepAlive: true });
      const results: Result[] = [];
      const pending: Promise<void>[] = [];
      const started = performance.now();
      const end = started + SECONDS * 1000;
      const maxRequests = Math.ceil(USERS * SECONDS) + USERS; // at most one per user per second
      let sent = 0;
      await Promise.all(
        tokens.map(async (token) => {
          await sleep(Math.random() * 2000);
          while (performance.now() < end && sent < maxRequests) {
            sent += 1;
            pending.push(request(agent, token, pick(ENDPOINTS)).then((r) => void results.push(r)));
            await sleep(1000 + Math.random() * 2000);
          }
        }),
      );
      await Promise.all(pending);
      agent.destroy();
      return { results, secs: (performance.now() - started) / 1000 };
    };

    const closedLoop = async (connections: number): Promise<{ results: Result[]; secs: number }> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const results: Result[] = [];
      const started = performance.now();
      const end = started + SECONDS * 1000;
      const maxRequests = 2_000 * SECONDS;
      await Promise.all(
        Array.from({ length: connections }, async (_, i) => {
          const token = tokens[i % tokens.length]!;
          while (performance.now() < end && results.length < maxRequests) {
            const r = await request(agent, token, pick(ENDPOINTS));
            results.push(r);
            // An immediate 503 asks the client to wait: a well-behaved client does.
            if (r.status === 503) await sleep(200);
          }
        }),
      );
      agent.destroy();
      return { results, secs: (performance.now() - started) / 1000 };
    };

    const figures: BenchFigure[] = [
      {
        name: `setup: ${ads} ads (${regionAds} in polisregion ${REGION}), ${profiles} profiles (${regionProfiles} in the region), ${USERS} users`,
        value: Math.round(setupSecs),
        unit: 's',
      },
    ];
    const report = (
      phase: string,
      run: { results: Result[]; secs: number },
      load: [number, number],
      target?: (ok: number[]) => BenchFigure[],
    ) => {
      const ok = run.results.filter((r) => r.status >= 200 && r.status < 300);
      const okMs = ok.map((r) => r.ms);
      const byStatus = new Map<number, Result[]>();
      for (const r of run.results) if (r.status < 200 || r.status >= 300) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
      figures.push({ name: `${phase}: requests sent`, value: run.results.length, unit: '' });
      figures.push({ name: `${phase}: answered 2xx per second`, value: round1(ok.length / run.secs), unit: 'req/s' });
      figures.push({ name: `${phase}: 2xx p50`, value: round1(percentile(okMs, 50)), unit: 'ms' });
      figures.push({ name: `${phase}: 2xx p95`, value: round1(percentile(okMs, 95)), unit: 'ms' });
      figures.push({ name: `${phase}: 2xx p99`, value: round1(percentile(okMs, 99)), unit: 'ms' });
      for (const e of ENDPOINTS) {
        const xs = ok.filter((r) => r.endpoint === e).map((r) => r.ms);
        figures.push({ name: `${phase}: ${e} p95 (${xs.length} answered)`, value: round1(percentile(xs, 95)), unit: 'ms' });
      }
      for (const [status, rs] of [...byStatus].sort(([a], [b]) => a - b)) {
        const label = status === 0 ? 'client timeouts/connection errors' : `status ${status}`;
        figures.push({
          name: `${phase}: ${label} (slowest ${Math.round(Math.max(...rs.map((r) => r.ms)))} ms)`,
          value: rs.length,
          unit: '',
        });
        if (status === 503) {
          figures.push({ name: `${phase}: 503 without Retry-After`, value: rs.filter((r) => !r.hasRetryAfter).length, unit: '' });
          figures.push({
            name: `${phase}: 503 p95 answer time`,
            value: round1(
              percentile(
                rs.map((r) => r.ms),
                95,
              ),
            ),
            unit: 'ms',
          });
        }
      }
      figures.push(...(target?.(okMs) ?? []));
      figures.push({ name: `${phase}: load average (1 min) before / after`, value: round1(load[0]), unit: `/ ${round1(load[1])}` });
    };

    for (const phase of PHASES) {
      await sleep(3000);
      const before = loadavg()[0] ?? 0;
      if (phase === 'open') {
        const run = await openModel();
        const errors = run.results.filter((r) => r.status < 200 || r.status >= 300).length;
        report(`(a) open, ${USERS} users every ~2 s`, run, [before, loadavg()[0] ?? 0], (okMs) => [
          { name: '(a) p95 of 2xx', value: round1(percentile(okMs, 95)), unit: 'ms', target: '< 200', isMet: percentile(okMs, 95) < 200 },
          { name: '(a) errors (non-2xx and timeouts)', value: errors, unit: '', target: '= 0', isMet: errors === 0 },
        ]);
      } else if (phase.startsWith('closed')) {
        const connections = Number(phase.slice('closed'.length));
        const run = await closedLoop(connections);
        const fiveHundreds = run.results.filter((r) => r.status === 500 || r.status === 0).length;
        report(`(b) closed loop, ${connections} connections`, run, [before, loadavg()[0] ?? 0], () => [
          {
            name: `(b) ${connections} connections: 500s and timeouts`,
            value: fiveHundreds,
            unit: '',
            target: '= 0',
            isMet: fiveHundreds === 0,
          },
        ]);
      } else throw new Error(`BENCH_LOAD_PHASES: unknown phase "${phase}" (open, closed20, closed200)`);
    }
    for (const [key, body] of firstErrors) console.log(`first ${key}: ${body}`);
    return figures;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => server!.child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    await t.drop();
  }
}
