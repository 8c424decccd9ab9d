/** Names in the labeling config that exported tasks and imported annotations share. */
export const LABEL_STUDIO_NAMES = { image: 'image', choices: 'contains' } as const;

/** One exported (image, class) pair: a Label Studio task's `data`. */
export interface LabelStudioTaskData {
  /** Where Label Studio loads the image from (this server's opaque `/crowd/i/…` URL). */
  readonly image: string;
  readonly wnid: string;
  /** "Does this image contain at least one object of type: …?" */
  readonly question: string;
  readonly definition: string;
}

/** The single-image form of ImageNetV2's grid question. */
export function singleImageQuestion(lemmas: readonly string[]): string {
  return `Does this image contain at least one object of type: ${lemmas.join(' or ')}?`;
}

/** Label Studio's task import format: `[{"data": {…}}, …]`, one task per (image, class) pair. */
export function labelStudioTasksJson(tasks: readonly LabelStudioTaskData[]): string {
  return `${JSON.stringify(tasks.map((data) => ({ data })), null, 1)}\n`;
}

/**
 * A labeling config for yes/no tasks over those `data` fields: the question and definition as headers, the image,
 * and one required single choice Yes/No (`from_name` "contains"), which `parseLabelStudioExport` reads back.
 */
export function labelStudioConfig(): string {
  const { image, choices } = LABEL_STUDIO_NAMES;
  return [
    '<View>',
    '  <Header value="$question"/>',
    '  <Header value="Definition: $definition" size="5"/>',
    `  <Image name="${image}" value="$image" zoom="true"/>`,
    `  <Choices name="${choices}" toName="${image}" choice="single-radio" required="true" showInLine="true">`,
    '    <Choice value="Yes" hotkey="y"/>',
    '    <Choice value="No" hotkey="n"/>',
    '  </Choices>',
    '</View>',
    '',
  ].join('\n');
}
