import { InvalidArgumentError } from "commander";

/** Parses a non-negative integer option such as --seed, or explains what is wrong. */
export function parseNonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return Number(value);
}

/** Parses a duration option in seconds (fractions allowed) into milliseconds. */
export function parseSecondsToMs(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError(`expected seconds >= 0, got "${value}"`);
  return Math.round(seconds * 1000);
}

/** Returns a parser that accepts only one of `choices`. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got "${value}"`);
    }
    return value as T;
  };
}

/** Parses a share between 0 and 1, such as --unplaced-share. */
export function parseShare(value: string): number {
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return share;
}

/** Parses an integer option that must be at least 1, such as --threads. */
export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError(`expected at least 1, got "${value}"`);
  return n;
}
