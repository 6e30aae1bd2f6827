#!/usr/bin/env node
// Runs fraudx from its sources compiled to JavaScript (bin/compile.js), so `npm ci && npm start`
// needs no build step and the running process carries no TypeScript loader.
import { compiled } from './compile.js';

await import(await compiled('cli/main.ts'));
