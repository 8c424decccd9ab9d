import type { CompetitionAudit } from './overfitting-audit.js';

/** The audit as printed by `heldout audit … --format json`. */
export interface AuditReport {
  readonly version: 'heldout-audit-report/1';
  readonly source: string;
  readonly settings: { readonly topFraction: number; readonly confidence: number; readonly fdr: number; readonly bootstrap: { readonly resamples: number; readonly seed: number } };
  readonly competitions: readonly CompetitionAudit[];
  readonly flagged: number;
  readonly notes: readonly string[];
}

const f = (v: number | null, d = 4) => (v === null ? 'n/a' : v.toFixed(d));
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The audit as Markdown: one row per competition, then the top submissions of the flagged ones. */
export function auditMarkdown(r: AuditReport): string {
  const conf = `${Number((r.settings.confidence * 100).toFixed(4))}%`;
  const out = [
    `# Public vs private audit: ${r.source}`, '',
    `Gap = public − private score, signed so that positive means the public leaderboard was optimistic. Top k = the best ${Math.round(r.settings.topFraction * 100)}% of submissions by public score (at least 1); ${conf} intervals; Benjamini–Hochberg across the ${r.competitions.length} competitions at FDR ${r.settings.fdr}. ${r.flagged} flagged.`, '',
    '| competition | submissions | teams | mean gap (all) | top k | top-k mean gap | interval | test | p | q (BH) | flagged |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.competitions.map((c) => `| ${cell(c.name)} | ${c.submissions} | ${c.teams} | ${f(c.meanGapAll)} | ${c.topK.k} | ${f(c.topK.meanGap)} | ${c.topK.ci ? `[${f(c.topK.ci[0])}, ${f(c.topK.ci[1])}]` : 'n/a'} | ${c.test} | ${c.pValue.toPrecision(3)} | ${c.qValue.toPrecision(3)} | ${c.flagged ? '**yes**' : 'no'} |`),
    '',
  ];
  for (const c of r.competitions.filter((x) => x.flagged)) {
    out.push(`## ${cell(c.name)}: top ${c.topK.k} by public score`, '', '| submission | team | public | private | gap | interval | p |', '|---|---|---|---|---|---|---|');
    for (const s of c.top) out.push(`| ${cell(s.id)} | ${cell(s.team)} | ${f(s.public)} | ${f(s.private)} | ${f(s.gap)} | ${s.ci ? `[${f(s.ci[0])}, ${f(s.ci[1])}]` : 'n/a'} | ${s.pValue === undefined ? 'n/a' : s.pValue.toPrecision(3)} |`);
    out.push('');
  }
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
