// The loader's progress: on a terminal, a bar with the rate and the time left (cli-progress);
// elsewhere (a log, CI), one line per 1,000 pages or per 10 s, and a last one at the end.
// Failures and notices are printed as lines on both, above the bar on a terminal.
import { MultiBar, Presets } from 'cli-progress';

export interface Progress {
  /** `done` of the pages handled, `failed` of them failed. */
  update(done: number, failed: number): void;
  /** A line worth reading (a failure, the upkeep). */
  line(text: string): void;
  stop(): void;
}

const duration = (seconds: number) =>
  !Number.isFinite(seconds)
    ? '?'
    : seconds >= 3600
      ? `${Math.floor(seconds / 3600)}h${Math.round((seconds % 3600) / 60)}m`
      : seconds >= 60
        ? `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`
        : `${Math.round(seconds)}s`;

export function progress(total: number, out: NodeJS.WriteStream = process.stdout): Progress {
  const started = Date.now();
  const rate = (done: number) => done / Math.max(0.001, (Date.now() - started) / 1000);
  if (out.isTTY) {
    const bars = new MultiBar(
      {
        stream: out,
        format: '{bar} {percentage}% | {value}/{total} pages | {rate} pages/s | {left} left | {failed} failed',
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    const bar = bars.create(total, 0, { rate: 0, left: '?', failed: 0 });
    return {
      update(done, failed) {
        const r = rate(done);
        bar.update(done, { rate: Math.round(r), left: duration((total - done) / r), failed });
      },
      line: (text) => bars.log(`${text}\n`),
      stop: () => bars.stop(),
    };
  }
  let printedAt = 0;
  let printedTime = started;
  const summary = (done: number, failed: number) => {
    const r = rate(done);
    out.write(
      `${done}/${total} pages (${Math.floor((100 * done) / Math.max(1, total))}%), ${Math.round(r)} pages/s, ${done < total ? `about ${duration((total - done) / r)} left, ` : ''}${failed} failed\n`,
    );
    printedAt = done;
    printedTime = Date.now();
  };
  return {
    update(done, failed) {
      if (done === total || done - printedAt >= 1_000 || Date.now() - printedTime >= 10_000) summary(done, failed);
    },
    line: (text) => out.write(`${text}\n`),
    stop: () => {},
  };
}
