import { reportHtml } from './core/render/report-html.js';
import { reportMarkdown } from './core/render/report-markdown.js';
import type { StudyReport } from './core/study-report.js';

/** Report formats, by name (the CLI and the API list them from here). */
export const REPORT_FORMATS = {
  html: reportHtml,
  md: reportMarkdown,
  json: (r: StudyReport) => `${JSON.stringify(r, null, 2)}\n`,
} as const satisfies Record<string, (r: StudyReport) => string>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/** The format a file name implies (`.html`/`.htm`, `.md`/`.markdown`, `.json`), if any. */
export function formatOfFile(file: string): ReportFormat | undefined {
  const ext = file.toLowerCase().split('.').pop();
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'json') return 'json';
  return undefined;
}

export function renderReport(r: StudyReport, format: ReportFormat): string {
  return REPORT_FORMATS[format](r);
}
