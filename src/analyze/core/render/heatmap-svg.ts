import { coord, escapeXml, pct } from './escape-xml.js';

export interface HeatmapSpec {
  readonly names: readonly string[];
  readonly agreement: readonly (readonly number[])[];
  readonly minimum: readonly (readonly number[])[];
  readonly title: string;
}

/** White → dark blue; v in [0, 1] after stretching the lowest shown agreement to 0. */
function shade(v: number): string {
  const mix = (a: number, b: number) => Math.round(a + (b - a) * v);
  const hex = (c: number) => c.toString(16).padStart(2, '0');
  return `#${hex(mix(255, 31))}${hex(mix(255, 58))}${hex(mix(255, 95))}`;
}

/**
 * The pairwise agreement heatmap (Mania et al. 2019) as an SVG string: cell (i, j) shaded by the agreement of models
 * i and j, with a tooltip giving it and the minimum their accuracies force (aᵢ + aⱼ − 1). Deterministic.
 */
export function heatmapSvg(spec: HeatmapSpec): string {
  const k = spec.names.length;
  const cell = Math.max(8, Math.min(22, Math.floor(440 / Math.max(1, k))));
  const label = Math.min(170, 8 + 6 * Math.max(0, ...spec.names.map((n) => Math.min(n.length, 26))));
  // The column labels lean right at 60°: leave room for the longest one past the last column.
  const size = label + cell * k + 16 + Math.ceil(0.5 * 6 * Math.max(0, ...spec.names.map((n) => Math.min(n.length, 26))));
  const off = spec.agreement.flatMap((r, i) => r.filter((_, j) => j !== i));
  const lo = off.length ? Math.min(...off) : 0;
  const span = 1 - lo || 1;
  const parts: string[] = [];
  const top = label + 24;
  const height = top + k * cell + 24;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${height}" width="${size}" height="${height}" font-family="system-ui, sans-serif" font-size="10" role="img" aria-label="${escapeXml(spec.title)}">`);
  parts.push(`<text x="4" y="14" font-size="13" font-weight="600">${escapeXml(spec.title)}</text>`);
  for (let i = 0; i < k; i++) {
    const name = escapeXml(spec.names[i]!.slice(0, 26));
    parts.push(`<text x="${label - 4}" y="${coord(top + i * cell + cell * 0.7)}" text-anchor="end">${name}</text>`);
    parts.push(`<text transform="translate(${coord(label + i * cell + cell * 0.7)} ${top - 4}) rotate(-60)">${name}</text>`);
    for (let j = 0; j < k; j++) {
      const a = spec.agreement[i]![j]!;
      const tip = i === j ? spec.names[i]! : `${spec.names[i]} vs ${spec.names[j]}: agree on ${pct(a)}; the accuracies force at least ${pct(spec.minimum[i]![j]!)}`;
      parts.push(`<rect x="${coord(label + j * cell)}" y="${coord(top + i * cell)}" width="${cell}" height="${cell}" fill="${i === j ? '#ddd' : shade((a - lo) / span)}"><title>${escapeXml(tip)}</title></rect>`);
    }
  }
  parts.push(`<text x="${label}" y="${coord(top + k * cell + 14)}">agreement: white ${pct(lo, 1)} … dark 100%</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
