import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/workspace.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, writeFileIn, type TempWorkspace } from './crowd-mturk-helpers.js';
import { crowdFixture } from './crowd-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- CLI and file JSON are checked field by field */
let t: TempWorkspace;
let controlSha = '';
const run = (...args: string[]) => runHeldout(t.dataDir, ...args);
const importArgs = (file: string, ...more: string[]) => ['crowd', 'import', 'label-studio', '--project', 'p', '--file', file, ...more];
const choice = (v: string) => ({ id: 'r1', type: 'choices', from_name: 'contains', to_name: 'image', origin: 'manual', value: { choices: [v] } });
const annotation = (id: number, user: unknown, answer: string | null, extra: Record<string, unknown> = {}) => ({
  id, completed_by: user, was_cancelled: false, ground_truth: false, lead_time: 4.5, created_at: '2026-11-20T10:00:00.123456Z',
  updated_at: '2026-11-20T10:00:05Z', task: 1, result: answer === null ? [] : [choice(answer)], ...extra,
});
const frequencies = async () => JSON.parse((await run('crowd', 'frequencies', '--project', 'p', '--json')).out) as any[];

beforeAll(async () => {
  t = await tempWorkspace();
  const loaded = await crowdFixture(t.ws, { perClass: 4, controls: 2 });
  controlSha = (await t.ws.store.listItems(loaded.project.controls_split_id!)).find((i) => i.wnid === 'n04197391')!.image_sha256;
  await t.ws.close();
});
afterAll(() => t.cleanup());

