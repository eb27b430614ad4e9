/**
 * WARC evidence store: every fetched HTTP response is kept, with its request, in WARC/1.1
 * files written with warcio.
 *
 * Layout and format:
 * - Files roll: `root/warc/YYYY/MM/DD/fyren-<startIso>-<n>.warc.gz` (UTC date of the file's
 *   start; `startIso` is the store's start time as `YYYYMMDDTHHMMSSsssZ`; `n` counts from 1).
 *   A new file starts when the current one would pass `maxFileBytes`, when the UTC day
 *   changes, or after a failed write. A store never appends to a file it did not create, so
 *   a torn tail left by a crash is never followed by new records.
 * - Each file starts with a `warcinfo` record. Each capture is a `response` record followed by
 *   its `request` record (`WARC-Concurrent-To` the response), each gzipped as its own member,
 *   so a capture is one contiguous byte range that can be copied or read alone.
 * - `WARC-Date` is the fetch time (UTC, millisecond precision, allowed by WARC/1.1).
 * - `WARC-Payload-Digest` and `WARC-Block-Digest` are `sha256:<64 lowercase hex digits>`
 *   (hex, not base32, so they compare directly with the sha256 values kept everywhere else).
 * - The stored response body is the entity body as the fetcher delivered it. When it was
 *   already decoded (the default), `Content-Encoding`, `Transfer-Encoding` and
 *   `Content-Length` are renamed `X-Archive-Orig-*` (the pywb/warcprox convention), so a
 *   replay tool does not try to decode it again.
 * - Durability: each `append`/`appendMany` call is written and then fsynced before its
 *   promise resolves; appends are serialised.
 */
import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip, gzipSync, gunzipSync, inflateRawSync } from 'node:zlib';
import { WARCParser, WARCRecord, WARCSerializer, type WARCSerializerOpts } from 'warcio';
import { fsyncDir, sha256Hex } from './blob-store';
import { base32Encode } from '../../core/shared/base32';

/** One HTTP fetch to keep as evidence. */
export interface HttpCapture {
  /** Absolute URL that was fetched. */
  url: string;
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** Request headers as sent; pairs keep order and repeated names. */
  requestHeaders: Record<string, string> | readonly (readonly [string, string])[];
  /** Request body, for POSTs. */
  requestBody?: Buffer;
  /** HTTP status code. */
  status: number;
  /** Reason phrase; defaults to the standard one for the status. */
  statusText?: string;
  /** Response headers as received; pairs keep order and repeated names (Set-Cookie). */
  responseHeaders: Record<string, string> | readonly (readonly [string, string])[];
  /** Response body. */
  body: Buffer;
  /**
   * Whether `body` was already decoded from its Content-Encoding / Transfer-Encoding
   * (true for fetch(), got and crawlee). Default true.
   */
  isBodyDecoded?: boolean;
  /** When the response was received. */
  fetchedAt: Date;
  /** Server IP address, when known (`WARC-IP-Address`). */
  ipAddress?: string;
}

/** Where one capture is stored: what the database keeps to find it again. */
export interface CaptureRef {
  /** WARC file path relative to the store root, with `/` separators. */
  warcFile: string;
  /** Byte offset of the capture (its response member, then its request member) in the file. */
  offset: number;
  /** Byte length of both gzip members together. */
  length: number;
  /** `WARC-Record-ID` of the response record, e.g. `<urn:uuid:…>`. */
  recordId: string;
  /** `WARC-Record-ID` of the request record. */
  requestRecordId: string;
  /** Target URL. */
  url: string;
  /** SHA-256 (hex) of the response payload, the body. */
  payloadSha256: string;
  /** Fetch time, ISO 8601 UTC with milliseconds (also the records' `WARC-Date`). */
  fetchedAt: string;
}

/** A capture read back from its WARC file, checked against its payload digest. */
export interface StoredCapture {
  url: string;
  status: number;
  /** Response headers in stored order (renamed encodings appear as `X-Archive-Orig-*`). */
  headers: [string, string][];
  body: Buffer;
  fetchedAt: string;
  payloadSha256: string;
  recordId: string;
}

