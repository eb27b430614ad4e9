/**
 * Ad search by picture: which ads show this picture (resized, recompressed or watermarked
 * copies included)? The uploaded picture is perceptually hashed and compared with the
 * stored pictures' hashes by Hamming distance. Image reuse only: there is no face
 * recognition, and a different photo of the same person is not found. The picture itself
 * is not kept; the search is audited with its purpose and the picture's hash.
 */
import type { ImageSearchQueryInput, ImageSearchResultDto } from '../../contracts/ads';
import { IMAGE_SEARCH_MAX_BYTES } from '../../contracts/ads';
import { IMAGE_REUSE_MAX_DISTANCE } from '../../core/link/params';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { ImageHasher } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { adListItemDto, requireSearchPurpose } from './search-ads';

export async function searchAdsByImage(
  deps: AppDeps & { imageHasher: ImageHasher },
  ctx: RequestContext,
  picture: Buffer,
  q: ImageSearchQueryInput,
): Promise<ImageSearchResultDto> {
  await authorize(deps, ctx, 'list', { kind: 'ad' });
  requireSearchPurpose(ctx);
  if (picture.length === 0) throw new DomainError('VALIDATION_FAILED', 'send a picture: the body is empty', { path: ['image'] });
  if (picture.length > IMAGE_SEARCH_MAX_BYTES) {
    throw new DomainError('VALIDATION_FAILED', `the picture is larger than ${IMAGE_SEARCH_MAX_BYTES / 1024 / 1024} MB`, {
      path: ['image'],
    });
  }
  const phash = await deps.imageHasher.phash(picture);
  if (!phash) {
    throw new DomainError('VALIDATION_FAILED', 'the file is not a picture Fyren can read (JPEG, PNG, WebP, GIF, AVIF or TIFF)', {
      path: ['image'],
    });
  }
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const rows = await r.ads.searchByImage(phash, IMAGE_REUSE_MAX_DISTANCE, q.limit);
    await r.audit.append(
      ctx,
      {
        action: 'ad.search_image',
        outcome: 'success',
        resourceKind: 'ad',
        details: { phash, bytes: picture.length, maxDistance: IMAGE_REUSE_MAX_DISTANCE, limit: q.limit, results: rows.length },
      },
      now,
    );
    return {
      phash,
      maxDistance: IMAGE_REUSE_MAX_DISTANCE,
      items: rows.map((a) => ({ ...adListItemDto(a), distance: a.distance, imageSha256: a.imageSha256 })),
    };
  });
}
