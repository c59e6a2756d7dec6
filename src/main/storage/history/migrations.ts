import type { DatabaseSync } from 'node:sqlite'
import { AppError } from '../../../shared/ipc/errors.ts'
import { withTransaction } from './sqlite.ts'

/**
 * The schema as a list of steps; step N takes a database from `user_version` N - 1 to N. A step
 * that shipped is never edited: a change is a new step, so every older file walks the same path.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: conversations and their message trees. No CHECKs on roles or states: SQLite cannot alter a
  // CHECK without rebuilding the table, and the values are checked in code before they get here.
  // The message count is kept by triggers: counting on every list read costs 10 ms at 100,000 messages.
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    model TEXT NOT NULL,
    system_prompt TEXT NOT NULL,
    options TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    active_leaf_id TEXT,
    message_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
  ) STRICT;
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES messages (id),
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT,
    stats TEXT,
    truncated_tokens INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);
  CREATE INDEX messages_by_parent ON messages (parent_id);
  CREATE INDEX messages_streaming ON messages (state) WHERE state = 'streaming';
  CREATE INDEX conversations_listed ON conversations (pinned DESC, updated_at DESC) WHERE deleted_at IS NULL;
  CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;
  CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
    UPDATE conversations SET message_count = message_count + 1 WHERE id = new.conversation_id;
  END;
  CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
    UPDATE conversations SET message_count = message_count - 1 WHERE id = old.conversation_id;
  END;
  `,
  // 2: full-text search. A reply is indexed once it stops streaming: re-indexing a long reply every
  // second while it grows would churn the index for text nobody searches yet. The view makes that
  // rule the index's content table, so FTS5's 'rebuild' and 'integrity-check' agree with the triggers.
  `
  CREATE VIEW messages_searchable AS SELECT rowid AS message_rowid, content FROM messages WHERE state <> 'streaming';
  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content,
    content = 'messages_searchable',
    content_rowid = 'message_rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  );
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.state <> 'streaming' BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, new.content);
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.state <> 'streaming' BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, state ON messages
  WHEN old.content IS NOT new.content OR (old.state = 'streaming') <> (new.state = 'streaming') BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) SELECT 'delete', old.rowid, old.content WHERE old.state <> 'streaming';
    INSERT INTO messages_fts (rowid, content) SELECT new.rowid, new.content WHERE new.state <> 'streaming';
  END;
  INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
  `,
  // 3: images attached to user messages for vision models, kept apart so reading a conversation
  // (and its 10,000-message list) never drags megabytes of pixels along.
  `
  CREATE TABLE message_images (
    message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (message_id, position)
  ) STRICT, WITHOUT ROWID;
  `,
  // 4: document summaries. The whole result (chunks, coverage) is one JSON value read back whole;
  // `summary` is the searchable text: the final summary, or the part notes of a cancelled job.
  // The model and completeness are columns of their own so the list never parses the result. A row is
  // written once and never changed, so the index needs no update trigger.
  `
  CREATE TABLE summaries (
    id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    model TEXT NOT NULL,
    options TEXT NOT NULL,
    result TEXT NOT NULL,
    summary TEXT NOT NULL,
    pages INTEGER,
    complete INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX summaries_listed ON summaries (created_at DESC);
  CREATE VIRTUAL TABLE summaries_fts USING fts5 (
    file_name,
    summary,
    content = 'summaries',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  );
  CREATE TRIGGER summaries_fts_insert AFTER INSERT ON summaries BEGIN
    INSERT INTO summaries_fts (rowid, file_name, summary) VALUES (new.rowid, new.file_name, new.summary);
  END;
  CREATE TRIGGER summaries_fts_delete AFTER DELETE ON summaries BEGIN
    INSERT INTO summaries_fts (summaries_fts, rowid, file_name, summary) VALUES ('delete', old.rowid, old.file_name, old.summary);
  END;
  `,
  // 5: a thinking model's reasoning, kept apart from the answer (it is shown folded and never sent back).
  `
  ALTER TABLE messages ADD COLUMN thinking TEXT;
  `,
]

export const SCHEMA_VERSION = MIGRATIONS.length

function userVersion(db: DatabaseSync): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0)
}

/**
 * Applies the missing steps, each in its own transaction together with the new `user_version`, so
 * a crash leaves the file at the last finished step. The version is read again under the write
 * lock: another process (app and CLI share the file) that migrated first is seen, not redone.
 */
export function migrate(db: DatabaseSync, file: string): void {
  while (userVersion(db) < SCHEMA_VERSION) {
    withTransaction(db, () => {
      const current = userVersion(db)
      if (current < SCHEMA_VERSION) db.exec(`${MIGRATIONS[current]}\nPRAGMA user_version = ${current + 1};`)
    })
  }
  const version = userVersion(db)
  if (version > SCHEMA_VERSION) throw tooNew(file, version)
}

function tooNew(file: string, version: number): AppError {
  return new AppError({
    code: 'INTERNAL',
    message: `The chat history ${file} was written by a newer version of Instruct Desk (schema ${version}; this version knows up to ${SCHEMA_VERSION}).`,
    hint: 'Update Instruct Desk to open it. The file was not changed.',
    retryable: false,
  })
}
