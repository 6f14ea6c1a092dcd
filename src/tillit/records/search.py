"""Full-text search in Swedish over items: PostgreSQL text search, or SQLite FTS5.

The queries are built by `tillit.core.textsearch` (shared with the inbox queue's search);
how the two backends differ is said there and in docs/records.md.
The index lives in records' own tables and is written by the ingest hook, in the
ingest transaction, so a stored item is always searchable.
"""

from django.db import connection
from django.db.models import QuerySet

from tillit.core import textsearch
from tillit.inbox.models import Item

from .models import SearchText

FTS_TABLE = "records_item_fts"
PG_SELECT = (
    "SELECT item_id FROM records_searchtext "
    "WHERE to_tsvector('swedish'::regconfig, text) @@ to_tsquery('swedish'::regconfig, %s)"
)


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


def search_index(item: Item) -> None:
    """Store (or replace) the item's searchable text; call inside the writing transaction."""
    SearchText.objects.update_or_create(item=item, defaults={"text": item.text})
    if _sqlite():
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])  # noqa: S608
            cur.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)",  # noqa: S608
                [item.pk, item.text],
            )


def search_index_new(items: list[Item]) -> None:
    """Index many items never indexed before in a few statements (loads that bypass ingest)."""
    SearchText.objects.bulk_create((SearchText(item=i, text=i.text) for i in items), batch_size=500)
    if _sqlite() and items:
        with connection.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)",  # noqa: S608
                [(i.pk, i.text) for i in items],
            )


def search_forget(item_ids: list[int]) -> None:
    """Drop disposed items from the SQLite index (SearchText rows go with the item)."""
    if _sqlite() and item_ids:
        marks = ",".join(["%s"] * len(item_ids))
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", item_ids)  # noqa: S608


def search_reindex() -> int:
    """Index every item that is not yet indexed (items stored before records was installed)."""
    count = 0
    for item in Item.objects.filter(search_text__isnull=True).iterator(chunk_size=500):
        search_index(item)
        count += 1
    return count


def search_filter(qs: QuerySet[Item], text: str) -> QuerySet[Item]:
    """Items of `qs` whose text matches `text` in Swedish full-text search."""
    return textsearch.matching(qs, text, fts_table=FTS_TABLE, pg_select=PG_SELECT)
