import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, writeFileIn, type TempWorkspace } from './crowd-mturk-helpers.js';
import { crowdFixture } from './crowd-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- CLI JSON is checked field by field */
let t: TempWorkspace;
let poolNames: string[] = [];
let controlSha = '';
const run = (...args: string[]) => runHeldout(t.dataDir, ...args);
const importArgs = (file: string) => ['crowd', 'import', 'mturk', '--project', 'p', '--results', file, '--class-column', 'Input.wnid', '--image-columns', 'Input.img_*', '--answer-column', 'Answer.selected', '--json'];

/** A Batch results CSV over stored pool items (by name), a control (by sha256) and one image nobody has (a URL). */
function resultsCsv(rows: Array<{ hit: string; assignment: string; worker: string; status: string; selected: string[] }>, images: string[]): string {
  const header = ['HITId', 'AssignmentId', 'WorkerId', 'AssignmentStatus', 'AcceptTime', 'SubmitTime', 'WorkTimeInSeconds', 'MaxAssignments', 'Input.wnid', ...images.map((_, i) => `Input.img_0${i + 1}`), 'Answer.selected', 'Approve', 'Reject'];
  const lines = rows.map((r) => [r.hit, r.assignment, r.worker, r.status, 'Tue Dec 11 10:01:11 PST 2018', 'Tue Dec 11 10:02:11 PST 2018', '60', '3', 'n04197391', ...images, r.selected.join('|'), '', ''].map((v) => `"${v}"`).join(','));
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

beforeAll(async () => {
  t = await tempWorkspace();
  const loaded = await crowdFixture(t.ws, { perClass: 4, controls: 2 });
  const pool = await t.ws.store.listItems(loaded.project.pool_split_id);
  poolNames = pool.filter((i) => i.wnid === 'n04197391').map((i) => i.name);
  controlSha = (await t.ws.store.listItems(loaded.project.controls_split_id!)).find((i) => i.wnid === 'n04197391')!.image_sha256;
  await t.ws.close();
});
afterAll(() => t.cleanup());

describe('heldout crowd import mturk', () => {
  it('imports HITs, workers and answers; keeps and reports unmatched images; frequencies include them', async () => {
    const images = [poolNames[0]!, poolNames[1]!, controlSha, 'https://lost.example.org/gone.jpg'];
    const file = await writeFileIn(t, 'batch.csv', resultsCsv([
      { hit: 'H1', assignment: 'A1', worker: 'W1', status: 'Approved', selected: [poolNames[0]!, controlSha] },
      { hit: 'H1', assignment: 'A2', worker: 'W2', status: 'Submitted', selected: [poolNames[0]!, 'https://lost.example.org/gone.jpg'] },
      { hit: 'H1', assignment: 'A3', worker: 'W3', status: 'Rejected', selected: images },
    ], images));
    const before = await t.counts();
    const r = await run(...importArgs(file));
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      hits: 1, assignments: { submitted: 1, approved: 1, rejected: 1 }, workers: { new: 3, known: 0 },
      images: { matched: 3, unmatched: 1 }, unmatchedKeys: ['https://lost.example.org/gone.jpg'],
    });
    const after = await t.counts();
    expect(after.crowd_tasks! - before.crowd_tasks!).toBe(1);
    expect(after.crowd_assignments! - before.crowd_assignments!).toBe(3);
    const rows = JSON.parse((await run('crowd', 'frequencies', '--project', 'p', '--json')).out) as any[];
    const of = (image: string) => rows.find((x) => x.image === image && x.wnid === 'n04197391');
    // Rejected work (A3) drops out: 2 valid assignments show each image.
    expect(of('https://lost.example.org/gone.jpg')).toMatchObject({ selected: 1, shown: 2, frequency: 0.5, roles: ['candidate'], items: [] });
    expect(of(controlSha)).toMatchObject({ selected: 1, shown: 2, roles: ['positive'] });
    const workers = JSON.parse((await run('crowd', 'workers', '--project', 'p', '--json')).out) as any[];
    expect(workers.filter((w) => w.kind === 'mturk').map((w) => w.name).sort()).toEqual(['mturk:W1', 'mturk:W2', 'mturk:W3']);
    // The same batch again is refused, and writes nothing.
    const again = await run(...importArgs(file).slice(0, -1));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/HIT H1 was imported into p before/);
    expect(await t.counts()).toEqual(after);
  });

  it('refuses malformed files in one line and writes nothing', async () => {
    const images = [poolNames[2]!, poolNames[3]!];
    const ok = { hit: 'H9', assignment: 'B1', worker: 'W1', status: 'Submitted', selected: [poolNames[2]!] };
    const cases: Array<[string, string, RegExp]> = [
      ['bad-status.csv', resultsCsv([{ ...ok, status: 'Maybe' }], images), /bad-status.csv: line 2: AssignmentStatus must be/],
      ['bad-answer.csv', resultsCsv([{ ...ok, selected: ['nope'] }], images), /answer "nope" is none of the HIT's 2 images/],
      ['twice.csv', resultsCsv([ok, { ...ok, assignment: 'B2' }], images), /worker W1 appears twice in HIT H9/],
      ['other-images.csv', `${resultsCsv([ok], images)}${resultsCsv([{ ...ok, assignment: 'B3', worker: 'W2' }], [images[1]!, images[0]!]).split('\n')[1]}\n`, /HIT H9 has other images/],
      ['empty.csv', '', /the file is empty/],
      ['bad.xml.csv', '<QuestionFormAnswers>', /no column "HITId"/],
    ];
    for (const [name, text, message] of cases) {
      const file = await writeFileIn(t, name, text);
      const before = await t.counts();
      const r = await run(...importArgs(file));
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(await t.counts()).toEqual(before);
    }
  });

  it('exports tasks as a batch input CSV and an HTMLQuestion with opaque image URLs', async () => {
    const out = path.join(t.scratch, 'mturk-out');
    const r = await run('crowd', 'export', 'mturk', '--project', 'p', '--out', out, '--base-url', 'https://crowd.example.org/', '--json');
    expect(r.code).toBe(0);
    const csv = parse(await readFile(path.join(out, 'batch-input.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(csv.length).toBeGreaterThan(0);
    expect(csv[0]!.synset).toBe('shirt');
    expect(csv[0]!.img_01).toMatch(/^https:\/\/crowd\.example\.org\/crowd\/i\/[A-Za-z0-9_-]{16}$/);
    expect(await readFile(path.join(out, 'question.xml'), 'utf8')).toContain('<HTMLQuestion');
  });
});
