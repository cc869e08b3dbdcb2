import { builder } from '../builder.js';
import './partial-date.js';
import './source.js';
import './article.js';
import './article-version.js';
import './person.js';
import './person-title.js';
import './person-alias.js';
import './person-link.js';
import './event.js';
import './search.js';
import './timeline.js';
import './ingest.js';
import './subscription.js';

export const schema = builder.toSchema({ sortSchema: true });
