/** One line of a text file with its 1-based line number, for error messages like `file.txt:12`. */
export interface TextLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Splits a text file into lines, tolerating a UTF-8 BOM and CRLF (files written on Windows), and dropping the one
 * empty "line" after a final newline. Blank lines elsewhere are kept so that callers can report them by number.
 *
 * @example textLines('\uFEFFa\r\nb\n') // → [{ line: 1, text: 'a' }, { line: 2, text: 'b' }]
 */
export function textLines(text: string): TextLine[] {
  const parts = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t }));
}
