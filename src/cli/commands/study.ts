import { Command, InvalidArgumentError, Option } from 'commander';
import { TRANSFORMS } from '../../stats/transforms.js';
import { INTERVAL_METHODS } from '../../stats/binomial-interval.js';
import { print, printJson, type CliContext } from '../context.js';
import { withWorkspace } from '../workspace-option.js';

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    return n;
  };
}

function fraction(lo: number, hi: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n > lo && n < hi)) throw new InvalidArgumentError(`expected a number strictly between ${lo} and ${hi}`);
    return n;
  };
}

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** `heldout study create|import|report|list|remove`: replication studies (docs/studies.md). */
export function studyCommand(ctx: CliContext): Command {
  const group = new Command('study')
    .description('replication studies: original vs new test sets across models — fit, bootstrap band, mean drop, rank agreement, gap decomposition, similarity')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  group
    .command('create')
    .description('a study over testbed evaluations: models evaluated on the original and the new test sets (dataset:split, split default test)')
    .argument('<name>', 'study name (letters, digits, . _ -)')
    .requiredOption('--original <set>', 'original test set, DATASET[:SPLIT]')
    .requiredOption('--new <sets>', 'new test set(s), comma-separated DATASET[:SPLIT]', list)
    .option('--models <list>', '"all" (every model evaluated on the sets, read at report time) or comma-separated model names', 'all')
    .option('--holdout <set>', 'a never-used split of the original distribution (makes the adaptivity gap estimable)')
    .option('--description <text>', 'shown at the top of the report')
    .action(async (name: string, o: { original: string; new: string[]; models: string; holdout?: string; description?: string }, cmd: Command) => {
      const { createStudy } = await import('../../analyze/create-study.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const models = o.models.trim() === 'all' ? 'all' as const : list(o.models);
        const s = await createStudy(ws, { name, original: o.original, newSets: o.new, models, ...(o.holdout ? { holdout: o.holdout } : {}), ...(o.description ? { description: o.description } : {}) });
        print(ctx, `created study ${s.name}: ${s.original} vs ${(JSON.parse(s.new_sets) as string[]).join(', ')}${s.holdout ? `, holdout ${s.holdout}` : ''} (models: ${models === 'all' ? 'all' : models.join(', ')})`);
      });
    });

  group
    .command('import')
    .description('a study from a long-format CSV of accuracy counts: model,test_set,correct,n (or accuracy instead of correct)')
    .argument('<name>', 'study name')
    .requiredOption('--csv <file>', 'CSV with a header: model,test_set,correct,n (one row per model and test set)')
    .requiredOption('--original <set>', 'the CSV\'s original test set')
    .option('--new <sets>', 'new test set(s), comma-separated (default: every other test set in the CSV)', list)
    .option('--holdout <set>', 'a test set of the CSV from the original distribution that no model was selected on')
    .option('--percent', 'an accuracy column holds percentages in [0, 100]')
    .option('--replace', 'replace an existing study of this name')
    .option('--description <text>', 'shown at the top of the report')
    .action(async (name: string, o: { csv: string; original: string; new?: string[]; holdout?: string; percent?: boolean; replace?: boolean; description?: string }, cmd: Command) => {
      const { importStudy } = await import('../../analyze/import-study.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const r = await importStudy(ws, {
          name, csv: o.csv, original: o.original, percent: o.percent === true, replace: o.replace === true,
          ...(o.new ? { newSets: o.new } : {}), ...(o.holdout ? { holdout: o.holdout } : {}), ...(o.description ? { description: o.description } : {}),
        });
        print(ctx, `imported study ${r.study.name}: ${r.rows} rows, ${r.models} models; ${r.study.original} vs ${(JSON.parse(r.study.new_sets) as string[]).join(', ')}`);
      });
    });

  group
    .command('report')
    .description('the report for one new test set: Markdown, self-contained HTML (inline SVG) or JSON')
    .argument('<name>', 'study name')
    .option('--new <set>', 'the new test set to compare with (default: the study\'s first)')
    .addOption(new Option('--format <format>', 'output format (default: from --out\'s extension, else md)').choices(['html', 'md', 'json']))
    .addOption(new Option('--transform <t>', 'scale of the fit').choices(Object.keys(TRANSFORMS)).default('probit'))
    .option('--bootstrap <n>', 'bootstrap resamples of the fit band', integer(1, 1_000_000), 10_000)
    .option('--seed <s>', 'bootstrap seed', integer(1, 4294967295), 1)
    .option('--confidence <c>', 'confidence level of every interval', fraction(0, 1), 0.95)
    .addOption(new Option('--interval <method>', 'binomial interval of each accuracy').choices(Object.keys(INTERVAL_METHODS)).default('clopper-pearson'))
    .option('--clip <eps>', 'under probit/logit, clamp accuracies into [eps, 1 − eps] instead of leaving 0 and 1 out of the fit', fraction(0, 0.5))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .action(async (name: string, o: { new?: string; format?: 'html' | 'md' | 'json'; transform: 'linear' | 'probit' | 'logit'; bootstrap: number; seed: number; confidence: number; interval: 'clopper-pearson' | 'wilson'; clip?: number; out?: string }, cmd: Command) => {
      const { studyReport } = await import('../../analyze/study-report-service.js');
      const { formatOfFile, renderReport } = await import('../../analyze/render-study.js');
      const { writeFile } = await import('node:fs/promises');
      const format = o.format ?? (o.out ? formatOfFile(o.out) : undefined) ?? 'md';
      await withWorkspace(cmd, ctx, async (ws) => {
        const report = await studyReport(ws, name, {
          transform: o.transform, resamples: o.bootstrap, seed: o.seed, confidence: o.confidence, interval: o.interval,
          ...(o.new ? { newSet: o.new } : {}), ...(o.clip !== undefined ? { clip: o.clip } : {}),
        });
        const text = renderReport(report, format);
        if (o.out) {
          await writeFile(o.out, text);
          print(ctx, `wrote ${format} report of study ${name} (${report.original.name} vs ${report.new.name}, ${report.models.length} models) to ${o.out}`);
        } else ctx.stdout.write(text);
      });
    });

  group
    .command('list')
    .description('studies with their test sets and sources')
    .option('--json', 'JSON array')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const { studyListJson } = await import('../../analyze/study-list.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const rows = studyListJson(await ws.store.listStudies());
        if (o.json) printJson(ctx, rows);
        else if (rows.length === 0) print(ctx, 'no studies (heldout study create or heldout study import)');
        else print(ctx, rows.map((s) => `${s.name}\t${s.source}\t${s.original} vs ${s.newSets.join(', ')}${s.holdout ? `\tholdout ${s.holdout}` : ''}`).join('\n'));
      });
    });

  group
    .command('remove')
    .description('delete a study (its imported counts too; testbed evaluations are kept)')
    .argument('<name>', 'study name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const { findStudyOrThrow } = await import('../../analyze/load-study.js');
      await withWorkspace(cmd, ctx, async (ws) => {
        const s = await findStudyOrThrow(ws, name);
        await ws.store.deleteStudy(s.id);
        print(ctx, `removed study ${name}`);
      });
    });

  return group;
}
