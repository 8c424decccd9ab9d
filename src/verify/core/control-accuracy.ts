import { ROLE_CODE } from './image-role.js';

/** A worker's answers on control images (gold): ImageNetV2's `compute_assignment_accuracies`, per worker. */
export interface ControlScore {
  readonly positivesShown: number;
  readonly positivesSelected: number;
  readonly negativesShown: number;
  readonly negativesSelected: number;
  /** Positives selected + negatives left unselected. */
  readonly correct: number;
  /** Controls seen (n). */
  readonly total: number;
  /** correct / total; NaN with no controls. */
  readonly accuracy: number;
}

/** Image-vote rows for control scoring: one row per shown image, with the owner (worker or assignment) of each. */
export interface ControlVoteColumns {
  /** Number of owners (workers, or assignments for per-assignment accuracy). */
  readonly owners: number;
  readonly owner: Int32Array;
  /** {@link ROLE_CODE} per row. */
  readonly role: Uint8Array;
  readonly selected: Uint8Array;
}

/** Control accuracy per owner: acc = (#positives checked + #negatives unchecked) / #controls seen. */
export function controlAccuracy(v: ControlVoteColumns): ControlScore[] {
  const ps = new Uint32Array(v.owners);
  const pSel = new Uint32Array(v.owners);
  const ns = new Uint32Array(v.owners);
  const nSel = new Uint32Array(v.owners);
  for (let i = 0; i < v.owner.length; i++) {
    const o = v.owner[i]!;
    const r = v.role[i]!;
    if (r === ROLE_CODE.positive) {
      ps[o]!++;
      pSel[o]! += v.selected[i]!;
    } else if (r === ROLE_CODE.negative) {
      ns[o]!++;
      nSel[o]! += v.selected[i]!;
    }
  }
  const out: ControlScore[] = [];
  for (let o = 0; o < v.owners; o++) {
    const correct = pSel[o]! + ns[o]! - nSel[o]!;
    const total = ps[o]! + ns[o]!;
    out.push({
      positivesShown: ps[o]!, positivesSelected: pSel[o]!, negativesShown: ns[o]!, negativesSelected: nSel[o]!,
      correct, total, accuracy: total === 0 ? Number.NaN : correct / total,
    });
  }
  return out;
}
