import { Command, InvalidArgumentError, Option } from 'commander';
import { LABEL_SPACES, type LabelSpace } from '../../classes/class-set.js';
import type { TableFormat } from '../../formats/predictions/tables.js';
import type { IntervalMethod } from '../../stats/binomial-interval.js';
import { print, printJson, type CliContext } from '../context.js';

// Kept free of the scoring and statistics modules: they load @stdlib (hundreds of small files) in the action only,
// so every other command starts without paying for them (see bench/RESULTS.md).

const FORMAT_CHOICES: ReadonlyArray<TableFormat | 'auto'> = ['auto', 'ilsvrc', 'csv', 'jsonl', 'npy'];
const INTERVAL_CHOICES: readonly IntervalMethod[] = ['clopper-pearson', 'wilson'];
/** Largest --k: more slots than any benchmark reports, well inside what the scoring core supports. */
const MAX_K = 100;

interface CommonOptions {
  labels: string;
  format: TableFormat | 'auto';
  labelsFormat: TableFormat | 'auto';
  labelSpace: LabelSpace;
  labelsSpace?: LabelSpace;
  classes: string;
  k: number;
  confidence: number;
  interval: IntervalMethod;
  json?: boolean;
}

/** A commander argument parser for an integer in [min, max]; a bad value is a usage error (exit 2). */
function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    return n;
  };
}

function level(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n < 1)) throw new InvalidArgumentError('expected a number strictly between 0 and 1, e.g. 0.95');
  return n;
}

const LABELS_HELP = 'true labels: ILSVRC ground-truth text, CSV image_id,label, JSONL or int .npy';

/** Options shared by `score` and `compare`: how to read the files, which metric and interval. */
function withReadOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'format of the prediction file(s)').choices(FORMAT_CHOICES).default('auto'))
    .addOption(new Option('--labels-format <format>', 'format of the labels file').choices(FORMAT_CHOICES).default('auto'))
    .addOption(new Option('--label-space <space>', 'label space of the predictions (and of the labels unless --labels-space)').choices(LABEL_SPACES).default('devkit'))
    .addOption(new Option('--labels-space <space>', 'label space of the labels file (default: --label-space)').choices(LABEL_SPACES))
    .option('--classes <set>', 'class set: ilsvrc2012, fashion-mnist, or a class table file', 'ilsvrc2012')
    .addOption(new Option('--k <k>', `guess slots per image (1..${MAX_K}): report top-1 and top-k`).argParser(integer(1, MAX_K)).default(5))
    .addOption(new Option('--confidence <level>', 'two-sided confidence level of every interval').argParser(level).default(0.95))
    .addOption(new Option('--interval <method>', 'binomial interval method').choices(INTERVAL_CHOICES).default('clopper-pearson'))
    .option('--json', 'print JSON instead of text');
}

async function readOptions(o: CommonOptions) {
  const { resolveClassSet } = await import('../../catalog/builtin-class-sets.js');
  return {
    read: {
      classes: resolveClassSet(o.classes),
      format: o.format,
      labelsFormat: o.labelsFormat,
      labelSpace: o.labelSpace,
      labelsSpace: o.labelsSpace ?? o.labelSpace,
      k: o.k,
    },
    interval: { method: o.interval, confidence: o.confidence },
  };
}

/** `heldout score`: accuracy of one prediction file against labels, every number with n and an interval. */
export function scoreCommand(ctx: CliContext): Command {
  const cmd = new Command('score')
    .description('top-1/top-k accuracy of predictions against labels, with intervals')
    .requiredOption('--labels <file>', LABELS_HELP)
    .requiredOption('--predictions <file>', 'predictions: ILSVRC Task-1 text, CSV image_id,pred1..predK, JSONL or .npy (top-k ints or logits)');
  return withReadOptions(cmd)
    .option('--per-class', 'also report accuracy per true class')
    .option('--confusion', 'also report the sparse top-1 confusion matrix')
    .action(async (o: CommonOptions & { predictions: string; perClass?: boolean; confusion?: boolean }) => {
      const { read, interval } = await readOptions(o);
      const { scoreFiles } = await import('../../score/score-files.js');
      const { scoreJson, scoreText } = await import('../../score/render-score.js');
      const report = await scoreFiles(o.labels, o.predictions, read, { interval, perClass: o.perClass === true, confusion: o.confusion === true });
      if (o.json) printJson(ctx, scoreJson(report));
      else print(ctx, scoreText(report));
    });
}

/** `heldout compare`: two prediction files on the same labels, with McNemar's tests and a paired bootstrap. */
export function compareCommand(ctx: CliContext): Command {
  const cmd = new Command('compare')
    .description('compare two models on the same labels: accuracies, McNemar tests, bootstrap CI of the difference')
    .argument('<a>', 'predictions of model A')
    .argument('<b>', 'predictions of model B')
    .requiredOption('--labels <file>', LABELS_HELP);
  return withReadOptions(cmd)
    .addOption(new Option('--seed <seed>', 'seed of the bootstrap (1..4294967295)').argParser(integer(1, 4294967295)).default(1))
    .addOption(new Option('--bootstrap <n>', 'bootstrap resamples').argParser(integer(1, 1_000_000)).default(10_000))
    .action(async (a: string, b: string, o: CommonOptions & { seed: number; bootstrap: number }) => {
      const { read, interval } = await readOptions(o);
      const { compareFiles } = await import('../../score/compare-files.js');
      const { compareJson, compareText } = await import('../../score/render-compare.js');
      const { seededRng } = await import('../../stats/rng.js');
      const report = await compareFiles(o.labels, a, b, read, { interval, rng: seededRng(o.seed), seed: o.seed, resamples: o.bootstrap });
      if (o.json) printJson(ctx, compareJson(report));
      else print(ctx, compareText(report));
    });
}
