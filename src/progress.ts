/** Progress of a long job, reported by services and shown by the CLI (bar) or the server (status). */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (p: Progress) => void;

export const ignoreProgress: ProgressListener = () => {};
