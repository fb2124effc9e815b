/** A small seeded generator (mulberry32): the only source of randomness in the loader. */
export interface Rng {
  state: number;
}

/** A generator whose whole sequence is fixed by `seed`. */
export function createRng(seed: number): Rng {
  return { state: (seed ^ 0x9e3779b9) >>> 0 };
}

/** Next 32-bit unsigned integer. */
export function nextUint32(rng: Rng): number {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let t = rng.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Uniform integer in 0..n-1 (n >= 1). */
export function nextInt(rng: Rng, n: number): number {
  return nextUint32(rng) % n;
}

/** Uniform float in [0, 1). */
export function nextFloat(rng: Rng): number {
  return nextUint32(rng) / 4294967296;
}

/** Shuffles a[0..n) in place. */
export function shuffle(rng: Rng, a: Int32Array, n: number = a.length): void {
  for (let k = n - 1; k > 0; k--) {
    const j = nextInt(rng, k + 1);
    const x = a[k];
    a[k] = a[j];
    a[j] = x;
  }
}
