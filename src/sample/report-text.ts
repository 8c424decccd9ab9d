import { BIN_LABELS, type BinDeficit, type MeanSd } from './core/index.js';
import type { RevisionReport } from './revision-report.js';

/** `0.812 ± 0.140 (n=100, 95% CI 0.784–0.840)`. */
export function meanSdText(m: MeanSd, digits = 3): string {
  if (m.mean === null) return `— (n=${m.n})`;
  const sd = m.sd === null ? '' : ` ± ${m.sd.toFixed(digits)}`;
  const ci = m.ci ? `, 95% CI ${m.ci[0].toFixed(digits)}–${m.ci[1].toFixed(digits)}` : '';
  return `${m.mean.toFixed(digits)}${sd} (n=${m.n}${ci})`;
}

/** `bin [0.6, 0.8): 1 missing, 1 from [0.8, 1]`. */
export function deficitText(d: BinDeficit): string {
  const fills = d.filledFrom.map((f) => `${f.count} from ${BIN_LABELS[f.bin]}`);
  return `bin ${BIN_LABELS[d.bin]}: ${d.missing} missing${fills.length ? `, ${fills.join(', ')}` : ''}${d.unfilled ? `, ${d.unfilled} left empty` : ''}`;
}

/** The plain-text report of `heldout sample report NAME`. */
export function revisionReportText(r: RevisionReport): string {
  const lines: string[] = [];
  lines.push(`${r.name}: ${r.strategy}, ${r.images} images in ${r.classes} classes (${r.params.perClass} per class wanted), seed ${r.seed}${r.parent ? `, from ${r.parent} (${r.carried} carried over)` : ''}`);
  lines.push(`  pool ${r.params.pool}, reference ${r.params.reference}, ≥ ${r.params.minAnnotations} annotations${r.strategy === 'threshold' ? `, τ = ${r.params.threshold}${Object.keys(r.params.thresholdOverrides).length ? ` (overrides: ${Object.entries(r.params.thresholdOverrides).map(([w, t]) => `${w} ${t}`).join(', ')})` : ''}` : ''}${r.strategy === 'matched-frequency' ? `, ≥ ${r.params.minReference} reference images per class, upward sampling ${r.params.upward ? 'on' : 'off'}` : ''}`);
  lines.push(`  dataset: ${r.dataset ? `${r.dataset}/test (labels hidden)` : '(deleted)'}`);
  lines.push(`  near-duplicates: ${r.nearDuplicates.skippedCheck ? 'CHECK SKIPPED (--skip-near-duplicate-check): images never checked were treated as clear; ' : ''}pools ${r.nearDuplicates.pools.join(', ') || 'none'}`);
  lines.push('');
  lines.push(`selection frequency  revision  ${meanSdText(r.frequency.frequency)}`);
  lines.push(`                     reference ${meanSdText(r.reference.frequency)}`);
  lines.push(`annotations per image (revision) ${meanSdText(r.frequency.annotations, 1)}`);
  lines.push('');
  const w = Math.max(...BIN_LABELS.map((b) => b.length));
  lines.push(`${'bin'.padEnd(w)}  revision        reference`);
  const share = (n: number, total: number) => (total > 0 ? `${((100 * n) / total).toFixed(1)}%` : '—');
  for (const b of r.bins) {
    lines.push(`${b.bin.padEnd(w)}  ${String(b.revision).padStart(5)} ${share(b.revision, r.frequency.frequency.n).padStart(7)}   ${String(b.reference).padStart(5)} ${share(b.reference, r.reference.frequency.n).padStart(7)}`);
  }
  lines.push('');
  const inel = Object.entries(r.ineligible);
  lines.push(`ineligible candidates: ${inel.length ? inel.map(([k, v]) => `${v} ${k}`).join(', ') : 'none'}`);
  if (r.shortClasses.length === 0) lines.push('classes short of candidates: none');
  else {
    lines.push(`classes short of candidates (${r.shortClasses.length}):`);
    for (const c of r.shortClasses) {
      lines.push(`  ${c.wnid} ${c.name}: ${c.chosen} of ${r.params.perClass} (${c.eligible} eligible of ${c.candidates})${(c.deficits ?? []).length ? `; ${c.deficits!.map(deficitText).join('; ')}` : ''}`);
    }
  }
  lines.push(`overlaps: ${r.overlaps.length ? r.overlaps.map((o) => `${o.shared} with ${o.revision} (of ${o.of})`).join(', ') : 'no other revisions of this pool'}`);
  if (r.splitVote) {
    const sv = r.splitVote;
    lines.push('');
    lines.push(`split-vote diagnostic (Engstrom et al. 2020; seed ${sv.seed}): votes split at random into halves A and B; binned by A, mean of B`);
    lines.push(`${'bin (by A)'.padEnd(w + 2)}${sv.groups.map((g) => g.name.padEnd(36)).join('')}`);
    for (let b = 0; b < BIN_LABELS.length; b++) {
      lines.push(`${BIN_LABELS[b]!.padEnd(w + 2)}${sv.groups.map((g) => meanSdText(g.bins[b]!.b, 2).replace(/, 95% CI.*\)/, ')').padEnd(36)).join('')}`);
    }
    lines.push(`${'all'.padEnd(w + 2)}${sv.groups.map((g) => meanSdText(g.b, 2).replace(/, 95% CI.*\)/, ')').padEnd(36)).join('')}`);
    if (sv.matched.difference !== null) {
      lines.push(`a pool set matched to the reference's A-histogram would have held-out mean ${sv.matched.pool!.toFixed(3)} vs the reference's ${sv.matched.reference!.toFixed(3)} (${sv.matched.difference >= 0 ? '+' : ''}${sv.matched.difference.toFixed(3)}): ${sv.matched.difference < -0.01 ? 'matching on noisy frequencies picks harder images' : 'no bias beyond ±0.01'}`);
    }
  }
  return lines.join('\n');
}
