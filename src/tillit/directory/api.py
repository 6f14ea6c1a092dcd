"""The link collection as JSON: public, read-only, cached."""

from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tillit.channels.selectors import channels_public

from .cache import directory_cached
from .serializers import DirectoryChannelSerializer


@method_decorator(directory_cached, name="dispatch")
class DirectoryChannelsApi(APIView):
    """Every active channel of the organisation, for embedding on the website."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    # Public and cached; the website's server may fetch it for many readers from one address.
    throttle_classes: list = []

    @extend_schema(
        responses=DirectoryChannelSerializer(many=True), operation_id="directory_channels"
    )
    def get(self, request):
        """List the active channels."""
        return Response(DirectoryChannelSerializer(channels_public(), many=True).data)
