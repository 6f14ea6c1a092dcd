"""Train the optional triage classifier and report k-fold cross-validated figures.

Reproducible: ``python -m tillit.moderation.detectors.train --data
../shared/eval/rtplx-sv-dev.jsonl.gz --out var/triage.npz``. The data is read at run time and
the weights go to an ignored directory; nothing derived from the data is committed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from ..evaluation import prf, read_jsonl, roc_auc
from . import triage
from .pipeline import category_scores, combine, detect_all

# Head name -> (label field, threshold, pipeline category or "overall").
HEADS: dict[str, tuple[str, float, str]] = {
    "toxic": ("Toxicity", 3.0, "overall"),
    "insult": ("Insult", 2.0, "insult"),
    "hate": ("IdentityAttack", 2.0, "hate"),
    "violence": ("Violence", 2.0, "violence"),
    "sexual": ("SexualContent", 2.0, "sexual"),
}
SOFT_RANGE = {"Toxicity": (1.0, 5.0)}


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float, iters: int = 30
) -> tuple[np.ndarray, float]:
    """Fit an L2-regularised logistic regression by Newton steps; y may be soft (0..1)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return w[:-1], float(w[-1])


def targets(items: list[dict], head: str, soft: bool) -> np.ndarray:
    """Return training targets: the binary label, or the scaled annotator mean when soft."""
    field, cut, _ = HEADS[head]
    values = np.array([i["labels"][field] for i in items], dtype=np.float64)
    if soft:
        lo, hi = SOFT_RANGE.get(field, (1.0, 3.0))
        return np.clip((values - lo) / (hi - lo), 0.0, 1.0)
    return (values >= cut).astype(np.float64)


def folds(labels: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """Stratified fold indices, deterministic for a seed."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for value in (0, 1):
        idx = np.flatnonzero(labels == value)
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            out[j % k].append(int(i))
    return [np.array(sorted(f)) for f in out]


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and scale used to standardise features."""
    return x.mean(axis=0), x.std(axis=0) + 1e-6


def cross_validate(x, items, rule, head, k, seed, l2, soft, threshold):
    """Out-of-fold ML scores for one head, and the figures alone and combined with the rules."""
    field, cut, _ = HEADS[head]
    labels = np.array([i["labels"][field] >= cut for i in items])
    y = targets(items, head, soft)
    oof = np.zeros(len(items))
    for test in folds(labels.astype(int), k, seed):
        train = np.setdiff1d(np.arange(len(items)), test)
        mean, scale = standardise(x[train])
        w, b = fit_logistic((x[train] - mean) / scale, y[train], l2)
        oof[test] = 1.0 / (1.0 + np.exp(-(((x[test] - mean) / scale) @ w + b)))
    combined = [combine(r, m) for r, m in zip(rule, oof, strict=True)]
    lab = labels.tolist()
    return {
        "ml_auc": roc_auc(oof.tolist(), lab),
        "rules_auc": roc_auc(list(rule), lab),
        "combined_auc": roc_auc(combined, lab),
        "combined": prf([c >= threshold for c in combined], lab),
        "rules": prf([r >= threshold for r in rule], lab),
    }


def rule_scores(items: list[dict], head: str) -> list[float]:
    """The rule-only score the pipeline gives each item for a head."""
    category = HEADS[head][2]
    out = []
    for i in items:
        findings = detect_all(i["text"])
        if category == "overall":
            miss = 1.0
            for f in findings:
                miss *= 1.0 - f.score
            out.append(min(0.99, 1.0 - miss))
        else:
            out.append(category_scores(findings)[category])
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: train, cross-validate, save the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="labelled JSONL(.gz), e.g. rtplx-sv-dev")
    parser.add_argument("--out", default=str(triage.DEFAULT_MODEL))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--l2", type=float, default=30.0)
    parser.add_argument("--hard", action="store_true", help="binary targets, not annotator means")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)

    items = list(read_jsonl(args.data))
    x = np.asarray(triage.embed([i["text"] for i in items]), dtype=np.float64)
    soft = not args.hard
    print(f"{len(items)} items, {args.folds}-fold CV x{args.repeats}, l2={args.l2}, soft={soft}")
    print(f"{'head':<9}{'ML AUC':>8}{'rules':>8}{'comb.':>8}{'P':>7}{'R':>7}{'F1':>7}")
    heads = {}
    for head in HEADS:
        rule = rule_scores(items, head)
        runs = [
            cross_validate(x, items, rule, head, args.folds, seed, args.l2, soft, args.threshold)
            for seed in range(args.repeats)
        ]
        avg = {
            k: float(np.mean([r[k] for r in runs])) for k in ("ml_auc", "rules_auc", "combined_auc")
        }
        pr = {
            k: float(np.mean([r["combined"][k] for r in runs]))
            for k in ("precision", "recall", "f1")
        }
        print(
            f"{head:<9}{avg['ml_auc']:8.3f}{avg['rules_auc']:8.3f}{avg['combined_auc']:8.3f}"
            f"{pr['precision']:7.3f}{pr['recall']:7.3f}{pr['f1']:7.3f}"
        )
        mean, scale = standardise(x)
        heads[head] = fit_logistic((x - mean) / scale, targets(items, head, soft), args.l2)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        out,
        heads=np.array(list(heads)),
        weights=np.stack([w for w, _ in heads.values()]),
        bias=np.array([b for _, b in heads.values()]),
        mean=mean,
        scale=scale,
    )
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
