// The GraphQL requests the bench measures. Q is the reference query.
export const Q = `{ articles(first: 20, orderBy: NEWEST_FIRST) { nodes { id title publishedAt source { name }
  persons(first: 5) { nodes { name } } events(first: 3) { nodes { date { iso } summary participants { name } } } } } }`;

export const personPage = (name: string) => `{ person(name: ${JSON.stringify(name)}) { name aliases mentionCount
  articles(first: 10) { totalCount nodes { title publishedAt } } coMentions(first: 5) { count person { name } } } }`;

export const TIMELINE = '{ timeline(granularity: MONTH, filter: { from: "2000-01-01", to: "2025-12-31" }) { period count } }';

export const node = (id: string) => `{ node(id: ${JSON.stringify(id)}) { id ... on Article { title publishedAt } } }`;

export const search = (query: string) =>
  `{ search(query: ${JSON.stringify(query)}, first: 10) { totalCount edges { rank highlight node { title } } } }`;
