import { stringify } from 'csv-stringify/sync';

/** One grid task for an MTurk batch: the placeholders of {@link htmlQuestion} filled per row. */
export interface BatchInputTask {
  readonly key: string;
  readonly wnid: string;
  /** Lemmas joined with " or " (ImageNetV2's header). */
  readonly synset: string;
  readonly gloss: string;
  /** Image URLs (opaque per-task URLs, so controls stay unrecognisable). */
  readonly images: readonly string[];
}

const pad = (i: number) => String(i + 1).padStart(2, '0');

/** Batch input CSV: `hit_key,wnid,synset,gloss,img_01,…,img_NN`, one HIT per row (short rows padded with empty cells). */
export function batchInputCsv(tasks: readonly BatchInputTask[]): string {
  const width = Math.max(0, ...tasks.map((t) => t.images.length));
  const header = ['hit_key', 'wnid', 'synset', 'gloss', ...Array.from({ length: width }, (_, i) => `img_${pad(i)}`)];
  return stringify([header, ...tasks.map((t) => [t.key, t.wnid, t.synset, t.gloss, ...Array.from({ length: width }, (_, i) => t.images[i] ?? '')])]);
}

/** MTurk's limit on a Question document. */
export const MAX_QUESTION_BYTES = 65_535;

/**
 * An HTMLQuestion for grids of up to `images` images, with `${synset}`, `${gloss}` and `${img_NN}` placeholders that
 * MTurk fills from the batch input CSV. Checkboxes share the name `selected` and carry the image URL as value, so
 * results come back as `Answer.selected` = `url|url|…`, which `heldout crowd import mturk` reads. Empty image cells
 * are hidden by the page script. Throws a RangeError past MTurk's 64 KB limit.
 */
export function htmlQuestion(images: number, { frameHeight = 900 }: { frameHeight?: number } = {}): string {
  const tiles = Array.from({ length: images }, (_, i) => `<label class="t"><img src="\${img_${pad(i)}}" alt=""><input type="checkbox" name="selected" value="\${img_${pad(i)}}"></label>`).join('\n');
  const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<script src="https://s3.amazonaws.com/mturk-public/externalHIT_v1.js"></script>
<style>body{font-family:sans-serif}.g{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}.t{display:block;border:3px solid #ccc;border-radius:6px;padding:2px;cursor:pointer}.t img{width:100%;display:block}.t input{margin:4px}</style></head>
<body><form method="post" id="mturk_form" action="https://www.mturk.com/mturk/externalSubmit">
<input type="hidden" name="assignmentId" id="assignmentId" value="">
<h2>Which of these images contain at least one object of type: \${synset}</h2>
<p>Definition: \${gloss}</p>
<p>Select every image that contains at least one object of this type, regardless of occlusions, other objects, and clutter or text in the scene. Only select images that are photographs (no drawings or paintings). Please make accurate selections!</p>
<div class="g">
${tiles}
</div>
<p><input type="submit" id="submitButton" value="Submit"></p></form>
<script>turkSetAssignmentID();document.querySelectorAll('.t img').forEach(function(i){if(!i.getAttribute('src'))i.parentNode.style.display='none';});</script>
</body></html>`;
  // "]]>" cannot occur inside CDATA; the page never contains it, but keep the guarantee explicit.
  const xml = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
<HTMLContent><![CDATA[${page.replaceAll(']]>', ']]]]><![CDATA[>')}]]></HTMLContent>
<FrameHeight>${frameHeight}</FrameHeight>
</HTMLQuestion>
`;
  const bytes = new TextEncoder().encode(xml).length;
  if (bytes > MAX_QUESTION_BYTES) throw new RangeError(`the HTMLQuestion is ${bytes} bytes, over MTurk's 64 KB limit (fewer images per grid)`);
  return xml;
}
