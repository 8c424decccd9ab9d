/**
 * An error caused by the user's input or request, shown as one line with exit code {@link UserError.exitCode}.
 * Anything else that escapes is a bug and is shown with its stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** Process exit code for the CLI: 2 for bad input, 1 for a failed operation. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/** Formats a location for error messages, e.g. `labels.csv:12`. */
export function at(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}
