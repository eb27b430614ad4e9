/**
 * Outreach tables (Uppsök): contact attempts, referrals, message templates and SMS. History is
 * found through the profile id and through the keys of the profile's current ads, so it
 * follows the person when linking merges or splits profiles. Lists go to SQL as one JSON
 * parameter (the same on PGlite and node-postgres).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type {
  OutreachContactInsert,
  OutreachContactRow,
  OutreachProfileRow,
  OutreachReferralRow,
  OutreachRepository,
  OutreachStatsRow,
  OutreachTemplateRow,
  SmsMessageRow,
} from '../../app/outreach/ports';
import { DEFAULT_TEMPLATES } from '../../core/outreach/default-templates';
import type { Db } from './client';
import { ad, outreachContact, outreachReferral, outreachTemplate, smsMessage } from './schema';
import { rowsOf, textArray } from './sql';

/** Inserts the default templates that are missing; never overwrites an edited one. */
export async function seedOutreachTemplates(db: Db): Promise<void> {
  await db
    .insert(outreachTemplate)
    .values(
      DEFAULT_TEMPLATES.map((t) => ({
        id: t.id,
        language: t.language,
        name: t.name,
        body: t.body,
        markers: t.markers,
        needsNativeReview: t.needsNativeReview,
      })),
    )
    .onConflictDoNothing();
}

const PROFILE_COLUMNS = sql`
  p.id, p.names, p.phones, p.ad_count as "adCount", p.municipality_codes as "municipalityCodes",
  p.first_seen::text as "firstSeen", p.last_seen::text as "lastSeen", p.score, p.contributions, p.timeline,
  coalesce((
    select array_agg(code order by n desc, code) from (
      select l.value->'value'->>'code' as code, count(*) as n
      from link_ad la join ad a on a.id = la.ad_id, jsonb_array_elements(coalesce(a.extraction->'languages', '[]'::jsonb)) l
      where la.profile_id = p.id group by 1
    ) langs where code is not null), '{}') as languages,
  (select min(least(a.stated_age, (select min((g.value->'value'->>'years')::int)
      from jsonb_array_elements(coalesce(a.extraction->'ages', '[]'::jsonb)) g)))
    from link_ad la join ad a on a.id = la.ad_id where la.profile_id = p.id) as "minStatedAge",
  exists (select 1 from link_ad la join ad a on a.id = la.ad_id where la.profile_id = p.id and a.is_demo) as "isDemo"`;

type RawProfile = Omit<OutreachProfileRow, 'score' | 'minStatedAge'> & { score: number | string; minStatedAge: number | string | null };
const toProfile = (r: RawProfile): OutreachProfileRow => ({
  ...r,
  score: Number(r.score),
  minStatedAge: r.minStatedAge === null ? null : Number(r.minStatedAge),
});

const CONTACT_COLUMNS = sql`
  c.id, c.organisation_id as "organisationId", c.kommun, c.profile_id as "profileId", c.ad_keys as "adKeys", c.channel,
  c.language, c.template_id as "templateId", c.message, c.contact_point as "contactPoint", c.contact_at as "contactAt",
  c.worker_id as "workerId", u.display_name as "workerName", c.outcome, c.note, c.follow_up_on::text as "followUpOn",
  c.follow_up_done_at as "followUpDoneAt",
  (select o.name from organisation o where o.id = c.organisation_id) as "organisationName",
  (select jsonb_build_object('id', r.id, 'kind', r.kind, 'unitKind', r.unit_kind, 'status', r.status)
     from outreach_referral r where r.contact_id = c.id order by r.created_at limit 1) as referral`;

type RawContact = Omit<OutreachContactRow, 'contactAt' | 'followUpDoneAt'> & {
  contactAt: Date | string;
  followUpDoneAt: Date | string | null;
};
const toContact = (r: RawContact): OutreachContactRow => ({
  ...r,
  contactAt: new Date(r.contactAt),
  followUpDoneAt: r.followUpDoneAt === null ? null : new Date(r.followUpDoneAt),
});

const smsColumns = {
  id: smsMessage.id,
  organisationId: smsMessage.organisationId,
  profileId: smsMessage.profileId,
  phone: smsMessage.phone,
  direction: smsMessage.direction,
  body: smsMessage.body,
  gateway: smsMessage.gateway,
  gatewayId: smsMessage.gatewayId,
  status: smsMessage.status,
  workerId: smsMessage.workerId,
  createdAt: smsMessage.createdAt,
};

