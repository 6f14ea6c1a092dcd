"""The demo completes the loop: a moderator hides a flagged comment and the simulated
Facebook Page confirms it within seconds.

The live server serves the demo's own data (load_demo and the webhook stream) with the
simulated platforms started and allowed exactly as `tillit demo` does. Tasks run at once
(the test settings' immediate backend), so the action is sent when the decision commits.

Both tests look for what the item page says is true on the platform ("Dold på plattformen")
and for the simulation's own record of the hidden comment, so a page that claims more than
the platform did fails them.
"""

import time

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(transactional_db, settings):
    from tillit.demo.data import DEMO_PASSWORD, load_demo
    from tillit.demo.platforms import allow_simulated, demo_connect_simulated
    from tillit.demo.simulated import SimulatedPlatforms
    from tillit.demo.stream import demo_deliver

    sims = SimulatedPlatforms().start(make_current=True)
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = frozenset()  # restored after the test
    allow_simulated(sims)
    load_demo()
    demo_connect_simulated(sims, fail_every=0)
    demo_deliver(30, seed=2026)
    yield sims, DEMO_PASSWORD
    sims.close()


def _flagged_comment():
    from tillit.inbox.models import Item

    for item in Item.objects.filter(
        channel__name="Piteå bibliotek", kind="comment", is_hidden=False
    ).order_by("pk"):
        assessment = getattr(item, "assessment", None)
        if assessment is not None and assessment.flagged:
            return item
    raise AssertionError("the demo stream delivered no flagged comment to the library")


def test_moderator_hides_a_flagged_comment_and_sees_it_done(page, demo_site):
    sims, password = demo_site
    item = _flagged_comment()
    assert not sims.graph.nodes[item.platform_id].is_hidden

    page.goto("/konto/logga-in/")
    page.fill("#id_username", "adm.kultur")
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)

    page.goto(f"/inkorg/{item.pk}/")
    page.select_option("#d-kind", "hide")
    rule = page.locator("#d-rule option").nth(1).get_attribute("value")
    selected = page.locator("#d-rule").input_value() or rule
    page.select_option("#d-rule", selected)
    page.locator("section[aria-labelledby='decide-heading'] button[type='submit']").click()
    page.wait_for_url(f"**/inkorg/{item.pk}/")

    _wait_for_hidden_on_platform(page)
    assert sims.graph.nodes[item.platform_id].is_hidden  # the platform's side agrees


def _wait_for_hidden_on_platform(page) -> None:
    """Reload the item page until it says the platform hid the item (at most 10 s)."""
    done = page.locator(".platform-truth", has_text="Dold på plattformen")
    deadline = time.monotonic() + 10
    while done.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert done.count() == 1, page.locator("main").inner_text()[:2000]


def _focus_is(page, selector: str) -> bool:
    return page.evaluate(f"document.activeElement.matches({selector!r})")


def test_keyboard_alone_works_through_five_flagged_items_and_hides_one(page, demo_site):
    """Sign in, reach the queue's first flagged item, walk five with j, hide the fifth with d
    and the decision form, all from the keyboard, and see the simulated platform confirm it."""
    from tillit.inbox.models import Item

    sims, password = demo_site
    page.goto("/konto/logga-in/")
    page.locator("#id_username").focus()
    page.keyboard.type("adm.kultur")
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)

    page.goto("/inkorg/?flagged=1")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Hoppa till innehållet"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Till listan"
    page.keyboard.press("j")  # the first row's link
    assert _focus_is(page, "[data-row-link]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inkorg/*/")

    seen = []
    for step in range(5):
        item_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        seen.append(item_id)
        assert Item.objects.get(pk=item_id).assessment.flagged
        if step < 4:
            page.locator("main").focus()  # as after a page load: nothing typed into
            page.keyboard.press("j")
            page.wait_for_url(lambda url, at=item_id: not url.rstrip("/").endswith(f"/{at}"))
    assert len(set(seen)) == 5

    item = Item.objects.get(pk=seen[-1])
    assert not sims.graph.nodes[item.platform_id].is_hidden
    page.locator("main").focus()
    page.keyboard.press("d")  # chooses "Dölj" and focuses the decision
    assert page.locator("#d-kind").input_value() == "hide"
    if not page.locator("#d-rule").input_value():
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")  # the first rule of the channel's policy
    submit = "section[aria-labelledby='decide-heading'] button[type='submit']"
    for _ in range(20):
        if _focus_is(page, submit):
            break
        page.keyboard.press("Tab")
    assert _focus_is(page, submit)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/inkorg/{item.pk}/")
    _wait_for_hidden_on_platform(page)
    assert sims.graph.nodes[item.platform_id].is_hidden
