#!/usr/bin/env node
// Rewrites docs/cli.md from the built CLI (run `npm run build` first; `npm run docs:cli` does both).
import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { buildProgram } from '../dist/cli/main.js';
import { renderCliDocs } from '../dist/cli/cli-docs.js';

const sink = new PassThrough();
const program = await buildProgram({ stdout: sink, stderr: sink, interactive: false, env: {} });
writeFileSync(new URL('../docs/cli.md', import.meta.url), renderCliDocs(program));
