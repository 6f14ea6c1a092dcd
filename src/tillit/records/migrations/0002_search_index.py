"""The full-text index: an FTS5 table on SQLite, a Swedish GIN expression index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS records_item_fts USING fts5("
    "text, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
)
PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS records_searchtext_swedish "
    "ON records_searchtext USING GIN (to_tsvector('swedish'::regconfig, text))"
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS records_item_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS records_searchtext_swedish")


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
