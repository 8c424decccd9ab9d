import { Command, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { openCliWorkspace } from '../workspace-option.js';

interface WorkerOptions {
  redis: string;
  redisPrefix: string;
  queues?: string;
  concurrency: number;
  lockMs: number;
  graceMs: number;
}

export function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    return n;
  };
}

/** The BullMQ options every command that talks to Redis shares. */
export function redisOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--redis <url>', 'Redis for the job queue: redis://[user:password@]host:6379[/db] or rediss://…')
    .addOption(new Option('--redis-prefix <prefix>', 'Redis key prefix; the servers and workers of one deployment use the same').default('heldout'));
}

/**
 * `heldout worker`: takes jobs (scoring, evaluation shards, hashing shards) from BullMQ queues on Redis and runs them
 * over the workspace (`--db` for a shared PostgreSQL store, the blob store at `--data-dir` on a shared mount). Retries
 * with exponential backoff; on SIGTERM it takes no new jobs and lets running ones finish within --grace-ms, then
 * hands them back to the queue.
 */
export function workerCommand(ctx: CliContext): Command {
  return redisOptions(new Command('worker')
    .description('run queued jobs from Redis (BullMQ) on this machine: scoring, evaluation shards, hashing shards'))
    .option('--queues <names>', 'comma-separated queues to work on: scoring, evaluate, collect, default (default: all)')
    .option('--concurrency <n>', 'jobs run at once per queue', integer(1, 256), 1)
    .option('--lock-ms <ms>', 'a job whose worker stops renewing its lock for this long goes to another worker', integer(1000, 3_600_000), 30_000)
    .option('--grace-ms <ms>', 'on SIGTERM, how long running jobs may finish before they are handed back', integer(0, 3_600_000), 30_000)
    .action(async (o: WorkerOptions, cmd: Command) => {
      const { createBullmqQueue } = await import('../../jobs/bullmq-queue.js');
      const { QUEUE_NAMES, queueOfJob, registerJobHandlers } = await import('../../workers/job-types.js');
      const queues = o.queues?.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = queues?.filter((q) => !(QUEUE_NAMES as readonly string[]).includes(q)) ?? [];
      if (unknown.length > 0) throw new UserError(`worker: unknown queue ${unknown.join(', ')} (queues: ${QUEUE_NAMES.join(', ')})`);
      const ws = await openCliWorkspace(cmd, ctx);
      const say = (line: string) => ctx.stdout.write(`heldout worker: ${line}\n`);
      const jobs = createBullmqQueue({
        url: o.redis, prefix: o.redisPrefix, route: queueOfJob,
        consume: {
          ...(queues ? { queues } : {}), concurrency: o.concurrency, lockDurationMs: o.lockMs, graceMs: o.graceMs,
          onEvent: (e) => {
            if (e.kind === 'active') say(`${e.id} ${e.type} started (attempt ${e.attempt})`);
            else if (e.kind === 'completed') say(`${e.id} ${e.type} done in ${e.ms} ms`);
            else if (e.kind === 'failed') say(`${e.id} ${e.type} failed${e.willRetry ? ', will retry' : ''}: ${e.error}`);
            else if (e.kind === 'released') say(`${e.id} ${e.type} handed back to the queue`);
            else ctx.stderr.write(`heldout worker: redis: ${e.error}\n`);
          },
        },
      });
      const types = registerJobHandlers(jobs, ws, queues);
      say(`ready (pid ${process.pid}; queues ${(queues ?? QUEUE_NAMES).join(', ')}; jobs ${types.join(', ')}; concurrency ${o.concurrency})`);
      await untilSignal();
      say('stopping: taking no new jobs, finishing running ones');
      await jobs.close();
      await ws.close();
      say('stopped');
    });
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
