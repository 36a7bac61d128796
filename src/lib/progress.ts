// A one-line progress bar for long CLI work. It draws only on a terminal (stderr is a TTY) and at most
// ten times a second; elsewhere it stays silent and the final summary says it all.
export interface ProgressBar {
  update(done: number, detail?: string): void;
  finish(): void;
}

export function createProgressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  /** The newest update is on screen (a throttled one is not, until the next draw or finish). */
  let current = false;
  const draw = (done: number, detail: string) => {
    const width = 28;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const elapsed = (Date.now() - started) / 1000;
    const eta = ratio > 0 && ratio < 1 ? ` eta ${formatSeconds((elapsed / ratio) * (1 - ratio))}` : '';
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${eta} ${detail}`;
    stream.write(`\r${line.slice(0, (stream.columns || 100) - 1)}\x1b[K`);
    drawn = true;
    current = true;
  };
  let lastDone = 0;
  let lastDetail = '';
  return {
    update(done, detail = '') {
      lastDone = done;
      lastDetail = detail;
      current = false;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done, detail);
    },
    /** Leaves the final state on screen, drawn once, and ends its line. */
    finish() {
      // The last update may have been throttled; one that was drawn is not drawn again. With no
      // update at all, a bar that has work to report still shows where it stands (0 of total).
      if (!current && (drawn || total > 0)) draw(lastDone, lastDetail);
      if (drawn) stream.write('\n');
    },
  };
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
