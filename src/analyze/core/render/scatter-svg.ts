import { getTransform, type TransformName } from '../../../stats/transforms.js';
import { accuracyTicks } from './accuracy-ticks.js';
import { coord, escapeXml, pct } from './escape-xml.js';

export interface ScatterPoint {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly xci: readonly [number, number];
  readonly yci: readonly [number, number];
  readonly inFit: boolean;
}

export interface ScatterSpec {
  readonly points: readonly ScatterPoint[];
  /** The fit band: x and the pointwise lower/upper fitted y, on the accuracy scale. */
  readonly band: { readonly x: readonly number[]; readonly lower: readonly number[]; readonly upper: readonly number[] };
  /** The fitted y at each band x. */
  readonly fitted: readonly number[];
  readonly transform: TransformName;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

/** Accuracies drawn on probit/logit axes are clamped into [EDGE, 1 − EDGE] (intervals can reach 0 or 1). */
const EDGE = 1e-4;

/**
 * The replication figure as an SVG string (Recht et al. 2019, Fig. 1): new vs original accuracy, one point per model
 * with its interval whiskers on both axes, the y = x line, the fitted line and its bootstrap band; axes on the fit's
 * scale (linear, probit or logit) with ticks labelled in accuracy. Deterministic: same input, same bytes.
 */
export function scatterSvg(spec: ScatterSpec): string {
  const width = spec.width ?? 560;
  const height = spec.height ?? 500;
  const m = { left: 62, right: 16, top: 34, bottom: 52 };
  const t = getTransform(spec.transform);
  const g = (v: number) => t.forward(t.openUnit ? Math.min(Math.max(v, EDGE), 1 - EDGE) : v);
  const all = spec.points.flatMap((p) => [p.xci[0], p.xci[1], p.yci[0], p.yci[1]]);
  let lo = g(Math.min(...all));
  let hi = g(Math.max(...all));
  const pad = (hi - lo) * 0.05 || 0.05;
  lo -= pad;
  hi += pad;
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const sx = (v: number) => m.left + ((g(v) - lo) / (hi - lo)) * pw;
  const sy = (v: number) => m.top + ph - ((g(v) - lo) / (hi - lo)) * ph;
  const inv = (z: number) => t.inverse(z);
  const ticks = accuracyTicks(inv(lo), inv(hi), t.openUnit);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="${escapeXml(spec.title)}">`);
  // Long test-set names: shrink the title to fit (about 0.6 em per character) rather than cut it off.
  const titleSize = Math.max(8, Math.min(13, Math.floor((width - 10) / (0.6 * spec.title.length))));
  parts.push(`<text x="${coord(width / 2)}" y="18" text-anchor="middle" font-size="${titleSize}" font-weight="600">${escapeXml(spec.title)}</text>`);
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${coord(pw)}" height="${coord(ph)}" fill="#fff" stroke="#999"/>`);
  for (const v of ticks) {
    const x = sx(v);
    const y = sy(v);
    const label = v < 0.01 || v > 0.99 ? pct(v, 1) : pct(v, 0);
    parts.push(`<line x1="${coord(x)}" y1="${m.top}" x2="${coord(x)}" y2="${coord(m.top + ph)}" stroke="#eee"/>`);
    parts.push(`<line x1="${m.left}" y1="${coord(y)}" x2="${coord(m.left + pw)}" y2="${coord(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${coord(x)}" y="${coord(m.top + ph + 15)}" text-anchor="middle">${label}</text>`);
    parts.push(`<text x="${m.left - 5}" y="${coord(y + 4)}" text-anchor="end">${label}</text>`);
  }
  parts.push(`<text x="${coord(m.left + pw / 2)}" y="${height - 12}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${coord(m.top + ph / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  parts.push(`<clipPath id="plot-area"><rect x="${m.left}" y="${m.top}" width="${coord(pw)}" height="${coord(ph)}"/></clipPath><g clip-path="url(#plot-area)">`);
  // y = x, drawn across the whole domain.
  parts.push(`<line x1="${m.left}" y1="${coord(m.top + ph)}" x2="${coord(m.left + pw)}" y2="${m.top}" stroke="#888" stroke-dasharray="5 4"><title>y = x (no change)</title></line>`);
  const { x: bx, lower, upper } = spec.band;
  if (bx.length > 1) {
    const top = bx.map((x, i) => `${coord(sx(x))},${coord(sy(upper[i]!))}`);
    const bottom = bx.map((x, i) => `${coord(sx(x))},${coord(sy(lower[i]!))}`).reverse();
    parts.push(`<polygon points="${[...top, ...bottom].join(' ')}" fill="#c0392b" fill-opacity="0.18" stroke="none"><title>bootstrap band of the fit</title></polygon>`);
    parts.push(`<polyline points="${bx.map((x, i) => `${coord(sx(x))},${coord(sy(spec.fitted[i]!))}`).join(' ')}" fill="none" stroke="#c0392b" stroke-width="1.6"><title>fitted line</title></polyline>`);
  }
  for (const p of spec.points) {
    const x = sx(p.x);
    const y = sy(p.y);
    const color = p.inFit ? '#1f3a5f' : '#999';
    parts.push(`<g><title>${escapeXml(`${p.name}: original ${pct(p.x)}, new ${pct(p.y)}${p.inFit ? '' : ' (not in the fit)'}`)}</title>`
      + `<line x1="${coord(sx(p.xci[0]))}" y1="${coord(y)}" x2="${coord(sx(p.xci[1]))}" y2="${coord(y)}" stroke="${color}" stroke-opacity="0.6"/>`
      + `<line x1="${coord(x)}" y1="${coord(sy(p.yci[0]))}" x2="${coord(x)}" y2="${coord(sy(p.yci[1]))}" stroke="${color}" stroke-opacity="0.6"/>`
      + `<circle cx="${coord(x)}" cy="${coord(y)}" r="3" fill="${p.inFit ? color : '#fff'}" stroke="${color}"/></g>`);
  }
  parts.push('</g>');
  parts.push(`<g transform="translate(${m.left + 8} ${m.top + 10})" font-size="10"><line x1="0" y1="0" x2="18" y2="0" stroke="#888" stroke-dasharray="5 4"/><text x="22" y="3">y = x</text>`
    + `<line x1="0" y1="14" x2="18" y2="14" stroke="#c0392b" stroke-width="1.6"/><text x="22" y="17">fit (${spec.transform}) with bootstrap band</text></g>`);
  parts.push('</svg>');
  return parts.join('\n');
}
