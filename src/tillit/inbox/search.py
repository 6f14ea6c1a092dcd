"""Free-text search of the queue: the inbox's own index, queried by `tillit.core.textsearch`.

The index (migration 0005) covers an item's text and the sender's name as displayed. On
SQLite it is an FTS5 table kept by triggers; on PostgreSQL a GIN index on the expression
below, which must stay identical to the migration's for the planner to use it.
"""

from django.db.models import QuerySet

from tillit.core import textsearch

from .models import Item

FTS_TABLE = "inbox_item_fts"
PG_SELECT = (
    "SELECT id FROM inbox_item WHERE to_tsvector('swedish'::regconfig, text || ' ' || "
    "author_name) @@ to_tsquery('swedish'::regconfig, %s)"
)


def item_search(qs: QuerySet[Item], text: str) -> QuerySet[Item]:
    """Items of `qs` whose text or sender matches `text` (inflected Swedish words found)."""
    return textsearch.matching(qs, text, fts_table=FTS_TABLE, pg_select=PG_SELECT)
