"""The registry refuses what would silently replace a plug-in."""

import pytest

from tillit.core.registry import Registry, RegistryError


def test_registers_reads_and_refuses_duplicates_and_late_entries():
    reg = Registry({"panels": "test"})

    @reg.register("panels", "a")
    def panel_a():
        return "a"

    reg.add("panels", "a", panel_a)  # the same object again: a re-import, not a conflict
    assert list(reg.store("panels")) == ["a"]
    with pytest.raises(RegistryError, match="already registered"):
        reg.add("panels", "a", lambda: "other")
    with pytest.raises(RegistryError, match="no registry store"):
        reg.add("nope", "a", panel_a)
    reg.freeze()
    with pytest.raises(RegistryError, match="frozen"):
        reg.add("panels", "b", lambda: "b")
    with pytest.raises(TypeError):
        reg.store("panels")["c"] = panel_a  # type: ignore[index]
