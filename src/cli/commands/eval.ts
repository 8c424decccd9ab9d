import { Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors.js';
import { print, printJson, type CliContext } from '../context.js';
import { progressBar } from '../progress-bar.js';
import { withWorkspace } from '../workspace-option.js';

interface EvalOptions {
  model?: string;
  dataset?: string;
  split?: string;
  all?: boolean;
  batch: number;
  threads?: number;
  workers?: number;
  scores?: boolean;
  force?: boolean;
  json?: boolean;
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    return n;
  };
}

/**
 * `heldout eval`: runs registered ONNX models over dataset splits (decode + preprocess in worker threads, batched
 * inference in ONNX Runtime), stores per-image top-5 (and on request every score), and prints accuracy with n and a
 * 95% Clopper–Pearson interval. Resumable: rerunning continues after the last stored chunk; done evaluations are
 * skipped unless --force.
 */
export function evalCommand(ctx: CliContext): Command {
  return new Command('eval')
    .description('evaluate models on dataset splits (resumable); prints top-1/top-5 accuracy with n and intervals')
    .option('--model <name>', 'model to run (repeatable via --all)')
    .option('--dataset <name>', 'dataset (with --all: only this dataset)')
    .option('--split <name>', 'split (default test; with --all: every split)')
    .option('--all', 'every ONNX model × every split with the model\'s classes, skipping finished evaluations')
    .option('--batch <n>', 'images per inference batch', integer(1, 4096), 64)
    .option('--threads <n>', 'ONNX Runtime intra-op threads (default: all cores)', integer(1, 256))
    .option('--workers <n>', 'decode worker threads (default: cores − 1, at least 1; 0 = decode in the main thread)', integer(0, 64))
    .option('--scores', 'also store every class\'s score per image (logits; averaged softmax for 10-crop)')
    .option('--force', 'discard finished or partial evaluations and run them again')
    .option('--json', 'print JSON')
    .action(async (o: EvalOptions, cmd: Command) => {
      const { evaluateOnSplit } = await import('../../evaluate/run-evaluations.js');
      const { evaluationTargets } = await import('../../evaluate/evaluation-targets.js');
      const { outcomeJson, outcomeText } = await import('../../evaluate/render-testbed.js');
      if (o.all && o.model) throw new UserError('eval: give --model M --dataset D, or --all, not both');
      if (!o.all && (!o.model || !o.dataset)) throw new UserError('eval: --model and --dataset are required (or --all)');
      await withWorkspace(cmd, ctx, async (ws) => {
        const bar = progressBar(ctx);
        const run = {
          batch: o.batch, onProgress: bar, scores: o.scores === true, force: o.force === true,
          ...(o.threads !== undefined ? { threads: o.threads } : {}), ...(o.workers !== undefined ? { workers: o.workers } : {}),
        };
        const targets = o.all
          ? await evaluationTargets(ws, { ...(o.dataset ? { dataset: o.dataset } : {}), ...(o.split ? { split: o.split } : {}) })
          : [{ dataset: o.dataset!, split: o.split ?? 'test', models: [o.model!] }];
        const outcomes = [];
        try {
          for (const t of targets) outcomes.push(...(await evaluateOnSplit(ws, t.dataset, t.split, t.models, run)));
        } finally {
          bar.stop();
        }
        if (o.json) printJson(ctx, o.all ? outcomes.map(outcomeJson) : outcomeJson(outcomes[0]!));
        else print(ctx, outcomes.length ? outcomes.map(outcomeText).join('\n') : 'nothing to evaluate (no ONNX model matches the classes of any split)');
        const failed = outcomes.filter((x) => x.status === 'failed');
        if (failed.length > 0) {
          throw new UserError(failed.length === 1 ? failed[0]!.error! : `${failed.length} evaluations failed; first: ${failed[0]!.error}`, 1);
        }
      });
    });
}
