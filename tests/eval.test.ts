// The accuracy floor: scoring the pipeline on the real pages must never fall below the figures
// committed in eval/figures.json, so no change loses accuracy silently.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFolder } from '../src/eval/corpus.js';
import { summarise, type PageScore } from '../src/eval/score.js';

const root = resolve(import.meta.dirname, '../eval');
const floor = JSON.parse(readFileSync(resolve(root, 'figures.json'), 'utf8')) as Record<
  string,
  { personsF1: number; eventsF1: number; publishedCorrect: number; publishedWrong: number; romanizedLinked?: number }
>;

describe('eval on the real pages', () => {
  const score = evaluateFolder(resolve(root, 'real'));
  const real = floor.real!;

  it('scores 28 pages against their gold', () => {
    expect(score.pages).toHaveLength(28);
    expect(score.published.stated).toBe(18);
  });

  it('keeps person and event F1 at or above the committed floor', () => {
    expect(score.persons.f1).toBeGreaterThanOrEqual(real.personsF1);
    expect(score.events.f1).toBeGreaterThanOrEqual(real.eventsF1);
  });

  it('keeps the publication dates found, and invents none', () => {
    expect(score.published.correct).toBeGreaterThanOrEqual(real.publishedCorrect);
    expect(score.published.wrong).toBeLessThanOrEqual(real.publishedWrong);
  });
});

describe('eval on the Korean pages, dated by their archive as a caller would', () => {
  const score = evaluateFolder(resolve(root, 'korean'));
  const korean = floor.korean!;

  it('scores 12 pages against their gold', () => {
    expect(score.pages).toHaveLength(12);
    expect(score.romanized.attested).toBe(14);
  });

  it('keeps person and event F1, publication dates and romanised links at or above the committed floor', () => {
    expect(score.persons.f1).toBeGreaterThanOrEqual(korean.personsF1);
    expect(score.events.f1).toBeGreaterThanOrEqual(korean.eventsF1);
    expect(score.published.correct).toBeGreaterThanOrEqual(korean.publishedCorrect);
    expect(score.published.wrong).toBeLessThanOrEqual(korean.publishedWrong);
    expect(score.romanized.linked).toBeGreaterThanOrEqual(korean.romanizedLinked!);
  });
});

describe('the scorer', () => {
  const page = (p: Partial<PageScore>): PageScore => ({
    file: 'x',
    persons: { tp: 0, fp: 0, fn: 0, missed: [], false: [] },
    events: { tp: 0, fp: 0, fn: 0, missed: [], false: [] },
    published: {},
    romanized: { attested: 0, linked: 0, missed: [] },
    ...p,
  });

  it('counts micro F1 over pages and a wrong date as wrong', () => {
    const s = summarise([
      page({ persons: { tp: 3, fp: 1, fn: 0, missed: [], false: ['X'] }, published: { gold: '2020-01-01', found: '2020-01-01' } }),
      page({ persons: { tp: 1, fp: 0, fn: 2, missed: ['A', 'B'], false: [] }, published: { gold: '2020-01-02', found: '2020-01-03' } }),
      page({ published: { found: '2021' } }),
    ]);
    expect(s.persons).toMatchObject({ tp: 4, fp: 1, fn: 2, precision: 0.8, recall: 0.667, f1: 0.727 });
    expect(s.published).toEqual({ stated: 2, correct: 1, wrong: 2 });
  });
});
