// The clock is injected so tests can pin "now" and check exact scores and dates.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const date = new Date(at);
  return { now: () => new Date(date) };
}
