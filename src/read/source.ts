// Source: its order and counts.
import { ARTICLE_ORDERS } from './article.js';
import { type LinkRead, type OrderKey, thenById } from './spec.js';

export const SOURCE_ORDERS = { NAME: thenById('name', 'asc') } as const satisfies Record<string, readonly OrderKey[]>;

/** A source's articles: the articles keyed to it, in an article order; their count is Source.articleCount. */
export const sourceArticles = {
  kind: 'link',
  parent: 'Source',
  relation: 'articles',
  orders: ARTICLE_ORDERS,
  defaultOrder: 'NEWEST_FIRST',
} as const satisfies LinkRead;
