#!/usr/bin/env node
// Compiled entry point; `npm ci` runs `prepare`, which builds dist/.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
