/** WordNet noun synset id as used by ImageNet: "n" + the 8-digit offset into WordNet 3.0 data.noun. */
export const WNID_PATTERN = /^n\d{8}$/;

export function isWnid(s: string): boolean {
  return WNID_PATTERN.test(s);
}
