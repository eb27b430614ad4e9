/** Profiles and networks as the API returns them, for the web tests, and the purpose step. */
import { fireEvent, screen } from '@testing-library/react';
import type { NetworkDto, ProfileDto, ProfileSummaryDto } from '../../../src/contracts/links';

export const SHA = { a: 'a'.repeat(64), b: 'b'.repeat(64), c: 'c'.repeat(64) };

export function buildProfile(overrides: Partial<ProfileDto> = {}): ProfileDto {
  return {
    id: 'pf-aaaaaaaaaaaa',
    networkId: 'nw-bbbbbbbbbbbb',
    adCount: 3,
    names: ['lina'],
    phones: ['+46701234567'],
    municipalities: [
      { code: '2480', name: 'Umeå' },
      { code: '2482', name: 'Skellefteå' },
    ],
    firstSeen: '2026-03-01',
    lastSeen: '2026-03-09',
    isTouring: true,
    score: 52.4,
    isDemo: true,
    weightsVersion: 'risk-2026.1',
    contributions: [
      { code: 'SHARED_PHONE', weight: 0.3, evidence: [{ ad: 'demo-portal:2', text: '+46701234567 med namnen lina, mia' }] },
      { code: 'TOURING', weight: 0.25, evidence: [{ ad: 'demo-classifieds:7', text: '2482 2026-03-06–2026-03-09' }] },
      { code: 'NEW_IN_TOWN', weight: 0.1, evidence: [{ ad: 'demo-portal:1', text: 'ny i stan' }] },
    ],
    timeline: [
      { municipality: { code: '2480', name: 'Umeå' }, from: '2026-03-01', to: '2026-03-04', ads: ['demo-portal:1', 'demo-portal:2'] },
      { municipality: { code: '2482', name: 'Skellefteå' }, from: '2026-03-06', to: '2026-03-09', ads: ['demo-classifieds:7'] },
    ],
    ads: [
      {
        id: 'ad-1',
        ref: 'demo-portal:1',
        title: 'Ny i stan',
        municipality: { code: '2480', name: 'Umeå' },
        phones: ['+46701234567'],
        firstSeenAt: '2026-03-01T10:00:00.000Z',
        lastSeenAt: '2026-03-04T10:00:00.000Z',
        images: [SHA.a, SHA.b],
        isDemo: true,
      },
      {
        id: 'ad-2',
        ref: 'demo-portal:2',
        title: 'Massage',
        municipality: { code: '2480', name: 'Umeå' },
        phones: ['+46701234567'],
        firstSeenAt: '2026-03-02T10:00:00.000Z',
        lastSeenAt: '2026-03-03T10:00:00.000Z',
        images: [],
        isDemo: true,
      },
      {
        id: 'ad-3',
        ref: 'demo-classifieds:7',
        title: 'Skellefteå nu',
        municipality: { code: '2482', name: 'Skellefteå' },
        phones: [],
        firstSeenAt: '2026-03-06T10:00:00.000Z',
        lastSeenAt: '2026-03-09T10:00:00.000Z',
        images: [SHA.c],
        isDemo: true,
      },
    ],
    edges: [
      {
        a: 'demo-portal:1',
        b: 'demo-portal:2',
        kind: 'phone',
        level: 'profile',
        value: '+46701234567',
        strength: 1,
        similarity: null,
        isRefused: false,
      },
      {
        a: 'demo-portal:2',
        b: 'demo-classifieds:7',
        kind: 'image',
        level: 'profile',
        value: SHA.c,
        strength: 0.8,
        similarity: null,
        isRefused: true,
      },
    ],
    corrections: [
      {
        id: 'c-1',
        type: 'cut',
        level: 'profile',
        ads: ['demo-portal:2', 'demo-classifieds:7'],
        value: null,
        reason: 'Olika språk i texterna',
        author: 'Karin Kartläggare',
        createdAt: '2026-03-10T09:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function summaryOf(p: ProfileDto): ProfileSummaryDto {
  const { id, networkId, adCount, names, phones, municipalities, firstSeen, lastSeen, isTouring, score, isDemo } = p;
  return { id, networkId, adCount, names, phones, municipalities, firstSeen, lastSeen, isTouring, score, isDemo };
}

export function buildNetwork(overrides: Partial<NetworkDto> = {}): NetworkDto {
  const first = buildProfile();
  const second = buildProfile({
    id: 'pf-cccccccccccc',
    names: ['mia'],
    adCount: 2,
    score: 30,
    isTouring: false,
    municipalities: [{ code: '0180', name: 'Stockholm' }],
  });
  return {
    profilesOutsideArea: 0,
    id: 'nw-bbbbbbbbbbbb',
    isDemo: true,
    profileCount: 2,
    adCount: 5,
    municipalities: [
      { code: '0180', name: 'Stockholm' },
      { code: '2480', name: 'Umeå' },
    ],
    firstSeen: '2026-03-01',
    lastSeen: '2026-03-12',
    score: 61,
    weightsVersion: 'risk-2026.1',
    contributions: [{ code: 'TEMPLATE_TEXT', weight: 0.2, evidence: [{ ad: 'demo-sugar:3', text: 'samma mall' }] }],
    profiles: [summaryOf(first), summaryOf(second)],
    adProfiles: {
      'demo-portal:1': first.id,
      'demo-portal:2': first.id,
      'demo-classifieds:7': first.id,
      'demo-sugar:3': second.id,
      'demo-sugar:4': second.id,
    },
    edges: [
      {
        a: 'demo-portal:1',
        b: 'demo-portal:2',
        kind: 'phone',
        level: 'profile',
        value: '+46701234567',
        strength: 1,
        similarity: null,
        isRefused: false,
      },
      {
        a: 'demo-portal:2',
        b: 'demo-classifieds:7',
        kind: 'image',
        level: 'profile',
        value: SHA.c,
        strength: 0.8,
        similarity: null,
        isRefused: true,
      },
      {
        a: 'demo-sugar:3',
        b: 'demo-sugar:4',
        kind: 'handle',
        level: 'profile',
        value: 'telegram:mia',
        strength: 1,
        similarity: null,
        isRefused: false,
      },
      {
        a: 'demo-portal:1',
        b: 'demo-sugar:3',
        kind: 'text',
        level: 'network',
        value: 'band-12',
        strength: 0.6,
        similarity: 0.91,
        isRefused: false,
      },
    ],
    ...overrides,
  };
}

/** Gives the session purpose in the purpose form (Swedish). */
export async function givePurpose(kind = 'kartlaggning', reference = 'v. 12 Umeå') {
  fireEvent.change(await screen.findByLabelText(/^Typ av syfte/), { target: { value: kind } });
  fireEvent.change(screen.getByLabelText(/^Referens/), { target: { value: reference } });
  fireEvent.click(screen.getByRole('button', { name: 'Fortsätt' }));
}
