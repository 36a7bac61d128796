// Whether a database error is a unique-constraint violation, on either dialect: better-sqlite3 says
// SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY), PostgreSQL SQLSTATE 23505.
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
