"""Writes every HTTP exchange of a capture into a gzipped WARC 1.1 file with warcio."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from tillit.core.net.fetcher import Exchange


class WarcRecorder:
    """Appends request/response record pairs to one WARC file; close() when done."""

    def __init__(self, path: Path, info: dict[str, str]):
        self.path = path
        self.records = 0
        self._file: BinaryIO = path.open("wb")
        self._writer = WARCWriter(self._file, gzip=True, warc_version="1.1")
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))

    def record(self, exchange: Exchange) -> None:
        """Write the request and response records of one exchange, linked to each other."""
        # warcio expects naive UTC and appends the Z itself.
        date = datetime_to_iso_date(exchange.date.replace(tzinfo=None), use_micros=True)
        warc_headers = {"WARC-Date": date, "WARC-IP-Address": exchange.address}
        # The body was read with the transfer-encoding already removed, so the header would lie
        # to a replay tool; keep it under another name for the record's sake.
        response_headers = [
            ("X-Archive-Orig-Transfer-Encoding", v) if k.lower() == "transfer-encoding" else (k, v)
            for k, v in exchange.response_headers
        ]
        protocol = exchange.http_version or "HTTP/1.1"
        response = self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=StatusAndHeaders(
                f"{exchange.status} {exchange.reason}".strip(), response_headers, protocol=protocol
            ),
            warc_headers_dict=dict(warc_headers),
        )
        target = _request_target(exchange.url)
        request = self._writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(exchange.request_body or b""),
            length=len(exchange.request_body or b""),
            http_headers=StatusAndHeaders(
                f"{exchange.method} {target} {protocol}",
                exchange.request_headers,
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        self._writer.write_request_response_pair(request, response)
        self.records += 2

    def close(self) -> None:
        """Flush and close the file."""
        if not self._file.closed:
            self._file.close()


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
