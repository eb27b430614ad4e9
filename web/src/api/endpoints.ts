/** One typed function per API endpoint the web app uses. */
import type {
  AuditEvent,
  LoginInput,
  Me,
  Organisation,
  OrganisationCreateInput,
  OrganisationUpdateInput,
  PasswordChangeInput,
  Unit,
  UnitCreateInput,
  User,
  UserCreateInput,
  UserUpdateInput,
} from '../../../src/contracts/identity';
import type { AdListItemDto, ImageSearchResultDto } from '../../../src/contracts/ads';
import type {
  CorrectionCreateInput,
  CorrectionDto,
  ExplainDto,
  NetworkDto,
  ProfileDto,
  ProfileSummaryDto,
} from '../../../src/contracts/links';
import type {
  ContactCreatedDto,
  ContactCreateInput,
  FollowUpDto,
  ProfileOutreachDto,
  QueueDto,
  SmsDto,
  StatsDto,
  TemplateDto,
} from '../../../src/contracts/outreach';
import type { PublishedDashboard } from '../../../src/core/stats/dashboard';
import type { MappingMethod } from '../../../src/core/stats/method';
import type {
  DemandAreasDto,
  DemandEventCreateInput,
  DemandEventDto,
  DemandProbeCreateInput,
  DemandProbeDto,
  DemandTrendDto,
  DisplacementDto,
} from '../../../src/contracts/demand';
import { PURPOSE_HEADER } from '../../../src/core/shared/vocabulary';
import { api, downloadFile, request, withQuery, type DownloadedFile } from './client';

/** The filters of GET /api/ads, as the form holds them (empty strings are left out of the query). */
export interface AdSearchFilter {
  q?: string;
  phone?: string;
  kommun?: string;
  lan?: string;
  from?: string;
  to?: string;
  /** An indicator code from the lexicon. */
  indicator?: string;
  limit?: number;
}

/** The filters of GET /api/profiles. */
export interface ProfileFilter {
  kommun?: string;
  minScore?: number;
  limit?: number;
}

export interface Places {
  kommuner: { code: string; name: string; countyCode: string }[];
  lan: { code: string; name: string; policeRegion: string }[];
  polisregioner: string[];
}

