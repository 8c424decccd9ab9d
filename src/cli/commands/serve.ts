import { Command, Option } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { openCliWorkspace } from '../workspace-option.js';
import { createInProcessQueue } from '../../jobs/in-process-queue.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Workspace } from '../../store/workspace.js';
import { createApp } from '../../server/app.js';
import { listen } from '../../server/node.js';
import { registerDemoSeeding } from '../../demo/seed-demo.js';
import { UserError } from '../../errors.js';

const serveOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  demo: z.boolean().default(false),
  redis: z.string().min(1).optional(),
  redisPrefix: z.string().min(1).default('heldout'),
});

/** `heldout serve`: the pages and HTTP API over a workspace; `--demo` seeds the demo in the background first. */
export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('serve the pages and HTTP API (http://localhost:8080 by default)')
    .addOption(new Option('--port <port>', 'TCP port (0 picks a free one)').default('8080'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .option('--demo', 'seed the demo workspace (idempotent) while serving')
    .option('--redis <url>', 'queue jobs on Redis (BullMQ) for `heldout worker` processes instead of running them in this process')
    .addOption(new Option('--redis-prefix <prefix>', 'Redis key prefix; the servers and workers of one deployment use the same').default('heldout'))
    .action(async (raw: unknown, cmd: Command) => {
      const parsed = serveOptions.safeParse(raw);
      if (!parsed.success) throw new UserError(`serve: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const opts = parsed.data;
      const ws = await openCliWorkspace(cmd, ctx);
      const jobs = await jobQueue(ws, opts.redis, opts.redisPrefix);
      // The demo's near-duplicate review is open to anyone (docs/collect.md#review); otherwise hosts and admins decide.
      const server = await listen(createApp({ ws, jobs, collectOptions: { openReview: opts.demo } }), { port: opts.port, hostname: opts.host });
      ctx.stderr.write(`heldout: serving ${ws.dataDir} at ${server.url.replace('127.0.0.1', 'localhost')}\n`);
      if (opts.demo) {
        // Demo seeding reads files shipped with this package, so it runs here even when workers take the other jobs.
        const demoJobs = opts.redis ? createInProcessQueue() : jobs;
        const id = await registerDemoSeeding(demoJobs, ws);
        demoJobs.wait(id).then(
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

/**
 * The server's queue: BullMQ on Redis when `--redis` is given (workers run the jobs; every server instance sees every
 * job), else in this process with every job type registered. Registered before the app, whose challenge routes then
 * register scoring again with the server's own environment.
 */
async function jobQueue(ws: Workspace, redis: string | undefined, prefix: string): Promise<JobQueue> {
  const { QUEUE_NAMES, queueOfJob, registerJobHandlers } = await import('../../workers/job-types.js');
  if (redis) {
    const { createBullmqQueue } = await import('../../jobs/bullmq-queue.js');
    return createBullmqQueue({ url: redis, prefix, route: queueOfJob, listQueues: QUEUE_NAMES });
  }
  const jobs = createInProcessQueue();
  registerJobHandlers(jobs, ws);
  return jobs;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
