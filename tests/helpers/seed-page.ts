import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The real Naenara page shipped as the default corpus. */
export const seedPage = readFileSync(resolve(import.meta.dirname, '../../corpus/naenara-en-dprk-laos.txt'), 'utf8');
