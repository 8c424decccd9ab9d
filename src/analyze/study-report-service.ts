import { UserError } from '../errors.js';
import type { Workspace } from '../store/workspace.js';
import { buildStudyReport } from './core/build-study-report.js';
import type { ReportOptions } from './core/study-data.js';
import type { StudyReport } from './core/study-report.js';
import { findStudyOrThrow, loadStudyData } from './load-study.js';

/**
 * The report of a stored study for one new set (default its first). Input problems the statistics core reports as
 * RangeError (too few models, a bad transform domain, an unknown new set) become one-line UserErrors.
 */
export async function studyReport(ws: Workspace, name: string, options: Partial<ReportOptions> = {}): Promise<StudyReport> {
  const s = await findStudyOrThrow(ws, name);
  const data = await loadStudyData(ws, s, options.newSet ? [options.newSet] : [JSON.parse(s.new_sets)[0] as string]);
  try {
    return buildStudyReport(data, options);
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(err.message);
    throw err;
  }
}
