"""Every code the source records in the audit trail has a Swedish label, and any other code
still reads sensibly.

The codes are read from the source (each ``audit_record(action=...)``, each API ``written``),
so a new code without a label fails here, before a person meets it as a bare code.
"""

import ast
import pathlib

import pytest
from django.apps import apps
from django.utils import translation

from tillit.access import actor as actors
from tillit.channels.workflow import TRANSITIONS
from tillit.inbox.choices import ActionKind, ActionState
from tillit.moderation.choices import DecisionKind
from tillit.publishing.choices import Verdict
from tillit.records.choices import PersonalDataKind
from tillit.reports import audit_labels as labels
from tillit.reports.selectors_audit import EXPORTED, TRAIL, VERIFIED

SRC = pathlib.Path(__file__).resolve().parents[2]
RECORDERS = {"audit_record", "written"}

#: Codes made from a prefix and a value: every value of the enum behind each prefix.
FAMILIES: dict[str, list[str]] = {
    "channel.": list(TRANSITIONS),
    "outbox.": list(ActionKind.values) + list(ActionState.values),
    "moderation.": list(DecisionKind.values),
    "publishing.post_": list(Verdict.values),
    "records.personal_": list(PersonalDataKind.values),
}
#: Codes passed on by name, and the codes they stand for.
PASSED_ON = {
    ("api/base.py", "action"): [],  # written() passes on its callers' literal codes
    ("signin/views.py", "self.audit_action"): [],  # the subclasses' literal audit_action
    ("reports/services_audit.py", "VERIFIED"): [VERIFIED],
    ("reports/services_audit.py", "EXPORTED"): [EXPORTED],
    # The demo's history records what the decision service would have: moderation.<kind>
    # (a family below) and the review of an automatic hide.
    ("demo/history_data.py", "entry.action"): ["moderation.review"],
}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in RECORDERS:
                yield node


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def codes_in(source: str, where: str = "") -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """(literal codes, f-string prefixes, codes passed on by name) recorded in a module."""
    tree = ast.parse(source)
    literal: set[str] = set()
    prefixes: set[str] = set()
    named: set[tuple[str, str]] = set()
    for call in _calls(tree):
        value = _keyword(call, "action")
        if value is None:
            continue
        if isinstance(value, ast.JoinedStr):
            first = value.values[0]
            text = first.value if isinstance(first, ast.Constant) else ""
            prefixes.add(text if isinstance(text, str) else "")
        elif isinstance(value, ast.Name | ast.Attribute):
            named.add((where, ast.unparse(value)))
        else:
            # A literal, or a choice between literals ("a" if ok else "b").
            literal |= {
                c.value
                for c in ast.walk(value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    for node in ast.walk(tree):
        # Views that record under a class attribute: ``audit_action = "signin.password_reset"``.
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and node.value.value
            and any(isinstance(t, ast.Name) and t.id == "audit_action" for t in node.targets)
        ):
            literal.add(node.value.value)
    return literal, prefixes, named


def _source_codes():
    literal: set[str] = set()
    prefixes: set[str] = set()
    named: set[tuple[str, str]] = set()
    for path in sorted(SRC.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        where = str(path.relative_to(SRC))
        found = codes_in(path.read_text(encoding="utf-8"), where)
        literal |= found[0]
        prefixes |= found[1]
        named |= found[2]
    return literal, prefixes, named


def test_every_action_code_recorded_in_the_source_has_a_label():
    literal, prefixes, named = _source_codes()
    # The scan must find what it polices, or it proves nothing.
    assert len(literal) > 100 and "channel.create" in literal and "api.decision" in literal
    assert set(prefixes) == set(FAMILIES), "a new kind of made-up code: add it to FAMILIES"
    assert named == set(PASSED_ON), "a code passed on by a new name: add it to PASSED_ON"
    codes = literal | {p + v for p, values in FAMILIES.items() for v in values}
    codes |= {code for passed in PASSED_ON.values() for code in passed}
    missing = sorted(codes - set(labels.ACTION_LABELS))
    assert missing == [], f"action codes without a label in reports/audit_labels.py: {missing}"


def test_the_scan_finds_a_code_without_a_label():
    # The check above can fail: a new code in the source is seen and has no label.
    source = (
        "def f(actor):\n"
        "    audit_record(actor=actor, action='channel.vanish', obj=None)\n"
        "    written(request, action='api.new' if x else 'api.old', obj=o, change=c)\n"
        "    audit_record(actor=actor, action=f'thing.{kind}')\n"
        "    audit_record(actor=actor, action=CODE)\n"
        "class V:\n"
        "    audit_action = 'signin.shiny'\n"
    )
    literal, prefixes, named = codes_in(source, "x.py")
    assert literal == {"channel.vanish", "api.new", "api.old", "signin.shiny"}
    assert prefixes == {"thing."} and named == {("x.py", "CODE")}
    assert not literal & set(labels.ACTION_LABELS)


def test_every_kind_of_object_has_a_label():
    models = {m._meta.label_lower for m in apps.get_models() if m.__module__.startswith("tillit.")}
    assert len(models) > 40
    missing = sorted(models - set(labels.OBJECT_TYPE_LABELS))
    assert missing == [], f"models without a label in reports/audit_labels.py: {missing}"
    # And the kinds recorded by name rather than by model.
    named: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            value = _keyword(call, "object_type")
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                named.add(value.value)
    assert {"audit.key", "accessibility"} <= named
    assert named | {TRAIL} <= set(labels.OBJECT_TYPE_LABELS)


def test_every_automatic_actor_has_a_label():
    names = {value.system for value in vars(actors).values() if isinstance(value, actors.Actor)} - {
        ""
    }
    assert {"policy", "scheduler", "operator"} <= names
    assert names <= set(labels.SYSTEM_ACTOR_LABELS)
    assert str(actors.ANONYMOUS) in labels.SYSTEM_ACTOR_LABELS  # "anonymous"
    assert labels.actor_label(actor_id=None, actor_label="scheduler") != "scheduler"
    # A person who happens to be called "policy" keeps their name.
    assert labels.actor_label(actor_id=7, actor_label="policy") == "policy"


def test_every_reason_a_verification_gives_has_words():
    path = SRC / "audit" / "services.py"
    reasons: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", "")
        texts = node.args[1:2] if name == "_Broken" else []
        if name == "VerifyResult" and len(node.args) > 3:
            texts = node.args[3:4]
        for text in texts:
            first = text.values[0] if isinstance(text, ast.JoinedStr) else text
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                reasons.add(first.value)
    assert len(reasons) >= 8
    fallback = labels.verify_reason_label("")
    unmapped = sorted(r for r in reasons if labels.verify_reason_label(r) == fallback)
    assert unmapped == [], f"verification reasons without words in audit_labels: {unmapped}"


def test_labels_are_swedish_in_the_swedish_interface():
    with translation.override("en"):
        english = {code: str(label) for code, label in labels.ACTION_LABELS.items()}
    with translation.override("sv"):
        swedish = {code: str(label) for code, label in labels.ACTION_LABELS.items()}
        assert [code for code in english if english[code] == swedish[code]] == []
        assert labels.action_label("channel.approve") == "Kanal godkänd"
        assert labels.object_type_label("channels.channel") == "Kanal"
        assert labels.area_label("retention") == "Gallring"


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("channel.teleported", "Kanaler: teleported"),
        ("newapp.did_a_thing", "newapp: did a thing"),
        ("single_word", "single word"),
        ("a.b.c", "a: b c"),
        ("", "(ingen händelse)"),
    ],
)
def test_an_unknown_code_is_shown_readably(code, shown):
    with translation.override("sv"):
        assert labels.action_label(code) == shown


def test_an_unknown_kind_of_object_is_shown_as_its_code():
    with translation.override("sv"):
        assert labels.object_type_label("newapp.gadget") == "newapp.gadget"
        assert labels.object_type_label("") == "(inget objekt)"


def test_the_what_filter_is_grouped_by_area_in_swedish_order():
    with translation.override("sv"):
        groups = labels.action_choices()
    names = [name for name, _choices in groups]
    assert names.index("Åtgärder på plattformar") > names.index("Uppdrag")
    for _name, choices in groups:
        assert [label for _code, label in choices] == sorted(
            (label for _code, label in choices), key=labels.sort_key
        )
    assert sum(len(choices) for _name, choices in groups) == len(labels.ACTION_LABELS)
