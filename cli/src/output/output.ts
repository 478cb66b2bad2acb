/**
 * Where a command writes: results to stdout (lines a script can read; JSON with --json),
 * progress and messages to stderr. Tests give a collector instead of the process streams.
 */
export interface Output {
  /** A line of the result. */
  line(text: string): void;
  /** A note for the person at the terminal (stderr). */
  note(text: string): void;
  /** Rewrites the current progress line on a terminal; elsewhere, prints it as a line. */
  progress(text: string): void;
  /** Ends a progress line (a newline on a terminal). */
  endProgress(): void;
  /** Whether stderr is a terminal (progress redraws in place). */
  readonly isTTY: boolean;
}

export function processOutput(): Output {
  let drawing = false;
  const isTTY = process.stderr.isTTY === true;
  return {
    isTTY,
    line: (text) => void process.stdout.write(`${text}\n`),
    note: (text) => void process.stderr.write(`${text}\n`),
    progress(text) {
      if (isTTY) {
        process.stderr.write(`\r\x1b[2K${text}`);
        drawing = true;
      } else process.stderr.write(`${text}\n`);
    },
    endProgress() {
      if (drawing) process.stderr.write('\n');
      drawing = false;
    },
  };
}

/** An Output that keeps what it was given, for tests. */
export function collectOutput(): Output & { lines: string[]; notes: string[] } {
  const lines: string[] = [];
  const notes: string[] = [];
  return {
    lines,
    notes,
    isTTY: false,
    line: (text) => void lines.push(text),
    note: (text) => void notes.push(text),
    progress: (text) => void notes.push(text),
    endProgress: () => undefined,
  };
}
