"""The learned model: shipped in the package, versioned, a cascade, deterministic, never alone."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tillit.moderation.detectors import analyse, analyse_many, triage
from tillit.moderation.detectors.base import CATEGORIES

np = pytest.importorskip("numpy")

from tillit.moderation.detectors import train  # noqa: E402
from tillit.moderation.jsonl import moderate_lines  # noqa: E402

RUDE = ["idiot", "jävla", "hora", "dö", "fitta", "äckel"]
PLAIN = ["bussen", "kaffe", "biblioteket", "vädret", "matchen", "boken"]
TEXTS = [
    "Du är en jävla idiot",
    "Hej, när öppnar simhallen igen efter renoveringen?",
    "dumma kommun",
    "Tack för en fin dag i parken, barnen älskade det!",
    "Jag ska slå ihjäl dig om du kommer hit igen",
    "",
]


def synthetic_items(n=60, seed=3):
    """A tiny labelled set in the RTP-LX format (made up here; no evaluation data)."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        toxic = i % 3 == 0
        words = rng.sample(RUDE if toxic else PLAIN, 2)
        text = (
            f"Du är {words[0]} och {words[1]}" if toxic else f"Jag gillar {words[0]} och {words[1]}"
        )
        level = 4.0 if toxic else 1.0
        labels = {k: (level if k == "Toxicity" else 1.0) for k in train.TARGETS}
        labels["Insult"] = 3.0 if toxic else 1.0
        raw = {"Toxicity": [level, level, 1.0 if i % 6 == 0 else level]}
        items.append({"id": f"s{i}", "text": text, "labels": labels, "labels_raw": raw})
    return items


@pytest.fixture
def model_on(monkeypatch):
    """The shipped model, as a fresh clone gets it (no ../shared, no var/)."""
    monkeypatch.delenv(triage.DISABLE_VAR, raising=False)
    monkeypatch.delenv(triage.ENV_VAR, raising=False)
    triage.reset()
    yield triage
    triage.reset()


def test_the_model_ships_in_the_package_with_a_version(model_on):
    assert triage.PACKAGED_MODEL.exists()
    assert triage.PACKAGED_MODEL.stat().st_size < 2_000_000  # small enough to commit
    version = triage.current_version()
    assert version.startswith(f"v{triage.FORMAT_VERSION}-") and len(version) == 15
    a = analyse("Du är en jävla idiot")
    assert a.model_version == version and a.triage is not None
    assert a.flagged() and a.rules_at() == ["R13a", "R13f"]


def test_the_model_file_holds_no_text(model_on):
    # N-grams are 64-bit hashes; the only strings are head names and rule-finding keys.
    with np.load(triage.PACKAGED_MODEL, allow_pickle=False) as data:
        strings = {k for k in data.files if data[k].dtype.kind == "U"}
        assert strings == {"heads", "bag_keys"}
        assert all(":" in k for k in data["bag_keys"])  # detector:category[:entry]
        assert data["vocab"].dtype == np.uint64 and data["nb_vocab"].dtype == np.uint64


