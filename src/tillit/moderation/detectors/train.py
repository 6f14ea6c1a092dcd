"""Train the optional triage model and report repeated, stratified k-fold cross-validated figures.

Reproducible: ``python -m tillit.moderation.detectors.train --data
../shared/eval/rtplx-sv-dev.jsonl.gz --out var/triage.npz`` (add ``--benign
../shared/eval/rtplx-sv-benign-dev.jsonl.gz`` for the out-of-fold benign false-positive rate,
``--no-cv`` to only fit). The data is read at run time and the weights go to an ignored
directory; nothing derived from the data is committed. numpy only; fixed seeds.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

from ..evaluation import prf, read_jsonl, roc_auc
from . import triage
from .pipeline import category_scores, detect_all, flag, fuse, noisy_or

# The eight annotator means every base model regresses on.
TARGETS = (
    "Toxicity",
    "IdentityAttack",
    "Bias",
    "Microaggression",
    "Violence",
    "SelfHarm",
    "Insult",
    "SexualContent",
)
# Head name -> (label field, threshold, pipeline category or "overall").
HEADS: dict[str, tuple[str, float, str]] = {
    "toxic": ("Toxicity", 3.0, "overall"),
    "insult": ("Insult", 2.0, "insult"),
    "hate": ("IdentityAttack", 2.0, "hate"),
    "violence": ("Violence", 2.0, "violence"),
    "sexual": ("SexualContent", 2.0, "sexual"),
}
EMB_ALPHA = 3.0  # ridge on embeddings
TFIDF_ALPHA = 1.0  # ridge on character n-grams
BAG_ALPHA = 1.0  # ridge on rule findings
NB_L2 = 1.0  # NB-LR logistic (C = 1, scikit-learn's default; fixed, not tuned)
META_L2 = 1.0 / 0.03  # logistic stacker (C = 0.03 in scikit-learn terms)
MIN_DF = 2
INNER_FOLDS = 5
SEED = 0


class Data:
    """Everything the models need about a labelled set, computed once."""

    def __init__(self, items: list[dict], emb: np.ndarray | None = None):
        self.items = items
        self.texts = [i["text"] for i in items]
        self.emb = (
            np.asarray(triage.embed(self.texts), dtype=np.float64)
            if emb is None
            else np.asarray(emb, dtype=np.float64)
        )
        self.bags: list[dict[str, float]] = []
        self.rule_score: list[float] = []
        self.rule_cats: list[dict[str, float]] = []
        self.has_finding: list[bool] = []
        rules = []
        for text in self.texts:
            findings = detect_all(text)
            cats = category_scores(findings)
            score = round(min(0.99, noisy_or([f.score for f in findings])), 4)
            self.bags.append(triage.finding_bag(findings))
            rules.append(triage.rule_features(text, findings, cats, score))
            self.rule_score.append(score)
            self.rule_cats.append(cats)
            self.has_finding.append(bool(findings))
        self.rules = np.asarray(rules, dtype=np.float64)
        self.grams = [triage.word_ngrams(t) for t in self.texts]
        # Every logistic fit (NB-LR and the heads) learns the share of the annotators who put
        # the text over the head's cut: three rows per text, one per annotator, would give the
        # same fit (with C / 3), and it keeps the annotators' disagreement instead of a 2-of-3
        # vote (+0.005 toxic AUC, +0.004 insult and hate in the paired CV; docs/moderation.md).
        self.shares = {h: np.array([_share(i, h) for i in items]) for h in HEADS}
        # Unlabelled items (the benign set) count as "1 = not at all" on every scale.
        self.y = np.array(
            [[i.get("labels", {}).get(t, 1.0) for t in TARGETS] for i in items], dtype=np.float64
        )

    def label(self, head: str) -> np.ndarray:
        """The binary label of a head."""
        field, cut, _ = HEADS[head]
        return np.array([i.get("labels", {}).get(field, 1.0) >= cut for i in self.items])


def _share(item: dict, head: str) -> float:
    """The share of the annotators who put the item at or over the head's cut (0 unlabelled)."""
    field, cut, _ = HEADS[head]
    raw = item.get("labels_raw", {}).get(field)
    if raw:
        return sum(r >= cut for r in raw) / len(raw)
    return float(item.get("labels", {}).get(field, 1.0) >= cut)


