import { definePurger } from '../retention/purger';
import type { Repositories } from '../shared/ports';

/**
 * Retention of ads: the ad's text and details, and its captures and images unless another ad
 * still shows them; unlinked captures older than the period. Purged ads leave linking; the rest
 * of their networks are linked again after the job's transaction.
 */
export const adPurger = definePurger({
  category: 'ad',
  purge: async (r: Pick<Repositories, 'ads' | 'links' | 'evidence'>, before, now) => {
    const ids = await r.ads.purgeLastSeenBefore(before, now);
    const networks = await r.links.networksOfAds(ids);
    await r.links.lock();
    await r.links.forgetAds(ids);
    const relink = await r.links.adsOfNetworks(networks);
    const detached = await r.evidence.detachAds(ids);
    const unlinked = await r.evidence.purgeUnlinkedCaptures(before);
    const affectedWarcFiles = [...new Set([...detached.affectedWarcFiles, ...unlinked])];
    return {
      purged: ids.length,
      details: { images: detached.deletedImages.length, warcFiles: affectedWarcFiles.length },
      deletedImages: detached.deletedImages,
      affectedWarcFiles,
      relink,
    };
  },
});
