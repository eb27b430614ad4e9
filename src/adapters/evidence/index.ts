/**
 * Evidence storage (adapters): WARC captures, content-addressed blobs, perceptual image
 * hashes and evidence bundles. Everything lives in folders under the data directory; the
 * BlobStore port lets blobs move elsewhere (S3-compatible storage) later.
 */
export { BlobIntegrityError, FsBlobStore, InvalidBlobAddressError, sha256Hex, type BlobPutResult, type BlobStore } from './blob-store';
export {
  AdRefSchema,
  BUNDLE_FORMAT,
  BundleExportError,
  BundleManifestSchema,
  exportBundle,
  imageExtension,
  verifyBundle,
  type AdRef,
  type BundleManifest,
  type BundleVerification,
  type ExportBundleInput,
} from './bundle';
export { ImageDecodeError, perceptualHash, PHASH_SAME_IMAGE_MAX_DISTANCE, sharpImageHasher, type ImageHash } from './image-hash';
export { storeImage, type StoredImage } from './store-image';
export {
  CaptureReadError,
  FsWarcStore,
  parseCaptureBytes,
  scanWarcBytes,
  scanWarcFile,
  type CaptureRef,
  type HttpCapture,
  type ScannedRecord,
  type StoredCapture,
  type WarcScan,
  type WarcStoreOptions,
} from './warc-store';
