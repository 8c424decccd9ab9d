import sharp from 'sharp';
import type { Workspace } from '../../src/store/workspace.js';
import { ClassSet } from '../../src/classes/class-set.js';
import { createProject } from '../../src/verify/create-project.js';
import { createTasks } from '../../src/verify/create-tasks.js';
import { findProjectOrThrow, type LoadedProject } from '../../src/verify/find-project.js';
import type { ProjectSettingsInput } from '../../src/verify/project-settings.js';

export const T0 = new Date('2026-11-28T10:00:00Z');
/** Shirt, T-shirt, coat: T-shirt's most similar class among them is shirt (path similarity 0.5). */
export const WNIDS = ['n04197391', 'n03595614', 'n03057021'] as const;

/** A real 16×16 PNG whose pixels depend on `seed` (distinct seeds, distinct sha256s). */
async function png(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(16 * 16 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (seed * 131 + i * 7 + (seed >> 3) * i) & 255;
  return sharp(raw, { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer();
}

/**
 * A dataset `fm` with a visible `pool` split (`perClass` images per class) and a hidden `test` split (`controls` per
 * class) written through the store and blob store, then a project `p` with tasks.
 */
export async function crowdFixture(ws: Workspace, { perClass = 8, controls = 4, settings = {} as ProjectSettingsInput, name = 'p' } = {}): Promise<LoadedProject> {
  const classes = ClassSet.fromWnids('t', [...WNIDS]).entries;
  const d = (await ws.store.findDataset('fm')) ?? await ws.store.createDataset({ name: 'fm', description: '', classSet: 'file', classes }, T0);
  if (!(await ws.store.findSplit(d.id, 'pool'))) {
    let seed = 1;
    for (const [split, n, hidden] of [['pool', perClass, false], ['test', controls, true]] as const) {
      const s = await ws.store.createSplit(d.id, { name: split, labelsHidden: hidden, sourceLayout: 'test', sourcePath: 'x' }, T0);
      const items = [];
      for (const wnid of WNIDS) {
        for (let i = 0; i < n; i++) {
          const bytes = await png(seed++);
          const { sha256 } = await ws.blobs.put(bytes);
          await ws.store.putImages([{ sha256, width: 16, height: 16, format: 'png', bytes: bytes.length, created_at: T0.toISOString() }]);
          items.push({ position: items.length, name: `${wnid}-${i}.png`, image_sha256: sha256, wnid, source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null });
        }
      }
      await ws.store.addItems(s.id, items);
    }
  }
  await createProject(ws.store, {
    name, dataset: 'fm', split: 'pool', controlsFrom: { dataset: 'fm', split: 'test' },
    settings: { composition: { candidates: 6, positives: 1, negatives: 1 }, assignmentsPerTask: 3, ...settings },
  }, T0);
  const loaded = await findProjectOrThrow(ws.store, name);
  await createTasks(ws.store, loaded, { now: T0 });
  return loaded;
}
