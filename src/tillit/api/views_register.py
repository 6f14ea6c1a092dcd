"""The channel register: every channel the key's person may see, and where it stands."""

from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers

from tillit.channels.choices import ChannelStatus

from .base import PageQuery, QueryChecked, documented
from .scopes import Scope
from .selectors import api_channel, api_channels
from .serializers import ChannelOut


class ChannelsQuery(PageQuery):
    """Filters of the channel list."""

    status = serializers.ChoiceField(ChannelStatus.choices, required=False)


@extend_schema_view(
    get=documented(ChannelOut(many=True), operation_id="channels_list", parameters=[ChannelsQuery])
)
class ChannelsApi(QueryChecked, generics.ListAPIView):
    """Channels in the register (R1, R4), newest first."""

    scopes = {"GET": Scope.REGISTER_READ}
    serializer_class = ChannelOut
    query_serializer = ChannelsQuery

    def get_queryset(self):
        return api_channels(self.request.actor, status=self.query.get("status", ""))


@extend_schema_view(get=documented(ChannelOut, operation_id="channels_get"))
class ChannelApi(generics.RetrieveAPIView):
    """One channel by its id."""

    scopes = {"GET": Scope.REGISTER_READ}
    serializer_class = ChannelOut

    def get_object(self):
        return api_channel(self.request.actor, self.kwargs["channel_id"])