/** A stored capture cannot be read, or its bytes do not match their digests. */
export class CaptureReadError extends Error {
  override name = 'CaptureReadError';
  readonly code = 'WARC_CAPTURE_UNREADABLE';
  /** The stored bytes will not change by retrying. */
  readonly isRetryable = false;
}

/** One record found while scanning a WARC file. */
export interface ScannedRecord {
  offset: number;
  length: number;
  type: string;
  recordId: string;
  targetUri?: string;
  date?: string;
  /** `WARC-Payload-Digest` as written. */
  payloadDigest?: string;
  /** Whether the payload recomputed from the bytes matches `payloadDigest` (true when there is none). */
  isPayloadDigestValid: boolean;
  /** Whether the block digest recomputed from the bytes matches `WARC-Block-Digest` (true when there is none). */
  isBlockDigestValid: boolean;
  /** Response records: status, headers and raw payload. */
  status?: number;
  headers?: [string, string][];
  payload?: Buffer;
  concurrentTo?: string[];
}

/** The result of scanning a whole WARC file. Damage is reported, never thrown. */
export interface WarcScan {
  records: ScannedRecord[];
  /** Byte offset where unreadable data starts (a truncated or damaged tail), or null. */
  damagedAt: number | null;
  problems: string[];
}

/** Options of {@link FsWarcStore}. */
export interface WarcStoreOptions {
  /** Roll to a new file before it would exceed this size. Default 100 MB. */
  maxFileBytes?: number;
  /** Written to each file's `warcinfo` record. */
  fyrenVersion?: string;
  /** Clock for file names and day folders (tests). Default `() => new Date()`. */
  now?: () => Date;
}

// warcio serialises uncompressed and node:zlib gzips each record as its own member: measured
// 2–3× faster than warcio's own gzip (CompressionStream) for 20 KB pages, same format.
const SERIALIZE_OPTS: WARCSerializerOpts = { gzip: false, digest: { algo: 'sha-256', prefix: 'sha256:', base32: false } };
const gzipAsync = promisify(gzip);
/** Above this size, gzip on the thread pool rather than blocking the event loop. */
const SYNC_GZIP_MAX_BYTES = 1024 * 1024;

async function serializeGzipped(record: WARCRecord): Promise<Buffer> {
  const plain = await WARCSerializer.serialize(record, SERIALIZE_OPTS);
  return plain.length <= SYNC_GZIP_MAX_BYTES ? gzipSync(plain) : gzipAsync(plain);
}
const WARC_VERSION = 'WARC/1.1';
const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
const DECODED_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length']);
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface OpenFile {
  handle: FileHandle;
  relPath: string;
  size: number;
  /** Size of the warcinfo record that starts the file. */
  headerSize: number;
  day: string;
}

function pairs(headers: HttpCapture['requestHeaders']): [string, string][] {
  return Array.isArray(headers)
    ? (headers as readonly (readonly [string, string])[]).map(([k, v]) => [k, v] as [string, string])
    : Object.entries(headers as Record<string, string>);
}

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '/');
}

