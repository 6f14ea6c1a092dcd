"""A release of documents for an access request, as PDF and CSV, masked where secrecy requires.

Masked characters are replaced before anything is drawn or written (never drawn and then
covered), so no masked text exists in the PDF's text layer or the CSV.
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from tillit.core.pdf import pdf_font_has, pdf_fonts
from tillit.core.sanitise import csv_text, pdf_text

from .models import AccessRequest, AccessRequestItem
from .selectors import access_request_entries
from .services.access import MASK_CHAR, masked_text


def _font() -> tuple[str, str]:
    """A Unicode font for Swedish text, and the mask character it can draw (█ where it has one)."""
    regular, _bold = pdf_fonts()
    return regular, MASK_CHAR if pdf_font_has(MASK_CHAR) else "X"


def _sender(entry: AccessRequestItem) -> str:
    item = entry.item
    if item is None:
        return ""
    a = item.author
    return a.display_name or a.handle or a.platform_id


def _rows(request: AccessRequest, mask: str = MASK_CHAR) -> list[dict]:
    """Each released entry, masked, with the legal grounds noted."""
    rows = []
    for entry in access_request_entries(request).iterator(chunk_size=500):
        item = entry.item
        grounds = sorted({m["ground"] for m in entry.masks})
        withheld_atts = {m.attachment_id: m.ground for m in entry.attachment_masks.all()}
        if item is None:
            rows.append(
                {
                    "label": entry.label,
                    "received": "",
                    "channel": "",
                    "kind": "",
                    "author": "",
                    "text": _("(disposed of under a disposal decision)"),
                    "grounds": "",
                    "attachments": "",
                }
            )
            continue
        if entry.withheld:
            text = _("[Withheld: %(ground)s]") % {"ground": entry.withheld_ground}
            author = _("[Withheld]")
            grounds = [entry.withheld_ground]
            attachments: list[str] = []
        else:
            text = masked_text(item.text, entry.masks).replace(MASK_CHAR, mask)
            author = _sender(entry)
            attachments = []
            for att in item.attachments.all():
                if att.pk in withheld_atts:
                    attachments.append(
                        _("[Attachment withheld: %(ground)s]") % {"ground": withheld_atts[att.pk]}
                    )
                    grounds.append(withheld_atts[att.pk])
                else:
                    attachments.append(f"{att.name or att.url} ({att.media_type})")
        rows.append(
            {
                "label": entry.label,
                "received": timezone.localtime(item.received_at).strftime("%Y-%m-%d %H:%M"),
                "channel": item.channel.name,
                "kind": item.get_kind_display(),
                "author": author,
                "text": text,
                "grounds": "; ".join(sorted(set(grounds))),
                "attachments": "; ".join(attachments),
            }
        )
    return rows


def release_csv(request: AccessRequest) -> str:
    """The release as semicolon CSV, UTF-8 with BOM, every cell neutralised (core.sanitise)."""
    header = [
        _("Document"),
        _("Received"),
        _("Channel"),
        _("Kind"),
        _("Author as displayed"),
        _("Text"),
        _("Attachments"),
        _("Masked under"),
    ]
    keys = ("label", "received", "channel", "kind", "author", "text", "attachments", "grounds")
    return csv_text(header, ([r[k] for k in keys] for r in _rows(request)))


def release_pdf(request: AccessRequest) -> bytes:
    """The release as PDF: one section per document, masked parts as █, grounds noted."""
    font, mask = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    head = ParagraphStyle("head", fontName=font, fontSize=14, leading=18, spaceAfter=6)
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        title=_("Release of official documents"),
    )
    story = [
        Paragraph(escape(_("Release of official documents")), head),
        Paragraph(
            escape(
                _("Request #%(id)s received %(when)s")
                % {
                    "id": request.pk,
                    "when": timezone.localtime(request.received_at).strftime("%Y-%m-%d"),
                }
            ),
            body,
        ),
        Paragraph(
            escape(
                _(
                    "Masked parts are shown as %(mask)s; the legal ground is given under each document."
                )
                % {"mask": mask}
            ),
            small,
        ),
        Spacer(1, 8),
    ]
    for row in _rows(request, mask=mask):
        r = {k: pdf_text(v) for k, v in row.items()}
        story.append(Paragraph(escape(f"{r['label']} · {r['received']} · {r['author']}"), body))
        story.append(Paragraph(escape(r["text"]).replace("\n", "<br/>"), body))
        if r["attachments"]:
            story.append(
                Paragraph(escape(_("Attachments: %(list)s") % {"list": r["attachments"]}), small)
            )
        if r["grounds"]:
            story.append(
                Paragraph(escape(_("Masked under: %(grounds)s") % {"grounds": r["grounds"]}), small)
            )
        story.append(Spacer(1, 10))
    doc.build(story)
    return buffer.getvalue()
