// GET /export/{articles,events,persons}.{ndjson,csv}[?since=2024-05-01]: the archive streamed
// (src/export/stream.ts). The body is pulled: a page is read from the database only when the
// client has taken the one before, so memory stays flat whatever the size and the client's speed.
// At most MAX_EXPORTS run at once per server; past that, 503 with a code and Retry-After.
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/index.js';
import { errorResponse } from '../http-status.js';
import { ENTITIES, type Entity } from './records.js';
import { exportChunks, FORMATS, type Format, parseSince } from './stream.js';

export const MAX_EXPORTS = 4;
/** Where exports are served: streams that last as long as their client reads (src/shutdown.ts). */
export const EXPORT_PREFIX = '/export/';
const ROUTE = new RegExp(`^${EXPORT_PREFIX}(${ENTITIES.join('|')})\\.(${FORMATS.join('|')})$`);
const TYPES: { [F in Format]: string } = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export function useExport(read: Db['readValue']): Plugin {
  let running = 0;
  return {
    onRequest({ url, request, endResponse }) {
      if (!url.pathname.startsWith(EXPORT_PREFIX)) return;
      const route = ROUTE.exec(url.pathname);
      if (!route)
        return endResponse(
          errorResponse(404, 'NOT_FOUND', `No such export; there are ${EXPORT_PREFIX}{${ENTITIES.join(',')}}.{${FORMATS.join(',')}}.`),
        );
      if (request.method !== 'GET')
        return endResponse(errorResponse(405, 'METHOD_NOT_ALLOWED', 'Exports are read with GET.', {}, { allow: 'GET' }));
      let since: Date | undefined;
      try {
        since = parseSince(url.searchParams.get('since'));
      } catch (error) {
        return endResponse(errorResponse(400, 'BAD_USER_INPUT', (error as Error).message));
      }
      if (running >= MAX_EXPORTS)
        return endResponse(
          errorResponse(503, 'TOO_MANY_EXPORTS', `${MAX_EXPORTS} exports are running; try again shortly.`, {}, { 'retry-after': '10' }),
        );
      const [entity, format] = [route[1] as Entity, route[2] as Format];
      running += 1;
      const chunks = exportChunks(read, entity, { since, format });
      const encoder = new TextEncoder();
      let done = false;
      const finish = () => {
        if (!done) running -= 1;
        done = true;
      };
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) {
              finish();
              controller.close();
            } else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            // Headers are sent: the client sees a cut stream, the log says why.
            finish();
            controller.error(error);
          }
        },
        async cancel() {
          finish();
          await chunks.return(undefined);
        },
      });
      endResponse(
        new Response(body, {
          headers: {
            'content-type': TYPES[format],
            'content-disposition': `attachment; filename="${entity}.${format}"`,
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}