const templateColumns = {
  id: outreachTemplate.id,
  language: outreachTemplate.language,
  name: outreachTemplate.name,
  body: outreachTemplate.body,
  markers: outreachTemplate.markers,
  needsNativeReview: outreachTemplate.needsNativeReview,
  isActive: outreachTemplate.isActive,
  updatedAt: outreachTemplate.updatedAt,
};

const referralColumns = {
  id: outreachReferral.id,
  contactId: outreachReferral.contactId,
  organisationId: outreachReferral.organisationId,
  kommun: outreachReferral.kommun,
  kind: outreachReferral.kind,
  unitKind: outreachReferral.unitKind,
  unitId: outreachReferral.unitId,
  status: outreachReferral.status,
  legalBasis: outreachReferral.legalBasis,
  createdAt: outreachReferral.createdAt,
};

export class DrizzleOutreachRepository implements OutreachRepository {
  constructor(private readonly db: Db) {}

  async profilesInArea(kommuner: string[], since: string, limit: number): Promise<OutreachProfileRow[]> {
    if (kommuner.length === 0) return [];
    // One pass over the candidates' ads (grouped), rather than three lookups per profile.
    const r = await this.db.execute(sql`
      with p as (
        select * from link_profile where municipality_codes && ${textArray(kommuner)} and last_seen >= ${since}::date
        order by score desc, id limit ${limit}
      ),
      ads as (
        select la.profile_id, a.is_demo, a.extraction,
          least(a.stated_age, (select min((g.value->'value'->>'years')::int)
            from jsonb_array_elements(coalesce(a.extraction->'ages', '[]'::jsonb)) g)) as age
        from link_ad la join ad a on a.id = la.ad_id where la.profile_id in (select id from p)
      ),
      agg as (select profile_id, min(age) as min_age, bool_or(is_demo) as is_demo from ads group by profile_id),
      lang_counts as (
        select profile_id, l.value->'value'->>'code' as code, count(*) as n
        from ads, jsonb_array_elements(coalesce(ads.extraction->'languages', '[]'::jsonb)) l group by 1, 2
      ),
      langs as (select profile_id, array_agg(code order by n desc, code) as languages from lang_counts where code is not null group by 1)
      select p.id, p.names, p.phones, p.ad_count as "adCount", p.municipality_codes as "municipalityCodes",
        p.first_seen::text as "firstSeen", p.last_seen::text as "lastSeen", p.score, p.contributions, p.timeline,
        coalesce(langs.languages, '{}') as languages, agg.min_age as "minStatedAge", coalesce(agg.is_demo, false) as "isDemo"
      from p left join agg on agg.profile_id = p.id left join langs on langs.profile_id = p.id
      order by p.score desc, p.id`);
    return rowsOf<RawProfile>(r).map(toProfile);
  }

  async profile(id: string): Promise<OutreachProfileRow | null> {
    const r = await this.db.execute(sql`select ${PROFILE_COLUMNS} from link_profile p where p.id = ${id}`);
    const row = rowsOf<RawProfile>(r)[0];
    return row ? toProfile(row) : null;
  }

  async adKeysOfProfile(profileId: string): Promise<string[]> {
    const r = await this.db.execute(sql`select ad_key as key from link_ad where profile_id = ${profileId} order by ad_key`);
    return rowsOf<{ key: string }>(r).map((x) => x.key);
  }

  async contactsOfProfiles(profileIds: string[]): Promise<(OutreachContactRow & { currentProfileId: string })[]> {
    if (profileIds.length === 0) return [];
    const r = await this.db.execute(sql`
      with wanted as (select unnest(${textArray(profileIds)}) as pid),
      hits as (
        select w.pid, c.id from wanted w join outreach_contact c on c.profile_id = w.pid
        union
        select la.profile_id, c.id from link_ad la join wanted w on w.pid = la.profile_id
          join outreach_contact c on c.ad_keys @> array[la.ad_key]
      )
      select h.pid as "currentProfileId", ${CONTACT_COLUMNS}
      from hits h join outreach_contact c on c.id = h.id left join app_user u on u.id = c.worker_id
      order by c.contact_at desc, c.id`);
    return rowsOf<RawContact & { currentProfileId: string }>(r).map((x) => ({ ...toContact(x), currentProfileId: x.currentProfileId }));
  }

