"""Text that leaves Tillit as XML, a feed, a PDF or a spreadsheet, made safe for that format.

Everything stored came from a platform or the public, so any code point may be in it. What
each format cannot carry is replaced, never silently dropped, by U+FFFD (the Unicode
replacement character, shown as �): a reader sees that something was there, the lengths
of masked spans stay meaningful, and an ERMS or SIP file still validates. A visible escape
such as "\\x1b" was rejected because a sender can type that text themselves, so it would
not tell a real control character from a forged one.

Replaced everywhere (the XML 1.0 Char production, and what XML 1.0 §2.2 discourages):
- C0 controls except tab, newline and carriage return; DEL and the C1 controls (U+007F-U+009F);
- surrogates (a lone one cannot be encoded as UTF-8 at all);
- the non-characters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF in every plane.

CSV cells are also neutralised against spreadsheet formulas (OWASP "CSV injection"): a cell
that begins with = + - @ tab or CR, or has one of them right after any character a
spreadsheet may split on (; , | tab CR LF, perhaps after spaces or quotes), gets a single
quote put before that character. So whichever separator Excel guesses (semicolon in Swedish,
comma elsewhere) and however its quotes then pair up, no cell starts a formula. Files are
written semicolon-separated, every cell quoted, UTF-8 with a byte order mark, as Swedish
Excel expects.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Protocol

REPLACEMENT = "\ufffd"

_NONCHARACTERS = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(17))
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)

FORMULA_START = frozenset("=+-@\t\r")
CSV_SEPARATORS = ";,|\t\r\n"
_FORMULA = re.compile(r'(^|[;,|\t\r\n])([ "]*)(?=[=+\-@\t\r])')

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
BOM = "\ufeff"


def clean_text(value: object) -> str:
    """The value as text with every code point unsafe in any export replaced by U+FFFD."""
    if value is None:
        return ""
    return _UNSAFE.sub(REPLACEMENT, str(value))


def xml_text(value: object) -> str:
    """Text for an XML 1.0 element or attribute (ERMS, METS, PREMIS, Dublin Core)."""
    return clean_text(value)


def feed_text(value: object) -> str:
    """Text for an Atom or RSS feed (XML 1.0, written by Django's feed generator)."""
    return clean_text(value)


def pdf_text(value: object) -> str:
    """Text to draw in a PDF: clean, with CR LF and lone CR as newlines and tabs as spaces.

    The caller still escapes it for ReportLab's paragraph markup.
    """
    return clean_text(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def csv_cell(value: object) -> str:
    """One spreadsheet cell: clean text that no spreadsheet can take for a formula."""
    return _FORMULA.sub(r"\1\2'", clean_text(value))


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...


class _Echo:
    """A file that hands back what is written to it, so the csv module can yield lines."""

    def write(self, text: str, /) -> str:
        return text


def csv_lines(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The BOM, then the header and each row as one semicolon CSV line, neutralised and quoted.

    Lazy, so a long export can be streamed a row at a time (core.downloads).
    """
    yield BOM
    writer = csv.writer(
        _Echo(), delimiter=CSV_DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    yield writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def csv_write(out: _Writable, header: Iterable[object], rows: Iterable[Iterable[object]]) -> None:
    """Write a BOM, the header and the rows as semicolon CSV, every cell neutralised and quoted."""
    for line in csv_lines(header, rows):
        out.write(line)


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """The whole CSV file as a string (see csv_write)."""
    out = io.StringIO()
    csv_write(out, header, rows)
    return out.getvalue()
