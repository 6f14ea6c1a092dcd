"""The pre-publication check (R18) on the organisation's own text."""

import pytest

from tillit.access.actor import actor_for
from tillit.audit.models import AuditEntry
from tillit.publishing import checks
from tillit.publishing.checks import RuleSet, blocking, scan
from tillit.publishing.choices import RuleKind
from tillit.publishing.models import CheckRule
from tillit.publishing.selectors import rules_current
from tillit.publishing.services.rules import check_rule_add

# 19121212-1212 is Skatteverket's test number; 811218-9876 is Luhn-valid too.
PNR_FORMS = [
    "19121212-1212",
    "121212-1212",
    "1212121212",
    "191212121212",
    "121212+1212",
    "121212 1212",
    "19121212 1212",
    "121212\u20131212",  # en dash, as a word processor writes it
    "12 12 12-1212",
    "1912-12-12-1212",
    "121212 - 1212",
    "19121212\u22121212",  # minus sign
]


@pytest.mark.parametrize("written", PNR_FORMS)
def test_personnummer_in_every_written_form_blocks(written):
    text = f"Grattis till vinnaren av tävlingen, {written}! Priset hämtas i receptionen."
    found = blocking(scan(text, RuleSet()))
    assert [f.category for f in found] == ["personnummer"]
    assert found[0].evidence.strip() == written.strip()


def test_samordningsnummer_blocks():
    # Day 12 + 60 = 72; check digit from the Luhn sum of 1212721212's first nine digits.
    found = blocking(scan("Ansökan från 121272-1219 är mottagen.", RuleSet()))
    assert [f.category for f in found] == ["samordningsnummer"]


def test_an_ordinary_post_passes():
    text = (
        "Biblioteket har öppet 10–14 på julafton, 2026-12-24. Ring kundtjänst på "
        "0911-69 60 00 eller skriv till kundtjanst@pitea.se. Välkommen till Stadshuset, "
        "Storgatan 32! Ärende 12 på dagordningen gäller nya busslinjer."
    )
    rules = RuleSet(own_domains=("pitea.se",), own_phones=frozenset({"0911696000"}))
    assert blocking(scan(text, rules)) == []


def test_a_private_person_s_contacts_and_health_block():
    text = "Kontakta Anna på 070-123 45 67 eller anna.karlsson82@gmail.com, hon är sjukskriven."
    found = {f.category for f in blocking(scan(text, RuleSet(own_domains=("pitea.se",))))}
    assert {"phone", "email", "health"} <= found


def test_markup_is_noted_not_blocked():
    found = scan("Välkommen <b>alla</b>!", RuleSet())
    assert {f.category for f in found} == {"markup"} and not blocking(found)


def test_a_pattern_that_cannot_finish_in_time_fails_closed(monkeypatch):
    monkeypatch.setattr(checks, "PATTERN_TIMEOUT_S", 1e-9)
    rules = RuleSet(patterns=((r"(?:\w+\s?)*\d", "ärendenummer"),))
    found = blocking(scan("ord " * 5000, rules))
    assert [f.detector for f in found] == ["pattern_failed"] and found[0].detail == "ärendenummer"


@pytest.mark.django_db
def test_markers_patterns_and_protected_names_from_the_rules(org):
    admin = actor_for(org["admin"])
    check_rule_add(actor=admin, kind=RuleKind.WORD, value="sekretess", note="Sekretessmarkering")
    check_rule_add(actor=admin, kind=RuleKind.PATTERN, value=r"\bSN \d{4}/\d{1,5}\b", note="Ärende")
    check_rule_add(actor=admin, kind=RuleKind.PROTECTED_NAME, value="Karin Lindqvist")
    rules = rules_current()
    cases = {
        "Uppgiften omfattas av sekretess enligt OSL.": "marker",
        "Handlingen är sekretessbelagd.": "marker",
        "Se ärende SN 2026/1234 för detaljer.": "pattern",
        "Vi gratulerar KARIN LINDQVIST till priset.": "protected_name",
        "Karin Lindqvists bok finns på biblioteket.": "protected_name",
    }
    for text, category in cases.items():
        assert [f.category for f in blocking(scan(text, rules))] == [category], text
    assert blocking(scan("Sekretariatet har öppet i dag.", rules)) == []
    # The name is nowhere in clear: not in the rule, not in the audit trail.
    row = CheckRule.objects.get(kind=RuleKind.PROTECTED_NAME)
    assert row.value == "" and len(row.digest) == 64
    assert not AuditEntry.objects.filter(detail__icontains="Lindqvist").exists()


@pytest.mark.django_db
def test_only_the_rule_keepers_add_rules(org):
    from tillit.core.exceptions import NotFound

    with pytest.raises(NotFound):
        check_rule_add(actor=actor_for(org["staff_1"]), kind=RuleKind.WORD, value="hemligt")


@pytest.mark.django_db
def test_the_publish_check_command(org, active_channel, capsys):
    import json

    from django.core.management import call_command

    from tillit.channels import services as ch

    ch.channel_update(actor=org["info_a"], channel=active_channel, signature_template="/{förnamn}")
    with pytest.raises(SystemExit) as blocked:
        call_command(
            "publish",
            "check",
            "--channel",
            str(active_channel.pk),
            "--json",
            "Vinnare: 121212-1212",
        )
    assert blocked.value.code == 3
    body = json.loads(capsys.readouterr().out)
    assert body["allowed"] is False
    assert [f["category"] for f in body["findings"]] == ["personnummer"]
    assert body["findings"][0]["evidence"] == "121212-1212" and body["reasons"]
    # Without --author the text must carry a signature of the rule's shape; with it, it is added.
    with pytest.raises(SystemExit):
        call_command("publish", "check", "--channel", str(active_channel.pk), "Öppet i dag")
    capsys.readouterr()
    call_command("publish", "check", "--channel", str(active_channel.pk), "Öppet i dag\n/Anna")
    assert "[[" not in capsys.readouterr().out
    call_command(
        "publish",
        "check",
        "--channel",
        str(active_channel.pk),
        "--author",
        "staff_1",
        "--json",
        "Öppet i dag",
    )
    body = json.loads(capsys.readouterr().out)
    assert body["allowed"] is True and body["signature"] == "/Staff"


@pytest.mark.django_db
def test_a_reply_in_the_inbox_is_checked_too(org, active_channel):
    from tillit.inbox.models import ActionRequest
    from tillit.inbox.services.replies import ReplyRefused, reply_prepare

    person = org["staff_1"]
    with pytest.raises(ReplyRefused, match="19121212-1212"):
        reply_prepare(
            channel=active_channel, person=person, text="Ditt nummer 19121212-1212 är fel."
        )
    assert not ActionRequest.objects.exists()
    assert reply_prepare(channel=active_channel, person=person, text="Tack för din fråga!")
