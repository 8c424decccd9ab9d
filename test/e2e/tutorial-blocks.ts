/** A fenced shell block of a markdown file, with the line it starts on (for error messages). */
export interface ShellBlock {
  readonly line: number;
  readonly script: string;
}

/**
 * The blocks a reader is meant to type: fences whose info string is exactly `sh`. Output shown to the reader uses
 * `text`, and commands that only make sense on a real deployment use `sh no-run`, so neither is executed.
 */
export function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (fence[1]!.trim() === 'sh') blocks.push({ line: start + 1, script: body.join('\n') });
  }
  return blocks;
}
