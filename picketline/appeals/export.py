"""The petition for a handover: the confirmed signatures as CSV (the `csv` module) and as PDF
(fpdf2). Names and countries in both; the supporters' addresses only in the coordinators' CSV,
never in the PDF handed to the employer."""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from picketline.appeals.models import Appeal
from picketline.appeals.selectors import signature_counts, signatures_confirmed
from picketline.places.countries import country_names

# A font with the world's scripts' letters, when the system has one (Debian's fonts-dejavu);
# else the PDF's built-in Helvetica, which writes letters outside Latin-1 as "?".
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)


def _cell(value: str) -> str:
    # A spreadsheet runs a cell starting with one of these as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def petition_csv(appeal: Appeal) -> bytes:
    names = country_names(signatures_confirmed(appeal).values_list("country", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Name"), _("Email"), _("Country"), _("Country code"), _("Paragraph"), _("Confirmed")]
    )
    for s in signatures_confirmed(appeal).iterator():
        writer.writerow(
            [
                _cell(s.name),
                _cell(s.email),
                names.get(s.country, s.country),
                s.country,
                _cell(s.paragraph),
                s.confirmed_at.isoformat(),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def _font(pdf: FPDF) -> str:
    path = getattr(settings, "PDF_FONT", "") or next(
        (p for p in FONT_CANDIDATES if Path(p).exists()), ""
    )
    if path:
        pdf.add_font("Petition", fname=path)
        return "Petition"
    return "Helvetica"


def petition_lines(appeal: Appeal) -> list[str]:
    """What the PDF says after the message: the count, the count by country, then each
    confirmed signer's name and country. No address."""
    counts = signature_counts(appeal)
    names = country_names([c.code for c in counts.countries])
    lines = [
        _("%(count)d confirmed signatures, as of %(date)s.")
        % {"count": counts.total, "date": timezone.localdate().isoformat()},
        ", ".join(f"{names.get(c.code, c.code)}: {c.signatures}" for c in counts.countries),
        "",
    ]
    for number, s in enumerate(signatures_confirmed(appeal).iterator(), start=1):
        lines.append(f"{number}. {s.name} ({names.get(s.country, s.country)})")
    return lines


def petition_pdf(appeal: Appeal) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    family = _font(pdf)

    def safe(text: str) -> str:
        if family != "Helvetica":
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font(family, size=16)
    pdf.multi_cell(0, 9, safe(appeal.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=10)
    pdf.multi_cell(0, 6, safe(appeal.subject), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 5, safe(appeal.body), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in petition_lines(appeal):
        if line:
            pdf.multi_cell(0, 5, safe(line), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())
