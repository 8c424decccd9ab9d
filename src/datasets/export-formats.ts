import type { ClassSet, LabelSpace } from '../classes/class-set.js';
import {
  flatImagePaths, imagefolderPaths, imagenetv2Paths, type ExportFile, type ExportItem,
} from '../formats/dataset/export-paths.js';
import { formatLabelsCsv } from '../formats/dataset/labels-csv.js';

/** What an export writes: image files (blobs) and small text files, paths relative to the output folder. */
export interface ExportPlan {
  readonly files: readonly ExportFile[];
  readonly texts: ReadonlyArray<{ readonly path: string; readonly text: string }>;
}

export interface ExportFormat {
  readonly description: string;
  /** Whether `--label-space` applies (only formats that write labels as text). */
  readonly usesLabelSpace: boolean;
  /** The import layout that reads the export back, and the folder to give it. */
  readonly reimport: string;
  plan(items: readonly ExportItem[], classSet: ClassSet, labelSpace: LabelSpace): ExportPlan;
}

/** Every format `heldout dataset export` writes, by name. Each round-trips through the import layout of that name. */
export const EXPORT_FORMATS = {
  imagefolder: {
    description: '<wnid>/<file name> (clashing names get -2, -3, …)',
    usesLabelSpace: false,
    reimport: 'heldout dataset import imagefolder OUT',
    plan: (items) => ({ files: imagefolderPaths(items), texts: [] }),
  },
  imagenetv2: {
    description: '<sorted class index>/<sha256>.<ext> (ImageNetV2 release layout)',
    usesLabelSpace: false,
    reimport: 'heldout dataset import imagenetv2 OUT --classes <the dataset\'s class set>',
    plan: (items, classSet) => ({ files: imagenetv2Paths(items, (w) => classSet.byWnid(w).index), texts: [] }),
  },
  'labels-csv': {
    description: 'images/<file name> + labels.csv (image,label in --label-space, default wnid)',
    usesLabelSpace: true,
    reimport: 'heldout dataset import labels-csv OUT/images --label-space <space>',
    plan: (items, classSet, labelSpace) => {
      const files = flatImagePaths(items, 'images/');
      const rows = files.map((f) => {
        const e = classSet.byWnid(items[f.item]!.wnid);
        const label = labelSpace === 'wnid' ? e.wnid : String(labelSpace === 'index' ? e.index : e.devkitId);
        return { image: f.path.slice('images/'.length), label };
      });
      return { files, texts: [{ path: 'labels.csv', text: formatLabelsCsv(rows) }] };
    },
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: string): name is ExportFormatName {
  return Object.hasOwn(EXPORT_FORMATS, name);
}
