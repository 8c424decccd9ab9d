import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the sample area: revisions of new test sets sampled from a crowd project's verified candidates, the
 * ordered images of each revision (after the final seeded shuffle), and per-project blacklists with reasons.
 */
export interface SampleTables {
  sample_revisions: SampleRevisionsTable;
  sample_images: SampleImagesTable;
  sample_blacklist: SampleBlacklistTable;
}

export interface SampleRevisionsTable {
  id: Generated<number>;
  /** Also the name of the dataset the revision is materialised as (split `test`, labels hidden). */
  name: string;
  /** The crowd project whose selection frequencies were used (`--pool`). */
  project_id: number;
  /** The original test set (`--reference`): its positive-control frequencies give MatchedFrequency's targets. */
  reference_split_id: number;
  /** A SAMPLING_STRATEGIES key. */
  strategy: string;
  seed: number;
  /** JSON: every parameter (src/sample/revision-params.ts), so a revision can be re-run exactly. */
  params_json: string;
  /** The revision this one started from (`--from`). */
  parent_id: number | null;
  /** The materialised dataset (null if it was deleted). */
  dataset_id: number | null;
  /** JSON: per-class notes (candidates, eligibility counts, chosen, carried, short, bin deficits and fills). */
  notes_json: string;
  created_at: string;
}

export interface SampleImagesTable {
  revision_id: number;
  /** Position in the revision's final (shuffled) list, from 0. */
  row: number;
  image_sha256: string;
  wnid: string;
  /** Votes when the revision was sampled: valid assignments that selected / showed the image. */
  selected: number;
  shown: number;
  /** 1 when carried over from the parent revision. */
  carried: number;
}

export interface SampleBlacklistTable {
  id: Generated<number>;
  project_id: number;
  image_sha256: string;
  reason: string;
  created_at: string;
}

export type SampleRevisionRow = Selectable<SampleRevisionsTable>;
export type SampleImageRow = Selectable<SampleImagesTable>;
export type SampleBlacklistRow = Selectable<SampleBlacklistTable>;
export type NewSampleRevision = Omit<Insertable<SampleRevisionsTable>, 'id' | 'created_at'>;
export type NewSampleImage = Omit<Insertable<SampleImagesTable>, 'revision_id'>;
