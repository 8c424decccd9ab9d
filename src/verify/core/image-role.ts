/** What an image is in a task. Workers never learn it: they see opaque per-task ids only. */
export const IMAGE_ROLES = ['candidate', 'positive', 'negative'] as const;
export type ImageRole = (typeof IMAGE_ROLES)[number];

/** Compact codes for typed arrays (votes by the million carry a role byte, not a string). */
export const ROLE_CODE: { readonly [R in ImageRole]: number } = { candidate: 0, positive: 1, negative: 2 };
