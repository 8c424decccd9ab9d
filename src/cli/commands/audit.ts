import { Command, InvalidArgumentError, Option } from 'commander';
import { print, type CliContext } from '../context.js';
import { withWorkspace } from '../workspace-option.js';

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer ${min}..${max}`);
    return n;
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n < 1)) throw new InvalidArgumentError('expected a number strictly between 0 and 1');
  return n;
}

interface StatOptions { top: number; confidence: number; fdr: number; bootstrap: number; seed: number; format: 'md' | 'json'; out?: string }

/** The statistics options both audits share. */
function statOptions(cmd: Command): Command {
  return cmd
    .option('--top <fraction>', 'fraction of submissions, by public score, whose mean gap is tested (at least one)', fraction, 0.1)
    .option('--confidence <c>', 'confidence level of the intervals', fraction, 0.95)
    .option('--fdr <q>', 'false-discovery rate of the Benjamini–Hochberg step across competitions', fraction, 0.05)
    .option('--bootstrap <n>', 'bootstrap resamples of the top-k interval', integer(1, 1_000_000), 2000)
    .option('--seed <s>', 'bootstrap seed', integer(1, 4294967295), 1)
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--out <file>', 'write the audit to this file instead of stdout');
}

async function emit(ctx: CliContext, o: StatOptions, r: import('../../analyze/core/audit/audit-report.js').AuditReport): Promise<void> {
  const { auditMarkdown } = await import('../../analyze/core/audit/audit-report.js');
  const text = o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : auditMarkdown(r);
  if (o.out) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(o.out, text);
    print(ctx, `wrote the audit of ${r.competitions.length} competition(s) to ${o.out}: ${r.flagged} flagged`);
  } else ctx.stdout.write(text);
}

const settings = (o: StatOptions) => ({ topFraction: o.top, confidence: o.confidence, fdr: o.fdr, resamples: o.bootstrap, seed: o.seed });

/** `heldout audit kaggle|challenges`: public-vs-private overfitting audits (Roelofs et al. 2019; docs/studies.md). */
export function auditCommand(ctx: CliContext): Command {
  const group = new Command('audit')
    .description('public vs private leaderboard audits (Roelofs et al. 2019): per-competition top-k gap with an interval and a test, Benjamini–Hochberg across competitions')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  statOptions(group
    .command('kaggle')
    .description('audit real competitions from Meta Kaggle\'s Submissions.csv (PublicScoreFullPrecision, PrivateScoreFullPrecision, IsSelected, TeamId …)')
    .requiredOption('--csv <file>', 'Meta Kaggle Submissions.csv (or an extract with the same columns)')
    .option('--teams <file>', 'Meta Kaggle Teams.csv, to group submissions by CompetitionId')
    .option('--competition <ids>', 'only these competition ids (comma-separated)', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--lower-is-better', 'the metric is a loss (RMSE, log loss …): lower scores are better')
    .option('--public-n <n>', 'public set size, for accuracy metrics: enables binomial intervals and tests', integer(1, 1e12))
    .option('--private-n <n>', 'private set size (with --public-n)', integer(1, 1e12))
    .option('--include-after-deadline', 'keep submissions made after the deadline'))
    .action(async (o: StatOptions & { csv: string; teams?: string; competition?: string[]; lowerIsBetter?: boolean; publicN?: number; privateN?: number; includeAfterDeadline?: boolean }) => {
      const { UserError } = await import('../../errors.js');
      if ((o.publicN === undefined) !== (o.privateN === undefined)) throw new UserError('--public-n and --private-n go together');
      if (o.lowerIsBetter && o.publicN !== undefined) throw new UserError('--public-n/--private-n are for accuracy metrics, which are higher-is-better');
      const { auditKaggle } = await import('../../analyze/audit-service.js');
      const r = await auditKaggle({
        csv: o.csv, direction: o.lowerIsBetter ? 'lower' : 'higher', includeAfterDeadline: o.includeAfterDeadline === true,
        ...(o.teams ? { teams: o.teams } : {}), ...(o.competition ? { competitions: o.competition } : {}),
        ...(o.publicN !== undefined ? { publicN: o.publicN, privateN: o.privateN! } : {}),
      }, settings(o));
      await emit(ctx, o, r);
    });

  statOptions(group
    .command('challenges')
    .description('audit this workspace\'s challenges: one competition per closed phase, with binomial tests from the stored counts')
    .argument('[names...]', 'challenge names (default: all)')
    .option('--all-phases', 'include phases that are still open'))
    .action(async (names: string[], o: StatOptions & { allPhases?: boolean }, cmd: Command) => {
      const { auditChallenges } = await import('../../analyze/audit-service.js');
      await withWorkspace(cmd, ctx, async (ws) => emit(ctx, o, await auditChallenges(ws.store, { names, allPhases: o.allPhases === true }, settings(o))));
    });

  return group;
}
