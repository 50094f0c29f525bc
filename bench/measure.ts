// Measuring helpers shared by the benchmarks: elapsed time, a byte-counting sink and peak heap while a task runs.
import { Writable } from 'node:stream';

export const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
export const fmt = (n: number): string => n.toFixed(1);

/** A sink that only counts what it is given. */
export class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.bytes += chunk.length;
    cb();
  }
}

/** Runs `fn`, sampling heapUsed every 5 ms (after a GC when run with --expose-gc): peak over the start, in MB. */
export async function peakHeap<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t = process.hrtime.bigint();
  const result = await fn();
  const took = ms(t);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { result, ms: took, peakMb: (peak - start) / 1048576 };
}
