// `heldout stats ladder`: replay the Ladder leaderboard mechanism (Blum & Hardt 2015) over a sequence of submissions.
import { readFileSync } from 'node:fs';
import { UserError, at } from '../../errors.js';
import { runFreeLadder, type FreeLadderRound } from '../../stats/free-ladder.js';
import { runLadder, type LadderRound } from '../../stats/ladder.js';
import { parseCount, parseNumber, userInput } from './parse.js';

/** Fixed-step Ladder over `--errors c1,c2,…`: every count is an integer in 0..n. */
export function runFixedLadder(n: number, etaText: string, errorsText: string): { n: number; eta: string; rounds: LadderRound[] } {
  const eta = parseNumber(etaText, '--eta');
  if (!(eta > 0)) throw new UserError(`--eta must be > 0, got ${JSON.stringify(etaText)}`);
  const items = errorsText.split(',').map((s) => s.trim());
  if (items.length === 1 && items[0] === '') throw new UserError('--errors is empty; give error counts such as 30,28,25');
  const errors = items.map((s, i) => {
    const e = parseCount(s, `--errors: submission ${i + 1}`);
    if (e > n) throw new UserError(`--errors: submission ${i + 1} has ${e} errors, more than --n (${n})`);
    return e;
  });
  const etaExact = etaText.trim().replace(/^\+/, '');
  return { n, eta: etaExact, rounds: userInput(() => runLadder(errors, { n, eta: etaExact }), 'stats ladder: --eta: ') };
}

/**
 * Parameter-free Ladder over a file of 0/1 loss vectors (1 = wrong), one submission per line, written either as a
 * string of 0/1 characters or as 0/1 values separated by commas or spaces. Blank lines are skipped.
 */
export function runFreeLadderFile(n: number, file: string): { n: number; rounds: FreeLadderRound[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const submissions: Uint8Array[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line !== '') submissions.push(correctOfLosses(line, n, at(file, i + 1)));
  });
  if (submissions.length === 0) throw new UserError(`${file}: no loss vectors; expected one line of n 0/1 losses per submission`);
  return { n, rounds: userInput(() => runFreeLadder(submissions, n), 'stats ladder: ') };
}

/** One line of losses → the correctness vector the core takes (correct = 1 − loss). */
function correctOfLosses(line: string, n: number, where: string): Uint8Array {
  const tokens = /^[01]+$/.test(line) ? line.split('') : line.split(/[\s,]+/);
  if (tokens.length !== n) throw new UserError(`${where}: expected n = ${n} losses (--n), got ${tokens.length}`);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t !== '0' && t !== '1') throw new UserError(`${where}: loss ${i + 1} must be 0 or 1, got ${JSON.stringify(t)}`);
    correct[i] = t === '0' ? 1 : 0;
  }
  return correct;
}

/** Aligned text table: round, errors, loss, accepted, released (and the sd of the loss difference for the free Ladder). */
export function ladderText(rounds: ReadonlyArray<LadderRound | FreeLadderRound>, free: boolean): string {
  const header = ['round', 'errors', 'loss', ...(free ? ['sd'] : []), 'accepted', 'released'];
  const rows = rounds.map((r) => [
    String(r.round), String(r.errors), String(r.loss),
    ...(free ? [(r as FreeLadderRound).sd.toPrecision(6)] : []),
    r.accepted ? 'yes' : 'no', String(r.released),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, j) => (j === 0 || j === 1 ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd();
  return `${[fmt(header), ...rows.map(fmt)].join('\n')}\n`;
}
