// Long computations written once as generators that yield between slices of work: run to the end
// at once (tests, benchmarks, the CLI), or a slice at a time with a pause between slices so a serving
// process keeps answering while a model trains. Same code path, so the same numbers either way.

/** A computation that yields now and then and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, awaiting `pause` at each yield (it may reject to stop the computation). */
export async function runStepsPaced<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}
