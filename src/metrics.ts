// GET /metrics in Prometheus' text format: Yoga's plugin for request, phase and root-resolver
// durations per operation (every field's resolver would cost each read; the compiled reads run
// none), plus ours: errors by code, the database pool, and what ingests stored. One registry per
// server instance, so that several in one process (the tests) do not collide.
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { PoolStats } from './db/index.js';
import { storedSinceStart } from './ingest/counts.js';

export function createMetrics(poolStats?: () => PoolStats) {
  const registry = new Registry();
  // The process's own: memory (RSS, heap, external), event-loop lag, GC, handles.
  collectDefaultMetrics({ register: registry });
  const errors = new Counter({
    name: 'newsgraph_errors_total',
    help: 'Errors answered, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  for (const [what, help] of [
    ['documents', 'Documents stored new or changed'],
    ['articles', 'Articles new to the archive'],
    ['events', 'Events new to the archive'],
  ] as const) {
    new Counter({
      name: `newsgraph_ingest_${what}_total`,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(storedSinceStart[what]);
      },
    });
  }
  if (poolStats) {
    new Gauge({
      name: 'newsgraph_db_pool_connections',
      help: 'Database pool connections, by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const s = poolStats();
        this.set({ state: 'in_use' }, s.total - s.idle);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  const plugin = usePrometheus({
    endpoint: '/metrics',
    registry,
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: true,
      graphql_envelop_error_result: true,
      graphql_envelop_execute_resolver: true,
      // Off, though the plugin turns them on by default: each costs every request and tells
      // nothing here. The schema has no deprecated field (yet the counter walked every query's
      // document to find one), never changes while serving, and the request count and time are
      // request_duration's count and sum (the summary kept a t-digest per label set). The walk
      // alone was 2 % of the person page's server time in a CPU profile under load.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_request: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
    },
    resolversWhitelist: ['Query.*', 'Mutation.*', 'Subscription.*'],
  });
  return { plugin, onError: (code: string) => errors.inc({ code }) };
}
