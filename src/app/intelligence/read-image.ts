/**
 * The bytes of one stored picture, for the web app (a profile's photos, image search hits).
 * Only for a user who may read ads, with a purpose, and only for a picture that at least one
 * ad still shows (not purged by retention). Every read is audited as image.read.
 */
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { ImageReader } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';
import { requireSearchPurpose } from './search-ads';

/** Picture formats the web app may show, by their first bytes. Anything else is not served. */
const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The picture type of `bytes`, or null when it is not one the web app shows. */
export function pictureType(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null;
}

export async function readAdImage(
  deps: AppDeps & { images: ImageReader },
  ctx: RequestContext,
  sha256: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  await authorize(deps, ctx, 'read', { kind: 'ad' });
  requireSearchPurpose(ctx, 'read');
  const isShown = await deps.uow.transaction((r) => r.evidence.isImageOfLiveAd(sha256));
  if (!isShown) throw new DomainError('NOT_FOUND', `no picture ${sha256} on any ad`);
  const bytes = await deps.images.readImage(sha256);
  if (!bytes) throw new DomainError('NOT_FOUND', `picture ${sha256} is no longer stored`);
  const contentType = pictureType(bytes);
  if (!contentType) throw new DomainError('NOT_FOUND', `picture ${sha256} is not in a format the web app shows`);
  await deps.uow.transaction((r) =>
    r.audit.append(ctx, { action: 'image.read', outcome: 'success', resourceKind: 'image', resourceId: sha256 }, deps.clock.now()),
  );
  return { bytes, contentType };
}
