import { createStudy } from '../analyze/create-study.js';
import type { Workspace } from '../store/workspace.js';

/** The demo study's name. */
export const DEMO_STUDY = 'fashion-mnist-replication';

/** The new test sets the sampling stage materialises from the demo pool (split `test`), in report order. */
const NEW_SETS = ['fashion-mnist-v2-matched-frequency', 'fashion-mnist-v2-threshold-0.7', 'fashion-mnist-v2-top-images'];

/**
 * Creates the demo study, idempotently: the zoo (every model, read at report time) on fashion-mnist:test against
 * whichever of the three new Fashion-MNIST test sets exist. With none, nothing is created; when more exist than the
 * stored study lists, it is recreated with them (a testbed study holds no data of its own), so a later start
 * completes it. Returns the new sets of the study, or an empty list.
 */
export async function seedStudy(ws: Workspace): Promise<readonly string[]> {
  const { store } = ws;
  const original = await store.findDataset('fashion-mnist');
  if (!original || !(await store.findSplit(original.id, 'test'))) return [];
  const present: string[] = [];
  for (const name of NEW_SETS) {
    const d = await store.findDataset(name);
    if (d && (await store.findSplit(d.id, 'test'))) present.push(`${name}:test`);
  }
  if (present.length === 0) return [];
  const existing = await store.findStudy(DEMO_STUDY);
  if (existing && existing.new_sets === JSON.stringify(present)) return present;
  await store.transaction(async (tx) => {
    const again = await tx.findStudy(DEMO_STUDY);
    if (again) await tx.deleteStudy(again.id);
    await createStudy({ ...ws, store: tx }, {
      name: DEMO_STUDY, original: 'fashion-mnist:test', newSets: present, models: 'all',
      description: 'The demo zoo (13 small Fashion-MNIST classifiers) on the original Fashion-MNIST test split vs new test sets sampled from the demo pool the ImageNetV2 way.',
    });
  });
  return present;
}
