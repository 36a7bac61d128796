import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  help: `Usage: paperboy migrate

Applies every migration not yet applied to the database named by PAPERBOY_DATABASE_URL.
Safe to run while other paperboy processes are running, and from several at once.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const db = openDatabase(loadConfig().databaseUrl);
    try {
      const { applied } = await migrateToLatest(db);
      console.log(
        applied.length
          ? `applied ${applied.join(', ')} to ${db.description}`
          : `${db.description} is up to date`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
