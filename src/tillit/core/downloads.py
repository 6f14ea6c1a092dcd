"""File downloads every app's views return: CSV the way Swedish Excel opens it safely."""

from collections.abc import Iterable

from django.http import HttpResponse

from .sanitise import CSV_CONTENT_TYPE, csv_write


def csv_download(filename: str, header: Iterable[object], rows: Iterable[Iterable[object]]):
    """A semicolon CSV attachment, UTF-8 with BOM, every cell neutralised (core.sanitise)."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv_write(response, header, rows)
    return response
