// Progress of long work (verify over many blocks, deploy waiting for its block, building the
// playground): one line on a terminal, rewritten in place with the time so far; nothing at all
// when stderr is not a terminal, so logs and pipes get only the results.
// Hand-written: a spinner library would add a dependency for these twenty lines.

export interface Progress {
  /** Shows what is happening now (replaces the previous message). */
  update(message: string): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: Progress = { update: () => {}, done: () => {} };

export function startProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const started = Date.now();
  let message = '';
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const line = `… ${message}${seconds ? ` (${seconds} s)` : ''}`;
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 80) - 1)}`);
  };
  const ticker = setInterval(draw, 1000);
  ticker.unref();
  return {
    update(next) {
      message = next;
      draw();
    },
    done() {
      clearInterval(ticker);
      stream.write('\r\x1b[2K');
    },
  };
}

/** Runs `work` with a progress line showing `message`, cleared when it ends either way. */
export async function withProgress<T>(message: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = startProgress();
  progress.update(message);
  try {
    return await work(progress);
  } finally {
    progress.done();
  }
}