def fit_nblr(grams: list[set[str]], soft: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """NB-LR on n-gram presence: log-count-ratio weighting, then an L2 logistic regression.

    Soft targets (annotator shares). The logistic regression is solved in the span of the
    training rows (d >> n), which is where its L2-regularised solution lies.
    """
    df: dict[str, int] = {}
    for g in grams:
        for gram in g:
            df[gram] = df.get(gram, 0) + 1
    vocab = sorted(gram for gram, c in df.items() if c >= MIN_DF)
    index = {gram: i for i, gram in enumerate(vocab)}
    x = np.zeros((len(grams), len(vocab)))
    for r, g in enumerate(grams):
        x[r, sorted(index[k] for k in g if k in index)] = 1.0
    p = (x.T @ soft + 1.0) / (soft.sum() + 1.0)
    q = (x.T @ (1.0 - soft) + 1.0) / ((1.0 - soft).sum() + 1.0)
    ratio = np.log(p / q)
    xr = x * ratio
    evals, evecs = np.linalg.eigh(xr @ xr.T)
    keep = evals > 1e-9 * max(evals.max(), 1.0)
    s = np.sqrt(evals[keep])
    coords = evecs[:, keep] * s  # xr = coords @ basis, with orthonormal basis rows
    w_r, b = fit_logistic(coords, soft, NB_L2)
    basis = (evecs[:, keep] / s).T @ xr
    return np.array(vocab, dtype=str), ratio * (basis.T @ w_r), b


def ridge(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Multi-output ridge with an unpenalised intercept (dual form when features > samples)."""
    xm, ym = x.mean(axis=0), y.mean(axis=0)
    xc, yc = x - xm, y - ym
    n, d = xc.shape
    if d > n:
        w = xc.T @ np.linalg.solve(xc @ xc.T + alpha * np.eye(n), yc)
    else:
        w = np.linalg.solve(xc.T @ xc + alpha * np.eye(d), xc.T @ yc)
    return w, ym - xm @ w


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float, iters: int = 50
) -> tuple[np.ndarray, float]:
    """Fit an L2-regularised logistic regression by Newton steps (intercept not penalised)."""
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
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def folds(labels: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """Stratified fold indices, deterministic for a seed."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for value in (False, True):
        idx = np.flatnonzero(labels == value)
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            out[j % k].append(int(i))
    return [np.array(sorted(f)) for f in out]


def fit_base(data: Data, idx: np.ndarray) -> dict[str, np.ndarray]:
    """Fit the three base ridge models on the items idx; return their arrays."""
    texts = [data.texts[i] for i in idx]
    emb_w, emb_b = ridge(data.emb[idx], data.y[idx], EMB_ALPHA)
    df: dict[str, int] = {}
    for t in texts:
        for g in set(triage.char_ngrams(t)):
            df[g] = df.get(g, 0) + 1
    vocab = sorted(g for g, c in df.items() if c >= MIN_DF)
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab])
    keys = sorted({k for i in idx for k in data.bags[i]})
    arrays = {
        "emb_w": emb_w,
        "emb_b": emb_b,
        "vocab": np.array(vocab, dtype=str),
        "idf": idf,
        "bag_keys": np.array(keys, dtype=str),
    }
    model = _partial_model(arrays)
    arrays["tf_w"], arrays["tf_b"] = ridge(model.tfidf(texts), data.y[idx], TFIDF_ALPHA)
    bag_x = model.bags([data.bags[i] for i in idx])
    if bag_x.shape[1] == 0:
        bag_x = np.zeros((len(idx), 1))
        arrays["bag_keys"] = np.array(["none"], dtype=str)
    arrays["bag_w"], arrays["bag_b"] = ridge(bag_x, data.y[idx], BAG_ALPHA)
    arrays["nb_vocab"], arrays["nb_w"], nb_b = fit_nblr(
        [data.grams[i] for i in idx], data.shares["toxic"][idx]
    )
    arrays["nb_b"] = np.array(nb_b)
    return arrays


def _partial_model(arrays: dict) -> triage.TriageModel:
    full = {
        "heads": np.array([], dtype=str),
        "tf_w": None,
        "tf_b": None,
        "bag_w": None,
        "bag_b": None,
        "nb_vocab": np.array([], dtype=str),
        "nb_w": None,
        "nb_b": 0.0,
        "meta_mean": None,
        "meta_scale": None,
        "meta_w": None,
        "meta_b": None,
    } | arrays
    return triage.TriageModel(full)


def base_predictions(data: Data, arrays: dict, idx: np.ndarray) -> np.ndarray:
    """The base models' 25 predictions for the items idx."""
    return _partial_model(arrays).base(
        data.emb[idx], [data.texts[i] for i in idx], [data.bags[i] for i in idx]
    )


def fit(data: Data, idx: np.ndarray | None = None, seed: int = SEED) -> dict[str, np.ndarray]:
    """Fit the whole stack on the items idx (all by default): base models, then the heads."""
    idx = np.arange(len(data.items)) if idx is None else idx
    strat = data.label("toxic")[idx]
    inner = np.zeros((len(idx), 3 * len(TARGETS) + 1))
    for test in folds(strat, INNER_FOLDS, seed):
        train = np.setdiff1d(np.arange(len(idx)), test)
        inner[test] = base_predictions(data, fit_base(data, idx[train]), idx[test])
    feats = np.hstack([inner, data.rules[idx]])
    mean, scale = feats.mean(axis=0), feats.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (feats - mean) / scale
    ws, bs = [], []
    for head in HEADS:
        w, b = fit_logistic(z, data.shares[head][idx], META_L2)
        ws.append(w)
        bs.append(b)
    return fit_base(data, idx) | {
        "version": np.array(triage.FORMAT_VERSION),
        "heads": np.array(list(HEADS), dtype=str),
        "meta_mean": mean,
        "meta_scale": scale,
        "meta_w": np.stack(ws),
        "meta_b": np.array(bs),
    }


