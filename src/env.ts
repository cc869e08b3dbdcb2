// Reading settings from the environment: the helpers src/config.ts and each module's own
// settings reader share. A malformed value is an error naming its variable, never a default.
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {}

/** A positive integer from `name`, or `fallback` when unset. */
export function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, not "${raw}".`);
  return n;
}

/** Comma-separated, blanks ignored: so one token can be rotated while the other still works. */
export const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