export interface AuditFilter {
  action?: string;
  outcome?: AuditEvent['outcome'];
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

const enc = encodeURIComponent;

/** The purpose header, percent-encoded (header values are ASCII). */
const purposeHeader = (purpose: string) => ({ [PURPOSE_HEADER]: encodeURIComponent(purpose) });

export const authApi = {
  me: () => api.get<{ user: Me }>('/api/auth/me').then((r) => r.user),
  login: (input: LoginInput) => api.post<{ user: Me }>('/api/auth/login', input).then((r) => r.user),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (input: PasswordChangeInput) => api.post<void>('/api/auth/password', input),
  totpSetup: () => api.post<{ secret: string; otpauthUri: string }>('/api/auth/totp/setup'),
  totpEnable: (code: string) => api.post<void>('/api/auth/totp/enable', { code }),
};

export const placesApi = {
  list: () => api.get<Places>('/api/places'),
};

export const adsApi = {
  /** Every search states its purpose; the server decodes the percent-encoded header and audits it. */
  search: (filter: AdSearchFilter, purpose: string) =>
    api.get<{ items: AdListItemDto[] }>('/api/ads', { ...filter }, { [PURPOSE_HEADER]: encodeURIComponent(purpose) }).then((r) => r.items),
  /** Ads that show this picture (image reuse by perceptual hash; never faces). */
  searchByImage: (picture: Blob, purpose: string) => api.post<ImageSearchResultDto>('/api/ads/by-image', picture, purposeHeader(purpose)),
  /** The evidence bundle of one ad (a tar file), with the same purpose as the search that found it. */
  evidence: (id: string, purpose: string): Promise<DownloadedFile> =>
    downloadFile(`/api/ads/${enc(id)}/evidence`, { [PURPOSE_HEADER]: encodeURIComponent(purpose), accept: 'application/x-tar' }),
};

export const imagesApi = {
  /** The bytes of one stored picture of an ad (audited with the purpose). */
  get: (sha256: string, purpose: string): Promise<Blob> =>
    downloadFile(`/api/images/${enc(sha256)}`, { ...purposeHeader(purpose), accept: 'image/*' }).then((file) => file.blob),
};

export const linksApi = {
  profiles: (filter: ProfileFilter, purpose: string) =>
    api.get<{ items: ProfileSummaryDto[] }>('/api/profiles', { ...filter }, purposeHeader(purpose)).then((r) => r.items),
  profile: (id: string, purpose: string) => api.get<ProfileDto>(`/api/profiles/${enc(id)}`, undefined, purposeHeader(purpose)),
  network: (id: string, purpose: string) => api.get<NetworkDto>(`/api/networks/${enc(id)}`, undefined, purposeHeader(purpose)),
  explain: (a: string, b: string, level: 'profile' | 'network', purpose: string) =>
    api.get<ExplainDto>('/api/links/explain', { a, b, level }, purposeHeader(purpose)),
  /** Records a correction (with its reason); the server re-links the ads at once. */
  correct: (input: CorrectionCreateInput, purpose: string) =>
    api.post<CorrectionDto>('/api/links/corrections', input, purposeHeader(purpose)),
};

/** How a crawl run ended, or that it is still going (GET /api/crawl/runs). */
export type CrawlRunStatus = 'running' | 'complete' | 'incomplete' | 'failed' | 'interrupted';

/** One crawl run as JSON (dates as ISO strings). */
export interface CrawlRun {
  id: string;
  sourceId: string;
  status: CrawlRunStatus;
  startedAt: string;
  finishedAt: string | null;
  trigger: string;
  errorSample: string[];
  pages: number;
  ads: number;
  newAds: number;
  changedAds: number;
  removedAds: number;
  reposts: number;
  errors: number;
}

/** A site the installation crawls (GET /api/crawl/sources). */
export interface CrawlSource {
  id: string;
  name: string;
  kind: string;
  isDemo: boolean;
  baseUrl: string;
  scheduleMinutes: number | null;
  lastRun: CrawlRun | null;
}

export const crawlApi = {
  sources: () => api.get<{ items: CrawlSource[]; configErrors: string[] }>('/api/crawl/sources'),
  /** Starts a crawl (202); CONFLICT when one is already running for the source. */
  start: (sourceId: string, baseUrl?: string) =>
    api.post<{ status: 'started' }>(`/api/crawl/sources/${enc(sourceId)}/runs`, baseUrl ? { baseUrl } : {}),
  runs: (sourceId: string, limit = 1) =>
    api.get<{ items: CrawlRun[] }>('/api/crawl/runs', { source: sourceId, limit }).then((r) => r.items),
};

export const adminApi = {
  organisations: () => api.get<{ items: Organisation[] }>('/api/admin/organisations').then((r) => r.items),
  createOrganisation: (input: OrganisationCreateInput) =>
    api.post<{ organisation: Organisation }>('/api/admin/organisations', input).then((r) => r.organisation),
  updateOrganisation: (id: string, input: OrganisationUpdateInput) =>
    api.patch<{ organisation: Organisation }>(`/api/admin/organisations/${enc(id)}`, input).then((r) => r.organisation),
  units: (organisationId: string) =>
    api.get<{ items: Unit[] }>(`/api/admin/organisations/${enc(organisationId)}/units`).then((r) => r.items),
  createUnit: (organisationId: string, input: UnitCreateInput) =>
    api.post<{ unit: Unit }>(`/api/admin/organisations/${enc(organisationId)}/units`, input).then((r) => r.unit),
  users: () => api.get<{ items: User[] }>('/api/admin/users').then((r) => r.items),
  createUser: (input: UserCreateInput) => api.post<{ user: User; oneTimePassword: string }>('/api/admin/users', input),
  updateUser: (id: string, input: UserUpdateInput) =>
    api.patch<{ user: User; oneTimePassword?: string }>(`/api/admin/users/${enc(id)}`, input),
  audit: (filter: AuditFilter) => api.get<{ items: AuditEvent[]; nextBefore: number | null }>('/api/admin/audit', { ...filter }),
};

/** Uppsök: reads of personal data carry the session's purpose. */
export const outreachApi = {
  queue: (filter: { kommun?: string; limit?: number }, purpose: string) =>
    api.get<QueueDto>('/api/outreach/queue', { ...filter }, purposeHeader(purpose)),
  profile: (id: string, purpose: string) =>
    api.get<ProfileOutreachDto>(`/api/outreach/profiles/${enc(id)}`, undefined, purposeHeader(purpose)),
  logContact: (input: ContactCreateInput) => api.post<ContactCreatedDto>('/api/outreach/contacts', input),
  sendSms: (id: string, input: { phone: string; message: string }) => api.post<SmsDto>(`/api/outreach/profiles/${enc(id)}/sms`, input),
  followUps: (purpose: string) =>
    api.get<{ items: FollowUpDto[] }>('/api/outreach/follow-ups', undefined, purposeHeader(purpose)).then((r) => r.items),
  completeFollowUp: (contactId: string) => api.post<void>(`/api/outreach/follow-ups/${enc(contactId)}/done`),
  templates: () => api.get<{ items: TemplateDto[]; canEdit: boolean }>('/api/outreach-templates').then((r) => r.items),
  /** The templates and whether this user may edit them (the server's policy decides). */
  templatesWithRights: () => api.get<{ items: TemplateDto[]; canEdit: boolean }>('/api/outreach-templates'),
  updateTemplate: (id: string, input: Pick<TemplateDto, 'body' | 'markers' | 'isActive' | 'needsNativeReview'>) =>
    request<TemplateDto>('PUT', `/api/outreach-templates/${enc(id)}`, input),
  stats: (q: { from: string; to: string; period: 'week' | 'month'; kommun?: string }) => api.get<StatsDto>('/api/outreach/stats', { ...q }),
};

/** The area and period of the statistics dashboard. */
export interface DashboardParams {
  area: string;
  from: string;
  to: string;
  /** Other areas, comma-separated. */
  compare?: string;
}

/** A frozen mapping as listed. */
export interface MappingSummary {
  id: string;
  title: string;
  area: { kind: string; id: string; name: string };
  period: { from: string; to: string };
  createdAt: string;
  createdByName: string | null;
  contentHash: string;
}

export const statisticsApi = {
  dashboard: (p: DashboardParams) =>
    api.get<{ dashboard: PublishedDashboard; method: MappingMethod; canFreeze: boolean }>('/api/statistics/dashboard', {
      ...p,
      compare: p.compare || undefined,
    }),
  /** Link targets for downloads (same-origin GET; the session cookie goes along). */
  csvUrl: (table: string, p: DashboardParams) =>
    withQuery(`/api/statistics/dashboard/${table}.csv`, { ...p, compare: p.compare || undefined }),
  reportUrl: (p: DashboardParams) => withQuery('/api/statistics/report.pdf', { ...p, compare: p.compare || undefined }),
  mappings: () => api.get<MappingSummary[]>('/api/statistics/mappings'),
  freeze: (input: { area: string; from: string; to: string; title?: string }) =>
    api.post<MappingSummary>('/api/statistics/mappings', input),
  reproduce: (id: string) =>
    api.get<{ isReproduced: boolean; storedHash: string; recomputedHash: string }>(
      `/api/statistics/mappings/${encodeURIComponent(id)}/reproduce`,
    ),
  compare: (a: string, b: string) =>
    api.get<{ a: MappingSummary; b: MappingSummary; rows: { figure: string; a: string; b: string; change: number | null }[] }>(
      '/api/statistics/mappings/compare',
      { a, b },
    ),
  mappingReportUrl: (id: string) => `/api/statistics/mappings/${encodeURIComponent(id)}/report.pdf`,
};

/** Statistik → Efterfrågan: demand figures (already suppressed), events and probes. */
export const demandApi = {
  trend: (area: string, from?: string, to?: string) => api.get<DemandTrendDto>('/api/demand/trend', { area, from, to }),
  areas: (level: 'kommun' | 'lan' | 'polisregion', week?: string) => api.get<DemandAreasDto>('/api/demand/areas', { level, week }),
  displacement: (event: string, weeks?: number, compare?: string) =>
    api.get<DisplacementDto>('/api/demand/displacement', { event, weeks, compare }),
  createEvent: (input: DemandEventCreateInput) => api.post<DemandEventDto>('/api/demand/events', input),
  createProbe: (input: DemandProbeCreateInput) => api.post<DemandProbeDto>('/api/demand/probes', input),
  /** Where the PDF of the demand section is downloaded (a plain link; GET needs no CSRF header). */
  reportUrl: (area: string) => `/api/demand/report.pdf?area=${encodeURIComponent(area)}`,
};
