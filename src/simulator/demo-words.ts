// The raw material of the demo world: a seeded random source and the words account and domain names
// are made of (demo-data.ts builds the world from them).

/** Small deterministic PRNG (mulberry32): demo data must not change between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS_A = [
  'amber',
  'birch',
  'cobalt',
  'dune',
  'ember',
  'fjord',
  'glade',
  'hazel',
  'indigo',
  'jasper',
  'kelp',
  'lilac',
  'maple',
  'north',
  'opal',
  'prairie',
  'quill',
  'raven',
  'sierra',
  'tundra',
  'umber',
  'violet',
  'willow',
  'yarrow',
  'zephyr',
  'acorn',
  'brook',
  'coral',
  'delta',
  'falcon',
];
export const WORDS_B = [
  'bakery',
  'studio',
  'garden',
  'motors',
  'dental',
  'books',
  'coffee',
  'design',
  'travel',
  'fitness',
  'legal',
  'photo',
  'crafts',
  'market',
  'press',
  'labs',
  'farm',
  'music',
  'yoga',
  'tools',
];
export const DOMAIN_SUFFIXES = ['.test', '.example', '.example.com', '.example.net', '.example.org'];
