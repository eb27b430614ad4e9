/**
 * Where the crawler may connect (SSRF guard, issue #24): only to public addresses, unless the
 * site config allows more. The address is checked after DNS resolution, on the very address
 * the socket connects to (a `lookup` that refuses, so a name that resolves to a public
 * address at one moment and to 127.0.0.1 the next, DNS rebinding, cannot slip through), and
 * on every redirect hop, because every hop is a new request through the same guard.
 *
 * Refused, in every spelling the URL parser accepts (`0x7f000001`, `2130706433`, `127.1`,
 * `[::1]`, `[::ffff:127.0.0.1]` all become the same address): loopback, 0.0.0.0/8, private
 * ranges, CGNAT, link-local (169.254.0.0/16 with cloud metadata, fe80::/10), unique-local
 * (fc00::/7), multicast, reserved and documentation ranges, IPv4 addresses embedded in IPv6
 * (mapped, NAT64, 6to4) when the embedded address is refused; and any scheme but http and https.
 *
 * Exceptions, per source: a demo config (`isDemo`) may reach loopback (the demo sites on
 * 127.0.0.1), and an administrator may list hosts in the config's `allowedInternalHosts`,
 * whose names (exactly as in the URL) may resolve to internal addresses.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Which internal addresses one source may reach. */
export interface NetworkPolicy {
  /** Loopback (127.0.0.0/8, ::1) allowed: the demo sites (a config with isDemo). */
  isLoopbackAllowed: boolean;
  /** Host names (or IP literals) an administrator allow-listed for the source: any address. */
  internalHosts: readonly string[];
  /** Resolves a host name to its addresses; tests stub it (DNS rebinding). Default: the system resolver. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

/** Public addresses only, nothing allow-listed. */
export const PUBLIC_ONLY: NetworkPolicy = { isLoopbackAllowed: false, internalHosts: [] };

/** The policy of a site config: demo sites may reach loopback; the allow-list as the administrator set it. */
export function policyOf(config: { isDemo: boolean; allowedInternalHosts?: readonly string[] }): NetworkPolicy {
  return { isLoopbackAllowed: config.isDemo, internalHosts: config.allowedInternalHosts ?? [] };
}

/** A request the guard refused; its message names the host and the kind of address, never more. */
export class BlockedAddressError extends Error {
  readonly isBlocked = true;
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

const ranges: [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (CGNAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const ranges6: [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['100::', 64, 'a discard address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a unique-local address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];
const lists = new Map<string, BlockList>();
for (const [net, prefix, kind] of ranges) {
  const list = lists.get(kind) ?? new BlockList();
  list.addSubnet(net, prefix, 'ipv4');
  lists.set(kind, list);
}
for (const [net, prefix, kind] of ranges6) {
  const list = lists.get(kind) ?? new BlockList();
  list.addSubnet(net, prefix, 'ipv6');
  lists.set(kind, list);
}

/** The IPv4 address inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(ip: string): string | null {
  const groups = expandIpv6(ip);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with a dotted IPv4 tail too), or null. */
function expandIpv6(ip: string): number[] | null {
  let s = ip.toLowerCase().split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const part = (x: string) => (x ? x.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array<number>(Math.max(0, fill)).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Why an IP address is not public ("a loopback address"), or null when it is public. */
export function internalKind(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of lists) if (list.check(ip, type)) return kind;
  if (family === 4 && ip === '255.255.255.255') return 'a broadcast address';
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return internalKind(v4);
  }
  return null;
}

const isLoopback = (ip: string) => internalKind(ip) === 'a loopback address';

/** The URL's host name without IPv6 brackets, lower case. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Whether the policy lets this host reach this (non-public) address. */
function isAllowed(host: string, ip: string, policy: NetworkPolicy): boolean {
  if (internalKind(ip) === null) return true;
  if (policy.internalHosts.some((h) => h.toLowerCase().replace(/^\[|\]$/g, '') === host)) return true;
  return policy.isLoopbackAllowed && isLoopback(ip);
}

/**
 * Checks what can be checked before connecting: the scheme, and the address when the host is
 * an IP literal (no lookup is made for those). Throws BlockedAddressError.
 */
export function assertFetchable(url: URL, policy: NetworkPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BlockedAddressError(`refused ${url.protocol.replace(/:$/, '')}: URL, only http and https are fetched`);
  if (url.username || url.password) throw new BlockedAddressError(`refused ${url.host}: a URL with a user name or password`);
  const host = hostOf(url);
  if (isIP(host) && !isAllowed(host, host, policy)) throw new BlockedAddressError(refusal(host, host));
}

function refusal(host: string, ip: string): string {
  return `refused ${host}: ${isIP(host) ? 'it is' : 'it resolves to'} ${internalKind(ip)}, not a public address (an administrator can allow-list the host for the source)`;
}

const systemResolve = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** A `lookup` for node:net that resolves through the policy and refuses when any address is not allowed. */
export function guardedLookup(policy: NetworkPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    resolve(host).then(
      (found) => {
        const family = typeof options === 'object' && options.family ? options.family : 0;
        const addresses = found.filter((a) => family === 0 || a.family === family);
        const bad = addresses.find((a) => !isAllowed(host, a.address, policy));
        if (bad) return callback(new BlockedAddressError(refusal(host, bad.address)) as NodeJS.ErrnoException, '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`${host} did not resolve`), { code: 'ENOTFOUND' }), '', 0);
        if (typeof options === 'object' && options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * A connection error as it may be shown (crawl runs, import output): whether the request was
 * refused by the guard, timed out or failed, never the operating system's reason, which would
 * tell an internal port that is closed from one that is filtered.
 */
export function publicNetworkError(err: unknown): string {
  if (err instanceof BlockedAddressError) return err.message;
  if (err instanceof Error && (err as { isTooLarge?: boolean }).isTooLarge) return err.message;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  if (!(err instanceof Error)) return 'the connection failed';
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name did not resolve';
  // The system's errors (ECONNREFUSED, EHOSTUNREACH, ECONNRESET, parser errors) carry a code; Fyren's own do not.
  if (typeof code === 'string' || err.cause !== undefined) return 'the connection failed';
  return err.message.split('\n')[0] ?? 'the connection failed';
}
