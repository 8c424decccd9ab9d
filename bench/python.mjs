// The Python interpreter the benchmarks run, resolved once. `python3` on PATH may be a pyenv shim (a bash script
// that execs `pyenv exec`, ~50 ms per start): timing through it would charge numpy for pyenv's start-up, so the
// benches spawn the interpreter the shim would pick, by its real path.
import { spawnSync } from 'node:child_process';

/**
 * The real executable behind `command` (`sys.executable`), e.g. /root/.pyenv/versions/3.11.7/bin/python3.
 *
 * @example const PY = resolvePython(); spawnSync(PY, ['bench/score-ilsvrc.py', pred, gt]);
 */
export function resolvePython(command = 'python3') {
  const r = spawnSync(command, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const exe = r.status === 0 ? r.stdout.trim() : '';
  if (exe === '') throw new Error(`cannot run ${command}: ${r.error?.message ?? r.stderr}`);
  return exe;
}