function compactIso(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

/** Serialises one capture as two gzip members (response, then request). */
async function serializeCapture(capture: HttpCapture): Promise<{
  url: string;
  bytes: Buffer;
  responseLength: number;
  recordId: string;
  requestRecordId: string;
  payloadSha256: string;
  fetchedAt: string;
}> {
  const url = new URL(capture.url);
  const fetchedAt = capture.fetchedAt.toISOString();
  const isDecoded = capture.isBodyDecoded ?? true;
  const responseHeaders = pairs(capture.responseHeaders).map(([k, v]): [string, string] =>
    isDecoded && DECODED_HEADERS.has(k.toLowerCase()) ? [`X-Archive-Orig-${k}`, v] : [k, v],
  );
  const statusText = capture.statusText ?? STATUS_TEXT[capture.status] ?? '';
  const warcHeaders: [string, string][] = capture.ipAddress ? [['WARC-IP-Address', capture.ipAddress]] : [];
  const response = WARCRecord.create(
    {
      url: url.href,
      date: fetchedAt,
      type: 'response',
      warcVersion: WARC_VERSION,
      statusline: `HTTP/1.1 ${capture.status} ${statusText}`.trimEnd(),
      httpHeaders: responseHeaders,
      warcHeaders,
    },
    [capture.body],
  );
  const responseBytes = await serializeGzipped(response);
  const recordId = response.warcHeader('WARC-Record-ID') ?? '';
  const payloadSha256 = sha256Hex(capture.body);
  if (response.warcPayloadDigest !== `sha256:${payloadSha256}`) {
    throw new Error(`warcio wrote payload digest ${String(response.warcPayloadDigest)}, expected sha256:${payloadSha256}`);
  }
  const request = WARCRecord.create(
    {
      url: url.href,
      date: fetchedAt,
      type: 'request',
      warcVersion: WARC_VERSION,
      statusline: `${capture.method.toUpperCase()} ${url.pathname}${url.search} HTTP/1.1`,
      httpHeaders: pairs(capture.requestHeaders),
      warcHeaders: [['WARC-Concurrent-To', recordId]],
    },
    capture.requestBody ? [capture.requestBody] : [],
  );
  const requestBytes = await serializeGzipped(request);
  return {
    url: url.href,
    bytes: Buffer.concat([responseBytes, requestBytes]),
    responseLength: responseBytes.length,
    recordId,
    requestRecordId: request.warcHeader('WARC-Record-ID') ?? '',
    payloadSha256,
    fetchedAt,
  };
}

/**
 * HTTP captures in rolling WARC/1.1 files under `root/warc/`. One store instance per writing
 * process; any number of readers.
 */
export class FsWarcStore {
  private readonly maxFileBytes: number;
  private readonly fyrenVersion: string;
  private readonly now: () => Date;
  private readonly startIso: string;
  private fileNumber = 0;
  private current: OpenFile | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly root: string,
    options: WarcStoreOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.fyrenVersion = options.fyrenVersion ?? 'unknown';
    this.now = options.now ?? (() => new Date());
    this.startIso = compactIso(this.now());
  }

  /** Writes one capture and fsyncs it. */
  async append(capture: HttpCapture): Promise<CaptureRef> {
    const [ref] = await this.appendMany([capture]);
    if (!ref) throw new Error('appendMany returned no reference');
    return ref;
  }

  /** Writes captures in order, then fsyncs once; resolves when they are durable. */
  appendMany(captures: readonly HttpCapture[]): Promise<CaptureRef[]> {
    const run = this.queue.then(() => this.writeBatch(captures));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Flushes and closes the current file. Appending afterwards opens a new one. */
  async close(): Promise<void> {
    await this.queue;
    const file = this.current;
    this.current = null;
    if (file) {
      await file.handle.sync();
      await file.handle.close();
    }
  }

  /** Reads one capture back by its byte range and checks its payload digest. */
  async readCapture(ref: CaptureRef): Promise<StoredCapture> {
    const segments = ref.warcFile.split('/');
    if (ref.warcFile.startsWith('/') || segments.some((p) => p === '' || p === '.' || p === '..')) {
      throw new CaptureReadError(`not a path inside the store: ${JSON.stringify(ref.warcFile)}`);
    }
    const bytes = await readRange(join(this.root, ...segments), ref.offset, ref.length);
    return parseCaptureBytes(bytes, ref.recordId);
  }

  /**
   * Rebuilds the capture references of one WARC file from its records (for re-indexing after
   * a crash between the WARC write and the database commit). A capture is a response member
   * directly followed by its concurrent request member. Damage is reported, not thrown.
   */
  async indexFile(warcFile: string): Promise<{ refs: CaptureRef[]; problems: string[] }> {
    const scan = await scanWarcFile(join(this.root, ...warcFile.split('/')));
    const refs: CaptureRef[] = [];
    scan.records.forEach((record, i) => {
      const next = scan.records[i + 1];
      if (record.type !== 'response' || !record.payload) return;
      const hasRequest = next?.type === 'request' && next.concurrentTo?.includes(record.recordId) === true;
      refs.push({
        warcFile,
        offset: record.offset,
        length: record.length + (hasRequest ? next.length : 0),
        recordId: record.recordId,
        requestRecordId: hasRequest ? next.recordId : '',
        url: record.targetUri ?? '',
        payloadSha256: sha256Hex(record.payload),
        fetchedAt: record.date ?? '',
      });
    });
    return { refs, problems: scan.problems };
  }

  /** Every WARC file under the store, relative to the root, sorted. */
  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (e.name.endsWith('.warc.gz')) out.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    await walk(join(this.root, 'warc'));
    return out.sort();
  }

  private async isCurrentStillInPlace(): Promise<boolean> {
    const file = this.current;
    if (!file) return true;
    try {
      const [onDisk, open] = await Promise.all([stat(join(this.root, ...file.relPath.split('/'))), file.handle.stat()]);
      return onDisk.ino === open.ino && onDisk.dev === open.dev;
    } catch {
      return false;
    }
  }

  private async writeBatch(captures: readonly HttpCapture[]): Promise<CaptureRef[]> {
    const serialized = [];
    for (const c of captures) serialized.push(await serializeCapture(c));
    const refs: CaptureRef[] = [];
    let file: OpenFile | null = null;
    // Retention (maybe in another process) may have rewritten and removed the open file:
    // never append to a file that is no longer at its path.
    if (this.current && !(await this.isCurrentStillInPlace())) await this.abandonCurrent();
    try {
      for (const s of serialized) {
        file = await this.fileFor(s.bytes.length);
        const offset = file.size;
        await writeAll(file.handle, s.bytes, offset);
        file.size += s.bytes.length;
        refs.push({
          warcFile: file.relPath,
          offset,
          length: s.bytes.length,
          recordId: s.recordId,
          requestRecordId: s.requestRecordId,
          url: s.url,
          payloadSha256: s.payloadSha256,
          fetchedAt: s.fetchedAt,
        });
      }
      // fileFor() fsyncs a file it rolls away from; this makes the last one durable.
      await file?.handle.sync();
    } catch (error) {
      // A failed write may leave a torn member: never append after it.
      await this.abandonCurrent();
      throw error;
    }
    return refs;
  }

  private async abandonCurrent(): Promise<void> {
    const file = this.current;
    this.current = null;
    await file?.handle.close().catch(() => undefined);
  }

  private async fileFor(incoming: number): Promise<OpenFile> {
    const now = this.now();
    const day = utcDay(now);
    const cur = this.current;
    if (cur && cur.day === day && (cur.size + incoming <= this.maxFileBytes || cur.size === cur.headerSize)) return cur;
    if (cur) {
      this.current = null;
      await cur.handle.sync();
      await cur.handle.close();
    }
    for (;;) {
      this.fileNumber += 1;
      const relPath = `warc/${day}/fyren-${this.startIso}-${this.fileNumber}.warc.gz`;
      const full = join(this.root, ...relPath.split('/'));
      await mkdir(dirname(full), { recursive: true });
      let handle: FileHandle;
      try {
        handle = await open(full, 'wx');
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'EEXIST') continue;
        throw error;
      }
      const info = WARCRecord.createWARCInfo(
        { filename: relPath.split('/').at(-1) ?? relPath, warcVersion: WARC_VERSION, date: now.toISOString() },
        {
          software: `Fyren ${this.fyrenVersion} (warcio.js)`,
          format: 'WARC File Format 1.1',
          conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
        },
      );
      const infoBytes = await serializeGzipped(info);
      await writeAll(handle, infoBytes, 0);
      await handle.sync();
      await fsyncDir(dirname(full));
      this.current = { handle, relPath, size: infoBytes.length, headerSize: infoBytes.length, day };
      return this.current;
    }
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Reads exactly `length` bytes at `offset`, or throws CaptureReadError. */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new CaptureReadError(`cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
      if (bytesRead === 0) throw new CaptureReadError(`${path} ends before byte ${offset + length} (truncated at ${offset + done})`);
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

/**
 * Parses the bytes of one capture (gzip members of a response and its request) and checks
 * the response's payload and block digests.
 *
 * @param expectedRecordId when given, the response record must have this id.
 * @throws CaptureReadError on truncated or corrupt gzip, a missing response, or a digest mismatch.
 */
export async function parseCaptureBytes(bytes: Uint8Array, expectedRecordId?: string): Promise<StoredCapture> {
  const scan = await scanWarcBytes(bytes);
  if (scan.problems.length > 0) throw new CaptureReadError(scan.problems.join('; '));
  const response = scan.records.find((r) => r.type === 'response' && (expectedRecordId === undefined || r.recordId === expectedRecordId));
  if (!response?.payload)
    throw new CaptureReadError(`no response record${expectedRecordId ? ` ${expectedRecordId}` : ''} in the byte range`);
  return {
    url: response.targetUri ?? '',
    status: response.status ?? 0,
    headers: response.headers ?? [],
    body: response.payload,
    fetchedAt: response.date ?? '',
    payloadSha256: sha256Hex(response.payload),
    recordId: response.recordId,
  };
}

/** Scans a WARC file on disk; a truncated or damaged tail is reported in `problems`, not thrown. */
export async function scanWarcFile(path: string): Promise<WarcScan> {
  const size = (await stat(path)).size;
  return scanWarcBytes(await readRange(path, 0, size));
}

/**
 * Parses a buffer of gzip-per-record WARC members: splits the members, gunzips each (a
 * truncated or corrupt member ends the scan with a problem), parses it with warcio and
 * recomputes the payload and block digests.
 */
export async function scanWarcBytes(bytes: Uint8Array): Promise<WarcScan> {
  const records: ScannedRecord[] = [];
  const problems: string[] = [];
  let offset = 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (offset < buffer.length) {
    const member = gzipMemberLength(buffer, offset);
    if (member === null) {
      problems.push(`unreadable or truncated gzip member at byte ${offset} (${buffer.length - offset} bytes to the end)`);
      return { records, damagedAt: offset, problems };
    }
    const raw = buffer.subarray(offset, offset + member);
    try {
      const record = await parseRecord(gunzipSync(raw), offset, member);
      records.push(record);
      if (!record.isPayloadDigestValid) problems.push(`payload digest mismatch in record ${record.recordId} at byte ${offset}`);
      if (!record.isBlockDigestValid) problems.push(`block digest mismatch in record ${record.recordId} at byte ${offset}`);
    } catch (error) {
      problems.push(`unparseable WARC record at byte ${offset}: ${error instanceof Error ? error.message : String(error)}`);
      return { records, damagedAt: offset, problems };
    }
    offset += member;
  }
  return { records, damagedAt: null, problems };
}

async function parseRecord(uncompressed: Buffer, offset: number, length: number): Promise<ScannedRecord> {
  // warcio parses the WARC header only: its HTTP parser misreads a message with no header
  // lines (the status line is followed directly by the blank line), so the HTTP part is
  // split here, from the stored bytes, and the digests cover exactly what is on disk.
  const parser = new WARCParser([uncompressed], { keepHeadersCase: true, parseHttp: false });
  const record = await parser.parse();
  if (!record) throw new Error('no WARC header');
  const contentLength = record.warcContentLength;
  const headerEnd = uncompressed.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw new Error('WARC header not terminated');
  const block = uncompressed.subarray(headerEnd + 4, headerEnd + 4 + contentLength);
  if (block.length !== contentLength) throw new Error(`block is ${block.length} bytes, Content-Length says ${contentLength}`);
  const trailer = uncompressed.subarray(headerEnd + 4 + contentLength);
  if (trailer.toString('latin1') !== '\r\n\r\n') throw new Error('record is not followed by exactly CRLF CRLF');
  const blockDigest = record.warcBlockDigest ?? undefined;
  const payloadDigest = record.warcPayloadDigest ?? undefined;
  const type = record.warcType;
  const http = type === 'response' || type === 'request' ? splitHttpMessage(block) : null;
  return {
    offset,
    length,
    type,
    recordId: record.warcHeader('WARC-Record-ID') ?? '',
    targetUri: record.warcTargetURI ?? undefined,
    date: record.warcDate ?? undefined,
    payloadDigest,
    isPayloadDigestValid: payloadDigest === undefined || digestMatches(payloadDigest, http ? http.payload : block),
    isBlockDigestValid: blockDigest === undefined || digestMatches(blockDigest, block),
    ...(type === 'response' && http ? { status: responseStatus(http.startLine), headers: http.headers, payload: http.payload } : {}),
    concurrentTo: record.warcConcurrentTo,
  };
}

/** Splits an HTTP message block into its start line, header lines and payload. */
function splitHttpMessage(block: Buffer): { startLine: string; headers: [string, string][]; payload: Buffer } {
  const end = block.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('HTTP header not terminated');
  const [startLine = '', ...lines] = block.subarray(0, end).toString('utf8').split('\r\n');
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed HTTP header line ${JSON.stringify(line.slice(0, 80))}`);
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { startLine, headers, payload: Buffer.from(block.subarray(end + 4)) };
}

