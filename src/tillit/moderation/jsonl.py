"""JSONL moderation (pure Python): one verdict line per input line, and a readable explanation."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from .detectors import CATEGORIES, analyse
from .detectors.base import Analysis

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

MAX_TEXT_CHARS = 20_000
MAX_LINE_CHARS = 200_000
_BOLD, _RESET = "\033[1m", "\033[0m"


def verdict(item_id: object, analysis: Analysis, threshold: float) -> dict[str, object]:
    """Return the JSON-ready verdict for one analysed text."""
    return {
        "id": item_id,
        "flagged": analysis.flagged(threshold),
        "score": analysis.score,
        "categories": {c: analysis.categories[c] for c in CATEGORIES},
        "rules": analysis.rules_at(threshold),
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


def moderate_line(line: str, threshold: float = 0.5) -> dict[str, object]:
    """Moderate one JSONL line; problems become an error object instead of an exception."""
    if len(line) > MAX_LINE_CHARS:
        return {"id": None, "error": f"line longer than {MAX_LINE_CHARS} characters"}
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg}"}
    except ValueError as exc:  # not a decode error, e.g. an integer past Python's digit limit
        return {"id": None, "error": f"invalid JSON: {exc}"}
    if not isinstance(item, dict):
        return {"id": None, "error": "line is not a JSON object"}
    item_id = item.get("id")
    text = item.get("text")
    if text is None:
        return {"id": item_id, "error": "missing text"}
    if not isinstance(text, str):
        return {"id": item_id, "error": "text is not a string"}
    if len(text) > MAX_TEXT_CHARS:
        return {"id": item_id, "error": f"text longer than {MAX_TEXT_CHARS} characters"}
    return verdict(item_id, analyse(text), threshold)


def moderate_jsonl(instream: IO[str], outstream: SupportsWrite[str], threshold: float = 0.5) -> int:
    """Read {"id", "text"} lines and write one verdict line each; return the count written."""
    count = 0
    for line in instream:
        if not line.strip():
            continue
        result = moderate_line(line, threshold)
        outstream.write(json.dumps(result, ensure_ascii=False) + "\n")
        count += 1
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
    verdict_word = "FLAGGED" if a.flagged(threshold) else "not flagged"
    lines = [
        highlight(text, [(f.start, f.end) for f in a.findings], tty),
        "",
        f"{verdict_word}: score {a.score:.2f} (threshold {threshold:.2f}), language {a.language}"
        + (f", ML triage {a.triage:.2f}" if a.triage is not None else ""),
    ]
    rules = a.rules_at(threshold)
    if rules:
        lines.append("Rules: " + ", ".join(rules))
    for cat in CATEGORIES:
        if a.categories[cat] > 0:
            lines.append(f"  {cat:<14} {a.categories[cat]:.2f}")
    for f in a.findings:
        kind = f"{f.category}/{f.subtype}" if f.subtype else f.category
        lines.append(
            f"  [{f.start}:{f.end}] {kind} via {f.detector} ({f.score:.2f}): {f.evidence!r}"
        )
    return "\n".join(lines)
