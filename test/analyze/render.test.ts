import { describe, expect, it } from 'vitest';
import { buildStudyReport } from '../../src/analyze/core/build-study-report.js';
import { accuracyTicks } from '../../src/analyze/core/render/accuracy-ticks.js';
import { reportHeatmap, reportScatter } from '../../src/analyze/core/render/report-figures.js';
import { reportHtml } from '../../src/analyze/core/render/report-html.js';
import { reportMarkdown } from '../../src/analyze/core/render/report-markdown.js';
import type { CountRow, StudyData } from '../../src/analyze/core/study-data.js';

const ORIG = [620, 700, 760, 810, 870];
const NEW = [500, 580, 650, 720, 790];
const counts: CountRow[] = ORIG.flatMap((c, i) => [
  { model: i === 4 ? '<b>&"evil"</b>' : `m${i}`, testSet: 'val', correct: c, n: 1000 },
  { model: i === 4 ? '<b>&"evil"</b>' : `m${i}`, testSet: 'v2', correct: NEW[i]!, n: 1000 },
]);
const data: StudyData = { name: 'snap', source: 'import', original: 'val', newSets: ['v2'], counts };
const labels = Int32Array.from({ length: 20 }, (_, i) => i % 3);
const top = (shift: number) => Int32Array.from(labels, (l, i) => (i % 5 === shift ? (l + 1) % 3 : l));
const withPredictions: StudyData = {
  ...data, source: 'testbed',
  predictions: new Map([['val', { labels, top1: new Map(counts.filter((c) => c.testSet === 'val').map((c, i) => [c.model, top(i)])) }]]),
};

describe('rendering', () => {
  it('is deterministic to the byte (snapshots of the Markdown and the scatter SVG)', () => {
    const r = buildStudyReport(data, { resamples: 300, seed: 11 });
    expect(reportMarkdown(r)).toMatchSnapshot();
    expect(reportScatter(r)).toMatchSnapshot();
    expect(reportHtml(buildStudyReport(data, { resamples: 300, seed: 11 }))).toBe(reportHtml(r));
  });

  it('escapes model names everywhere in HTML and SVG', () => {
    const r = buildStudyReport(withPredictions, { resamples: 100 });
    const html = reportHtml(r);
    expect(html).not.toContain('<b>&"evil"</b>');
    expect(html).toContain('&lt;b&gt;&amp;&quot;evil&quot;&lt;/b&gt;');
    expect(reportHeatmap(r)).toContain('&lt;b&gt;');
    expect(reportMarkdown(r)).toContain('| &lt;b>&amp;"evil"&lt;/b> |');
  });

  it('labels probit/logit axes in accuracy, dense near the edges; linear axes get a round step', () => {
    expect(accuracyTicks(0.5, 0.999, true)).toEqual([0.5, 0.7, 0.9, 0.98, 0.995, 0.999]);
    expect(accuracyTicks(0.42, 0.43, true)).toEqual([0.42, 0.425, 0.43]);
    expect(accuracyTicks(0.3, 0.9, false)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });
});
