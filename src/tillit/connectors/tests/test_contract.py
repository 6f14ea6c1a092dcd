"""The connector contract, registry and HTTP helpers, without any platform."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import httpx
import pytest

from tillit.connectors import registry
from tillit.connectors.base import (
    MODERATION_CAPABILITIES,
    ActionStatus,
    Author,
    Capability,
    Connector,
    InboundItem,
    ItemKind,
    Parameter,
    PostRules,
    TextLimit,
    check_connector_class,
)
from tillit.connectors.errors import ConfigError, PayloadError
from tillit.connectors.http import parse_json, retry_after
from tillit.core.registry import RegistryError


def test_every_builtin_connector_keeps_the_contract():
    connectors = registry.all_connectors()
    assert set(connectors) == set(registry.BUILTIN_PLATFORMS)
    for cls in connectors.values():
        check_connector_class(cls)
        for cap in MODERATION_CAPABILITIES - cls.capabilities:
            assert len(cls.unsupported[cap]) > 20, (cls.platform, cap)
        assert any(p.secret for p in cls.parameters) or cls.platform == "rss"
    assert registry.get_connector("mastodon").platform == "mastodon"
    with pytest.raises(KeyError):
        registry.get_connector("myspace")


def test_registry_rejects_broken_and_late_connectors():
    class Silent(Connector):
        platform = "silent"
        label = "Silent"
        capabilities = frozenset({Capability.HIDE})

    with pytest.raises(TypeError, match="explain"):
        registry.register_connector(Silent)

    class Mute(Connector):
        platform = "mute"
        label = "Mute"
        unsupported = dict.fromkeys(MODERATION_CAPABILITIES, "because the platform offers nothing")

    # Reading an item's state back is optional, but its absence must be explained too.
    with pytest.raises(TypeError, match="state back"):
        registry.register_connector(Mute)

    class Late(Connector):
        platform = "late"
        label = "Late"
        unsupported = dict.fromkeys(
            MODERATION_CAPABILITIES | {Capability.PUBLISH}, "because the platform offers nothing"
        )
        state_unsupported = "the platform cannot say whether an item is hidden"

    # Under Django start-up has frozen the registry: a connector after it is refused.
    with pytest.raises(RegistryError, match="frozen"):
        registry.register_connector(Late)
    assert "late" not in registry.all_connectors()
    with pytest.raises(TypeError):
        registry.all_connectors()["late"] = Late  # type: ignore[index]


def _connector(**attributes):
    base = {
        "platform": "quiet",
        "label": "Quiet",
        "unsupported": dict.fromkeys(MODERATION_CAPABILITIES, "because the platform offers none"),
        "state_unsupported": "the platform cannot say whether an item is hidden",
    }
    return type("Quiet", (Connector,), {**base, **attributes})


def test_publishing_must_be_explained_or_declared():
    # Without PUBLISH the connector says why (the composer shows it instead of a button).
    with pytest.raises(TypeError, match="cannot publish"):
        check_connector_class(_connector())
    explained = {**_connector().unsupported, Capability.PUBLISH: "a feed is read only"}
    check_connector_class(_connector(unsupported=explained))
    # With PUBLISH it says how long a post may be and what it may carry.
    publishes = frozenset({Capability.PUBLISH})
    with pytest.raises(TypeError, match="text_limit.post"):
        check_connector_class(_connector(capabilities=publishes))
    limit = TextLimit(reply=100, post=100)
    check_connector_class(_connector(capabilities=publishes, text_limit=limit))
    for rules in (
        PostRules(needs_media=True, max_media=0),
        PostRules(media_types=frozenset({"video/mp4"})),
        PostRules(max_media_bytes=0),
    ):
        with pytest.raises(TypeError, match="post_rules"):
            check_connector_class(
                _connector(capabilities=publishes, text_limit=limit, post_rules=rules)
            )
    # Text alone, no images at all, is a sensible rule too.
    check_connector_class(
        _connector(
            capabilities=publishes,
            text_limit=limit,
            post_rules=PostRules(max_media=0, media_types=frozenset()),
        )
    )


def test_every_publishing_connector_declares_its_rules():
    for cls in registry.all_connectors().values():
        if Capability.PUBLISH in cls.capabilities:
            assert cls.text_limit.post and cls.post_rules.max_media >= 1, cls.platform
        else:
            assert len(cls.unsupported[Capability.PUBLISH]) > 20, cls.platform
    publishing = {
        slug
        for slug, cls in registry.all_connectors().items()
        if Capability.PUBLISH in cls.capabilities
    }
    assert publishing == {"facebook", "instagram", "mastodon", "bluesky", "x", "linkedin"}


def test_config_is_validated_and_secrets_hidden():
    cls = registry.get_connector("facebook")
    with pytest.raises(ConfigError, match="must be filled in"):
        cls({"page_id": "1"})
    with pytest.raises(ConfigError, match="does not take these settings: surprise"):
        cls({"page_id": "1", "page_access_token": "t", "surprise": "x"})
    conn = cls({"page_id": "1", "page_access_token": "very-secret"})
    assert "very-secret" not in repr(conn) and "page_access_token" in cls.secret_parameters()
    assert conn.config["api_version"] == "v23.0"
    assert Parameter("a", "A").required


def test_items_need_an_aware_arrival_time():
    author = Author(platform_id="1", display_name="A")
    with pytest.raises(ValueError, match="timezone"):
        InboundItem("1", ItemKind.COMMENT, True, "x", author, datetime(2025, 1, 1))


def test_unsupported_action_never_touches_the_network():
    conn = registry.get_connector("linkedin")({"organization_id": "1", "access_token": "t"})
    conn._http = httpx.Client(transport=httpx.MockTransport(lambda r: pytest.fail("network")))
    assert conn.hide("urn:li:comment:(urn:li:share:1,2)").status is ActionStatus.NOT_SUPPORTED
    assert conn.block("urn:li:person:x").status is ActionStatus.NOT_SUPPORTED


def test_retry_after_forms():
    assert retry_after({"retry-after": "7"}) == 7
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412470) == 10
    assert retry_after({"x-rate-limit-reset": "1000"}, now=990) == 10
    assert retry_after({}) is None


@pytest.mark.parametrize("body", [b'{"a": 1, "a": 2}', b'{"a": NaN}', b"\xff\xfe", b""])
def test_parse_json_refuses_ambiguous_bodies(body):
    with pytest.raises(PayloadError):
        parse_json(body)


def test_connectors_import_nothing_from_django():
    code = (
        "import sys; from tillit.connectors import registry; registry.load_builtin(); "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    # A fresh interpreter: this test process may already have Django loaded by a plugin.
    done = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
