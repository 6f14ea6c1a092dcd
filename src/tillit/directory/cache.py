"""Caching the public pages: keyed by the directory's version, bumped by every channel change."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from tillit.core.cache import namespace_version


def directory_cached(view):
    """Serve a public view from the cache until a channel changes; let browsers keep it briefly."""

    @wraps(view, assigned=("__module__", "__doc__"), updated=())
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = "directory:{}:{}:{}:{}".format(
            namespace_version("directory"),
            get_language(),
            request.get_full_path()[:300],
            getattr(view, "__name__", type(view).__name__),
        )
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, response, timeout=settings.TILLIT_DIRECTORY_MAX_AGE * 12)
        patch_cache_control(response, public=True, max_age=settings.TILLIT_DIRECTORY_MAX_AGE)
        return response

    return wrapped
