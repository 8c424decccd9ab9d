import { Command } from 'commander';
import { UserError } from '../../errors.js';
import { print, printJson, type CliContext } from '../context.js';
import { withWorkspace } from '../workspace-option.js';
import { integer, redisOptions } from './worker.js';

interface QueueOpts {
  redis: string;
  redisPrefix: string;
  json?: boolean;
}

/**
 * `heldout jobs`: splits work into jobs on the Redis queue for `heldout worker`s to run (evaluation shards, hashing
 * shards), and lists jobs. `--wait` blocks until they have finished and prints their results.
 */
export function jobsCommand(ctx: CliContext): Command {
  const jobs = new Command('jobs').description('queue work for `heldout worker` processes (BullMQ on Redis) and list jobs');
  redisOptions(jobs.command('list').description('list recent jobs of every queue with their state and progress'))
    .option('--json', 'print JSON')
    .action(async (o: QueueOpts) => {
      const q = await openQueue(o);
      try {
        const all = await q.list();
        if (o.json) printJson(ctx, all);
        else for (const j of all) print(ctx, `${j.id}\t${j.type}\t${stateText(j.state)}\t${j.title}`);
      } finally {
        await q.close();
      }
    });
  redisOptions(jobs.command('eval').description('evaluate a model on a split in shards of chunks, one job per shard'))
    .requiredOption('--model <name>', 'model to run')
    .requiredOption('--dataset <name>', 'dataset')
    .option('--split <name>', 'split', 'test')
    .option('--shards <n>', 'number of shards (jobs)', integer(1, 100_000), 2)
    .option('--chunk-size <n>', 'images per stored chunk for a new evaluation', integer(1, 1_000_000), 1024)
    .option('--batch <n>', 'images per inference batch', integer(1, 4096))
    .option('--threads <n>', 'ONNX Runtime intra-op threads per shard', integer(1, 256))
    .option('--workers <n>', 'decode worker threads per shard', integer(0, 64))
    .option('--scores', 'also store every class\'s score per image (new evaluations only)')
    .option('--wait', 'wait until every shard has finished')
    .option('--json', 'print JSON')
    .action(async (o: QueueOpts & { model: string; dataset: string; split: string; shards: number; chunkSize: number; batch?: number; threads?: number; workers?: number; scores?: boolean; wait?: boolean }, cmd: Command) => {
      const { EVAL_SHARD_JOB, planEvaluationShards } = await import('../../evaluate/evaluation-shards.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const shards = await planEvaluationShards(ws, { model: o.model, dataset: o.dataset, split: o.split, shards: o.shards, chunkSize: o.chunkSize, scores: o.scores === true });
        const payloads = shards.map((s) => ({ ...s, ...(o.batch ? { batch: o.batch } : {}), ...(o.threads ? { threads: o.threads } : {}), ...(o.workers !== undefined ? { workers: o.workers } : {}) }));
        await enqueueAll(ctx, o, EVAL_SHARD_JOB, payloads.map((p) => ({ payload: p, title: `Evaluating ${p.model} on ${p.dataset}/${p.split}, chunks ${p.from}–${p.to - 1}`, key: `${EVAL_SHARD_JOB}:${p.model}:${p.dataset}/${p.split}:${p.from}-${p.to}` })));
      });
    });
  redisOptions(jobs.command('hash').description('hash reference images for near-duplicate search in shards, one job per shard'))
    .requiredOption('--against <sets>', 'comma-separated reference sets: DATASET or DATASET/SPLIT')
    .option('--shards <n>', 'number of shards (jobs)', integer(1, 100_000), 2)
    .option('--wait', 'wait until every shard has finished')
    .option('--json', 'print JSON')
    .action(async (o: QueueOpts & { against: string; shards: number; wait?: boolean }) => {
      const { HASH_SHARD_JOB, planHashShards } = await import('../../collect/hash-shards.js');
      const against = o.against.split(',').map((s) => s.trim()).filter(Boolean);
      if (against.length === 0) throw new UserError('jobs hash: give --against DATASET[/SPLIT],…');
      await enqueueAll(ctx, o, HASH_SHARD_JOB, planHashShards(against, o.shards).map((p) => ({ payload: p, title: `Hashing ${against.join(', ')}, shard ${p.shard + 1}/${p.of}`, key: `${HASH_SHARD_JOB}:${against.join(',')}:${p.shard}/${p.of}` })));
    });
  return jobs;
}

async function openQueue(o: QueueOpts) {
  const { createBullmqQueue } = await import('../../jobs/bullmq-queue.js');
  const { QUEUE_NAMES, queueOfJob } = await import('../../workers/job-types.js');
  return createBullmqQueue({ url: o.redis, prefix: o.redisPrefix, route: queueOfJob, listQueues: QUEUE_NAMES });
}

async function enqueueAll(ctx: CliContext, o: QueueOpts & { wait?: boolean }, type: string, items: ReadonlyArray<{ payload: unknown; title: string; key: string }>): Promise<void> {
  const q = await openQueue(o);
  try {
    const ids: string[] = [];
    for (const it of items) ids.push(await q.enqueue(type, it.payload, { title: it.title, key: it.key }));
    if (!o.wait) {
      if (o.json) printJson(ctx, { jobs: ids });
      else for (const [i, id] of ids.entries()) print(ctx, `${id}\t${items[i]!.title}`);
      if (ids.length === 0) print(ctx, 'nothing to do');
      return;
    }
    const results = await Promise.all(ids.map(async (id) => ({ id, result: await q.wait(id) })));
    if (o.json) printJson(ctx, results);
    else for (const r of results) print(ctx, `${r.id}\t${JSON.stringify(r.result)}`);
  } finally {
    await q.close();
  }
}

function stateText(s: { kind: string; progress?: { phase: string; done: number; total: number }; error?: string }): string {
  if (s.kind === 'running' && s.progress) return `running ${s.progress.phase} ${s.progress.done}/${s.progress.total}`;
  if (s.kind === 'failed') return `failed: ${s.error}`;
  return s.kind;
}
