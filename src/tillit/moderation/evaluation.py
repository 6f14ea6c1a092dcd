"""Score moderation output against a human-labelled JSONL set, side by side with Azure's scores."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .jsonl import moderate_lines

# Task name -> (label field, label threshold, our category or "overall", Azure fields).
TASKS: dict[str, tuple[str, float, str, tuple[str, ...]]] = {
    "toxic": (
        "Toxicity",
        3.0,
        "overall",
        ("IdentityAttack", "Violence", "SexualContent", "SelfHarm"),
    ),
    "insult": (
        "Insult",
        2.0,
        "insult",
        ("IdentityAttack", "Violence", "SexualContent", "SelfHarm"),
    ),
    "hate": ("IdentityAttack", 2.0, "hate", ("IdentityAttack",)),
    "violence": ("Violence", 2.0, "violence", ("Violence",)),
    "sexual": ("SexualContent", 2.0, "sexual", ("SexualContent",)),
}
AZURE_THRESHOLD = 0.5


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Yield the objects of a JSONL file, gzip-compressed or plain."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    for line in io.StringIO(raw.decode("utf-8")):
        if line.strip():
            yield json.loads(line)


def roc_auc(scores: list[float], labels: list[bool]) -> float | None:
    """ROC AUC by the Mann-Whitney rank formula, ties sharing their average rank."""
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos_rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (pos_rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def prf(predicted: list[bool], labels: list[bool]) -> dict[str, float]:
    """Precision, recall and F1 of binary predictions."""
    tp = sum(p and y for p, y in zip(predicted, labels, strict=True))
    fp = sum(p and not y for p, y in zip(predicted, labels, strict=True))
    fn = sum(y and not p for p, y in zip(predicted, labels, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def moderate_items(items: Iterable[dict], threshold: float) -> dict[str, dict]:
    """Run the pipeline in-process on labelled items; return verdicts by id."""
    items = list(items)
    lines = [json.dumps({"id": i["id"], "text": i["text"]}, ensure_ascii=False) for i in items]
    verdicts = moderate_lines(lines, threshold)
    return {str(i["id"]): v for i, v in zip(items, verdicts, strict=True)}


def _predictions(path: str | Path | None, items: list[dict], threshold: float) -> dict[str, dict]:
    if path is None:
        return moderate_items(items, threshold)
    return {str(p["id"]): p for p in read_jsonl(path) if "error" not in p}


def _ours(pred: dict, category: str) -> float:
    return pred["score"] if category == "overall" else pred["categories"][category]


def evaluate(
    predictions_path: str | Path | None,
    labels_path: str | Path,
    *,
    benign_path: str | Path | None = None,
    benign_predictions_path: str | Path | None = None,
    threshold: float = 0.5,
) -> dict:
    """Compare predictions (moderate_jsonl output, or None to run the pipeline) with labels."""
    items = list(read_jsonl(labels_path))
    preds = _predictions(predictions_path, items, threshold)
    items = [i for i in items if str(i["id"]) in preds]
    report: dict = {"n": len(items), "threshold": threshold, "tasks": {}}
    for name, (field, cut, category, azure_fields) in TASKS.items():
        labels = [i["labels"][field] >= cut for i in items]
        ours = [_ours(preds[str(i["id"])], category) for i in items]
        row = {"positives": sum(labels)}
        # Overall: P/R/F1 of the proposal ("flagged"), AUC of the ranking ("score").
        if category == "overall":
            predicted = [bool(preds[str(i["id"])].get("flagged")) for i in items]
        else:
            predicted = [s >= threshold for s in ours]
        row["tillit"] = prf(predicted, labels) | {"auc": roc_auc(ours, labels)}
        if all("azure_content_safety" in i for i in items):
            az = [max(i["azure_content_safety"][f] for f in azure_fields) for i in items]
            row["azure"] = prf([s >= AZURE_THRESHOLD for s in az], labels) | {
                "auc": roc_auc(az, labels)
            }
        report["tasks"][name] = row
    if benign_path is not None:
        benign = list(read_jsonl(benign_path))
        bpreds = _predictions(benign_predictions_path, benign, threshold)
        flagged = [bool(p.get("flagged")) for p in bpreds.values()]
        report["benign"] = {"n": len(flagged), "tillit_fpr": sum(flagged) / max(1, len(flagged))}
        if all("azure_content_safety" in i for i in benign):
            az = [max(i["azure_content_safety"].values()) >= AZURE_THRESHOLD for i in benign]
            report["benign"]["azure_fpr"] = sum(az) / max(1, len(az))
    return report


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def format_report(report: dict) -> str:
    """Render an evaluation report as a plain-text table."""
    lines = [
        f"{report['n']} items, flag threshold {report['threshold']:.2f} (Azure {AZURE_THRESHOLD})",
        "",
        f"{'task':<9}{'pos':>5}  {'system':<7}{'P':>7}{'R':>7}{'F1':>7}{'AUC':>7}",
    ]
    for name, row in report["tasks"].items():
        for system in ("tillit", "azure"):
            if system not in row:
                continue
            m = row[system]
            label = f"{name:<9}{row['positives']:>5}" if system == "tillit" else " " * 14
            lines.append(
                f"{label}  {system:<7}{_fmt(m['precision']):>7}{_fmt(m['recall']):>7}"
                f"{_fmt(m['f1']):>7}{_fmt(m['auc']):>7}"
            )
    if "benign" in report:
        b = report["benign"]
        line = f"benign false-positive rate ({b['n']} items): tillit {b['tillit_fpr']:.3f}"
        if "azure_fpr" in b:
            line += f", azure {b['azure_fpr']:.3f}"
        lines += ["", line]
    return "\n".join(lines)
