#!/usr/bin/env node
// The `fyren` command: runs src/main/cli.ts through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
process.env.FYREN_CLI_MAIN = '1';
await import('../src/main/cli.ts');
