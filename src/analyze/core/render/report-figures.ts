import { getTransform, type TransformName } from '../../../stats/transforms.js';
import type { StudyReport } from '../study-report.js';
import { heatmapSvg } from './heatmap-svg.js';
import { scatterSvg } from './scatter-svg.js';

/** Models drawn in the heatmap by default: the best on the original set. */
export const HEATMAP_MODELS = 40;

/** The report's scatter as SVG. */
export function reportScatter(r: StudyReport): string {
  const fitted = r.fit.band.x.map((x) => {
    const t = r.fit;
    return predictAt(t.transform, t.slope, t.intercept, t.clip, x);
  });
  return scatterSvg({
    points: r.models.map((m) => ({ name: m.name, x: m.original.accuracy, y: m.new.accuracy, xci: m.original.ci as [number, number], yci: m.new.ci as [number, number], inFit: m.inFit })),
    band: r.fit.band,
    fitted,
    transform: r.fit.transform as 'linear' | 'probit' | 'logit',
    xLabel: `accuracy on ${r.original.name} (original)`,
    yLabel: `accuracy on ${r.new.name} (new)`,
    title: `${r.new.name} vs ${r.original.name} (${r.fit.transform} axes)`,
  });
}

/** The similarity heatmap as SVG, or undefined when similarity is unavailable. */
export function reportHeatmap(r: StudyReport, limit = HEATMAP_MODELS): string | undefined {
  const s = r.similarity;
  if (!s.available) return undefined;
  const k = Math.min(limit, s.models.length);
  return heatmapSvg({
    names: s.models.slice(0, k),
    agreement: s.agreement.slice(0, k).map((row) => row.slice(0, k)),
    minimum: s.minimum.slice(0, k).map((row) => row.slice(0, k)),
    title: `Top-1 agreement on ${s.testSet}${k < s.models.length ? ` (best ${k} of ${s.models.length} models)` : ''}`,
  });
}

function predictAt(transform: string, slope: number, intercept: number, clip: number | null, x: number): number {
  const t = getTransform(transform as TransformName);
  const v = clip === null || !t.openUnit ? x : Math.min(Math.max(x, clip), 1 - clip);
  return t.inverse(slope * t.forward(v) + intercept);
}
