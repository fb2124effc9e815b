import { createRng, nextFloat } from "../load/seeded-random.ts";

/** A deterministic source of random numbers in [0, 1): same seed, same sequence (mulberry32). */
export type Random = () => number;

/**
 * Returns a seeded generator on the loader's mulberry32 state; the builder never touches
 * Math.random so that a seed fixes the result.
 */
export function seededRandom(seed: number): Random {
  const rng = createRng(seed);
  return () => nextFloat(rng);
}

/** A uniform integer in 0..n-1. */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
