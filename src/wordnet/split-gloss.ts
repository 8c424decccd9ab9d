/** A WordNet gloss split into its definition and its quoted usage examples. */
export interface GlossParts {
  readonly definition: string;
  readonly examples: string[];
}

/**
 * Splits a raw WordNet gloss such as `a tangible and visible entity; an entity that can cast a shadow; "it was full
 * of rackets, balls and other objects"`.
 *
 * The examples start at the first double quote that is outside parentheses and follows `;`, `:` or `,` (or opens the
 * gloss). Quotes elsewhere belong to the definition: `significant progress (especially in the phrase "make strides")`
 * and `a demand especially in the phrase "the call of duty"` keep them. NLTK instead deletes every quoted span, which
 * mangles those ~20 definitions; for the usual `definition; "example"; "example"` shape both agree.
 * Attributions after an example (`"..."- Henry Miller`) are dropped; an unterminated last example is kept.
 */
export function splitGloss(gloss: string): GlossParts {
  const start = examplesStart(gloss);
  let definition = stripSeparators(gloss.slice(0, start));
  // One gloss in WordNet 3.0 ends in a stray quote ("...are available\""); do not show it.
  if (definition.endsWith('"') && countQuotes(definition) % 2 === 1) definition = stripSeparators(definition.slice(0, -1));
  const examples: string[] = [];
  const rest = gloss.slice(start);
  const quoted = /"([^"]*)("|$)/g;
  for (let m = quoted.exec(rest); m !== null; m = quoted.exec(rest)) {
    const text = m[1]!.trim();
    if (text !== '') examples.push(text);
    if (m[2] === '') break;
  }
  return { definition, examples };
}

function examplesStart(gloss: string): number {
  let depth = 0;
  for (let i = 0; i < gloss.length; i++) {
    const c = gloss[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '"' && depth === 0) {
      const before = gloss.slice(0, i).trimEnd();
      if (before === '' || /[;:,]$/.test(before)) return i;
    }
  }
  return gloss.length;
}

function stripSeparators(text: string): string {
  return text.replace(/^[\s;:,]+|[\s;:,]+$/g, '');
}

function countQuotes(text: string): number {
  let n = 0;
  for (const c of text) if (c === '"') n++;
  return n;
}
