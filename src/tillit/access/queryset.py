"""``restrict(actor, action)``: the one way a person's view of a model is filtered.

Each app registers an ``AccessRule`` for every model a person reaches (``@access_rule``).
The rule answers the same question two ways: ``filter`` narrows a queryset (lists, one
query) and ``allows`` checks one loaded object (buttons, services after a fetch). Both live
side by side in one class, and a test walks every rule over the demo's people and objects
and fails when the two disagree, so the predicate can no longer drift from the filter.

A model with no registered rule cannot be restricted: ``restrict`` raises instead of
returning everything, so forgetting a rule fails closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from tillit.core.exceptions import NotFound
from tillit.core.registry import registry

from .actor import Actor

RULES = "access_rules"

M = TypeVar("M", bound=models.Model)


class AccessRule:
    """Who may do what with one model: a queryset filter and the same rule on one object."""

    model: ClassVar[type[models.Model]]
    #: The actions this rule knows; anything else is refused.
    actions: ClassVar[tuple[str, ...]] = ("view",)

    def filter(self, qs: models.QuerySet, actor: Actor, action: str) -> models.QuerySet:
        """The rows of ``qs`` the actor may ``action``."""
        raise NotImplementedError

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        """Whether the actor may ``action`` this one object (no further queries)."""
        raise NotImplementedError


class RoleRule(AccessRule):
    """A whole-table rule: each action is open to a set of organisation-wide roles."""

    #: action -> the organisation-wide roles that may take it.
    # Mapping, not dict: read-only, so a module-level {action: (Role.X,)} fits as it is.
    roles: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.actions = tuple(cls.roles)

    def filter(self, qs: models.QuerySet, actor: Actor, action: str) -> models.QuerySet:
        return qs if self.allows(actor, action, None) else qs.none()

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        return actor.is_person and actor.is_org_wide(*self.roles[action])


def access_rule(model: type[models.Model]):
    """Class decorator: register the rule for ``model`` (once; the registry refuses twice)."""

    def decorator(cls: type[AccessRule]) -> type[AccessRule]:
        cls.model = model
        registry.add(RULES, model._meta.label_lower, cls())
        return cls

    return decorator


def rule_for(model: type[models.Model]) -> AccessRule:
    """The registered rule of a model; LookupError when it has none."""
    try:
        return registry.store(RULES)[model._meta.label_lower]
    except KeyError:
        raise LookupError(f"no access rule registered for {model._meta.label}") from None


def _checked(rule: AccessRule, action: str) -> None:
    if action not in rule.actions:
        raise ValueError(f"{rule.model._meta.label} has no action {action!r}")


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what an actor may do."""

    def restrict(self, actor: Actor, action: str = "view") -> models.QuerySet:
        """The rows the actor may ``action``; none for anyone without a rule's consent."""
        rule = rule_for(self.model)
        _checked(rule, action)
        return rule.filter(self, actor, action)


def allows(actor: Actor, action: str, obj: models.Model) -> bool:
    """Whether the actor may ``action`` this object, by the model's registered rule."""
    rule = rule_for(type(obj))
    _checked(rule, action)
    return rule.allows(actor, action, obj)


def require(actor: Actor, action: str, obj: models.Model) -> None:
    """NotFound unless allowed: a forbidden object answers like a missing one."""
    if not allows(actor, action, obj):
        raise NotFound


def get_restricted(qs: models.QuerySet[M], actor: Actor, action: str = "view", **lookup) -> M:
    """Fetch one object the actor may ``action``; NotFound whether missing or forbidden."""
    try:
        obj = qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise NotFound from exc
    require(actor, action, obj)
    return obj
