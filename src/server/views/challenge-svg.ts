import { html, raw } from 'hono/html';

const f = (x: number) => x.toFixed(1);

/** The axis range of a set of intervals, padded a little and kept within [0, 1]. */
export function ciDomain(cis: ReadonlyArray<readonly [number, number]>): [number, number] {
  if (cis.length === 0) return [0, 1];
  const lo = Math.min(...cis.map((c) => c[0]));
  const hi = Math.max(...cis.map((c) => c[1]));
  const pad = Math.max((hi - lo) * 0.08, 0.005);
  return [Math.max(0, lo - pad), Math.min(1, hi + pad)];
}

/** An inline SVG interval bar: the interval as a line with end ticks, the estimate as a dot, on a shared axis. */
export function ciBar(value: number, ci: readonly [number, number], domain: readonly [number, number], width = 220, height = 16) {
  const x = (v: number) => ((v - domain[0]) / (domain[1] - domain[0] || 1)) * (width - 8) + 4;
  const y = height / 2;
  return html`<svg class="cibar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${(value * 100).toFixed(2)}% [${(ci[0] * 100).toFixed(2)}, ${(ci[1] * 100).toFixed(2)}]">${raw(
    `<line x1="${f(x(ci[0]))}" x2="${f(x(ci[1]))}" y1="${y}" y2="${y}" stroke="#1f3a5f" stroke-width="2"/>` +
    `<line x1="${f(x(ci[0]))}" x2="${f(x(ci[0]))}" y1="${y - 4}" y2="${y + 4}" stroke="#1f3a5f"/>` +
    `<line x1="${f(x(ci[1]))}" x2="${f(x(ci[1]))}" y1="${y - 4}" y2="${y + 4}" stroke="#1f3a5f"/>` +
    `<circle cx="${f(x(value))}" cy="${y}" r="3.5" fill="#c0392b"/>`,
  )}</svg>`;
}

/** Points on a square plot with the y = x diagonal (public vs private accuracy), each with its label as a tooltip. */
export function scatterPlot(points: ReadonlyArray<{ x: number; y: number; label: string }>, size = 320) {
  const all = points.flatMap((p) => [p.x, p.y]);
  const lo = Math.max(0, Math.min(...all, 1) - 0.02);
  const hi = Math.min(1, Math.max(...all, 0) + 0.02);
  const s = (v: number) => 30 + ((v - lo) / (hi - lo || 1)) * (size - 40);
  const t = (v: number) => size - s(v) + 10;
  const esc = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const body = [
    `<rect x="30" y="10" width="${size - 40}" height="${size - 40}" fill="#fff" stroke="#ccc"/>`,
    `<line x1="${f(s(lo))}" y1="${f(t(lo))}" x2="${f(s(hi))}" y2="${f(t(hi))}" stroke="#999" stroke-dasharray="4 3"/>`,
    `<text x="${size / 2}" y="${size - 2}" font-size="11" text-anchor="middle">public accuracy</text>`,
    `<text x="10" y="${size / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 10 ${size / 2})">private accuracy</text>`,
    `<text x="30" y="${size - 16}" font-size="10">${(lo * 100).toFixed(1)}%</text>`,
    `<text x="${size - 10}" y="${size - 16}" font-size="10" text-anchor="end">${(hi * 100).toFixed(1)}%</text>`,
    ...points.map((p) => `<circle cx="${f(s(p.x))}" cy="${f(t(p.y))}" r="4" fill="#c0392b" fill-opacity="0.7"><title>${esc(p.label)}</title></circle>`),
  ].join('');
  return html`<svg class="scatter" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="public versus private accuracy">${raw(body)}</svg>`;
}

/** A step chart of the best value so far over time (the leader over time). */
export function stepChart(points: ReadonlyArray<{ at: string; value: number; label: string }>, width = 520, height = 160) {
  if (points.length === 0) return html``;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const [lo, hi] = ciDomain(points.map((p) => [p.value, p.value] as const));
  const x = (t: number) => 40 + ((t - t0) / (t1 - t0)) * (width - 60);
  const y = (v: number) => height - 20 - ((v - lo) / (hi - lo || 1)) * (height - 40);
  let d = '';
  points.forEach((p, i) => {
    const px = x(times[i]!);
    d += i === 0 ? `M${f(px)},${f(y(p.value))}` : `H${f(px)}V${f(y(p.value))}`;
  });
  d += `H${f(x(t1))}`;
  const esc = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const body = [
    `<path d="${d}" fill="none" stroke="#1f3a5f" stroke-width="2"/>`,
    ...points.map((p, i) => `<circle cx="${f(x(times[i]!))}" cy="${f(y(p.value))}" r="3" fill="#c0392b"><title>${esc(`${p.label}: ${(p.value * 100).toFixed(2)}% (${p.at})`)}</title></circle>`),
    `<text x="4" y="${f(y(hi))}" font-size="10">${(hi * 100).toFixed(1)}%</text>`,
    `<text x="4" y="${f(y(lo))}" font-size="10">${(lo * 100).toFixed(1)}%</text>`,
  ].join('');
  return html`<svg class="steps" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="leader over time">${raw(body)}</svg>`;
}
