// The environment of the generated (fast-check) suites: their case counts and seeds.

/** `npm run fuzz` (FUZZ_MODE=long): random seeds and more cases, unless the variables say otherwise. */
export const LONG = process.env.FUZZ_MODE === 'long';

/** A whole number from the environment, or the default; anything else stops the suite rather than fuzz nothing. */
export function wholeNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]+$/.test(value)) throw new Error(`${name}=${value} is not a whole number`);
  return Number(value);
}

/**
 * The seed in variable `name`: a random one when it says `random`, or under FUZZ_MODE=long when it
 * is not set (the suite prints it); else its whole number, or `fallback`.
 */
export function seed(name: string, fallback: number): number {
  return process.env[name] === 'random' || (LONG && process.env[name] === undefined)
    ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(name, fallback);
}
