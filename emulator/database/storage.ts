import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoredDocument {
  collection: string;
  id: string;
  body: string;
}

/** One row change; a null body deletes the document. */
export interface RowWrite {
  collection: string;
  id: string;
  body: string | null;
}

/**
 * The data directory's SQLite file, opened so that a write returns only once it is in the file: WAL
 * with synchronous = NORMAL, so each commit is appended to the write-ahead log (handed to the
 * operating system) before `write` returns. That is what survives `kill -9`: the process dies, the
 * kernel still holds the log and writes it out. Only a power cut or a crash of the operating system
 * itself may lose the last commits (never half of one: the database stays consistent); the log is
 * fsynced at each checkpoint. synchronous = FULL would fsync every commit, about 1.5 ms on the
 * development machine, on the one thread every request runs on: 40% of a claim storm's time, for a
 * promise (power cuts) a development cloud does not make.
 */
function openDurable(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(databaseFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * Durable storage: each document is one row of canonical EJSON keyed by (collection, id).
 * Querying happens in memory; SQLite is only written to and read back at open, so it just has
 * to be durable: every commit is in the write-ahead log before `write` returns, which is what lets
 * an acknowledged write survive `kill -9` (see openDurable for what a power cut may lose).
 */
export class Storage {
  private readonly db: Database.Database;
  private readonly insertCollection: Database.Statement;
  private readonly upsertDocument: Database.Statement;
  private readonly deleteDocument: Database.Statement;
  private readonly writeRows: (rows: RowWrite[]) => void;

  constructor(dataDir: string) {
    this.db = openDurable(dataDir);
    // A rowid table (not WITHOUT ROWID) so that reloading keeps insertion order, the natural order
    // queries without orderBy return.
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (collection, id)
      );
    `);
    this.insertCollection = this.db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)');
    this.upsertDocument = this.db.prepare(
      'INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ' +
        'ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body',
    );
    this.deleteDocument = this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
    this.writeRows = this.db.transaction((rows: RowWrite[]) => {
      for (const row of rows) {
        if (row.body === null) this.deleteDocument.run(row.collection, row.id);
        else this.upsertDocument.run(row.collection, row.id, row.body);
      }
    });
  }

  collections(): string[] {
    const rows = this.db.prepare('SELECT name FROM collections ORDER BY rowid').all() as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }

  documents(): StoredDocument[] {
    return this.db.prepare('SELECT collection, id, body FROM documents ORDER BY rowid').all() as StoredDocument[];
  }

  addCollection(name: string): void {
    this.insertCollection.run(name);
  }

  /** All rows in one SQLite transaction: a batch is durable entirely or not at all. */
  write(rows: RowWrite[]): void {
    if (rows.length > 0) this.writeRows(rows);
  }

  /** Delete every document, and every collection not named in `keep`. */
  clear(keep: string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents').run();
      this.db.prepare('DELETE FROM collections').run();
      for (const name of keep) this.insertCollection.run(name);
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** The file both stores live in: one durable file per data directory. */
function databaseFile(dataDir: string): string {
  return join(dataDir, 'database.sqlite');
}

/**
 * Durable key-value records of the local cloud's other services (cloud payment's orders), kept in
 * the database's own file with the same guarantees: a record `put` returns only once it is in the
 * write-ahead log, so it survives `kill -9` like an acknowledged database write. A connection of its own, so the
 * database's storage stays untouched; WAL lets both connections share the file.
 */
export class ServiceRecords {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly selectAll: Database.Statement;
  private readonly deleteAll: Database.Statement;

  constructor(dataDir: string) {
    this.db = openDurable(dataDir);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS service_records (
        service TEXT NOT NULL,
        key TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (service, key)
      );
    `);
    this.upsert = this.db.prepare(
      'INSERT INTO service_records (service, key, body) VALUES (?, ?, ?) ' +
        'ON CONFLICT (service, key) DO UPDATE SET body = excluded.body',
    );
    // rowid order: records read back in the order they were first written.
    this.selectAll = this.db.prepare('SELECT key, body FROM service_records WHERE service = ? ORDER BY rowid');
    this.deleteAll = this.db.prepare('DELETE FROM service_records WHERE service = ?');
  }

  all(service: string): Array<{ key: string; body: string }> {
    return this.selectAll.all(service) as Array<{ key: string; body: string }>;
  }

  put(service: string, key: string, body: string): void {
    this.upsert.run(service, key, body);
  }

  clear(service: string): void {
    this.deleteAll.run(service);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
