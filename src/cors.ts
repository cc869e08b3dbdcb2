// Which web pages may call the API from a browser. The archive is public and writes take a bearer
// token, never a cookie: by default any origin may read, and no request carries credentials.
// NEWSGRAPH_CORS_ORIGINS narrows it to a list; NEWSGRAPH_CORS_CREDENTIALS=true lets those
// origins send cookies, for a deployment behind a cookie-based gateway. The CSRF guard is
// src/limits.ts's: a POST must be JSON, which a cross-site form cannot send.
import type { CORSOptions } from 'graphql-yoga';
import { type Env, list } from './env.js';
import { REQUEST_ID_HEADER } from './request-id.js';

export function corsFrom(env: Env): CORSOptions {
  const origins = list(env.NEWSGRAPH_CORS_ORIGINS);
  const allowList = origins.length > 0 && !origins.includes('*');
  return {
    origin: allowList ? origins : '*',
    // Credentials only for named origins: never for any page at all.
    credentials: allowList && env.NEWSGRAPH_CORS_CREDENTIALS === 'true',
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'accept', 'authorization', REQUEST_ID_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER],
    maxAge: 600,
  };
}
