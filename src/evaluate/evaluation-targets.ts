import type { Workspace } from '../store/workspace.js';

/** Models to run on one split. */
export interface EvaluationTarget {
  readonly dataset: string;
  readonly split: string;
  readonly models: string[];
}

/**
 * `heldout eval --all`: every ONNX model × every split (optionally of one dataset / one split name) whose dataset has
 * exactly the model's classes. Finished evaluations are skipped later, by the runner.
 */
export async function evaluationTargets(ws: Workspace, filter: { readonly dataset?: string; readonly split?: string } = {}): Promise<EvaluationTarget[]> {
  const models = (await ws.store.listModels()).filter((m) => m.source === 'onnx');
  const targets: EvaluationTarget[] = [];
  for (const d of await ws.store.listDatasets()) {
    if (filter.dataset !== undefined && d.name !== filter.dataset) continue;
    const wnids = new Set((await ws.store.datasetClasses(d.id)).map((c) => c.wnid));
    const fits = models.filter((m) => {
      const out = JSON.parse(m.class_wnids) as string[];
      return out.length === wnids.size && out.every((w) => wnids.has(w));
    });
    if (fits.length === 0) continue;
    for (const s of d.splits) {
      if (filter.split !== undefined && s.name !== filter.split) continue;
      if (s.itemCount > 0) targets.push({ dataset: d.name, split: s.name, models: fits.map((m) => m.name) });
    }
  }
  return targets;
}