function responseStatus(statusLine: string): number {
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: |$)/.exec(statusLine);
  if (!match) throw new Error(`malformed HTTP status line ${JSON.stringify(statusLine.slice(0, 80))}`);
  return Number(match[1]);
}

/** Whether `sha256:<hex>` (or base32) names the SHA-256 of `bytes`. */
function digestMatches(digest: string, bytes: Uint8Array): boolean {
  const [algo, value = ''] = digest.split(':', 2);
  if (algo?.toLowerCase() !== 'sha256') return false;
  const hex = sha256Hex(bytes);
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase() === hex;
  return value.toUpperCase().replace(/=+$/, '') === base32Encode(Buffer.from(hex, 'hex'));
}

/**
 * Length of the gzip member starting at `offset`, or null when it is truncated or corrupt.
 * zlib's gunzip would run on into the next member, so the deflate stream is inflated raw and
 * the bytes it consumed are counted.
 */
function gzipMemberLength(buffer: Buffer, offset: number): number | null {
  if (buffer.length - offset < 18 || buffer[offset] !== 0x1f || buffer[offset + 1] !== 0x8b || buffer[offset + 2] !== 8) return null;
  const flags = buffer[offset + 3] ?? 0;
  let pos = offset + 10;
  if (flags & 0x04) pos += 2 + buffer.readUInt16LE(pos); // FEXTRA
  if (flags & 0x08) pos = buffer.indexOf(0, pos) + 1; // FNAME
  if (flags & 0x10) pos = buffer.indexOf(0, pos) + 1; // FCOMMENT
  if (flags & 0x02) pos += 2; // FHCRC
  if (pos <= offset || pos > buffer.length) return null;
  const consumed = inflatedInputLength(buffer.subarray(pos));
  if (consumed === null) return null;
  const end = pos + consumed + 8;
  return end <= buffer.length ? end - offset : null;
}

/** Compressed bytes taken by the raw deflate stream at the start of `deflate`, or null if it is cut or corrupt. */
function inflatedInputLength(deflate: Buffer): number | null {
  try {
    // With `info: true` zlib also returns its engine; bytesWritten counts the input it consumed,
    // which stops at the end of the deflate stream even when more bytes follow.
    const result = inflateRawSync(deflate, { info: true }) as unknown as { engine: { bytesWritten: number } };
    return result.engine.bytesWritten;
  } catch {
    return null;
  }
}
