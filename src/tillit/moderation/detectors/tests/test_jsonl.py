"""Tests for JSONL moderation, the explanation and the evaluation report."""

import gzip
import io
import json

from tillit.moderation import evaluation
from tillit.moderation.jsonl import explain, moderate_jsonl


def run(lines, threshold=0.5):
    out = io.StringIO()
    moderate_jsonl(io.StringIO("\n".join(lines) + "\n"), out, threshold)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_output_line_per_input_line():
    rows = run(
        [json.dumps({"id": "1", "text": "Du är en idiot"}), json.dumps({"id": 2, "text": "Hej"})]
    )
    assert [r["id"] for r in rows] == ["1", 2]
    assert rows[0]["flagged"] and not rows[1]["flagged"]
    assert rows[0]["rules"] == ["R13a"]
    assert set(rows[0]["categories"]) == {
        "insult",
        "hate",
        "violence",
        "sexual",
        "crime",
        "copyright",
        "profanity",
        "commercial",
        "personal_data",
    }
    finding = rows[0]["findings"][0]
    assert finding == {
        "category": "insult",
        "start": 9,
        "end": 14,
        "detector": "lexicon",
        "evidence": "idiot",
    }


def test_bad_lines_become_errors():
    rows = run(
        [
            "{not json",
            json.dumps({"id": "x"}),
            json.dumps({"id": "y", "text": 5}),
            json.dumps([1, 2]),
            json.dumps({"id": "z", "text": "a" * 30000}),
        ]
    )
    assert [r.get("id") for r in rows] == [None, "x", "y", None, "z"]
    assert [r["error"] for r in rows] == [
        "Raden är inte giltig JSON (vid tecken 2).",
        "Raden saknar text.",
        "Texten är inte en sträng.",
        "Raden är inte ett JSON-objekt.",
        "Texten är längre än 20000 tecken.",
    ]


def test_the_errors_are_in_english_where_asked(monkeypatch):
    monkeypatch.setenv("TILLIT_LANGUAGE", "en")
    assert run([json.dumps({"id": "x"})])[0]["error"] == "The line has no text."


def test_a_number_past_the_digit_limit_is_an_error_not_a_crash():
    rows = run(['{"id": ' + "1" * 5000 + ', "text": "Hej"}'])
    assert rows[0]["id"] is None
    assert rows[0]["error"] == "Raden är inte giltig JSON (ett tal är för långt)."


def test_threshold_changes_flagging():
    line = [json.dumps({"id": "1", "text": "Fan också"})]
    assert not run(line, 0.5)[0]["flagged"]
    assert run(line, 0.3)[0]["flagged"]


def test_explain_marks_evidence():
    text = explain("Du är en jävla idiot")
    assert "[[jävla]]" in text and "[[idiot]]" in text and "R13a" in text
    # In Swedish, with names instead of the detectors' codes and decimal commas.
    assert "FÖRESLÅS: poäng" in text and "Förolämpning, ordlista (0,85): «idiot»" in text
    assert "insult" not in text and "lexicon" not in text
    assert "\033[1m" in explain("idiot", tty=True)


def test_auc_with_ties():
    assert evaluation.roc_auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert evaluation.roc_auc([0.5, 0.5], [False, True]) == 0.5


def test_evaluate_on_a_tiny_labelled_file(tmp_path):
    def item(i, text, tox, azure):
        labels = {
            "Toxicity": tox,
            "Insult": 1.0,
            "IdentityAttack": 1.0,
            "Violence": 1.0,
            "SexualContent": 1.0,
        }
        return {
            "id": i,
            "text": text,
            "labels": labels,
            "azure_content_safety": {
                "IdentityAttack": azure,
                "Violence": 0.0,
                "SexualContent": 0.0,
                "SelfHarm": 0.0,
            },
        }

    labels = tmp_path / "labels.jsonl.gz"
    rows = [item("a", "Du är en jävla idiot", 4.0, 0.9), item("b", "Hej på dig", 1.0, 0.1)]
    labels.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    report = evaluation.evaluate(None, labels, benign_path=labels)
    assert report["tasks"]["toxic"]["tillit"]["f1"] == 1.0
    assert report["tasks"]["toxic"]["azure"]["auc"] == 1.0
    assert report["benign"]["tillit_fpr"] == 0.5
    assert "toxic" in evaluation.format_report(report)
