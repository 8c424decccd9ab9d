#!/usr/bin/env node
// The server half of bench/crowd-submit-pg.mjs: serves a workspace (blobs in argv[2], store at argv[3] if given, e.g.
// postgres://…) on 127.0.0.1, port 0, and prints its URL as one JSON line; SIGUSR2 prints the CPU time used so far.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openWorkspace } = await dist('store/workspace.js');
const { createInProcessQueue } = await dist('jobs/in-process-queue.js');
const { createApp } = await dist('server/app.js');
const { listen } = await dist('server/node.js');

const ws = await openWorkspace(process.argv[2], { db: process.argv[3] });
const server = await listen(createApp({ ws, jobs: createInProcessQueue() }), { port: 0, hostname: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGUSR2', () => {
  const u = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (u.user + u.system) / 1000 })}\n`);
});
process.on('SIGTERM', async () => {
  await server.close();
  await ws.close();
  process.exit(0);
});
