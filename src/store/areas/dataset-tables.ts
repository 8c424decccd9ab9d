import type { Generated, Insertable, Selectable } from 'kysely';

/** Tables of the datasets area: datasets, their classes, splits, content-addressed images and split items. */
export interface DatasetTables {
  datasets: DatasetsTable;
  dataset_classes: DatasetClassesTable;
  splits: SplitsTable;
  images: ImagesTable;
  items: ItemsTable;
}

export interface DatasetsTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** Where the classes came from, e.g. `ilsvrc2012` or a file name; informational. */
  class_set: string;
  created_at: string;
}

export interface DatasetClassesTable {
  dataset_id: number;
  wnid: string;
  devkit_id: number;
  idx: number;
  name: string;
}

export interface SplitsTable {
  id: Generated<number>;
  dataset_id: number;
  name: string;
  labels_hidden: number;
  /** How the split was imported (layout name), for provenance. */
  source_layout: string;
  source_path: string;
  created_at: string;
}

export interface ImagesTable {
  sha256: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
  created_at: string;
}

export interface ItemsTable {
  id: Generated<number>;
  split_id: number;
  /** Order within the split (ILSVRC files refer to images by position in sorted filename order). */
  position: number;
  /** Stable name within the split, e.g. `ILSVRC2012_val_00000001.JPEG` or `n01440764/a.jpg`. */
  name: string;
  image_sha256: string;
  wnid: string;
  source_path: string | null;
  source_url: string | null;
  license: string | null;
  date_taken: string | null;
  date_uploaded: string | null;
}

export type DatasetRow = Selectable<DatasetsTable>;
export type SplitRow = Selectable<SplitsTable>;
export type ImageRow = Selectable<ImagesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type NewItem = Omit<Insertable<ItemsTable>, 'split_id' | 'id'>;
export type NewImage = Insertable<ImagesTable>;
