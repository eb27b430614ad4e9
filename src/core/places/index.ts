/** Swedish places: kommuner, län, polisregioner and the gazetteer that resolves names in text. */
export type { Kommun, Lan, Postort, PoliceRegion } from './types';
export { POLICE_REGIONS } from './types';
export { KOMMUNER, LAN, POSTORTER } from './places.data';
export { PLACE_ALIASES } from './aliases.data';
export type { PlaceAlias, AliasSource } from './aliases.data';
export { findPlaceMentions, foldPlaceName, kommunOf, lanOf } from './gazetteer';
export type { PlaceMention, PlaceMatchKind } from './gazetteer';
