import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The real Naenara page shipped as the default corpus. */
export const seedPage = readFileSync(resolve(import.meta.dirname, '../../corpus/naenara-en-dprk-laos.txt'), 'utf8');

/** The 8 people the seed page names, by canonical name, in alphabetical order. */
export const SEED_PEOPLE = [
  'Choummaly Saygnasone',
  'Jo Jin Mi',
  'Kaysone Phomvihane',
  'Kim Il Sung',
  'Kim Jong Il',
  'Kim Jong Un',
  'Kim Mi Hwa',
  'Kim Sung Chan',
];
