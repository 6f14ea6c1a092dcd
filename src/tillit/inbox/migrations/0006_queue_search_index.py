"""The queue's full-text index over items: FTS5 on SQLite, a Swedish GIN index on PostgreSQL.

SQLite: an external-content FTS5 table over `inbox_item` (text and the sender's name as
displayed), kept in step by triggers, so every write path (ingest, an edit, a disposal run,
a bulk load) updates it in the writing transaction and a stored item is always findable.
PostgreSQL: a GIN index on the same expression `tillit.inbox.search` queries; the planner
keeps it current itself.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS inbox_item_fts USING fts5("
    "text, author_name, content='inbox_item', content_rowid='id', "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')",
    "CREATE TRIGGER IF NOT EXISTS inbox_item_fts_ai AFTER INSERT ON inbox_item BEGIN "
    "INSERT INTO inbox_item_fts(rowid, text, author_name) "
    "VALUES (new.id, new.text, new.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS inbox_item_fts_ad AFTER DELETE ON inbox_item BEGIN "
    "INSERT INTO inbox_item_fts(inbox_item_fts, rowid, text, author_name) "
    "VALUES ('delete', old.id, old.text, old.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS inbox_item_fts_au AFTER UPDATE OF text, author_name "
    "ON inbox_item BEGIN "
    "INSERT INTO inbox_item_fts(inbox_item_fts, rowid, text, author_name) "
    "VALUES ('delete', old.id, old.text, old.author_name); "
    "INSERT INTO inbox_item_fts(rowid, text, author_name) "
    "VALUES (new.id, new.text, new.author_name); END",
    # Items stored before this migration.
    "INSERT INTO inbox_item_fts(inbox_item_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS inbox_item_fts_ai",
    "DROP TRIGGER IF EXISTS inbox_item_fts_ad",
    "DROP TRIGGER IF EXISTS inbox_item_fts_au",
    "DROP TABLE IF EXISTS inbox_item_fts",
]
PG = [
    "CREATE INDEX IF NOT EXISTS inbox_item_swedish ON inbox_item USING GIN "
    "(to_tsvector('swedish'::regconfig, text || ' ' || author_name))"
]
PG_DROP = ["DROP INDEX IF EXISTS inbox_item_swedish"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": PG}.get(vendor, []):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DROP, "postgresql": PG_DROP}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("inbox", "0005_queue_workbench")]

    operations = [migrations.RunPython(create, drop)]