describe('heldout crowd export/import label-studio', () => {
  let exported: any[] = [];

  it('exports each (image, class) pair once as a yes/no task with an opaque image URL and a labeling config', async () => {
    const out = path.join(t.scratch, 'ls-out');
    const r = await run('crowd', 'export', 'label-studio', '--project', 'p', '--out', out, '--base-url', 'https://crowd.example.org/', '--json');
    expect(r.err).toBe('');
    exported = JSON.parse(await readFile(path.join(out, 'tasks.json'), 'utf8')) as any[];
    expect(JSON.parse(r.out).tasks).toBe(exported.length);
    const ws = await openWorkspace(t.dataDir);
    const project = (await ws.store.findCrowdProject('p'))!;
    const pairs = new Set((await ws.store.crowdTaskImages(project.id)).map((i) => `${i.image_sha256} ${i.wnid}`));
    expect(exported.length).toBe(pairs.size);
    for (const task of exported) {
      expect(Object.keys(task.data).sort()).toEqual(['definition', 'image', 'question', 'wnid']);
      expect(task.data.image).toMatch(/^https:\/\/crowd\.example\.org\/crowd\/i\/[A-Za-z0-9_-]{16}$/);
      const img = await ws.store.findCrowdTaskImage(task.data.image.slice(-16));
      expect(img?.image_sha256).toBeTruthy();
    }
    await ws.close();
    expect(exported[0].data.question).toMatch(/^Does this image contain at least one object of type: .+\?$/);
    const config = await readFile(path.join(out, 'label-config.xml'), 'utf8');
    expect(config).toContain('<Image name="image" value="$image"');
    expect(config).toContain('<Choices name="contains" toName="image" choice="single-radio" required="true"');
  });

  it('imports annotations as votes (Yes = selected, one showing each); cancelled skipped; unmatched kept and reported', async () => {
    const shirt = exported.filter((x) => x.data.wnid === 'n04197391');
    const sha = async (url: string) => {
      const ws = await openWorkspace(t.dataDir);
      try { return (await ws.store.findCrowdTaskImage(url.slice(-16)))!.image_sha256!; } finally { await ws.close(); }
    };
    const [a, b] = [await sha(shirt[0].data.image), await sha(shirt[1].data.image)];
    const lsExport = [
      { id: 101, data: shirt[0].data, annotations: [annotation(1, 10, 'Yes'), annotation(2, { id: 11, email: 'x@example.org' }, 'No'), annotation(3, 12, 'Yes', { was_cancelled: true })], predictions: [], drafts: [] },
      { id: 102, data: shirt[1].data, annotations: [annotation(4, 10, 'Yes', { reviews: [{ created_by: 1, accepted: false }] }), annotation(5, 11, null)] },
      { id: 103, data: { image: controlSha, wnid: 'n04197391' }, annotations: [annotation(6, 10, 'yes')] },
      { id: 104, data: { image: 'https://lost.example.org/gone.jpg', wnid: 'n04197391' }, annotations: [annotation(7, 11, 'Yes'), annotation(8, 10, 'No')] },
      { id: 105, data: { image: 'https://lost.example.org/never.jpg', wnid: 'n04197391' }, annotations: [] },
    ];
    const file = await writeFileIn(t, 'ls-export.json', JSON.stringify(lsExport));
    const freqBefore = await frequencies();
    const before = await t.counts();
    const r = await run(...importArgs(file, '--json'));
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      tasks: 4, skippedTasks: 1, annotations: { submitted: 6, approved: 0, rejected: 1, cancelled: 1 }, votes: { yes: 4, no: 3 },
      workers: { new: 2, known: 0 }, images: { matched: 3, unmatched: 1 }, unmatchedKeys: ['https://lost.example.org/gone.jpg'],
    });
    const after = await t.counts();
    expect(after.crowd_tasks! - before.crowd_tasks!).toBe(4);
    expect(after.crowd_task_images! - before.crowd_task_images!).toBe(4);
    expect(after.crowd_assignments! - before.crowd_assignments!).toBe(7);
    expect(after.crowd_votes! - before.crowd_votes!).toBe(4);

    const freq = await frequencies();
    const of = (rows: any[], image: string) => rows.find((x) => x.image === image && x.wnid === 'n04197391') ?? { selected: 0, shown: 0 };
    // Image a: grid votes plus one Yes and one No (the cancelled one is no vote).
    expect(of(freq, a).shown - of(freqBefore, a).shown).toBe(2);
    expect(of(freq, a).selected - of(freqBefore, a).selected).toBe(1);
    // Image b: the rejected Yes drops out; the empty annotation is a No.
    expect(of(freq, b).shown - of(freqBefore, b).shown).toBe(1);
    expect(of(freq, b).selected - of(freqBefore, b).selected).toBe(0);
    expect(of(freq, controlSha).roles).toContain('positive');
    expect(of(freq, 'https://lost.example.org/gone.jpg')).toMatchObject({ selected: 1, shown: 2, frequency: 0.5, roles: ['candidate'], items: [] });
    const workers = JSON.parse((await run('crowd', 'workers', '--project', 'p', '--json')).out) as any[];
    expect(workers.filter((w) => w.kind === 'label-studio').map((w) => w.name).sort()).toEqual(['label-studio:10', 'label-studio:11']);

    // The same export again is refused and writes nothing.
    const again = await run(...importArgs(file));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/task 101 was imported into p before \(4 tasks of this file were\)/);
    expect(await t.counts()).toEqual(after);
  });

  it('refuses malformed exports in one line naming the task, and writes nothing', async () => {
    const img = { image: 'https://x.example.org/a.jpg', wnid: 'n04197391' };
    const ok = (id: number, annotations: unknown[], data: unknown = img) => ({ id, data, annotations });
    const cases: Array<[string, string, RegExp]> = [
      ['not-json.json', '{"id": 1,', /not-json\.json: not JSON/],
      ['object.json', '{"id": 1}', /is an array of tasks/],
      ['no-image.json', JSON.stringify([ok(900, [annotation(1, 1, 'Yes')]), ok(901, [annotation(1, 1, 'Yes')], { wnid: 'n04197391' })]), /tasks\[1\] \(id 901\): data\.image must be the image URL/],
      ['bad-choice.json', JSON.stringify([ok(910, [annotation(1, 1, 'Maybe')])]), /tasks\[0\] \(id 910\): annotations\[0\]: choice "Maybe" is neither Yes nor No/],
      ['both.json', JSON.stringify([ok(920, [{ ...annotation(1, 1, 'Yes'), result: [choice('Yes'), choice('No')] }])]), /tasks\[0\] \(id 920\): annotations\[0\] chose both Yes and No/],
      ['twice.json', JSON.stringify([ok(930, [annotation(1, 7, 'Yes'), annotation(2, 7, 'No')])]), /tasks\[0\] \(id 930\): annotator 7 has two annotations/],
      ['no-user.json', JSON.stringify([ok(940, [{ result: [choice('Yes')] }])]), /tasks\[0\] \(id 940\): annotations\[0\]: completed_by/],
      ['other-class.json', JSON.stringify([ok(950, [annotation(1, 1, 'Yes')], { image: 'a.jpg', wnid: 'n01440764' })]), /tasks\[0\] \(id 950\): class n01440764 is not in project p/],
      ['no-class.json', JSON.stringify([ok(960, [annotation(1, 1, 'Yes')], { image: 'a.jpg' })]), /tasks\[0\] \(id 960\): no class .*--class/],
      ['bad-time.json', JSON.stringify([ok(970, [annotation(1, 1, 'Yes', { created_at: 'yesterday' })])]), /tasks\[0\] \(id 970\): annotations\[0\]\.created_at: not an ISO-8601 time/],
      ['two-tags.json', JSON.stringify([ok(980, [{ ...annotation(1, 1, 'Yes'), result: [choice('Yes'), { ...choice('No'), from_name: 'other' }] }])]), /several Choices tags \(contains, other\).*--from-name/],
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
});
