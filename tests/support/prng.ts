/**
 * mulberry32: a small seeded pseudo-random generator, numbers in [0, 1). Tests and benchmarks that make up
 * shapes use it so that a failure or a figure can be replayed from its seed.
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
