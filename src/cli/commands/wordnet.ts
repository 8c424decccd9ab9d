import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { print, printJson, type CliContext } from '../context.js';
import { UserError } from '../../errors.js';
import { resolveClassSet } from '../../catalog/builtin-class-sets.js';
import { parseClassTable } from '../../classes/parse-class-table.js';
import { loadWordNet } from '../../wordnet/load-wordnet.js';
import type { SynsetInfo, SynsetRef } from '../../wordnet/wordnet.js';

/** `heldout wordnet show|search|queries|similar`: the shipped WordNet 3.0 nouns that ImageNet classes are named by. */
export function wordnetCommand(ctx: CliContext): Command {
  // addCommand() does not pass the program's output and exit settings down, and command() copies them from this
  // group, so the group sets them itself: errors must reach ctx.stderr and must not call process.exit in tests.
  const group = new Command('wordnet')
    .description('look up WordNet 3.0 noun synsets (ImageNet wnids): show, search, queries, similar')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  group
    .command('show')
    .description('show synsets: lemmas, definition, examples, direct hypernyms, depth')
    .argument('[wnid...]', 'wnids, e.g. n01443537')
    .option('--file <path>', 'also show the wnids of a file: one per line, or TSV with a wnid column')
    .option('--json', 'JSON: one object for one wnid, an array for several')
    .action((args: string[], opts: { file?: string; json?: boolean }) => {
      const wnids = [...args, ...(opts.file ? wnidsOfFile(opts.file) : [])];
      if (wnids.length === 0) throw new UserError('wordnet show: give at least one wnid or --file');
      const wn = loadWordNet();
      const infos = wnids.map((w) => wn.show(w));
      if (opts.json) printJson(ctx, infos.length === 1 ? infos[0] : infos);
      else print(ctx, infos.map(formatSynset).join('\n'));
    });

  group
    .command('search')
    .description('find noun synsets by lemma: exact matches first, then whole words, then substrings')
    .argument('<text>', 'text to find in lemmas (case-insensitive; spaces and underscores are the same)')
    .option('--limit <n>', 'at most n results', positiveInt('--limit'), 20)
    .option('--json', 'JSON array of {wnid, lemmas, definition, matchedLemma, match}')
    .action((text: string, opts: { limit: number; json?: boolean }) => {
      if (text.trim() === '') throw new UserError('wordnet search: the search text is empty');
      const hits = loadWordNet().search(text, { limit: opts.limit });
      if (opts.json) printJson(ctx, hits);
      else if (hits.length === 0) ctx.stderr.write(`heldout: no noun synset has a lemma matching "${text}"\n`);
      else print(ctx, hits.map((h) => `${h.wnid}  ${h.lemmas.join(', ')}: ${h.definition}`).join('\n'));
    });

  group
    .command('queries')
    .description('image-search queries for a synset, ImageNet style: lemmas, then lemma + ancestor word found in the gloss')
    .argument('<wnid>', 'wnid, e.g. n02085782')
    .option('--json', 'JSON array of strings')
    .action((wnid: string, opts: { json?: boolean }) => {
      const queries = loadWordNet().queries(wnid);
      if (opts.json) printJson(ctx, queries);
      else print(ctx, queries.join('\n'));
    });

  group
    .command('similar')
    .description('most similar synsets by NLTK path similarity, 1 / (1 + path length)')
    .argument('<wnid>', 'wnid, e.g. n02085782')
    .option('--among <set>', 'only these candidates: a built-in class set (ilsvrc2012, fashion-mnist) or a class file; default all nouns')
    .option('--top <k>', 'how many to list', positiveInt('--top'), 10)
    .option('--json', 'JSON array of {wnid, lemmas, similarity, distance}')
    .action((wnid: string, opts: { among?: string; top: number; json?: boolean }) => {
      const among = opts.among === undefined ? undefined : resolveClassSet(opts.among).entries.map((e) => e.wnid);
      const ranked = loadWordNet().similar(wnid, { top: opts.top, ...(among ? { among } : {}) });
      if (opts.json) printJson(ctx, ranked);
      else if (ranked.length > 0) print(ctx, ranked.map((r) => `${r.similarity.toFixed(4)}  ${r.wnid}  ${r.lemmas.join(', ')}`).join('\n'));
    });

  return group;
}

function formatSynset(s: SynsetInfo): string {
  const ref = (r: SynsetRef) => `${r.wnid}  ${r.lemmas.join(', ')}`;
  const lines = [ref(s), `  definition  ${s.definition}`];
  for (const e of s.examples) lines.push(`  example     "${e}"`);
  for (const h of s.hypernyms) lines.push(`  ${h.instance ? 'instance of' : 'hypernym   '} ${ref(h)}`);
  lines.push(`  depth       ${s.depth}`);
  return `${lines.join('\n')}\n`;
}

function wnidsOfFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseClassTable(file, text, file).entries.map((e) => e.wnid);
}

/** Commander option parser; a UserError thrown here reaches main's one-line error report (exit 2). */
function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UserError(`${flag} must be a positive integer, got "${value}"`);
    return Number(value);
  };
}
