"""The public JSON shape of a channel in the link collection."""

from rest_framework import serializers

from tillit.channels.models import Channel


class DirectoryChannelSerializer(serializers.ModelSerializer):
    """One active channel: stable id, name, platform, address, department, purpose."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    platform = serializers.CharField(source="platform.name", read_only=True)
    platform_slug = serializers.CharField(source="platform.slug", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Channel
        fields = ["id", "name", "platform", "platform_slug", "url", "department", "purpose"]
        read_only_fields = fields
