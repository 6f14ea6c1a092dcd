"""The house's layering holds: dependencies point down and no two apps import each other.

`lint-imports` (import-linter, run in CI) checks the contract in pyproject.toml; this test
runs the same contract so a new upward import fails the suite too, and adds what the
contract cannot say: that every app has a layer, that nothing is ignored, and that the
graph of apps (tests included) has no cycle at all.
"""

import pathlib
import subprocess
import sys
import tomllib

import grimp

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
#: Top-level modules that are entry points or harness, not apps: nothing imports them.
NOT_APPS = {"settings", "locale", "urls", "wsgi", "asgi", "cli", "testing"}


def _layered_apps() -> set[str]:
    (contract,) = CONFIG["contracts"]
    names = set()
    for layer in contract["layers"]:
        names |= {part.strip().removeprefix("tillit.") for part in layer.split("|")}
    return names


def test_the_layers_contract_is_kept():
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(  # noqa: S603  (our own tool, fixed arguments)
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_app_has_a_layer_and_nothing_is_ignored():
    (contract,) = CONFIG["contracts"]
    assert "ignore_imports" not in contract
    apps = {
        p.name
        for p in (ROOT / "src" / "tillit").iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name not in NOT_APPS
    }
    assert apps - _layered_apps() == set(), "give each new app a layer in pyproject.toml"


def test_no_two_apps_import_each_other():
    graph = grimp.build_graph("tillit")
    apps = sorted(_layered_apps())
    edges = {
        (a, b)
        for a in apps
        for b in apps
        if a != b
        and graph.direct_import_exists(
            importer=f"tillit.{a}", imported=f"tillit.{b}", as_packages=True
        )
    }
    # Any cycle of apps contains an edge a -> b with a path back from b to a.
    reach = {a: {b for x, b in edges if x == a} for a in apps}
    changed = True
    while changed:
        changed = False
        for a in apps:
            more = set().union(*(reach[b] for b in reach[a])) - reach[a]
            if more:
                reach[a] |= more
                changed = True
    cycles = sorted(a for a in apps if a in reach[a])
    assert cycles == [], f"apps on an import cycle: {cycles}"