def predict(data: Data, arrays: dict, idx: np.ndarray) -> np.ndarray:
    """Head probabilities (items x heads) for the items idx."""
    model = triage.TriageModel(arrays)
    rows = model.predict(
        data.emb[idx],
        [data.texts[i] for i in idx],
        [data.bags[i] for i in idx],
        data.rules[idx],
    )
    return np.array([[r[h] for h in HEADS] for r in rows])


def save(arrays: dict, out: Path) -> None:
    """Write the model where the pipeline looks for it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.npz")
    np.savez(tmp, **arrays)
    tmp.replace(out)


def build(data_file: str | Path, out: str | Path) -> float:
    """Train on a labelled file and save the model; return the seconds it took."""
    start = time.perf_counter()
    data = Data(list(read_jsonl(data_file)))
    save(fit(data), Path(out))
    return time.perf_counter() - start


def pipeline_scores(data: Data, probs: np.ndarray, head: str) -> tuple[list[float], list[bool]]:
    """What the pipeline outputs for a head: the fused score and whether it is flagged/at a rule."""
    j = list(HEADS).index(head)
    category = HEADS[head][2]
    scores, flagged = [], []
    for i in range(len(data.items)):
        if category == "overall":
            rule, has = data.rule_score[i], data.has_finding[i]
        else:
            rule = data.rule_cats[i][category]
            has = rule > 0
        s = fuse(rule, has, float(probs[i, j]))
        scores.append(s)
        flagged.append(flag(rule, has, s, 0.5))
    return scores, flagged


def cross_validate(data: Data, k: int, repeats: int, benign: Data | None = None) -> dict:
    """Out-of-fold figures per head over repeated stratified k-fold CV."""
    runs: dict[str, list[dict]] = {h: [] for h in HEADS}
    fpr = []
    strat = data.label("toxic")
    for r in range(repeats):
        oof = np.zeros((len(data.items), len(HEADS)))
        benign_flags = []
        for test in folds(strat, k, 1000 + r):
            train = np.setdiff1d(np.arange(len(data.items)), test)
            arrays = fit(data, train)
            oof[test] = predict(data, arrays, test)
            if benign is not None:
                bp = predict(benign, arrays, np.arange(len(benign.items)))
                benign_flags.append(pipeline_scores(benign, bp, "toxic")[1])
        if benign_flags:
            # Each benign item is scored by every fold's model; it counts as flagged on average.
            fpr.append(float(np.mean(benign_flags)))
        for j, head in enumerate(HEADS):
            labels = data.label(head).tolist()
            scores, flagged = pipeline_scores(data, oof, head)
            rule = [
                data.rule_score[i]
                if HEADS[head][2] == "overall"
                else data.rule_cats[i][HEADS[head][2]]
                for i in range(len(labels))
            ]
            runs[head].append(
                {
                    "ml_auc": roc_auc(oof[:, j].tolist(), labels),
                    "rules_auc": roc_auc(rule, labels),
                    "auc": roc_auc(scores, labels),
                }
                | prf(flagged, labels)
            )
    out: dict[str, dict[str, tuple[float, float]] | tuple[float, float]] = {
        head: {
            key: (float(np.mean([x[key] for x in rs])), float(np.std([x[key] for x in rs])))
            for key in rs[0]
        }
        for head, rs in runs.items()
    }
    if fpr:
        out["benign_fpr"] = (float(np.mean(fpr)), float(np.std(fpr)))
    return out


def format_cv(report: dict) -> str:
    """Render cross-validated figures as a table (mean ± sd over repeats)."""
    keys = ("ml_auc", "rules_auc", "auc", "precision", "recall", "f1")
    lines = [f"{'head':<9}" + "".join(f"{k:>15}" for k in keys)]
    for head in HEADS:
        cells = "".join(f"{report[head][k][0]:9.3f}±{report[head][k][1]:.3f}" for k in keys)
        lines.append(f"{head:<9}{cells}")
    if "benign_fpr" in report:
        m, s = report["benign_fpr"]
        lines.append(f"benign false-positive rate (flagged, out-of-fold): {m:.3f}±{s:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: cross-validate, then fit on everything and save the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="labelled JSONL(.gz), e.g. rtplx-sv-dev")
    parser.add_argument("--benign", help="benign JSONL(.gz) for the out-of-fold FP rate")
    parser.add_argument("--out", default=str(triage.DEFAULT_MODEL))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="only fit and save")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    data = Data(list(read_jsonl(args.data)))
    print(f"{len(data.items)} items embedded in {time.perf_counter() - start:.1f} s")
    if not args.no_cv:
        benign = Data(list(read_jsonl(args.benign))) if args.benign else None
        t0 = time.perf_counter()
        report = cross_validate(data, args.folds, args.repeats, benign)
        print(
            f"{args.folds}-fold stratified CV x{args.repeats} ({time.perf_counter() - t0:.0f} s):"
        )
        print(format_cv(report))
    t0 = time.perf_counter()
    save(fit(data), Path(args.out))
    print(f"fitted on all items in {time.perf_counter() - t0:.1f} s; saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
