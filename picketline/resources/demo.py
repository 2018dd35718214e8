"""Demo data for `make run`: a small library for the demo car-industry campaign
(`picketline demo-campaigns`) and the demo solidarity network (`picketline demo-organisations`):
a leaflet in three languages, written here as PDFs with fpdf2; a poster drawn with Pillow; a
video link. Nothing is downloaded; the link points at example.org, which hosts nothing."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from fpdf import FPDF
from PIL import Image, ImageDraw

from picketline.campaigns.demo import DEMO_CAMPAIGN
from picketline.campaigns.models import Campaign
from picketline.organisations.demo import DEMO_NETWORK
from picketline.organisations.models import Organisation
from picketline.resources import services
from picketline.resources.models import Resource

# (language, title, lines): the same leaflet in three languages. The core PDF font holds
# Latin letters only, so the demo's languages are written in Latin script.
LEAFLET = (
    (
        "en",
        "One Aurora: why we strike together (demo)",
        [
            "One Aurora",
            "Car workers in five countries,",
            "one set of demands:",
            "equal pay for equal work,",
            "safe line speeds,",
            "no plant closure without an agreement.",
        ],
    ),
    (
        "es",
        "Una Aurora: por qué hacemos huelga juntos (demo)",
        [
            "Una Aurora",
            "Trabajadores del automóvil en cinco países,",
            "unas mismas demandas:",
            "igual salario por igual trabajo,",
            "ritmos de línea seguros,",
            "ningún cierre de planta sin acuerdo.",
        ],
    ),
    (
        "fr",
        "Une Aurora : pourquoi nous faisons grève ensemble (démo)",
        [
            "Une Aurora",
            "Des ouvriers de l'automobile dans cinq pays,",
            "les mêmes revendications :",
            "à travail égal, salaire égal,",
            "des cadences sûres,",
            "aucune fermeture d'usine sans accord.",
        ],
    ),
)
VIDEO_LINK = "https://video.example.org/one-aurora-rally"


def leaflet_pdf(lines: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(180, 20, 40)
    pdf.rect(0, 0, 210, 40, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", style="B", size=26)
    pdf.set_xy(10, 12)
    pdf.cell(text=lines[0])
    pdf.set_text_color(20, 20, 20)
    pdf.set_font("helvetica", size=14)
    pdf.set_xy(10, 52)
    for line in lines[1:]:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def poster_png() -> bytes:
    image = Image.new("RGB", (600, 850), (250, 240, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 600, 220), fill=(180, 20, 40))
    draw.ellipse((200, 300, 400, 500), fill=(30, 30, 30))
    draw.rectangle((120, 600, 480, 640), fill=(180, 20, 40))
    draw.text((40, 90), "ONE AURORA - DAY OF ACTION (demo)", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@transaction.atomic
def demo_resources_load() -> bool:
    """Loads the demo library once; False when it was there (or neither demo owner is)."""
    campaign = Campaign.objects.filter(title=DEMO_CAMPAIGN, is_demo=True).first()
    network = Organisation.objects.filter(name=DEMO_NETWORK, is_demo=True).first()
    if (campaign is None and network is None) or Resource.objects.filter(is_demo=True).exists():
        return False
    if campaign is not None:
        lead = None
        for language, title, lines in LEAFLET:
            resource = services.resource_create(
                owner=campaign,
                by=None,
                is_demo=True,
                title=title,
                description=lines[-1],
                kind="leaflet",
                language=language,
                visibility="public",
                upload=_upload("leaflet.pdf", leaflet_pdf(lines)),
                translation_of=lead,
            )
            lead = lead or resource
        services.resource_create(
            owner=campaign,
            by=None,
            is_demo=True,
            title="Day of action poster (demo)",
            description="Print it A3 and put it up at the plant gates.",
            kind="poster",
            language="en",
            visibility="public",
            upload=_upload("poster.png", poster_png()),
        )
        services.resource_create(
            owner=campaign,
            by=None,
            is_demo=True,
            title="The rally at the Aurora plant gates (demo)",
            kind="video",
            language="en",
            visibility="public",
            link=VIDEO_LINK,
        )
    if network is not None:
        language, title, lines = LEAFLET[0]
        services.resource_create(
            owner=network,
            by=None,
            is_demo=True,
            title="How to support a picket line (demo)",
            description="A leaflet to hand out at solidarity meetings.",
            kind="leaflet",
            language="en",
            visibility="public",
            upload=_upload(
                "support.pdf",
                leaflet_pdf(["Support a picket", "Bring tea,", "bring friends,", "stay an hour."]),
            ),
        )
        services.resource_create(
            owner=network,
            by=None,
            is_demo=True,
            title="Organisers' checklist (demo)",
            description="Kept for the network's organisers.",
            kind="document",
            language="en",
            visibility="managers",
            upload=_upload(
                "checklist.pdf", leaflet_pdf(["Checklist", "Rota,", "banners,", "press contacts."])
            ),
        )
    return True
