"""Browser helpers: signing in with the keyboard and running axe-core."""

from axe_playwright_python.sync_playwright import Axe

from tillit.testing import PASSWORD

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
_axe = Axe()


def sign_in(page, username: str) -> None:
    """Sign in with the keyboard alone: tab to each field, type, press Enter."""
    page.context.clear_cookies()
    page.goto("/konto/logga-in/")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations on the current page, one line each."""
    results = _axe.run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
        f"{', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


def shot(page, name: str) -> None:
    """A full-page screenshot into $TILLIT_SCREENSHOTS (when set), for a person to look at."""
    import os
    from pathlib import Path

    folder = os.environ.get("TILLIT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
