"""The export sanitiser: XML 1.0's character set, and CSV cells no spreadsheet runs as formulas."""

import csv
import io

import pytest
from lxml import etree

from tillit.core.sanitise import (
    BOM,
    FORMULA_START,
    REPLACEMENT,
    clean_text,
    csv_cell,
    csv_text,
    pdf_text,
    xml_text,
)

HOSTILE = ["\x1b", "\x0b", "\x00", "\ufffe", "\uffff", "\ud800", "\udfff", "\x7f", "\x85"]
HOSTILE += ["\ufdd0", "\U0001fffe", "\U0010ffff"]
KEPT = "Hej\tdär\nå ä ö é ß € 😀 \u2028 \ue000 \U00010000"

# Cells an attacker would send, and what they hope a spreadsheet makes of them.
FORMULAS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "a;=1+1;b",
    "a,=1+1,b",
    "a|=1",
    'a;"=1+1";b',
    "a, =1",
    'a,"  @x',
    'rad ett\n=HYPERLINK("http://evil")',
    "rad\r\n-2+3",
    '=cmd|" /C calc"!A0',
    "x;;=1",
    '";=1;"',
]


@pytest.mark.parametrize("char", HOSTILE)
def test_every_unsafe_code_point_becomes_a_replacement_character(char):
    assert clean_text(f"a{char}b") == f"a{REPLACEMENT}b"


def test_xml_text_keeps_what_xml_allows_and_lxml_round_trips_it():
    root = etree.Element("r")
    root.text = xml_text(KEPT + "".join(HOSTILE))
    root.set("a", xml_text("".join(HOSTILE)))
    parsed = etree.fromstring(etree.tostring(root, encoding="UTF-8"))
    assert parsed.text == KEPT + REPLACEMENT * len(HOSTILE)
    assert parsed.get("a") == REPLACEMENT * len(HOSTILE)


def test_pdf_text_normalises_line_breaks_and_tabs():
    assert pdf_text("a\r\nb\rc\td\x1b") == f"a\nb\nc d{REPLACEMENT}"


def test_none_is_empty():
    assert clean_text(None) == "" and csv_cell(None) == ""


def _parsed_cells(text: str, delimiter: str) -> list[str]:
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=delimiter)
    return [cell for row in reader for cell in row]


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_no_parsed_cell_starts_a_formula_whatever_separator_is_guessed(delimiter):
    text = csv_text(["=Rubrik", "Text"], [[f, f"x{f}"] for f in FORMULAS])
    cells = _parsed_cells(text, delimiter)
    assert cells
    for cell in cells:
        # Leading spaces and stray quotes are what a lenient reader may leave before a formula.
        assert cell.lstrip(' "')[:1] not in FORMULA_START, (delimiter, cell)


def test_semicolon_csv_with_bom_reads_back_as_the_cells_written():
    text = csv_text(["Id", "Text"], [[1, 'Hej; på dig, "vän"\nrad två'], [2, "=1+1"]])
    assert text.startswith(BOM + '"Id";"Text"\r\n')
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))
    assert rows == [["Id", "Text"], ["1", 'Hej; på dig, "vän"\nrad två'], ["2", "'=1+1"]]


def test_only_formula_positions_change():
    assert csv_cell("a;=1+1;b") == "a;'=1+1;b"
    assert csv_cell("Pris 100 - 20 = 80") == "Pris 100 - 20 = 80"
    assert csv_cell("e-post@example.se") == "e-post@example.se"
    assert csv_cell("'=1") == "'=1"


def test_a_streamed_csv_is_the_same_file_as_a_whole_one():
    from tillit.core import downloads

    header = ["Namn", "Text"]
    rows = [[f"rad {i}", "=HYPERLINK(1)" if i % 2 else 'åäö; "citat"'] for i in range(1203)]
    whole = downloads.csv_download("a.csv", header, rows)
    streamed = downloads.csv_stream_download("a.csv", header, iter(rows))
    parts = list(streamed)
    # Sent in a few chunks of many lines, not a write per line nor the file at once.
    assert len(parts) == 3
    assert b"".join(parts) == whole.content
    assert streamed["Content-Type"] == whole["Content-Type"]
    assert streamed["Content-Disposition"] == 'attachment; filename="a.csv"'
