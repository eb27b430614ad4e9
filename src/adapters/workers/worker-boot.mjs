// Starts a TypeScript worker module through tsx (workers do not inherit the main thread's loader).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
