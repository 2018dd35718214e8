"""Demo data: current disputes in several countries, so the map is alive on first run.

Every employer and union here is fictional; each record is marked `is_demo`. Dates are relative
to today, so the demo stays current.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from picketline.disputes import services
from picketline.disputes.models import Dispute
from picketline.organisations.models import Organisation


@dataclass
class DemoSite:
    name: str
    city: str
    country: str
    lat: float
    lon: float
    tz: str
    address: str = ""
    # (weekday offset from today, local start hour, hours, weekly?)
    shifts: list[tuple[int, int, int, bool]] = field(default_factory=list)


@dataclass
class DemoDispute:
    title: str
    employer: str
    unions: list[str]
    kind: str
    status: str
    sector: str
    workers: int
    demands: list[str]
    description: str
    language: str
    started_days_ago: int
    sites: list[DemoSite]
    strike_days: list[int] = field(default_factory=list)  # offsets from today
    verification: str = "union"
    sources: list[tuple[str, str]] = field(default_factory=list)
    sensitive: bool = False
    approximate: bool = True


DEMO = [
    DemoDispute(
        title="Northgate Buses drivers' pay strike",
        employer="Northgate Buses Ltd",
        unions=["Transport Workers' Union (demo)"],
        kind="strike",
        status="active",
        sector="transport",
        workers=420,
        demands=["pay", "hours"],
        description=(
            "Drivers at the Kirkstall Road and Hunslet depots are on all-out strike after a "
            "below-inflation pay offer and rosters with split shifts of up to 13 hours."
        ),
        language="en",
        started_days_ago=9,
        sites=[
            DemoSite(
                "Kirkstall Road depot",
                "Leeds",
                "GB",
                53.8031,
                -1.5722,
                "Europe/London",
                "Kirkstall Road",
                [(1, 5, 4, True), (2, 14, 3, False)],
            ),
            DemoSite(
                "Hunslet depot",
                "Leeds",
                "GB",
                53.7791,
                -1.5330,
                "Europe/London",
                "Hunslet Road",
                [(1, 6, 3, True)],
            ),
        ],
        strike_days=[0, 1, 2, 3, 4],
        sources=[("https://example.org/tw-union/northgate", "union")],
    ),
    DemoDispute(
        title="St Aidan's Hospital cleaners against outsourcing",
        employer="CleanCo Facilities (demo)",
        unions=["Health and Care Union (demo)"],
        kind="strike",
        status="active",
        sector="health",
        workers=160,
        demands=["outsourcing", "pay", "benefits"],
        description=(
            "Outsourced cleaners and porters demand to be brought back in-house on NHS terms, "
            "with sick pay from day one."
        ),
        language="en",
        started_days_ago=20,
        sites=[
            DemoSite(
                "Main entrance",
                "Manchester",
                "GB",
                53.4631,
                -2.2270,
                "Europe/London",
                "Oxford Road",
                [(1, 7, 2, True)],
            )
        ],
        strike_days=[1, 3],
        sources=[("https://example.org/news/st-aidans-cleaners", "press")],
    ),
    DemoDispute(
        title="Huelga de repartidores de RápidoYa",
        employer="RápidoYa Logística (demo)",
        unions=["Sindicato de Repartidores (demo)"],
        kind="strike",
        status="active",
        sector="transport",
        workers=1300,
        demands=["contracts", "recognition", "safety"],
        description=(
            "Los repartidores exigen contratos laborales en lugar de falsos autónomos y un "
            "protocolo de seguridad vial."
        ),
        language="es",
        started_days_ago=5,
        sites=[
            DemoSite(
                "Almacén de Vallecas",
                "Madrid",
                "ES",
                40.3920,
                -3.6580,
                "Europe/Madrid",
                "Calle del Puerto de Canfranc",
                [(0, 18, 3, True), (2, 18, 3, False)],
            ),
            DemoSite(
                "Centro de Poblenou",
                "Barcelona",
                "ES",
                41.4036,
                2.1965,
                "Europe/Madrid",
                "Carrer de Pere IV",
                [(1, 19, 2, False)],
            ),
        ],
        strike_days=[0, 2, 7],
        verification="press",
        sources=[("https://example.org/prensa/rapidoya-huelga", "press")],
    ),
    DemoDispute(
        title="Grève à la raffinerie de Feyzin-Sud",
        employer="Énergie Rhône Raffinage (démo)",
        unions=["Fédération Chimie Énergie (démo)"],
        kind="strike",
        status="announced",
        sector="utilities",
        workers=540,
        demands=["pay", "pensions"],
        description=(
            "Grève reconductible annoncée pour les salaires et contre le recul des retraites."
        ),
        language="fr",
        started_days_ago=-4,
        sites=[
            DemoSite(
                "Portail nord",
                "Lyon",
                "FR",
                45.6720,
                4.8450,
                "Europe/Paris",
                "",
                [(4, 6, 4, True)],
            )
        ],
        strike_days=[4, 5, 6],
    ),
    DemoDispute(
        title="Sciopero dei lavoratori della logistica Magazzini Lombardi",
        employer="Magazzini Lombardi SpA (demo)",
        unions=["Sindacato Logistica di Base (demo)"],
        kind="strike",
        status="active",
        sector="transport",
        workers=280,
        demands=["safety", "hours"],
        description="Sciopero per i ritmi di lavoro e la sicurezza nel magazzino di Peschiera.",
        language="it",
        started_days_ago=2,
        sites=[
            DemoSite(
                "Cancello magazzino",
                "Milano",
                "IT",
                45.4330,
                9.2970,
                "Europe/Rome",
                "",
                [(0, 5, 3, True)],
            )
        ],
        strike_days=[0, 1],
        verification="crowd",
    ),
    DemoDispute(
        title="Lakeshore Nurses strike for safe staffing",
        employer="Lakeshore Health System (demo)",
        unions=["Nurses United Local 12 (demo)"],
        kind="strike",
        status="active",
        sector="health",
        workers=2100,
        demands=["staffing", "safety", "pay"],
        description="Nurses are striking for enforceable nurse-to-patient ratios.",
        language="en",
        started_days_ago=3,
        sites=[
            DemoSite(
                "Lakeshore Medical Center",
                "Chicago",
                "US",
                41.8960,
                -87.6200,
                "America/Chicago",
                "E Huron St",
                [(0, 6, 4, True), (1, 14, 4, True)],
            )
        ],
        strike_days=[0, 1, 2],
        sources=[("https://example.org/nurses-united/lakeshore", "union")],
    ),
    DemoDispute(
        title="Pacific Port warehouse workers lockout",
        employer="Pacific Port Services (demo)",
        unions=["Warehouse Workers Alliance (demo)"],
        kind="lockout",
        status="active",
        sector="transport",
        workers=650,
        demands=["recognition", "contracts"],
        description="The employer locked out workers a week after they filed for recognition.",
        language="en",
        started_days_ago=12,
        sites=[
            DemoSite(
                "Terminal gate 4",
                "Los Angeles",
                "US",
                33.7550,
                -118.2700,
                "America/Los_Angeles",
                "",
                [(0, 7, 5, True)],
            )
        ],
        verification="press",
    ),
    DemoDispute(
        title="Huelga en la planta de autopartes Norteña",
        employer="Autopartes Norteña (demo)",
        unions=["Sindicato Independiente Metalúrgico (demo)"],
        kind="strike",
        status="balloting",
        sector="manufacturing",
        workers=900,
        demands=["pay", "recognition"],
        description="Los trabajadores votan una huelga por un contrato colectivo auténtico.",
        language="es",
        started_days_ago=-10,
        sites=[DemoSite("Planta 2", "Monterrey", "MX", 25.7200, -100.3100, "America/Monterrey")],
        verification="crowd",
    ),
    DemoDispute(
        title="إضراب عمال الغزل والنسيج في مصنع النيل",
        employer="شركة النيل للغزل (تجريبي)",
        unions=["نقابة عمال النسيج المستقلة (تجريبي)"],
        kind="strike",
        status="active",
        sector="manufacturing",
        workers=3000,
        demands=["pay", "benefits"],
        description="يطالب العمال بصرف الحافز السنوي وربط الأجور بالأسعار.",
        language="ar",
        started_days_ago=4,
        sites=[
            DemoSite(
                "بوابة المصنع",
                "المحلة الكبرى",
                "EG",
                30.9700,
                31.1650,
                "Africa/Cairo",
                "",
                [(0, 8, 4, True)],
            )
        ],
        strike_days=[0, 1],
        verification="crowd",
        sensitive=True,
    ),
    DemoDispute(
        title="Seoul Metro cleaners' sit-in",
        employer="Han River Building Services (demo)",
        unions=["Public Service Workers Union (demo)"],
        kind="occupation",
        status="active",
        sector="administrative",
        workers=120,
        demands=["job_security", "pay"],
        description=(
            "Subcontracted cleaners occupy the lobby of the headquarters against dismissals."
        ),
        language="en",
        started_days_ago=15,
        sites=[
            DemoSite(
                "Headquarters lobby",
                "Seoul",
                "KR",
                37.5665,
                126.9780,
                "Asia/Seoul",
                "",
                [(0, 9, 8, True)],
            )
        ],
    ),
    DemoDispute(
        title="Chennai garment workers walkout",
        employer="Coromandel Apparel Exports (demo)",
        unions=["Garment and Fashion Workers Union (demo)"],
        kind="walkout",
        status="active",
        sector="manufacturing",
        workers=1800,
        demands=["safety", "equality", "pay"],
        description="Women workers walked out after a supervisor's harassment went unpunished.",
        language="en",
        started_days_ago=1,
        sites=[
            DemoSite(
                "Factory gate",
                "Chennai",
                "IN",
                13.0827,
                80.2707,
                "Asia/Kolkata",
                "",
                [(0, 8, 3, False), (1, 8, 3, False)],
            )
        ],
        verification="crowd",
        sensitive=True,
    ),
    DemoDispute(
        title="Mogok kerja pengemudi ojek daring",
        employer="GerakCepat Indonesia (demo)",
        unions=["Serikat Pengemudi Daring (demo)"],
        kind="strike",
        status="announced",
        sector="transport",
        workers=5000,
        demands=["pay", "contracts"],
        description="Pengemudi menuntut tarif minimum dan status pekerja.",
        language="id",
        started_days_ago=-2,
        sites=[
            DemoSite(
                "Bundaran HI",
                "Jakarta",
                "ID",
                -6.1950,
                106.8230,
                "Asia/Jakarta",
                "",
                [(2, 10, 4, False)],
            )
        ],
        strike_days=[2],
        verification="press",
    ),
    DemoDispute(
        title="Greve dos professores da rede municipal",
        employer="Prefeitura Municipal (demo)",
        unions=["Sindicato dos Professores Municipais (demo)"],
        kind="strike",
        status="suspended",
        sector="education",
        workers=12000,
        demands=["pay", "staffing"],
        description=(
            "Greve suspensa durante a negociação; assembleia marcada para a próxima semana."
        ),
        language="pt",
        started_days_ago=30,
        sites=[DemoSite("Praça da Sé", "São Paulo", "BR", -23.5505, -46.6333, "America/Sao_Paulo")],
    ),
    DemoDispute(
        title="Lagos port dockworkers strike",
        employer="Apapa Terminal Operators (demo)",
        unions=["Maritime Workers Union (demo)"],
        kind="strike",
        status="ended",
        sector="transport",
        workers=2500,
        demands=["pay", "safety"],
        description="Ended after a settlement on hazard allowances.",
        language="en",
        started_days_ago=60,
        sites=[DemoSite("Apapa gate", "Lagos", "NG", 6.4500, 3.3600, "Africa/Lagos")],
    ),
]

DEMO_PASSWORD = "picketline-demo"


def _local(day: dt.date, hour: int, tz: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(tz))


@transaction.atomic
def demo_load() -> int:
    """Loads the demo disputes unless they are there already. Returns how many were created."""
    if Dispute.objects.filter(is_demo=True).exists():
        return 0
    today = timezone.localdate()
    for item in DEMO:
        country = item.sites[0].country
        employer = services.organisation_get_or_create(
            name=item.employer, kind=Organisation.Kind.EMPLOYER, country=country, is_demo=True
        )
        unions = [
            services.organisation_get_or_create(
                name=name, kind=Organisation.Kind.UNION, country=country, is_demo=True
            )
            for name in item.unions
        ]
        ended = item.status == "ended"
        dispute = services.dispute_create(
            title=item.title,
            employers=[employer],
            unions=unions,
            demands=item.demands,
            kind=item.kind,
            status=item.status,
            outcome="settled" if ended else "unknown",
            sector=item.sector,
            workers_involved=item.workers,
            workers_approximate=item.approximate,
            description=item.description,
            language=item.language,
            start_date=today - dt.timedelta(days=item.started_days_ago),
            end_date=today - dt.timedelta(days=item.started_days_ago - 20) if ended else None,
            authorised=item.kind != "walkout",
            verification=item.verification,
            sensitive=item.sensitive,
            solidarity_email=f"committee-{len(item.title)}@example.org",
            is_demo=True,
        )
        for url, kind in item.sources:
            services.source_create(dispute=dispute, url=url, kind=kind)
        for offset in item.strike_days:
            day = today + dt.timedelta(days=offset)
            tz = item.sites[0].tz
            services.action_create(
                dispute=dispute,
                starts_at=_local(day, 0, tz),
                ends_at=_local(day + dt.timedelta(days=1), 0, tz),
                timezone=tz,
            )
        for demo_site in item.sites:
            site = services.site_create(
                dispute=dispute,
                name=demo_site.name,
                address=demo_site.address,
                city=demo_site.city,
                country=demo_site.country,
                latitude=demo_site.lat,
                longitude=demo_site.lon,
                precision="exact",
                timezone=demo_site.tz,
            )
            for offset, hour, hours, weekly in demo_site.shifts:
                start = _local(today + dt.timedelta(days=offset), hour, demo_site.tz)
                services.shift_create(
                    site=site,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=hours),
                    timezone=demo_site.tz,
                    notes="Bring a flask and a banner." if weekly else "",
                    recurrence="weekly" if weekly else "none",
                    repeat_until=today + dt.timedelta(weeks=8) if weekly else None,
                )
    return len(DEMO)
