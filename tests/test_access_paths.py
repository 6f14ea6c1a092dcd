"""Every page and API reaches data only through restricted selectors.

The access kernel's promise is one path: a view asks a selector, and a selector that reads
for a person goes through ``restrict()`` (or ``get_restricted``, or another such selector).
These tests read the source, so a new view that queries a model itself, or a selector that
forgets the rule, fails here before it can leak anything.
"""

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "tillit"
RESTRICTING = {"restrict", "get_restricted"}


def _view_modules() -> list[pathlib.Path]:
    patterns = (
        "*/views*.py",
        "*/api.py",
        "*/feeds.py",
        "*/connection_views.py",
        "*/templatetags/*.py",
    )
    return sorted({p for pattern in patterns for p in SRC.glob(pattern)})


def _selector_functions() -> dict[str, tuple[pathlib.Path, ast.FunctionDef]]:
    found = {}
    for path in sorted(SRC.glob("*/selectors*.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                found[f"{path.parent.name}.{node.name}"] = (path, node)
    return found


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _passes_actor(call: ast.Call) -> bool:
    args = [*call.args, *(k.value for k in call.keywords)]
    return any(isinstance(a, ast.Name) and a.id == "actor" for a in args)


def test_views_never_query_models_themselves():
    offences = []
    for path in _view_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                offences.append(f"{path.relative_to(SRC)}:{node.lineno} .objects")
            if isinstance(node, ast.Call) and _called_name(node) in {
                "get_object_or_404",
                "get_list_or_404",
            }:
                offences.append(f"{path.relative_to(SRC)}:{node.lineno} {_called_name(node)}")
    assert offences == [], "read through a selector instead:\n" + "\n".join(offences)


def test_every_selector_for_a_person_goes_through_restrict():
    selectors = _selector_functions()
    for_person = {
        name: (path, fn)
        for name, (path, fn) in selectors.items()
        if any(a.arg == "actor" for a in fn.args.args + fn.args.kwonlyargs)
        # A yes/no answer for a template reads no rows.
        and not (isinstance(fn.returns, ast.Name) and fn.returns.id == "bool")
    }
    short = {name.split(".", 1)[1] for name in for_person}
    restricted: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, (_path, fn) in for_person.items():
            if name in restricted:
                continue
            calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call)]
            direct = any(_called_name(c) in RESTRICTING for c in calls)
            through = any(
                _called_name(c) in short
                and _passes_actor(c)
                and any(r.endswith("." + _called_name(c)) for r in restricted)
                for c in calls
            )
            if direct or through:
                restricted.add(name)
                changed = True
    missing = sorted(set(for_person) - restricted)
    assert missing == [], f"selectors that read for a person without restrict(): {missing}"


def test_the_checks_see_what_they_look_for():
    # The source checks must find the selectors and views they police, or they prove nothing.
    assert len(_view_modules()) > 10
    assert len(_selector_functions()) > 30
