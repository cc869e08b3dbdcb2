// Source: its order and counts.
import { ARTICLE_ORDERS } from './article.js';
import type { Count, LinkRead, OrderKey } from './spec.js';

export const SOURCE_ORDERS = {
  NAME: [
    { column: 'name', dir: 'asc' },
    { column: 'id', dir: 'asc' },
  ],
} as const satisfies Record<string, readonly OrderKey[]>;

export const sourceArticleCount: Count = { model: 'Article', relation: 'articles', fk: 'sourceId' };

/** A source's articles: the articles keyed to it, in an article order. */
export const sourceArticles = {
  kind: 'link',
  model: 'Article',
  relation: 'articles',
  nodeRelation: '',
  node: 'Article',
  from: 'sourceId',
  to: 'id',
  cursor: 'id',
  orders: ARTICLE_ORDERS,
  defaultOrder: 'NEWEST_FIRST',
  count: sourceArticleCount,
} as const satisfies LinkRead;
