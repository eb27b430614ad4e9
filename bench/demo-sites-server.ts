/**
 * The demo sites in a process of their own, for benchmarks that measure a client of them
 * (crawl.bench.ts): run with `node --import tsx bench/demo-sites-server.ts '<market options JSON>'`;
 * prints one JSON line with the sites' URLs when they listen, and stops when its stdin closes.
 */
import { buildDemoMarket } from '../src/adapters/demo-sites/demo-market';
import { serveDemoSites } from '../src/adapters/demo-sites/demo-sites';

const market = buildDemoMarket(JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof buildDemoMarket>[0]);
const sites = await serveDemoSites({ market });
process.stdout.write(`${JSON.stringify(sites.urls)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sites.close().then(() => process.exit(0)));
