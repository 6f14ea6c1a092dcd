"""The queue: items with their proposals and decisions, and deciding through the API.

A decision goes through ``decision_make``, the same service as the inbox's form, so the
rules, the reply checks, the stale-version check and the platform action are one path.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from tillit.channels.selectors import channel_get_for
from tillit.inbox.choices import ItemKind, ItemStatus
from tillit.inbox.selectors import item_get_for
from tillit.moderation.selectors import decisions_for
from tillit.moderation.services.decisions import DecisionConflict, StaleDecision, decision_make

from .base import PageQuery, QueryChecked, documented, refused, written
from .errors import Conflict
from .scopes import Scope
from .selectors import api_item, api_items
from .serializers import DecisionIn, DecisionOut, ItemOut


class ItemsQuery(PageQuery):
    """Filters of the item list."""

    channel = serializers.UUIDField(required=False, help_text="Only this channel's items.")
    status = serializers.ChoiceField(
        ItemStatus.choices, required=False, help_text="Default: not handled."
    )
    kind = serializers.ChoiceField(ItemKind.choices, required=False)
    flagged = serializers.BooleanField(required=False, help_text="Only items the checks flagged.")


@extend_schema_view(
    get=documented(ItemOut(many=True), operation_id="items_list", parameters=[ItemsQuery])
)
class ItemsApi(QueryChecked, generics.ListAPIView):
    """Items in the channels the key's person moderates, newest first."""

    scopes = {"GET": Scope.QUEUE_READ}
    serializer_class = ItemOut
    query_serializer = ItemsQuery

    def get_queryset(self):
        actor, query = self.request.actor, self.query
        channel_id = channel_get_for(actor, query["channel"]).pk if "channel" in query else None
        return api_items(
            actor,
            channel_id=channel_id,
            kind=query.get("kind", ""),
            status=query.get("status", ""),
            flagged=query.get("flagged", False),
        )


@extend_schema_view(get=documented(ItemOut, operation_id="items_get"))
class ItemApi(generics.RetrieveAPIView):
    """One item with its proposal and every decision on it."""

    scopes = {"GET": Scope.QUEUE_READ}
    serializer_class = ItemOut

    def get_object(self):
        return api_item(self.request.actor, self.kwargs["item_id"])


@extend_schema_view(
    get=documented(DecisionOut(many=True), operation_id="decisions_list", parameters=[PageQuery]),
)
class DecisionsApi(QueryChecked, generics.ListAPIView):
    """Decisions on items the key's person moderates, newest first."""

    scopes = {"GET": Scope.QUEUE_READ}
    serializer_class = DecisionOut
    query_serializer = PageQuery

    def get_queryset(self):
        return decisions_for(self.request.actor)


class ItemDecisionsApi(generics.GenericAPIView):
    """Record a decision on an item; refused in Swedish with nothing recorded."""

    scopes = {"POST": Scope.DECISIONS_WRITE}
    serializer_class = DecisionIn
    pagination_class = None

    @documented(
        DecisionOut,
        status=201,
        codes=(400, 401, 403, 404, 409, 429),
        request=DecisionIn,
        operation_id="items_decide",
    )
    def post(self, request, item_id: int):
        """The decision, as the inbox's form records it; 409 if the item changed meanwhile."""
        item = item_get_for(request.actor, item_id)
        data = DecisionIn(data=request.data)
        data.is_valid(raise_exception=True)
        # The serializer's fields are decision_make's arguments, the rule under its form name.
        fields = dict(data.validated_data)
        rule_code = fields.pop("rule")
        try:
            decision = written(
                request,
                action="api.decision",
                obj=item,
                detail={"kind": fields["kind"]},
                change=lambda: decision_make(
                    actor=request.actor, item=item, rule_code=rule_code, **fields
                ),
            )
        except (StaleDecision, DecisionConflict) as exc:
            raise Conflict(" ".join(str(m) for m in exc.messages)) from exc
        except ValidationError as exc:
            raise refused(exc) from exc
        decision = decisions_for(request.actor).get(pk=decision.pk)
        return Response(DecisionOut(decision).data, status=status.HTTP_201_CREATED)
