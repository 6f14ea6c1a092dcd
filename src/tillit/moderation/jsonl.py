"""JSONL moderation (pure Python): one verdict line per input line, and a readable explanation."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from ..core.catalogue import language, translator
from .detectors import CATEGORIES, analyse, analyse_many
from .detectors.base import Analysis
from .names import CATEGORY_NAMES, DETECTOR_NAMES, SUBTYPE_NAMES

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

MAX_TEXT_CHARS = 20_000
MAX_LINE_CHARS = 200_000
_BOLD, _RESET = "\033[1m", "\033[0m"


def _(message: str) -> str:
    """Translate a msgid with the app's catalogue (Swedish by default; no Django needed)."""
    return translator(language())(message)


def _number(value: float) -> str:
    """Two decimals, with a decimal comma in Swedish."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if language() == "sv" else text


def verdict(item_id: object, analysis: Analysis, threshold: float) -> dict[str, object]:
    """Return the JSON-ready verdict for one analysed text."""
    return {
        "id": item_id,
        "flagged": analysis.flagged(threshold),
        "score": analysis.score,
        "categories": {c: analysis.categories[c] for c in CATEGORIES},
        "rules": analysis.rules_at(threshold),
        "raised_by_model": analysis.raised_by_model(threshold),
        "model_score": analysis.triage,
        "model_version": analysis.model_version,
        "findings": [
            {
                "category": f.category,
                "start": f.start,
                "end": f.end,
                "detector": f.detector,
                "evidence": f.evidence,
            }
            for f in analysis.findings
        ],
    }


BATCH = 64  # lines analysed together: the model embeds the unsure texts of a batch at once


def parse_line(line: str) -> tuple[object, str] | dict[str, object]:
    """Return (id, text) from one JSONL line, or the error object to write instead."""
    if len(line) > MAX_LINE_CHARS:
        error = _("The line is longer than %(limit)s characters.") % {"limit": MAX_LINE_CHARS}
        return {"id": None, "error": error}
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        error = _("The line is not valid JSON (at character %(column)s).") % {"column": exc.pos + 1}
        return {"id": None, "error": error}
    except ValueError:  # not a decode error, e.g. an integer past Python's digit limit
        return {"id": None, "error": _("The line is not valid JSON (a number is too long).")}
    if not isinstance(item, dict):
        return {"id": None, "error": _("The line is not a JSON object.")}
    item_id = item.get("id")
    text = item.get("text")
    if text is None:
        return {"id": item_id, "error": _("The line has no text.")}
    if not isinstance(text, str):
        return {"id": item_id, "error": _("The text is not a string.")}
    if len(text) > MAX_TEXT_CHARS:
        error = _("The text is longer than %(limit)s characters.") % {"limit": MAX_TEXT_CHARS}
        return {"id": item_id, "error": error}
    return item_id, text


def moderate_lines(lines: list[str], threshold: float = 0.5) -> list[dict[str, object]]:
    """Moderate JSONL lines as one batch; problems become error objects, in place."""
    parsed = [parse_line(line) for line in lines]
    ok = [p for p in parsed if isinstance(p, tuple)]
    analyses = iter(analyse_many([text for _, text in ok]))
    return [verdict(p[0], next(analyses), threshold) if isinstance(p, tuple) else p for p in parsed]


def moderate_jsonl(instream: IO[str], outstream: SupportsWrite[str], threshold: float = 0.5) -> int:
    """Read {"id", "text"} lines and write one verdict line each; return the count written."""
    count = 0
    batch: list[str] = []

    def flush() -> None:
        for result in moderate_lines(batch, threshold):
            outstream.write(json.dumps(result, ensure_ascii=False) + "\n")
        batch.clear()

    for line in instream:
        if not line.strip():
            continue
        batch.append(line)
        count += 1
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return count


def highlight(text: str, spans: list[tuple[int, int]], tty: bool) -> str:
    """Mark the spans in the text: ANSI bold on a terminal, [[...]] otherwise."""
    open_, close = (_BOLD, _RESET) if tty else ("[[", "]]")
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [text[pos:start], open_, text[start:end], close]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def explain(text: str, threshold: float = 0.5, tty: bool = False) -> str:
    """Describe in plain text what the detectors found and why."""
    a = analyse(text)
    verdict_word = _("PROPOSED") if a.flagged(threshold) else _("not proposed")
    figures = {"score": _number(a.score), "threshold": _number(threshold), "language": a.language}
    summary = _("score %(score)s (threshold %(threshold)s), language %(language)s") % figures
    if a.triage is not None:
        summary += ", " + _("model %(score)s (%(version)s)") % {
            "score": _number(a.triage),
            "version": a.model_version,
        }
    lines = [
        highlight(text, [(f.start, f.end) for f in a.findings], tty),
        "",
        verdict_word + ": " + summary,
    ]
    if a.raised_by_model(threshold):
        lines.append(_("Raised by the model, not by a rule alone (the rule finding is below it)."))
    rules = a.rules_at(threshold)
    if rules:
        lines.append(_("Rules:") + " " + ", ".join(rules))
    for cat in CATEGORIES:
        if a.categories[cat] > 0:
            lines.append(f"  {_(CATEGORY_NAMES[cat]):<30} {_number(a.categories[cat])}")
    for f in a.findings:
        kind = _(CATEGORY_NAMES.get(f.category, f.category))
        if f.subtype in SUBTYPE_NAMES:
            kind += " / " + _(SUBTYPE_NAMES[f.subtype])
        check = _(DETECTOR_NAMES.get(f.detector, f.detector))
        lines.append(f"  [{f.start}:{f.end}] {kind}, {check} ({_number(f.score)}): «{f.evidence}»")
    return "\n".join(lines)


def add_arguments(parser) -> None:
    """Declare TEXT, --jsonl and --threshold (the management command and `main` share them)."""
    parser.add_argument("text", nargs="?", help=_("the text to explain"))
    help_jsonl = _('read {"id", "text"} lines on standard input, write one verdict a line')
    parser.add_argument("--jsonl", action="store_true", help=help_jsonl)
    help_threshold = _("the score at which a text is proposed (0 to 1)")
    parser.add_argument("--threshold", type=float, default=0.5, help=help_threshold)


def run(text: str | None, *, jsonl: bool, threshold: float, out, tty: bool) -> str | None:
    """Explain ``text`` or stream stdin's JSONL to ``out``; the usage error, if any."""
    import sys

    if not 0.0 <= threshold <= 1.0:
        return _("--threshold must be between 0 and 1.")
    if jsonl:
        moderate_jsonl(sys.stdin, out, threshold)
        return None
    if not text:
        return _("Give a TEXT to moderate, or --jsonl to read lines from standard input.")
    out.write(explain(text, threshold, tty=tty) + "\n")
    return None


def main(argv: list[str]) -> int:
    """`tillit moderate [TEXT] [--jsonl] [--threshold T]` without starting Django.

    The same arguments and run step as the management command; it skips Django's set-up
    (settings, apps, the database), which is most of the start-up time of a command that
    never needs them.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="tillit moderate",
        description=_(
            "Moderate one text (explained) or JSONL lines from standard input (--jsonl)."
        ),
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    error = run(
        args.text,
        jsonl=args.jsonl,
        threshold=args.threshold,
        out=sys.stdout,
        tty=sys.stdout.isatty(),
    )
    if error:
        parser.error(error)
    return 0
