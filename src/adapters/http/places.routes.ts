/** /api/places: SCB kommun and län codes and the police regions (public reference data). */
import { Hono } from 'hono';
import { KOMMUNER, LAN } from '../../core/places/places.data';
import { POLICE_REGIONS } from '../../core/places/types';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';

const body = {
  kommuner: KOMMUNER.map((k) => ({ code: k.code, name: k.short, countyCode: k.countyCode })),
  lan: LAN.map((l) => ({ code: l.code, name: l.name, policeRegion: l.policeRegion })),
  polisregioner: [...POLICE_REGIONS],
};

export function placesRoutes() {
  return new Hono<HttpEnv>().get('/', (c) => {
    if (!c.get('active')) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return c.json(body);
  });
}
