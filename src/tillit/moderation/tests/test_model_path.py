"""One path: what the inbox stores is what `tillit moderate --jsonl` prints for the same text."""

import json
from typing import cast

import pytest

from tillit.moderation.detectors import triage
from tillit.moderation.jsonl import moderate_lines

from .test_decisions import comment

pytestmark = pytest.mark.django_db

TEXTS = [
    "Du är en jävla idiot",
    "Vilka öppettider har biblioteket i jul?",
    "dumma kommun",
    "Ring Per på 070-123 45 67, personnummer 19121212-1212.",
    "Jag ska slå ihjäl dig om du kommer hit igen",
    "Köp billiga solglasögon här https://rea.example KAMPANJKOD PITEA50",
    "Tack för en fin dag i parken, barnen älskade det!",
]


@pytest.fixture
def shipped_model(monkeypatch):
    monkeypatch.delenv(triage.DISABLE_VAR, raising=False)
    monkeypatch.delenv(triage.ENV_VAR, raising=False)
    triage.reset()
    yield
    triage.reset()


def test_inbox_assessment_equals_the_command_line(shipped_model, fb_channel, policy):
    threshold = policy.flag_threshold
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(TEXTS)]
    verdicts = moderate_lines(lines, threshold)
    for i, (text, v) in enumerate(zip(TEXTS, verdicts, strict=True)):
        a = comment(fb_channel, f"c{i}", text).assessment
        assert a.model_version == v["model_version"] == triage.current_version() != ""
        assert a.model_score == v["model_score"]
        assert a.score == v["score"]
        assert a.categories == v["categories"]
        assert a.flagged == v["flagged"], text
        assert a.rules == v["rules"], text
        assert a.raised_by_model == v["raised_by_model"]
        assert [(f["start"], f["end"], f["evidence"]) for f in a.findings] == [
            (f["start"], f["end"], f["evidence"]) for f in cast(list, v["findings"])
        ]
        if a.flagged:  # every proposal names a rule and shows the evidence for it
            assert a.rules and a.findings


def test_same_text_same_proposal_and_model_version_whoever_wrote_it(
    shipped_model, fb_channel, policy
):
    a = comment(fb_channel, "c1", "dumma kommun", author="u1").assessment
    b = comment(fb_channel, "c2", "dumma kommun", author="u2").assessment
    keys = ("rules", "tier", "priority", "score", "model_score", "model_version", "flagged")
    assert [getattr(a, k) for k in keys] == [getattr(b, k) for k in keys]


def test_the_item_page_says_the_model_raised_it_how_sure_and_which_version(
    org, shipped_model, fb_channel, policy, tasks_held
):
    from django.test import Client

    from tillit.testing import PASSWORD

    item = comment(fb_channel, "c1", "dumma kommun")
    a = item.assessment
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "Inlärd modell" in page and a.model_version in page
    assert a.model_score is not None
    assert f"hur säker {round(a.model_score * 100)} %" in page
    assert ("Lyft av modellen, inte av en regel ensam" in page) == a.raised_by_model


def test_without_the_model_the_page_says_the_rules_alone_assessed_it(
    org, fb_channel, policy, tasks_held, monkeypatch
):
    from django.test import Client

    from tillit.testing import PASSWORD

    monkeypatch.setenv(triage.DISABLE_VAR, "1")
    triage.reset()
    item = comment(fb_channel, "c1", "Du är en idiot")
    triage.reset()
    assert item.assessment.model_version == "" and item.assessment.model_score is None
    client = Client()
    client.login(username="staff_1", password=PASSWORD)
    page = client.get(f"/inkorg/{item.pk}/").content.decode()
    assert "bara reglerna bedömde inlägget" in page
