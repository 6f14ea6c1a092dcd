"""Swedish full-text queries, shared by every app that keeps a text index.

One implementation of the query side; each app keeps its own index (an FTS5 table on
SQLite whose rowid is the row's primary key, a GIN expression index on PostgreSQL) and
passes its table or expression here:

- PostgreSQL stems with the `swedish` configuration ("bygglovs" finds "bygglov"). Its
  snowball stemmer leaves some definite forms alone ("hotet", "bygglovet"), so each word
  is also tried cut back by common endings, as a prefix: "hotet" finds "hot".
- SQLite FTS5 has no Swedish stemmer. The tables use the `unicode61` tokenizer with
  `remove_diacritics 0` (so "får" and "far" stay apart, as they must in Swedish) and prefix
  indexes; each query word is cut back by the same endings and matched as a prefix, which
  finds "kommun" from "kommunens" but is cruder than stemming ("hot" also finds "hotell").

Platform and public text is hostile: only \\w+ words reach a query, at most `MAX_WORDS` of
them from the first `MAX_CHARS` characters, always as bound parameters.
"""

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

MAX_CHARS = 300
MAX_WORDS = 20
#: A word keeps at least this many letters when cut ("hotet" -> "hot", "ser" stays).
MIN_STEM = 3
# Longest first: "-arnas" must be tried before "-arna" and "-na".
_SUFFIXES = tuple(
    sorted(
        ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "en", "et", "er")
        + ("ar", "or", "na", "s"),
        key=len,
        reverse=True,
    )
)
_WORD = re.compile(r"\w+", re.UNICODE)
_TABLE = re.compile(r"^[a-z_][a-z0-9_]*$")


def words(text: str) -> list[str]:
    """The query's words, lower-cased and bounded."""
    return [w.lower() for w in _WORD.findall(text[:MAX_CHARS])][:MAX_WORDS]


def stem(word: str) -> str:
    """The word cut back by the longest common Swedish ending that leaves `MIN_STEM` letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def fts5_query(text: str) -> str:
    """An FTS5 query: every word (roughly stemmed) must occur as a prefix."""
    return " ".join(f'"{stem(w)}"*' for w in words(text) if w)


def pg_tsquery(text: str) -> str:
    """A tsquery: each word stemmed by PostgreSQL's Swedish snowball, or its cut form as a prefix."""
    # \w+ words hold no quotes or operators, so quoting them is enough to be safe.
    return " & ".join(f"('{w}' | '{stem(w)}':*)" for w in words(text) if w)


def matching(qs: QuerySet, text: str, *, fts_table: str, pg_select: str) -> QuerySet:
    """Rows of `qs` whose indexed text matches `text`; `qs` unchanged for an empty query.

    `fts_table` is the SQLite FTS5 table (rowid = primary key); `pg_select` is constant SQL
    selecting primary keys with one `%s` for the tsquery, e.g. ``SELECT id FROM t WHERE
    to_tsvector('swedish'::regconfig, text) @@ to_tsquery('swedish'::regconfig, %s)``.
    """
    text = text.strip()
    if not text:
        return qs
    if connection.vendor == "sqlite":
        if not _TABLE.match(fts_table):
            raise ValueError(f"not a table name: {fts_table!r}")
        query = fts5_query(text)
        if not query:
            return qs.none()
        # Only our own constant table name is formatted in; the query is a parameter.
        sql = f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s"  # noqa: S608
        return qs.filter(pk__in=RawSQL(sql, [query]))  # noqa: S611
    query = pg_tsquery(text)
    if not query:
        return qs.none()
    return qs.filter(pk__in=RawSQL(pg_select, [query]))  # noqa: S611  (constant SQL)
