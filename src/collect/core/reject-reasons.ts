/**
 * Why a candidate was not accepted; every rejected candidate keeps one of these plus a detail line. A typed map, so
 * the CLI, the API and docs/collect.md list them from one place.
 */
export const REJECT_REASONS = {
  'missing-file': 'the metadata names a file that does not exist',
  'empty-file': 'the file has zero bytes',
  'unsupported-format': 'not an image format Heldout stores (jpeg, png, webp, gif, tiff, avif)',
  'corrupt-image': 'the image does not decode (corrupt or truncated)',
  'bad-metadata': 'a metadata field is malformed (e.g. a date that is not a date)',
  'no-class': 'no wnid: neither the metadata, a wnid folder nor --wnid gives one',
  'duplicate-id': 'the same candidate id (source photo id) occurs earlier in this input',
  'same-source-id': 'a candidate with this id is already stored in another pool',
  'exact-duplicate': 'byte-identical (sha256) to a candidate earlier in the pool',
  'too-small': 'below the minimum resolution, or no rendition of at least ~500 px was offered',
  'licence-not-allowed': 'its licence is not on the allow-list',
  'uploaded-outside-window': 'uploaded outside the date window (or upload date unknown)',
  'taken-outside-window': 'taken outside the date window (or date taken unknown)',
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

export interface Rejection {
  readonly reason: RejectReason;
  readonly detail: string;
}
