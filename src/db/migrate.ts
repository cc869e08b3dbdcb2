// Applying and generating migrations offline with the WebAssembly schema engine. The same
// migration files serve PGlite and a PostgreSQL server: only the adapter differs.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, type SchemaEngine } from './schema-engine.js';

const root = resolve(import.meta.dirname, '../..');
export const schemaPath = join(root, 'prisma/schema.prisma');
export const migrationsDir = join(root, 'prisma/migrations');
const noFilters = { externalTables: [], externalEnums: [] };

async function readMigrationsList(dir = migrationsDir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(join(dir, name, 'migration.sql'), 'utf8').then(
            (text) => ({ tag: 'ok' as const, value: text }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const engine = await openSchemaEngine(schema, adapter);
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
  }
}

/** Applies every pending migration; returns the names of those it applied. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrationsList();
  return withEngine(adapter, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * The SQL that would bring the committed migrations up to prisma/schema.prisma: empty when
 * they agree. Replays the migrations on the adapter's shadow database.
 */
export async function pendingSchemaChange(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const migrationsList = await readMigrationsList();
  return withEngine(adapter, async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    } as Parameters<SchemaEngine['diff']>[0]);
    const sql = result.stdout ?? '';
    return sql.includes('empty migration') ? '' : sql.trim();
  });
}
