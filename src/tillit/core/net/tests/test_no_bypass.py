"""No module opens a network connection except through core.net (the guarded way out).

Types and exceptions from httpx and requests may be used anywhere (``httpx.Headers``,
``httpx.HTTPError``); building a client, session or transport, or calling a request
function, is only allowed in core.net and in the connectors' http module, which builds its
clients through core.net.
"""

from __future__ import annotations

import ast
from pathlib import Path

import tillit

ROOT = Path(tillit.__file__).resolve().parent
ALLOWED = ("core/net/", "connectors/http.py")
NETWORK_CALLS = {
    "httpx": {
        "Client",
        "AsyncClient",
        "HTTPTransport",
        "AsyncHTTPTransport",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "request",
        "stream",
    },
    "requests": {
        "Session",
        "session",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "request",
    },
    "socket": {"create_connection", "socket", "getaddrinfo", "socketpair"},
    "httpcore": {"ConnectionPool", "AsyncConnectionPool", "SyncBackend", "AnyIOBackend"},
}
FORBIDDEN_MODULES = {"urllib.request", "http.client", "urllib3", "aiohttp", "pycurl"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        # Test helpers (tillit/testing.py, <app>/testing.py) start servers and probe them.
        if "/tests/" in f"/{rel}" or path.name.startswith("test_") or path.name == "testing.py":
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def violations(rel: str, tree: ast.AST) -> list[str]:
    """What in one module opens the network other than through core.net."""
    found = []
    imported: dict[str, str] = {}  # local name -> "module.attr" for from-imports
    aliases: dict[str, str] = {}  # local name -> module for plain imports
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in FORBIDDEN_MODULES or alias.name.split(".")[0] in {
                    "urllib3",
                    "aiohttp",
                }:
                    found.append(f"{rel}:{node.lineno} imports {alias.name}")
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in FORBIDDEN_MODULES or node.module.split(".")[0] in {
                "urllib3",
                "aiohttp",
            }:
                found.append(f"{rel}:{node.lineno} imports from {node.module}")
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                if node.module == "urllib" and alias.name == "request":
                    found.append(f"{rel}:{node.lineno} imports urllib.request")
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Call):
            targets.append(node.func)
        elif isinstance(node, ast.ClassDef):
            targets.extend(node.bases)
        for func in targets:
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                module = aliases.get(func.value.id)
                if module in NETWORK_CALLS and func.attr in NETWORK_CALLS[module]:
                    found.append(f"{rel}:{getattr(node, 'lineno', 0)} uses {module}.{func.attr}")
            elif isinstance(func, ast.Name) and func.id in imported:
                module, _, attr = imported[func.id].rpartition(".")
                if module in NETWORK_CALLS and attr in NETWORK_CALLS[module]:
                    found.append(f"{rel}:{getattr(node, 'lineno', 0)} uses {module}.{attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and imported.get(node.func.id) == "mastodon.Mastodon"
            and not any(k.arg == "session" for k in node.keywords)
        ):
            found.append(f"{rel}:{node.lineno} builds Mastodon without a guarded session")
    return found


def test_no_module_opens_the_network_outside_core_net():
    problems = [
        problem
        for rel, tree in _modules()
        if not rel.startswith(ALLOWED)
        for problem in violations(rel, tree)
    ]
    assert problems == []


def test_the_check_finds_what_it_looks_for():
    # The rule above would pass vacuously if it could not see a violation.
    sample = ast.parse(
        "import httpx\nimport requests as r\nfrom urllib.request import urlopen\n"
        "from mastodon import Mastodon\nimport socket\n"
        "httpx.get('http://x')\nr.Session()\nMastodon(api_base_url='x')\n"
        "socket.create_connection(('x', 1))\nclass T(httpx.HTTPTransport): pass\n"
        "h: httpx.Headers\nsocket.gethostname()\n"
    )
    found = violations("sample.py", sample)
    assert len(found) == 6, found
