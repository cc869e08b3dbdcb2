// A short client on the generated SDK: the most mentioned people, a person page, and a search.
//   NEWSGRAPH_URL=http://localhost:4000/graphql npx tsx examples/client.ts
import { createClient, PersonsDocument, PersonPageDocument, SearchDocument } from '../sdk/index.js';

const client = createClient({ url: process.env.NEWSGRAPH_URL ?? 'http://localhost:4000/graphql' });

const { persons } = await client.request(PersonsDocument, { first: 5, orderBy: 'MENTIONS' });
console.log(`${persons.totalCount} people; most mentioned:`);
for (const p of persons.nodes) console.log(`  ${p.name} (${p.mentionCount} mentions)`);

const top = persons.nodes[0];
if (top) {
  const { person } = await client.request(PersonPageDocument, { name: top.name });
  console.log(`\n${person?.name}: ${person?.articles.totalCount} articles, ${person?.events.totalCount} events`);
  for (const e of person?.events.nodes ?? []) console.log(`  ${e.date.iso}  ${e.summary}`);
  console.log(`  named with: ${person?.coMentions.map((c) => `${c.person.name} (${c.count})`).join(', ')}`);
}

const { search } = await client.request(SearchDocument, { query: process.argv[2] ?? 'diplomatic relations', first: 3 });
console.log(`\nsearch: ${search.totalCount} hits`);
for (const edge of search.edges) console.log(`  ${edge.rank.toFixed(3)}  ${edge.highlight}`);