  async insertContact(row: OutreachContactInsert): Promise<string> {
    const [saved] = await this.db.insert(outreachContact).values(row).returning({ id: outreachContact.id });
    return saved!.id;
  }

  async insertReferral(row: Omit<OutreachReferralRow, 'id' | 'status'> & { createdBy: string }): Promise<OutreachReferralRow> {
    const [saved] = await this.db.insert(outreachReferral).values(row).returning(referralColumns);
    return saved!;
  }

  async findUnit(organisationId: string, patterns: string[]): Promise<string | null> {
    const r = await this.db.execute(sql`
      select id from unit where organisation_id = ${organisationId}::uuid
      and exists (select 1 from unnest(${textArray(patterns)}) p where lower(unit.name) like '%' || p || '%')
      order by name limit 1`);
    return rowsOf<{ id: string }>(r)[0]?.id ?? null;
  }

  async followUps(organisationId: string, until: string): Promise<OutreachContactRow[]> {
    const r = await this.db.execute(sql`
      select ${CONTACT_COLUMNS} from outreach_contact c left join app_user u on u.id = c.worker_id
      where c.organisation_id = ${organisationId}::uuid and c.follow_up_on is not null and c.follow_up_done_at is null
        and c.follow_up_on <= ${until}::date
      order by c.follow_up_on, c.contact_at`);
    return rowsOf<RawContact>(r).map(toContact);
  }

  async completeFollowUp(contactId: string, organisationId: string, at: Date): Promise<boolean> {
    const done = await this.db
      .update(outreachContact)
      .set({ followUpDoneAt: at })
      .where(
        and(
          eq(outreachContact.id, contactId),
          eq(outreachContact.organisationId, organisationId),
          sql`${outreachContact.followUpOn} is not null and ${outreachContact.followUpDoneAt} is null`,
        ),
      )
      .returning({ id: outreachContact.id });
    return done.length > 0;
  }

  async referrals(organisationId: string, limit: number): Promise<OutreachReferralRow[]> {
    return this.db
      .select(referralColumns)
      .from(outreachReferral)
      .where(eq(outreachReferral.organisationId, organisationId))
      .orderBy(sql`${outreachReferral.createdAt} desc`)
      .limit(limit);
  }

  async stats(q: {
    organisationId: string | null;
    kommuner: string[] | null;
    from: Date;
    to: Date;
    period: 'week' | 'month';
  }): Promise<OutreachStatsRow[]> {
    const unit = q.period === 'week' ? sql.raw(`'week'`) : sql.raw(`'month'`);
    const org = q.organisationId === null ? sql`true` : sql`c.organisation_id = ${q.organisationId}::uuid`;
    const area = q.kommuner === null ? sql`true` : sql`c.kommun = any(${textArray(q.kommuner)})`;
    const r = await this.db.execute(sql`
      select date_trunc(${unit}, c.contact_at at time zone 'Europe/Stockholm')::date::text as period, c.kommun,
        count(*)::int as contacts,
        count(*) filter (where c.outcome not in ('no_answer', 'wrong_number'))::int as answered,
        count(*) filter (where c.outcome = 'accepted_help')::int as "acceptedHelp",
        count(r.id)::int as referrals
      from outreach_contact c left join outreach_referral r on r.contact_id = c.id
      where ${org} and ${area} and c.contact_at >= ${q.from.toISOString()}::timestamptz and c.contact_at < ${q.to.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2`);
    return rowsOf<OutreachStatsRow>(r);
  }

  templates(): Promise<OutreachTemplateRow[]> {
    return this.db.select(templateColumns).from(outreachTemplate).orderBy(asc(outreachTemplate.id));
  }

  async template(id: string): Promise<OutreachTemplateRow | null> {
    const [row] = await this.db.select(templateColumns).from(outreachTemplate).where(eq(outreachTemplate.id, id));
    return row ?? null;
  }

  async updateTemplate(
    id: string,
    patch: Pick<OutreachTemplateRow, 'body' | 'markers' | 'isActive' | 'needsNativeReview'>,
    by: string,
    at: Date,
  ): Promise<OutreachTemplateRow | null> {
    const [row] = await this.db
      .update(outreachTemplate)
      .set({ ...patch, updatedBy: by, updatedAt: at })
      .where(eq(outreachTemplate.id, id))
      .returning(templateColumns);
    return row ?? null;
  }

