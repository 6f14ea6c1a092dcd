"""The link collection as an Atom feed."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from tillit.channels.selectors import channels_public
from tillit.core.sanitise import feed_text
from tillit.organisation.selectors import organisation_get


class DirectoryFeed(Feed):
    """Active channels, newest change first; every text through feed_text (XML 1.0 only)."""

    feed_type = Atom1Feed
    link = "/kanaler/"

    def title(self):
        org = organisation_get()
        return feed_text(
            _("Social media channels of %(org)s") % {"org": org.name if org else "Tillit"}
        )

    def subtitle(self):
        return _("The official channels where the organisation is active.")

    def items(self):
        return channels_public().order_by("-status_changed_at")[:500]

    def item_title(self, item):
        return feed_text(f"{item.name} ({item.platform.name})")

    def item_description(self, item):
        # Atom1Feed declares the summary type="html", so readers render it as markup: escape
        # it, or a purpose such as "<script>…" runs in every feed reader.
        return escape(feed_text(f"{item.purpose} – {item.department.name}"))

    def item_link(self, item):
        return f"/kanaler/{item.public_id}/"

    def item_guid(self, item):
        return f"urn:uuid:{item.public_id}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.status_changed_at
