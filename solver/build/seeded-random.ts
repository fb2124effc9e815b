/** A deterministic source of random numbers in [0, 1): same seed, same sequence (mulberry32). */
export type Random = () => number;

/** Returns a seeded generator; the builder never touches Math.random so that a seed fixes the result. */
export function seededRandom(seed: number): Random {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in 0..n-1. */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
