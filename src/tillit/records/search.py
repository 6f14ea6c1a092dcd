"""Full-text search in Swedish over items: PostgreSQL text search, or SQLite FTS5.

The two backends differ, and the difference is documented in docs/records.md:
- PostgreSQL stems with the `swedish` configuration ("bygglovs" finds "bygglov"); its snowball
  stemmer leaves some definite forms ("bygglovet") alone, so each word is also tried cut back
  by common endings, as a prefix: "bygglovet" finds "bygglov".
- SQLite FTS5 has no Swedish stemmer. Its table uses the `unicode61` tokenizer with
  `remove_diacritics 0` (so "får" and "far" stay apart, as they must in Swedish) and
  prefix indexes; each query word is cut back by a few common Swedish endings and
  matched as a prefix, which finds "bygglov" from "bygglovet" but is cruder than stemming.
The index lives in records' own tables and is written by the ingest hook, in the
ingest transaction, so a stored item is always searchable.
"""

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from tillit.inbox.models import Item

from .models import SearchText

FTS_TABLE = "records_item_fts"
# Longest first: "-arna" must be tried before "-na".
_SUFFIXES = (
    "arnas",
    "ernas",
    "arna",
    "erna",
    "orna",
    "ornas",
    "ens",
    "ets",
    "en",
    "et",
    "er",
    "ar",
    "or",
    "na",
    "s",
)
_WORD = re.compile(r"\w+", re.UNICODE)


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


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def sqlite_query(text: str) -> str:
    """An FTS5 query: every word (roughly stemmed) must occur as a prefix."""
    words = [_stem(w.lower()) for w in _WORD.findall(text)][:20]
    return " ".join(f'"{w}"*' for w in words if w)


def search_filter(qs: QuerySet[Item], text: str) -> QuerySet[Item]:
    """Items of `qs` whose text matches `text` in Swedish full-text search."""
    text = text.strip()[:300]
    if not text:
        return qs
    if _sqlite():
        query = sqlite_query(text)
        if not query:
            return qs.none()
        # The query travels as a parameter; only our own constant table name is formatted in.
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return qs.filter(pk__in=RawSQL(sql, [query]))  # noqa: S611
    query = pg_query(text)
    if not query:
        return qs.none()
    return qs.filter(
        pk__in=RawSQL(  # noqa: S611  (constant SQL; the query is a parameter)
            "SELECT item_id FROM records_searchtext "
            "WHERE to_tsvector('swedish'::regconfig, text) @@ to_tsquery('swedish'::regconfig, %s)",
            [query],
        )
    )


def pg_query(text: str) -> str:
    """A tsquery: each word stemmed by PostgreSQL's Swedish snowball, or its cut form as a prefix.

    The snowball stemmer leaves some definite forms alone ("bygglovet" stays "bygglovet"),
    so the word cut back by the same endings as on SQLite is also tried as a prefix.
    """
    words = [w.lower() for w in _WORD.findall(text)][:20]
    # \w+ words hold no quotes or operators, so quoting them is enough to be safe.
    return " & ".join(f"('{w}' | '{_stem(w)}':*)" for w in words if w)
