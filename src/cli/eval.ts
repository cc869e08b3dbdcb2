// `npm run eval -- [DIR] [--json]`: scores parse + extract against DIR/gold.json (default
// eval/real), with no database. Prints the figures, then each page's misses and false hits.
import { evaluateFolder } from '../eval/corpus.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--')) ?? 'eval/real';
const score = evaluateFolder(dir);

if (json) {
  console.log(JSON.stringify(score, null, 2));
} else {
  const { persons, events, published } = score;
  const row = (name: string, t: typeof persons) =>
    `| ${name} | ${t.precision.toFixed(3)} | ${t.recall.toFixed(3)} | ${t.f1.toFixed(3)} | ${t.tp} | ${t.fp} | ${t.fn} |`;
  console.log(`${dir}: ${score.pages.length} pages\n`);
  console.log('| measure | P | R | F1 | found | false | missed |\n| --- | --- | --- | --- | --- | --- | --- |');
  console.log(row('persons', persons));
  console.log(row('events (date + precision)', events));
  console.log(`\npublication dates: ${published.correct} of ${published.stated} stated found, ${published.wrong} wrong or invented`);
  if (score.romanized.attested)
    console.log(`Korean names under KCNA's attested English spelling: ${score.romanized.linked} of ${score.romanized.attested}`);
  console.log('');
  for (const page of score.pages) {
    const lines = [
      ...page.persons.missed.map((m) => `  person missed: ${m}`),
      ...page.persons.false.map((m) => `  person false:  ${m}`),
      ...page.events.missed.map((m) => `  event missed:  ${m}`),
      ...page.events.false.map((m) => `  event false:   ${m}`),
      ...page.romanized.missed.map((m) => `  not linked:    ${m}`),
      ...(page.published.found !== page.published.gold
        ? [`  published: found ${page.published.found ?? '-'}, gold ${page.published.gold ?? '-'}`]
        : []),
    ];
    if (lines.length) console.log(`${page.file}\n${lines.join('\n')}`);
  }
}
