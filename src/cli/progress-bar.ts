import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';
import type { ProgressListener } from '../progress.js';

/**
 * A progress listener that draws a bar on stderr when it is a terminal, one bar per phase, and otherwise prints a
 * line when each phase ends (so logs of CI runs stay short). Call `stop()` when the job finishes or fails.
 */
export function progressBar(ctx: CliContext): ProgressListener & { stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  let phase = '';
  let lastTotal = 0;
  let lastDone = 0;
  const endPhase = () => {
    if (bar) bar.stop();
    else if (phase && lastTotal > 0 && !ctx.interactive) ctx.stderr.write(`${phase}: ${lastDone}/${lastTotal}\n`);
    bar = undefined;
  };
  const listener = ((p) => {
    if (p.phase !== phase) {
      endPhase();
      phase = p.phase;
      if (ctx.interactive) {
        bar = new cliProgress.SingleBar(
          { format: `${p.phase.padEnd(12)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream: ctx.stderr as NodeJS.WriteStream, hideCursor: true, etaBuffer: 200 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done);
      }
    }
    lastTotal = p.total;
    lastDone = p.done;
    bar?.update(p.done);
  }) as ProgressListener & { stop(): void };
  listener.stop = endPhase;
  return listener;
}

/** Runs `work` with a progress bar that is stopped however the work ends. */
export async function withProgressBar<T>(ctx: CliContext, work: (onProgress: ProgressListener) => Promise<T>): Promise<T> {
  const bar = progressBar(ctx);
  try {
    return await work(bar);
  } finally {
    bar.stop();
  }
}
