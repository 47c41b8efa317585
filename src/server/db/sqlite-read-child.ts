/**
 * The program each SQLite read process runs (`node -e`), kept as text so that the bundled CLI and
 * the sources start it the same way, with no file of its own to find. It opens the database
 * read-only with the settings the server's own connection uses for reads, then answers
 * `{ id, sql, parameters }` messages with `{ id, rows }` or `{ id, error }`, one at a time.
 */
export const SQLITE_READ_CHILD_SOURCE = `
const Database = require(process.env.TERN_SQLITE_DRIVER);
const db = new Database(process.env.TERN_SQLITE_FILE, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.pragma("case_sensitive_like = ON");
const statements = new Map();
process.on("message", ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > 500) statements.delete(statements.keys().next().value);
    }
    process.send({ id, rows: statement.all(...parameters) });
  } catch (error) {
    process.send({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
process.on("disconnect", () => process.exit(0));
`;
