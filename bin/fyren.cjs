#!/usr/bin/env node
// The `fyren` command: runs src/main/cli.ts through tsx (no build step).
//
// libuv's thread pool (4 threads by default) runs file I/O and fsync as well as sharp's image
// decoding; while evidence is written, fsyncs would hold every thread and starve the image
// hashing. 16 threads keep both going (bench/evidence.bench.ts). Node reads the size at the
// pool's first use, and loading an ES module already uses the pool, so this entry is
// CommonJS: the line below runs before anything else.
process.env.UV_THREADPOOL_SIZE ??= '16';
process.env.FYREN_CLI_MAIN = '1';

void (async () => {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
})();
