import { html, raw } from 'hono/html';
import { BIN_LABELS } from '../../sample/core/index.js';

const f = (x: number) => x.toFixed(1);
const esc = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface HistogramSeries {
  readonly label: string;
  readonly color: string;
  /** Counts per frequency bin. */
  readonly counts: readonly number[];
}

/**
 * Grouped bars of the share of images per selection-frequency bin, one bar per series (reference vs new), each bar
 * titled with its count and n. Hand-built SVG with fixed rounding: the same counts give the same bytes.
 */
export function frequencyHistogramSvg(series: readonly HistogramSeries[], width = 520, height = 220) {
  const left = 40;
  const bottom = height - 36;
  const top = 12;
  const plotW = width - left - 10;
  const groupW = plotW / BIN_LABELS.length;
  const barW = (groupW - 12) / Math.max(1, series.length);
  const y = (share: number) => bottom - share * (bottom - top);
  const parts: string[] = [`<rect x="${left}" y="${top}" width="${f(plotW)}" height="${bottom - top}" fill="#fff" stroke="#ddd"/>`];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${f(left + plotW)}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 4}" y="${f(y(t) + 3)}" font-size="10" text-anchor="end">${t * 100}%</text>`);
  }
  BIN_LABELS.forEach((label, b) => {
    const gx = left + b * groupW + 6;
    series.forEach((s, k) => {
      const n = s.counts.reduce((a, c) => a + c, 0);
      const share = n > 0 ? s.counts[b]! / n : 0;
      parts.push(`<rect x="${f(gx + k * barW)}" y="${f(y(share))}" width="${f(barW - 2)}" height="${f(bottom - y(share))}" fill="${s.color}"><title>${esc(`${s.label}, bin ${label}: ${s.counts[b]} of ${n} (${(share * 100).toFixed(1)}%)`)}</title></rect>`);
    });
    parts.push(`<text x="${f(gx + (groupW - 12) / 2)}" y="${bottom + 14}" font-size="10" text-anchor="middle">${esc(label)}</text>`);
  });
  series.forEach((s, k) => {
    const x = left + k * 170;
    parts.push(`<rect x="${x}" y="${height - 12}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${height - 3}" font-size="11">${esc(s.label)} (n=${s.counts.reduce((a, c) => a + c, 0)})</text>`);
  });
  return html`<svg class="histogram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="selection-frequency histogram">${raw(parts.join(''))}</svg>`;
}
