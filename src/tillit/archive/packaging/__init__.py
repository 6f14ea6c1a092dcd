"""Archival packages: E-ARK SIP 2.1 / FGS Paketstruktur 2.0 and BagIt (no Django imports)."""

from .bag import build_bag, validate_bag
from .sip import PackagingError, build_sip
from .spec import Organisation, PackageFile, PremisEvent, SipSpec

__all__ = [
    "Organisation",
    "PackageFile",
    "PackagingError",
    "PremisEvent",
    "SipSpec",
    "build_bag",
    "build_sip",
    "validate_bag",
]
