// Runs `prisma generate` (Prisma client + Pothos types) on machines that cannot download
// Prisma's native schema engine: generate only checks that the engine file exists, it never
// runs it, so any existing file satisfies it. A user who has the real engine keeps theirs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
