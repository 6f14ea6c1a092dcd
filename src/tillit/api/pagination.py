"""Cursor pagination: stable under new rows arriving, and no page counts to compute."""

from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    """Pages of ``page_size`` (at most 200), newest first, by an opaque ``cursor``."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
