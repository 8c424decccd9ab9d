import { Command, Option } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { dataDirOf } from '../workspace-option.js';
import { openWorkspace } from '../../store/workspace.js';
import { createInProcessQueue } from '../../jobs/in-process-queue.js';
import { createApp } from '../../server/app.js';
import { listen } from '../../server/node.js';
import { registerDemoSeeding } from '../../demo/seed-demo.js';
import { UserError } from '../../errors.js';

const serveOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  demo: z.boolean().default(false),
});

/** `heldout serve`: the pages and HTTP API over a workspace; `--demo` seeds the demo in the background first. */
export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('serve the pages and HTTP API (http://localhost:8080 by default)')
    .addOption(new Option('--port <port>', 'TCP port (0 picks a free one)').default('8080'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .option('--demo', 'seed the demo workspace (idempotent) while serving')
    .action(async (raw: unknown, cmd: Command) => {
      const parsed = serveOptions.safeParse(raw);
      if (!parsed.success) throw new UserError(`serve: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const opts = parsed.data;
      const ws = await openWorkspace(dataDirOf(cmd, ctx));
      const jobs = createInProcessQueue();
      const server = await listen(createApp({ ws, jobs }), { port: opts.port, hostname: opts.host });
      ctx.stderr.write(`heldout: serving ${ws.dataDir} at ${server.url.replace('127.0.0.1', 'localhost')}\n`);
      if (opts.demo) {
        const id = await registerDemoSeeding(jobs, ws);
        jobs.wait(id).then(
          (summary) => ctx.stderr.write(`heldout: demo ready (${JSON.stringify(summary)})\n`),
          (err: unknown) => ctx.stderr.write(`heldout: demo seeding failed: ${err instanceof Error ? err.message : String(err)}\n`),
        );
      }
      await untilSignal();
      ctx.stderr.write('heldout: shutting down\n');
      await server.close();
      await jobs.close();
      await ws.close();
    });
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