def test_missing_model_falls_back_to_rules(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(triage.DISABLE_VAR, raising=False)
    monkeypatch.setenv(triage.ENV_VAR, str(tmp_path / "none.npz"))
    triage.reset()
    a = analyse("Du är en jävla idiot")
    triage.reset()
    assert a.triage is None and a.rule_score is None and a.model_version == ""
    assert a.flagged()
    assert "rules only" in capsys.readouterr().err


def test_batch_and_single_give_the_same_analysis(model_on):
    together = analyse_many(TEXTS)
    alone = [analyse(t) for t in TEXTS]
    assert together == alone
    assert together[-1].triage is None  # an empty text is not scored
    # Below the rounding too: the cheap stage's figures are bit-identical alone or in a batch.
    model = triage._load()
    assert model is not None
    bags = [{"lexicon:insult": 0.9}] * len(TEXTS)
    many = model.cheap_base_many(TEXTS, bags)
    assert all((many[i] == model.cheap_base(t, bags[i])).all() for i, t in enumerate(TEXTS))


def test_the_cascade_embeds_only_the_unsure(model_on, monkeypatch):
    calls: list[list[str]] = []
    real = triage.embed

    def counting(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(triage, "embed", counting)
    results = analyse_many(TEXTS)
    embedded = [t for batch in calls for t in batch]
    assert len(calls) <= 1  # one batch for the whole call
    for text, a in zip(TEXTS, results, strict=True):
        if a.triage is not None:
            assert (a.model_stage == "full") == (text in embedded)
    assert "Tack för en fin dag i parken, barnen älskade det!" not in embedded


def test_ml_alone_never_flags_and_a_lifted_finding_is_raised_by_the_model(monkeypatch):
    monkeypatch.delenv(triage.DISABLE_VAR, raising=False)
    triage.reset()

    def fixed(texts, findings, categories, rule_scores):
        return [dict.fromkeys(triage.HEADS, 0.99) | {"stage": "cheap"} for _ in texts]

    monkeypatch.setattr(triage, "triage_many", fixed)
    monkeypatch.setattr(triage, "current_version", lambda: "v6-test")
    a = analyse("Jag gillar kaffe och boken")
    assert a.score == 0.99 and not a.findings
    assert not a.flagged() and a.rules_at() == [] and not a.raised_by_model()
    lifted = analyse("dumma kommun")  # a mild insult: the rules alone stay under 0.5
    assert lifted.rule_score is not None and lifted.rule_score < 0.5
    assert lifted.flagged() and lifted.rules_at() == ["R13a"] and lifted.raised_by_model()
    assert lifted.model_version == "v6-test"
    triage.reset()


def test_a_build_is_bit_for_bit_reproducible(tmp_path):
    items = synthetic_items()
    emb = np.random.default_rng(5).normal(size=(len(items), 384))
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    train.save(train.finalise(train.fit(train.Data(items, emb))), a)
    train.save(train.finalise(train.fit(train.Data(items, emb))), b)
    assert a.read_bytes() == b.read_bytes()
    assert triage.model_version(a) == triage.model_version(b)
    model = triage.TriageModel(dict(np.load(a)), triage.model_version(a))
    texts = ["Du är idiot och jävla", "Jag gillar kaffe och boken"]
    no_rules = dict.fromkeys(CATEGORIES, 0.0)
    rude, plain = model.predict_many(
        texts,
        [{}, {}],
        [triage.rule_features(t, [], no_rules, 0.0) for t in texts],
        embeddings=emb[:2],
    )
    assert rude["toxic"] > plain["toxic"]


def _moderate_in_subprocess(lines: str, seed: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TILLIT_TRIAGE")}
    env["PYTHONHASHSEED"] = seed
    src = Path(__file__).resolve().parents[4]
    env["PYTHONPATH"] = str(src)
    out = subprocess.run(
        [sys.executable, "-c", "from tillit.cli import main; main(['moderate', '--jsonl'])"],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=src.parent,
        timeout=120,
        check=True,
    )
    return out.stdout


# Texts the shipped cascade is unsure of, so they go on to the embedding (one of them longer
# than the embedding's window). If a rebuilt model is sure of them all, pick others: the test
# says so below.
UNSURE = [
    "Min mamma fick hjälp av hemtjänsten och personalen var så vänliga. fan också",
    "Bussen till Nyköping går alldeles för sällan på kvällarna. fan också",
    "Hur gör man en felanmälan utan BankID? Ska det verkligen byggas fler hus på den gamla "
    "fotbollsplanen? Skönt att vägarbetet äntligen är klart. Hur söker man plats i förskolan "
    "till hösten? Ska det verkligen byggas fler hus på den gamla fotbollsplanen? jävla idiot",
]


def test_two_processes_and_the_in_process_path_agree(model_on):
    texts = TEXTS + UNSURE
    stages = [a.model_stage for a in analyse_many(texts)]
    assert stages.count("full") >= 2, "the embedding path is not exercised: pick other UNSURE"
    lines = "".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
    )
    first = _moderate_in_subprocess(lines, "1")
    second = _moderate_in_subprocess(lines, "2")
    assert first == second
    here = moderate_lines(lines.splitlines())
    assert [json.loads(x) for x in first.splitlines()] == here
    assert all(v["model_version"] == triage.current_version() for v in here if v["model_score"])


def test_a_short_text_is_embedded_whole_and_a_long_one_around_its_strongest_finding():
    short = "Du är en jävla idiot"
    assert triage.embedding_window(short, (9, 14)) == short
    text = "Hej kommunen, " * 20 + "du är en jävla idiot " + "tack och hej " * 20
    start = text.index("idiot")
    window = triage.embedding_window(text, (start, start + 5))
    assert len(window) <= triage.EMBED_CHARS and "idiot" in window
    assert text.find(window) >= 0 and window == window.strip()
    words = set(text.split())
    assert all(w in words for w in window.split())  # cut at spaces: no half words
    # Without a finding, the start of the text; one endless word is cut where it must be.
    assert text.startswith(triage.embedding_window(text))
    assert len(triage.embedding_window("x" * 1000, (500, 501))) == triage.EMBED_CHARS


def test_the_cascade_embeds_the_window_of_the_texts_it_is_unsure_of(model_on, monkeypatch):
    seen: list[str] = []

    def fake_embed(texts):
        seen.extend(texts)
        return np.zeros((len(texts), 384))

    model = model_on._load()
    monkeypatch.setattr(model, "band", (0.0, 1.0))  # every text goes on to the embedding
    monkeypatch.setattr(triage, "embed", fake_embed)
    long_text = "Bra jobbat med parken i år. " * 12 + "Men du är en jävla idiot."
    analyse_many(["Tack!", long_text])
    assert seen[0] == "Tack!"
    assert len(seen[1]) <= triage.EMBED_CHARS and "idiot" in seen[1]


def test_the_strongest_finding_is_the_first_of_equals():
    from tillit.moderation.detectors.base import Finding

    def f(start, score):
        return Finding("insult", start, start + 1, "x", "lexicon", score, "")

    assert triage.strongest_span([]) is None
    assert triage.strongest_span([f(0, 0.5), f(5, 0.9), f(9, 0.9)]) == (5, 6)
