"""Fill the Swedish catalogue from `sv_translations.py` and report what is still missing.

Run by `make messages` after makemessages; needs `polib` (a maintainer tool, not a runtime need).
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
import sv_translations  # noqa: E402

# Each app may keep its own dictionary beside the main one (sv_translations_<app>.py); the
# main one is applied last, so it settles any disagreement.
SV: dict[str, str] = {}
SV_PLURAL: dict[str, tuple[str, str]] = {}
for extra in sorted(Path(__file__).parent.glob("sv_translations_*.py")):
    module = __import__(extra.stem)
    for name in dir(module):
        if name.startswith("SV_") and name.endswith("_PLURAL"):
            SV_PLURAL.update(getattr(module, name))
        elif name.startswith("SV_"):
            SV.update(getattr(module, name))
SV.update(sv_translations.SV)
SV_PLURAL.update(sv_translations.SV_PLURAL)
# Entries with a gettext context, keyed "context|msgid".
SV_CONTEXT: dict[str, str] = getattr(sv_translations, "SV_CONTEXT", {})

PO = Path(__file__).resolve().parents[1] / "src/tillit/locale/sv/LC_MESSAGES/django.po"


def main() -> int:
    po = polib.pofile(str(PO))
    missing = []
    for entry in po:
        key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        vetted = SV_CONTEXT if entry.msgctxt else SV
        if key not in vetted and entry.msgid not in SV_PLURAL:
            # Only the dictionaries are translations; anything else (a guess makemessages
            # made from a similar string, a stale entry) is cleared and reported.
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        if entry.msgid_plural:
            pair = SV_PLURAL.get(entry.msgid)
            if pair is None and entry.msgid in SV and entry.msgid_plural in SV:
                pair = (SV[entry.msgid], SV[entry.msgid_plural])
            if pair:
                entry.msgstr_plural = {0: pair[0], 1: pair[1]}
            elif not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
        elif key in vetted:
            entry.msgstr = vetted[key]
        elif not entry.msgstr:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "sv"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.save()
    for msgid in missing:
        print(f"missing: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
