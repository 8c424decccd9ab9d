import type { DatasetRow, ImageRow, ItemRow, NewImage, NewItem, SplitRow } from './dataset-tables.js';
import type { ClassEntry } from '../../classes/class-set.js';

export interface DatasetSummary extends DatasetRow {
  readonly classCount: number;
  readonly splits: ReadonlyArray<SplitRow & { readonly itemCount: number }>;
}

export interface NewDataset {
  readonly name: string;
  readonly description: string;
  readonly classSet: string;
  readonly classes: readonly ClassEntry[];
}

export interface NewSplit {
  readonly name: string;
  readonly labelsHidden: boolean;
  readonly sourceLayout: string;
  readonly sourcePath: string;
}

export interface ItemQuery {
  readonly offset?: number;
  readonly limit?: number;
  readonly wnid?: string;
}

/** Datasets, splits, images and items. */
export interface DatasetStore {
  createDataset(d: NewDataset, now: Date): Promise<DatasetRow>;
  findDataset(name: string): Promise<DatasetRow | undefined>;
  listDatasets(): Promise<DatasetSummary[]>;
  datasetClasses(datasetId: number): Promise<ClassEntry[]>;
  deleteDataset(datasetId: number): Promise<void>;

  createSplit(datasetId: number, s: NewSplit, now: Date): Promise<SplitRow>;
  findSplit(datasetId: number, name: string): Promise<SplitRow | undefined>;
  listSplits(datasetId: number): Promise<SplitRow[]>;
  setLabelsHidden(splitId: number, hidden: boolean): Promise<void>;

  /** Inserts images not already present (content-addressed); returns how many were new. */
  putImages(images: readonly NewImage[]): Promise<number>;
  findImage(sha256: string): Promise<ImageRow | undefined>;
  addItems(splitId: number, items: readonly NewItem[]): Promise<void>;
  listItems(splitId: number, q?: ItemQuery): Promise<ItemRow[]>;
  countItems(splitId: number, wnid?: string): Promise<number>;
  /** Per-class item counts of a split, keyed by wnid. */
  classCounts(splitId: number): Promise<Map<string, number>>;

}
