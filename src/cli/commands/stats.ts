import { Command, Option } from 'commander';
import { UserError, at } from '../../errors.js';
import { binomialInterval, INTERVAL_METHODS, type IntervalMethod } from '../../stats/binomial-interval.js';
import { mcnemarChiSquare, mcnemarExact } from '../../stats/mcnemar.js';
import { TRANSFORMS, type TransformName } from '../../stats/transforms.js';
import { print, printJson, type CliContext } from '../context.js';
import { cell, readCsvTable } from '../stats/csv-table.js';
import { fitJson, fitText, runFit } from '../stats/fit.js';
import { ladderText, runFixedLadder, runFreeLadderFile } from '../stats/ladder.js';
import { alphaOfConfidence, exact, parseCount, parseNumber, parseUnitOpen, userInput } from '../stats/parse.js';

const INTERVAL_CHOICES = Object.keys(INTERVAL_METHODS) as IntervalMethod[];
const TRANSFORM_CHOICES = Object.keys(TRANSFORMS) as TransformName[];

/** `heldout stats interval|mcnemar|fit|ladder`: the statistics core on numbers and CSV files, without a workspace. */
export function statsCommand(ctx: CliContext): Command {
  // Like every group: set output and exit handling here, because addCommand() does not pass them down.
  const group = new Command('stats')
    .description('statistics on plain numbers and CSV files: binomial intervals, McNemar, fits across models, the Ladder')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  group
    .command('interval')
    .description('confidence interval for a proportion k/n; prints CSV k,n,alpha,lower,upper at full double precision')
    .addOption(new Option('--method <method>', 'interval method').choices(INTERVAL_CHOICES).default('clopper-pearson'))
    .option('--k <k>', 'successes (e.g. correct images)')
    .option('--n <n>', 'trials (e.g. test images)')
    .option('--alpha <alpha>', '1 − confidence (default 0.05); with --csv, for files without an alpha column')
    .option('--csv <file>', 'many intervals: a CSV with columns k,n and optionally alpha (other columns are ignored)')
    .action((o: { method: IntervalMethod; k?: string; n?: string; alpha?: string; csv?: string }) => {
      const rows: Array<{ k: number; n: number; alpha: number; label: string }> = [];
      if (o.csv !== undefined) {
        if (o.k !== undefined || o.n !== undefined) throw new UserError('stats interval: give either --k and --n, or --csv, not both');
        const table = readCsvTable(o.csv, ['k', 'n']);
        const hasAlpha = table.columns.includes('alpha');
        if (hasAlpha && o.alpha !== undefined) throw new UserError(`stats interval: --alpha conflicts with the alpha column of ${o.csv}`);
        const fallback = o.alpha === undefined ? 0.05 : parseUnitOpen(o.alpha, '--alpha');
        for (const row of table.rows) {
          const c = (col: string) => cell(table, row, col);
          const k = parseCount(c('k').text, c('k').label);
          const n = parseCount(c('n').text, c('n').label, 1);
          if (k > n) throw new UserError(`${c('k').label} (${k}) must be ≤ n (${n})`);
          rows.push({ k, n, alpha: hasAlpha ? parseUnitOpen(c('alpha').text, c('alpha').label) : fallback, label: `${at(table.file, row.line)}: ` });
        }
      } else {
        if (o.k === undefined || o.n === undefined) throw new UserError('stats interval: give --k and --n, or --csv FILE');
        const k = parseCount(o.k, '--k');
        const n = parseCount(o.n, '--n', 1);
        if (k > n) throw new UserError(`--k (${k}) must be ≤ --n (${n})`);
        rows.push({ k, n, alpha: o.alpha === undefined ? 0.05 : parseUnitOpen(o.alpha, '--alpha'), label: 'stats interval: ' });
      }
      const lines = ['k,n,alpha,lower,upper'];
      for (const r of rows) {
        const ci = userInput(() => binomialInterval(r.k, r.n, { method: o.method, alpha: r.alpha }), r.label);
        lines.push([r.k, r.n, r.alpha, ci.lower, ci.upper].map(exact).join(','));
      }
      print(ctx, lines.join('\n'));
    });

  group
    .command('mcnemar')
    .description('McNemar tests from discordant counts b, c; prints CSV b,c,p_exact,chi2_cc,p_chi2_cc')
    .option('--b <b>', 'items only model A got right')
    .option('--c <c>', 'items only model B got right')
    .option('--csv <file>', 'many tests: a CSV with columns b,c (other columns are ignored)')
    .action((o: { b?: string; c?: string; csv?: string }) => {
      const pairs: Array<{ b: number; c: number }> = [];
      if (o.csv !== undefined) {
        if (o.b !== undefined || o.c !== undefined) throw new UserError('stats mcnemar: give either --b and --c, or --csv, not both');
        const table = readCsvTable(o.csv, ['b', 'c']);
        for (const row of table.rows) {
          const b = cell(table, row, 'b');
          const c = cell(table, row, 'c');
          pairs.push({ b: parseCount(b.text, b.label), c: parseCount(c.text, c.label) });
        }
      } else {
        if (o.b === undefined || o.c === undefined) throw new UserError('stats mcnemar: give --b and --c, or --csv FILE');
        pairs.push({ b: parseCount(o.b, '--b'), c: parseCount(o.c, '--c') });
      }
      const lines = ['b,c,p_exact,chi2_cc,p_chi2_cc'];
      for (const { b, c } of pairs) {
        const ex = mcnemarExact(b, c);
        const chi = mcnemarChiSquare(b, c);
        lines.push([b, c, ex.pValue, chi.statistic, chi.pValue].map(exact).join(','));
      }
      print(ctx, lines.join('\n'));
    });

  group
    .command('fit')
    .description('fit g(y) = slope · g(x) + intercept across models (accuracy on the line), optionally with a bootstrap band')
    .requiredOption('--csv <file>', 'one row per model')
    .requiredOption('--x <column>', 'column of the x accuracy (e.g. original test set)')
    .requiredOption('--y <column>', 'column of the y accuracy (e.g. new or shifted test set)')
    .option('--name <column>', 'column of model names: used in errors, and prints each model\'s effective robustness')
    .addOption(new Option('--transform <g>', 'scale on which the fit is linear').choices(TRANSFORM_CHOICES).default('probit'))
    .option('--percent', 'the columns hold percentages (0..100); results are reported in percent too')
    .option('--clip <eps>', 'probit/logit: clamp accuracies (as fractions) into [eps, 1 − eps], so 0 and 1 are usable')
    .option('--bootstrap <resamples>', 'resample models this many times for percentile CIs and a pointwise band')
    .option('--seed <seed>', 'seed of the bootstrap (1..4294967295)', '1')
    .option('--confidence <level>', 'two-sided confidence of the bootstrap intervals', '0.95')
    .option('--grid <points>', 'band points, evenly spaced from the smallest to the largest x', '100')
    .option('--json', 'print JSON')
    .action((o: { csv: string; x: string; y: string; name?: string; transform: TransformName; percent?: boolean; clip?: string; bootstrap?: string; seed: string; confidence: string; grid: string; json?: boolean }) => {
      const clip = o.clip === undefined ? undefined : parseNumber(o.clip, '--clip');
      if (clip !== undefined && !(clip > 0 && clip < 0.5)) throw new UserError(`--clip must be strictly between 0 and 0.5, got ${JSON.stringify(o.clip)}`);
      const bootstrap = o.bootstrap === undefined ? undefined : {
        resamples: parseCount(o.bootstrap, '--bootstrap', 1),
        seed: parseCount(o.seed, '--seed', 1),
        confidence: parseUnitOpen(o.confidence, '--confidence'),
        alpha: alphaOfConfidence(o.confidence, '--confidence'),
        grid: parseCount(o.grid, '--grid', 1),
      };
      if (bootstrap !== undefined && bootstrap.seed > 4294967295) throw new UserError(`--seed must be at most 4294967295, got ${o.seed}`);
      const report = runFit({ csv: o.csv, x: o.x, y: o.y, name: o.name, transform: o.transform, percent: o.percent === true, clip, bootstrap });
      if (o.json) printJson(ctx, fitJson(report));
      else print(ctx, fitText(report));
    });

  group
    .command('ladder')
    .description('the Ladder leaderboard (Blum & Hardt 2015): the released score after each submission')
    .requiredOption('--n <n>', 'test-set size')
    .option('--eta <eta>', 'step size as a fraction of the test set, e.g. 0.01 (read as the exact decimal)')
    .option('--errors <counts>', 'error counts of the submissions in order, comma-separated, e.g. 30,28,25')
    .option('--free', 'parameter-free Ladder on per-item losses (needs --losses, no --eta)')
    .option('--losses <file>', 'with --free: one line per submission, n losses (1 = wrong) as 0/1 characters or separated by commas or spaces')
    .option('--json', 'print JSON')
    .action((o: { n: string; eta?: string; errors?: string; free?: boolean; losses?: string; json?: boolean }) => {
      if (o.free) {
        if (o.eta !== undefined || o.errors !== undefined) throw new UserError('stats ladder: --free takes --losses FILE, not --eta or --errors');
        if (o.losses === undefined) throw new UserError('stats ladder: --free needs --losses FILE');
        const result = runFreeLadderFile(parseCount(o.n, '--n', 2), o.losses);
        if (o.json) printJson(ctx, { free: true, ...result });
        else print(ctx, ladderText(result.rounds, true));
        return;
      }
      if (o.losses !== undefined) throw new UserError('stats ladder: --losses needs --free');
      if (o.eta === undefined || o.errors === undefined) throw new UserError('stats ladder: give --eta and --errors (or --free --losses FILE)');
      const result = runFixedLadder(parseCount(o.n, '--n', 1), o.eta, o.errors);
      if (o.json) printJson(ctx, { free: false, n: result.n, eta: Number(result.eta), rounds: result.rounds });
      else print(ctx, ladderText(result.rounds, false));
    });

  return group;
}
