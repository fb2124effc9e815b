/** The help of every command's --db option. */
export const DB_HELP =
  "the store: file:PATH (SQLite) or postgresql://... (default: DATABASE_URL, else file:./data/mse.db)";
