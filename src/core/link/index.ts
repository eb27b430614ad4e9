/**
 * Linking core: ads into profiles and networks with evidence edges, the analyst's
 * corrections, movement and the explained risk score. Pure: no I/O.
 */
export { linkAds, clusterId, orderByHash } from './link-ads';
export { linkByPhoneOnly } from './baseline';
export { findNames, type NameHit } from './names';
export { textFacts, type TextFacts } from './text-facts';
export {
  minhashSignature,
  estimateJaccard,
  lshBands,
  lshBandNumbers,
  bandKeyToNumber,
  bandKeyFromNumber,
  signatureToHex,
  signatureFromHex,
  MINHASH_SIZE,
  LSH_BANDS,
} from './minhash';
export { DEFAULT_LINK_PARAMS, IMAGE_REUSE_MAX_DISTANCE } from './params';
export { RISK_WEIGHTS, scoreIndicators, timelineOf, findTouring, flowsOf } from './risk';
export type { RiskWeights, RiskScore, RiskContribution, RiskEvidence, TimelineStop, Flow, AdStay } from './risk';
export {
  summariseClusters,
  summariseNetworks,
  indexClusters,
  type ClusterIndex,
  type AdFacts,
  type ProfileSummary,
  type NetworkSummary,
} from './summarise';
export { bcubed, rocAuc, type BCubed } from './evaluate';
export { explainPath, type PathStep } from './explain';
export type * from './types';
