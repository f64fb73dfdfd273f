#!/usr/bin/env node
// `npx agentloop`: the server runs its TypeScript directly (no build step), so this shim
// registers tsx's loader in this process and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