  async insertSms(row: Omit<SmsMessageRow, 'id'> & { adKeys: string[]; contactId: string | null }): Promise<SmsMessageRow | null> {
    const [saved] = await this.db
      .insert(smsMessage)
      .values({ ...row, updatedAt: row.createdAt })
      .onConflictDoNothing()
      .returning(smsColumns);
    return (saved as SmsMessageRow | undefined) ?? null;
  }

  async updateSmsStatus(gateway: string, gatewayId: string, status: string, at: Date): Promise<boolean> {
    const done = await this.db
      .update(smsMessage)
      .set({ status, updatedAt: at })
      .where(and(eq(smsMessage.gateway, gateway), eq(smsMessage.gatewayId, gatewayId)))
      .returning({ id: smsMessage.id });
    return done.length > 0;
  }

  async isDemoPhone(phone: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: ad.id })
      .from(ad)
      .where(and(eq(ad.isDemo, true), sql`${ad.phones} @> ${textArray([phone])}`))
      .limit(1);
    return row !== undefined;
  }

  async lastOutboundTo(phone: string): Promise<(SmsMessageRow & { adKeys: string[] }) | null> {
    const [row] = await this.db
      .select({ ...smsColumns, adKeys: smsMessage.adKeys })
      .from(smsMessage)
      .where(and(eq(smsMessage.phone, phone), eq(smsMessage.direction, 'out')))
      .orderBy(sql`${smsMessage.createdAt} desc`)
      .limit(1);
    return (row as (SmsMessageRow & { adKeys: string[] }) | undefined) ?? null;
  }

  async conversation(organisationId: string, phones: string[]): Promise<SmsMessageRow[]> {
    if (phones.length === 0) return [];
    const rows = await this.db
      .select(smsColumns)
      .from(smsMessage)
      .where(and(eq(smsMessage.organisationId, organisationId), sql`${smsMessage.phone} = any(${textArray(phones)})`))
      .orderBy(asc(smsMessage.createdAt), asc(smsMessage.id));
    return rows as SmsMessageRow[];
  }

  async deleteForSources(sourceIds: string[]): Promise<{ contacts: number; messages: number }> {
    const only = (keys: SQL) =>
      sql`cardinality(${keys}) > 0 and not exists (select 1 from unnest(${keys}) k where split_part(k, ':', 1) <> all(${textArray(sourceIds)}))`;
    const gone = sql`(select c.id from outreach_contact c where ${only(sql`c.ad_keys`)})`;
    const messages = rowsOf<{ n: number }>(
      await this.db.execute(sql`
        with d as (delete from sms_message s where s.contact_id in ${gone} or ${only(sql`s.ad_keys`)} returning 1)
        select count(*)::int as n from d`),
    )[0]!.n;
    await this.db.execute(sql`delete from outreach_referral where contact_id in ${gone}`);
    const contacts = rowsOf<{ n: number }>(
      await this.db.execute(
        sql`with d as (delete from outreach_contact c where ${only(sql`c.ad_keys`)} returning 1) select count(*)::int as n from d`,
      ),
    )[0]!.n;
    return { contacts, messages };
  }

  async purgeBefore(before: Date): Promise<{ contacts: number; messages: number }> {
    const at = before.toISOString();
    const kept = sql`(select contact_id from outreach_referral)`;
    const messages = rowsOf<{ n: number }>(
      await this.db.execute(sql`
        with gone as (delete from sms_message where created_at < ${at}::timestamptz
          and (contact_id is null or contact_id not in ${kept})
          and (organisation_id is null or phone not in (
            select c.contact_point from outreach_contact c join outreach_referral r on r.contact_id = c.id
            where c.contact_point is not null and c.organisation_id = sms_message.organisation_id))
          returning 1)
        select count(*)::int as n from gone`),
    )[0]!.n;
    const contacts = rowsOf<{ n: number }>(
      await this.db.execute(sql`
        with gone as (delete from outreach_contact c where c.contact_at < ${at}::timestamptz and c.id not in ${kept}
          and not exists (select 1 from sms_message s where s.contact_id = c.id) returning 1)
        select count(*)::int as n from gone`),
    )[0]!.n;
    return { contacts, messages };
  }
}
