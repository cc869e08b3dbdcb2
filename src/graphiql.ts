// GraphiQL served from this server: Yoga's page loads its assets from a CDN, which machines
// without internet cannot reach, so the same files are served from @graphql-yoga/graphiql.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderGraphiQL, type GraphiQLOptions, type Plugin } from 'graphql-yoga';

export const ASSET_PATH = '/graphiql-assets/';
const ASSETS: Record<string, string> = {
  'graphiql.css': 'text/css',
  'yoga-graphiql.umd.js': 'text/javascript',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript',
};
const distDir = dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql'));
const cache = new Map<string, Promise<Buffer>>();

export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  return renderGraphiQL(options)
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, ASSET_PATH)
    .replace(/<link rel=icon href=[^>]+>/, '<link rel=icon href="data:,">');
}

/** Answers GET /graphiql-assets/<file> for the listed files only. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PATH) || request.method !== 'GET') return;
      const name = url.pathname.slice(ASSET_PATH.length);
      const type = ASSETS[name];
      if (!type) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      if (!cache.has(name)) cache.set(name, readFile(join(distDir, name)));
      return cache.get(name)!.then((body) => {
        endResponse(
          new fetchAPI.Response(new Uint8Array(body), {
            status: 200,
            headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
          }),
        );
      });
    },
  };
}
