"""Build the shipped triage model and report repeated, stratified k-fold cross-validated figures.

Rebuild the model that ships, bit for bit on the same platform (numpy and its BLAS): ``python -m
tillit.moderation.detectors.train --no-cv`` (reads ``../shared/eval/rtplx-sv-dev.jsonl.gz``,
writes ``src/tillit/moderation/detectors/triage_model.npz``). Drop ``--no-cv`` (and add
``--benign ../shared/eval/rtplx-sv-benign-dev.jsonl.gz``) for the cross-validated figures of
docs/moderation.md. The data is read at build time only; the model file holds hashed n-gram
ids and weights, no text of the data. numpy only; fixed seeds; a fixed-timestamp, stored
(uncompressed) zip, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

from ..evaluation import prf, read_jsonl, roc_auc
from . import triage
from .pipeline import category_scores, detect_all, flag, fuse, rule_score

DEFAULT_DATA = Path("../shared/eval/rtplx-sv-dev.jsonl.gz")
# The eight annotator means every base ridge regresses on.
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
assert tuple(HEADS) == triage.HEADS
EMB_ALPHA = 3.0  # ridge on embeddings
TFIDF_ALPHA = 1.0  # ridge on character n-grams
BAG_ALPHA = 1.0  # ridge on rule findings
NB_L2 = 1.0  # NB-LR logistic (C = 1, scikit-learn's default; fixed, not tuned)
META_L2 = 1.0 / 0.03  # logistic stackers (C = 0.03 in scikit-learn terms)
# The cheap stage's probabilities that go on to the embedding (any head inside).
BAND = (0.45, 0.55)
MIN_DF = 2
INNER_FOLDS = 5
SEED = 0
N_CHEAP = 8 + 8 + len(HEADS)


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
            score = rule_score(findings)
            self.bags.append(triage.finding_bag(findings))
            rules.append(triage.rule_features(text, findings, cats, score))
            self.rule_score.append(score)
            self.rule_cats.append(cats)
            self.has_finding.append(bool(findings))
        self.rules = np.asarray(rules, dtype=np.float64)
        self.tf = [
            np.unique(triage.gram_hashes(t, *triage.NGRAMS, False), return_counts=True)
            for t in self.texts
        ]
        self.wb = [np.unique(triage.gram_hashes(t, *triage.WB_NGRAMS, True)) for t in self.texts]
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


def _vocab(hash_sets: list[np.ndarray]) -> np.ndarray:
    """The sorted hashes present in at least MIN_DF of the sets."""
    if not hash_sets:
        return np.zeros(0, dtype=np.uint64)
    u, df = np.unique(np.concatenate(hash_sets), return_counts=True)
    return u[df >= MIN_DF]


def fit_nblr(x: np.ndarray, soft: np.ndarray) -> tuple[np.ndarray, float]:
    """NB-LR on n-gram presence x: log-count-ratio weighting, then an L2 logistic regression.

    Soft targets (annotator shares). The logistic regression is solved in the span of the
    training rows (d >> n), which is where its L2-regularised solution lies.
    """
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
    return ratio * (basis.T @ w_r), b


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
    """Fit the base models (embedding, TF-IDF, findings ridges; NB-LR per head) on the items idx."""
    emb_w, emb_b = ridge(data.emb[idx], data.y[idx], EMB_ALPHA)
    vocab = _vocab([data.tf[i][0] for i in idx])
    n = len(idx)
    x = np.zeros((n, len(vocab)))
    df = np.zeros(len(vocab))
    for r, i in enumerate(idx):
        u, counts = data.tf[i]
        pos, hit = triage._lookup(vocab, u)
        x[r, pos] = 1.0 + np.log(counts[hit].astype(np.float64))
        df[pos] += 1
    idf = np.log((1 + n) / (1 + df)) + 1.0
    x *= idf
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-300)
    tf_w, tf_b = ridge(x, data.y[idx], TFIDF_ALPHA)
    keys = sorted({k for i in idx for k in data.bags[i]}) or ["none"]
    key_index = {k: j for j, k in enumerate(keys)}
    bag_x = np.zeros((n, len(keys)))
    for r, i in enumerate(idx):
        for k, v in data.bags[i].items():
            bag_x[r, key_index[k]] = v
    bag_w, bag_b = ridge(bag_x, data.y[idx], BAG_ALPHA)
    nb_vocab = _vocab([data.wb[i] for i in idx])
    xb = np.zeros((n, len(nb_vocab)))
    for r, i in enumerate(idx):
        xb[r, triage._lookup(nb_vocab, data.wb[i])[0]] = 1.0
    nb = [fit_nblr(xb, data.shares[h][idx]) for h in HEADS]
    return {
        "emb_w": emb_w,
        "emb_b": emb_b,
        "vocab": vocab,
        "idf": idf,
        "tf_w": tf_w,
        "tf_b": tf_b,
        "bag_keys": np.array(keys, dtype=str),
        "bag_w": bag_w,
        "bag_b": bag_b,
        "nb_vocab": nb_vocab,
        "nb_w": np.stack([w for w, _ in nb], axis=1),
        "nb_b": np.array([b for _, b in nb]),
    }


def finalise(arrays: dict) -> dict:
    """The arrays as they are stored: float weights in float32 (the file's size halves)."""
    return {k: (v.astype(np.float32) if triage._is_float(v) else v) for k, v in arrays.items()}


def base_predictions(data: Data, arrays: dict, idx: np.ndarray) -> np.ndarray:
    """The base predictions (cheap, then embedding) for the items idx."""
    model = triage.TriageModel(finalise(arrays))
    cheap = model.cheap_base_many([data.texts[i] for i in idx], [data.bags[i] for i in idx])
    return np.hstack([cheap, np.array([model.emb_base(data.emb[i]) for i in idx])])


def _stacker(feats: np.ndarray, data: Data, idx: np.ndarray, stage: str) -> dict:
    mean, scale = feats.mean(axis=0), feats.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (feats - mean) / scale
    ws, bs = [], []
    for head in HEADS:
        w, b = fit_logistic(z, data.shares[head][idx], META_L2)
        ws.append(w)
        bs.append(b)
    return {
        f"{stage}_mean": mean,
        f"{stage}_scale": scale,
        f"{stage}_w": np.stack(ws),
        f"{stage}_b": np.array(bs),
    }


def fit(data: Data, idx: np.ndarray | None = None, seed: int = SEED) -> dict[str, np.ndarray]:
    """Fit the whole cascade on the items idx (all by default): base models, then both stacks."""
    idx = np.arange(len(data.items)) if idx is None else idx
    strat = data.label("toxic")[idx]
    inner = np.zeros((len(idx), N_CHEAP + len(TARGETS)))
    for test in folds(strat, INNER_FOLDS, seed):
        train = np.setdiff1d(np.arange(len(idx)), test)
        inner[test] = base_predictions(data, fit_base(data, idx[train]), idx[test])
    rules = data.rules[idx]
    cheap = _stacker(np.hstack([inner[:, :N_CHEAP], rules]), data, idx, "cheap")
    full = _stacker(np.hstack([inner, rules]), data, idx, "full")
    return (
        fit_base(data, idx)
        | cheap
        | full
        | {
            "version": np.array(triage.FORMAT_VERSION),
            "heads": np.array(list(HEADS), dtype=str),
            "band": np.array(BAND),
        }
    )


def predict(
    data: Data, arrays: dict, idx: np.ndarray, stage: str = "cascade"
) -> tuple[np.ndarray, float]:
    """Head probabilities (items x heads) for the items idx, and the share that was embedded.

    ``stage``: "cascade" (what the pipeline does), "cheap" or "full" (every item one way).
    """
    model = triage.TriageModel(finalise(arrays))
    if stage != "cascade":
        model.band = (0.0, 1.0) if stage == "full" else (2.0, 2.0)
    rows = model.predict_many(
        [data.texts[i] for i in idx],
        [data.bags[i] for i in idx],
        data.rules[idx].tolist(),
        embeddings=data.emb[idx],
    )
    probs = np.array([[r[h] for h in HEADS] for r in rows])
    return probs, float(np.mean([r["stage"] == "full" for r in rows]))


def save(arrays: dict, out: Path) -> None:
    """Write the model as a stored zip of .npy files with fixed timestamps: same input, same bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())
    tmp.replace(out)


def build(data_file: str | Path, out: str | Path) -> float:
    """Train on a labelled file and save the model; return the seconds it took."""
    start = time.perf_counter()
    data = Data(list(read_jsonl(data_file)))
    save(finalise(fit(data)), Path(out))
    return time.perf_counter() - start


def pipeline_scores(data: Data, probs: np.ndarray, head: str) -> tuple[list[float], list[bool]]:
    """What the pipeline outputs for a head: the fused score, and the proposal.

    For "toxic" the proposal is Analysis.flagged (any category with a rule finding at the
    threshold, or the overall score); for a category head, that category at the threshold.
    """
    j = list(HEADS).index(head)
    category = HEADS[head][2]
    scores, flagged = [], []
    for i in range(len(data.items)):
        cats = dict(data.rule_cats[i])
        for k, h in enumerate(HEADS):
            c = HEADS[h][2]
            if c != "overall":
                cats[c] = fuse(cats[c], cats[c] > 0, float(probs[i, k]))
        hits = [c for c, v in cats.items() if v >= 0.5 and data.rule_cats[i][c] > 0]
        if category == "overall":
            rule, has = data.rule_score[i], data.has_finding[i]
            s = fuse(rule, has, float(probs[i, j]))
            flagged.append(bool(hits) or flag(rule, has, s, 0.5))
        else:
            s = cats[category]
            flagged.append(category in hits)
        scores.append(s)
    return scores, flagged


STAGES = ("cheap", "full", "cascade")


def cross_validate(data: Data, k: int, repeats: int, benign: Data | None = None) -> dict:
    """Out-of-fold figures per head over repeated stratified k-fold CV, for each stage."""
    runs: dict[str, list[dict]] = {h: [] for h in HEADS}
    extra: dict[str, list[float]] = {"benign_fpr": [], "embedded": [], "benign_embedded": []}
    strat = data.label("toxic")
    for r in range(repeats):
        oof = {s: np.zeros((len(data.items), len(HEADS))) for s in STAGES}
        benign_flags, embedded, b_embedded = [], [], []
        for test in folds(strat, k, 1000 + r):
            train = np.setdiff1d(np.arange(len(data.items)), test)
            arrays = fit(data, train)
            for s in STAGES:
                oof[s][test], share = predict(data, arrays, test, s)
                if s == "cascade":
                    embedded.append(share * len(test))
            if benign is not None:
                bp, share = predict(benign, arrays, np.arange(len(benign.items)))
                benign_flags.append(pipeline_scores(benign, bp, "toxic")[1])
                b_embedded.append(share)
        extra["embedded"].append(sum(embedded) / len(data.items))
        if benign_flags:
            # Each benign item is scored by every fold's model; it counts as flagged on average.
            extra["benign_fpr"].append(float(np.mean(benign_flags)))
            extra["benign_embedded"].append(float(np.mean(b_embedded)))
        for j, head in enumerate(HEADS):
            labels = data.label(head).tolist()
            rule = [
                data.rule_score[i]
                if HEADS[head][2] == "overall"
                else data.rule_cats[i][HEADS[head][2]]
                for i in range(len(labels))
            ]
            row = {"rules_auc": roc_auc(rule, labels)}
            for s in STAGES:
                row[f"{s}_auc"] = roc_auc(oof[s][:, j].tolist(), labels)
            scores, flagged = pipeline_scores(data, oof["cascade"], head)
            row["auc"] = roc_auc(scores, labels)
            runs[head].append(row | prf(flagged, labels))
    out: dict = {
        head: {
            key: (float(np.mean([x[key] for x in rs])), float(np.std([x[key] for x in rs])))
            for key in rs[0]
        }
        for head, rs in runs.items()
    }
    for key, values in extra.items():
        if values:
            out[key] = (float(np.mean(values)), float(np.std(values)))
    return out


def format_cv(report: dict) -> str:
    """Render cross-validated figures as a table (mean ± sd over repeats)."""
    keys = ("rules_auc", "cheap_auc", "full_auc", "auc", "precision", "recall", "f1")
    lines = [f"{'head':<9}" + "".join(f"{k:>15}" for k in keys)]
    for head in HEADS:
        cells = "".join(f"{report[head][k][0]:9.3f}±{report[head][k][1]:.3f}" for k in keys)
        lines.append(f"{head:<9}{cells}")
    for key, label in (
        ("embedded", "share of dev items the cascade embedded"),
        ("benign_fpr", "benign false-positive rate (flagged, out-of-fold)"),
        ("benign_embedded", "share of benign items embedded"),
    ):
        if key in report:
            m, s = report[key]
            lines.append(f"{label}: {m:.3f}±{s:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: cross-validate, then fit on everything and save the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="labelled JSONL(.gz)")
    parser.add_argument("--benign", help="benign JSONL(.gz) for the out-of-fold FP rate")
    parser.add_argument("--out", default=str(triage.PACKAGED_MODEL))
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
    out = Path(args.out)
    save(finalise(fit(data)), out)
    print(f"fitted on all items in {time.perf_counter() - t0:.1f} s; saved {out}")
    print(f"model version {triage.model_version(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
