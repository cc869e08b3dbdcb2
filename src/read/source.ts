// Source: its order and counts.
import { ARTICLE_ORDERS } from './article.js';
import { type OrderKey, link, order } from './spec.js';

export const SOURCE_ORDERS = { NAME: order('name asc', 'id asc') } as const satisfies Record<string, readonly OrderKey[]>;

/** A source's articles: the articles keyed to it, in an article order; their count is Source.articleCount. */
export const sourceArticles = link('Source', 'articles', null, ARTICLE_ORDERS);
