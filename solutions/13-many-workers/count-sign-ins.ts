/**
 * Exercise 13-count-sign-ins: write a migration, a schema step for a
 * database that already holds data.
 *
 * The sign-in app's schema is a list of steps (starter/signin/store/
 * migrations.ts), each said twice: in SQLite's SQL and in PostgreSQL's.
 * A server that starts applies the steps its database is missing. With
 * many workers and one database, that database is live while you change
 * it, full of users: a step must work on a table that has rows.
 *
 * Write step 4, `countSignIns`: the `users` table gets a column
 * `sign_ins`, a whole number that is never missing and starts at 0. Every
 * user who is already there must end up with 0, and a user added later
 * without naming the column too.
 *
 * 1. `sqlite`: one `ALTER TABLE ... ADD COLUMN` statement. The table is
 *    STRICT: the column's type is `INTEGER`.
 * 2. `postgres`: the same change with PostgreSQL's type, `integer`.
 * 3. A `NOT NULL` column needs a `DEFAULT` when the table has rows: what
 *    else would the existing rows hold?
 *
 * Check it: npm run learn -- check 13-count-sign-ins
 * Read: lessons/13-many-workers/README.md, "Exercise: a migration on a live table".
 */

/** A schema step, as migrations.ts lists them. */
export interface SchemaStep {
  name: string;
  sqlite: string;
  postgres: string;
}

export const countSignIns: SchemaStep = {
  name: "count sign-ins",
  // Step: the SQLite statement; DEFAULT 0 is what the rows already there get.
  sqlite: "ALTER TABLE users ADD COLUMN sign_ins INTEGER NOT NULL DEFAULT 0",
  // Step: the same for PostgreSQL, which fills the existing rows without rewriting the table.
  postgres: "ALTER TABLE users ADD COLUMN sign_ins integer NOT NULL DEFAULT 0",
};
