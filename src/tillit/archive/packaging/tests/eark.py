"""Run eark-validator in-process and offline (same approach as shared/tools/eark_validate_offline.py).

eark-validator downloads the DILCIS vocabularies when it validates; these tests answer those
requests from the copies bundled in the package, so they run without a network.
"""

from __future__ import annotations

import io
import urllib.request
from pathlib import Path

_VOCAB_PREFIX = "https://earkcsip.dilcis.eu/schema/"


def _offline():
    import eark_validator.ipxml.resources.vocabs as vocabs
    from importlib_resources import files

    original = urllib.request.urlopen

    def urlopen_local(url, *args, **kwargs):
        if isinstance(url, str) and url.startswith(_VOCAB_PREFIX):
            return io.BytesIO(files(vocabs).joinpath(url.rsplit("/", 1)[1]).read_bytes())
        return original(url, *args, **kwargs)

    # The schematron module fetches vocabularies while it is imported, so urlopen is swapped
    # for the import and restored right after; the module keeps the local one.
    urllib.request.urlopen = urlopen_local
    try:
        import eark_validator.ipxml.schematron as schematron
    finally:
        urllib.request.urlopen = original
    schematron.urlopen = urlopen_local


def validate(package: Path) -> dict:
    """Validate a package folder; return the report as JSON-ready data."""
    _offline()
    import eark_validator.packages as packages
    from eark_validator.specifications.specification import SpecificationVersion

    report = packages.PackageValidator(Path(package), SpecificationVersion.V2_1_0)
    return report.validation_report.model_dump(mode="json")


def problems(report: dict, severities=("Error",)) -> list[str]:
    """Messages of the given severities from every part of a report."""
    found = [
        f"structure {m['rule_id']}: {m['message'][:120]}"
        for m in report["structure"]["messages"]
        if m["severity"] in severities
    ]
    for part in ("schema_results", "schematron_results"):
        for m in (report.get("metadata") or {}).get(part, {}).get("messages", []):
            if m["severity"] in severities:
                found.append(f"{part} {m['rule_id']}: {m['message'][:160]}")
    return found
