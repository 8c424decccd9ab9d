/** The question at the top of a grid, worded as ImageNetV2's `hit_template.html`: synonyms joined with " or ". */
export function taskQuestion(lemmas: readonly string[]): string {
  return `Which of these images contain at least one object of type: ${lemmas.join(' or ')}`;
}

/** The instructions under it (ImageNetV2's task text, shortened). */
export const TASK_INSTRUCTIONS: readonly string[] = [
  'Select every image that contains at least one object of this type, regardless of occlusions, other objects, and clutter or text in the scene.',
  'Only select images that are photographs (no drawings or paintings). Leave all other images unselected.',
  'Please make accurate selections: some images have known answers and are used to check the work.',
];
