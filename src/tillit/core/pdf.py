"""The font Tillit's PDFs are drawn in: a TrueType font, embedded, that has Swedish letters.

The PDF standard fonts (Helvetica and the rest) are not embedded and cover Latin-1 only
through a viewer's substitutes; an archived report or release must read the same in twenty
years. DejaVu Sans is used where the system has it (wider coverage, the block used for
masking); otherwise Bitstream Vera, which ReportLab ships, so a fresh installation needs
nothing beside it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_REPORTLAB_FONTS = Path(pdfmetrics.__file__).resolve().parent.parent / "fonts"
_CANDIDATES = [
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (_REPORTLAB_FONTS / "Vera.ttf", _REPORTLAB_FONTS / "VeraBd.ttf"),
]
_state: dict[str, object] = {}

REGULAR, BOLD = "TillitSans", "TillitSans-Bold"


def pdf_fonts() -> tuple[str, str]:
    """The names of the regular and bold embedded fonts, registered with ReportLab once."""
    if not _state:
        for regular, bold in _CANDIDATES:
            if regular.is_file():
                font = TTFont(REGULAR, str(regular))
                pdfmetrics.registerFont(font)
                pdfmetrics.registerFont(TTFont(BOLD, str(bold if bold.is_file() else regular)))
                _state.update(regular=REGULAR, bold=BOLD, glyphs=font.face.charToGlyph)
                break
        else:  # pragma: no cover - ReportLab always ships Vera
            _state.update(regular="Helvetica", bold="Helvetica-Bold", glyphs={})
    return str(_state["regular"]), str(_state["bold"])


def pdf_font_has(char: str) -> bool:
    """Whether the embedded font can draw ``char``."""
    pdf_fonts()
    glyphs = _state.get("glyphs") or {}
    return ord(char) in glyphs  # type: ignore[operator]
