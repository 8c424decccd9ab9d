/** Escapes text for XML/HTML element content and double-quoted attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate rounded to 2 decimals, so SVG output is compact and identical on every run. */
export function coord(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** `76.13%`. */
export function pct(v: number, digits = 2): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** `[75.75, 76.50]` in percent. */
export function pctCi(ci: readonly [number, number] | null, digits = 2): string {
  return ci ? `[${(ci[0] * 100).toFixed(digits)}, ${(ci[1] * 100).toFixed(digits)}]` : '[n/a]';
}

/** `+1.23 pp`, signed percentage points. */
export function pp(v: number, digits = 2): string {
  const s = (v * 100).toFixed(digits);
  return `${v >= 0 ? '+' : ''}${s} pp`;
}

/** A number to `digits` significant decimals, or `n/a`. */
export function num(v: number | null, digits = 3): string {
  return v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}
