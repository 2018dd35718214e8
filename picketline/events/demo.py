"""Demo events: a global day of action for the demo bus strike, answered by local events in
many countries (each in its own time zone), and two events of their own — so the map, the
waiting list, a postponement and the organisers' pages have something to show.

Loaded by `picketline demo-events` after `picketline demo`; safe to re-run. Every organiser,
venue and person here is fictional, and every email address is at example.org.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from picketline.core.tokens import token_new
from picketline.disputes.models import Dispute
from picketline.events.choices import EventMode, EventStatus
from picketline.events.days.services import day_of_action_create
from picketline.events.models import DayOfAction, Event, Rsvp
from picketline.events.rsvps.services import rsvp_confirm, rsvp_create
from picketline.events.services import event_create, event_update

DEMO_DAY = "Global day of action for the Northgate Buses strikers"
DEMO_DISPUTES = ("Northgate Buses drivers' pay strike", "Lagos port dockworkers strike")
DAYS_AHEAD = 21
DEMO_CALL = (
    "For six weeks the drivers of Northgate Buses have stood on the picket line for a wage "
    "they can live on. The company says nobody is watching. On this day, show them the whole "
    "world is: hold a rally, visit a depot, take a collection, or watch the strikers speak "
    "online. Host an event where you are, and bring your workmates."
)
DEMO_DEMANDS = "A pay rise that beats inflation\nNo victimisation of strikers\nSafe rotas"


@dataclass(frozen=True)
class DemoEvent:
    title: str
    city: str
    country: str
    zone: str
    lat: float
    lon: float
    organiser: str
    venue: str = ""
    address: str = ""
    mode: str = EventMode.IN_PERSON
    start_hour: int = 12
    hours: int = 2
    language: str = "en"
    description: str = ""
    capacity: int | None = None
    join_url: str = ""


LOCAL_EVENTS = (
    DemoEvent(
        "Rally at the Northgate depot gates",
        "Leeds",
        "GB",
        "Europe/London",
        53.7965,
        -1.5478,
        "Northgate strike committee (demo)",
        "Depot main gate",
        "Kirkstall Road",
        start_hour=7,
        description="Bring flasks and banners: the strikers speak at 8.",
    ),
    DemoEvent(
        "Rassemblement de soutien aux chauffeurs de Northgate",
        "Paris",
        "FR",
        "Europe/Paris",
        48.8566,
        2.3522,
        "Comité de solidarité Paris (demo)",
        "Place de la République",
        start_hour=18,
        language="fr",
        description="Prises de parole et collecte pour la caisse de grève.",
    ),
    DemoEvent(
        "Concentración solidaria con Northgate",
        "Madrid",
        "ES",
        "Europe/Madrid",
        40.4168,
        -3.7038,
        "Red de solidaridad Madrid (demo)",
        "Puerta del Sol",
        mode=EventMode.HYBRID,
        start_hour=19,
        language="es",
        join_url="https://meet.example.org/demo-madrid-northgate",
        description="En la plaza y en directo por vídeo.",
    ),
    DemoEvent(
        "Presidio davanti al deposito ATM",
        "Milano",
        "IT",
        "Europe/Rome",
        45.4642,
        9.19,
        "Autoferrotranvieri solidali (demo)",
        "Deposito Ticinese",
        start_hour=6,
        language="it",
    ),
    DemoEvent(
        "Solidaritätstreffen im Gewerkschaftshaus",
        "Berlin",
        "DE",
        "Europe/Berlin",
        52.52,
        13.405,
        "Busfahrer*innen-Netzwerk (demo)",
        "Gewerkschaftshaus, Raum 3",
        start_hour=17,
        language="de",
        capacity=3,
        description="Kleiner Raum: bitte anmelden. Wenn er voll ist, kommt ihr auf die Warteliste.",
    ),
    DemoEvent(
        "Transit workers for Northgate: picket visit",
        "Chicago",
        "US",
        "America/Chicago",
        41.8781,
        -87.6298,
        "Chicago Labor Solidarity (demo)",
        "Garage 74 entrance",
        start_hour=10,
    ),
    DemoEvent(
        "Solidarity lunch and collection",
        "Toronto",
        "CA",
        "America/Toronto",
        43.6532,
        -79.3832,
        "Toronto Strike Support (demo)",
        "Steelworkers Hall",
        start_hour=12,
    ),
    DemoEvent(
        "Mitin de solidaridad internacional",
        "Monterrey",
        "MX",
        "America/Monterrey",
        25.6866,
        -100.3161,
        "Colectivo obrero regio (demo)",
        "Macroplaza",
        start_hour=17,
        language="es",
    ),
    DemoEvent(
        "Ato em solidariedade aos motoristas",
        "São Paulo",
        "BR",
        "America/Sao_Paulo",
        -23.5505,
        -46.6333,
        "Rede de apoio às greves (demo)",
        "Praça da Sé",
        start_hour=16,
        language="pt",
    ),
    DemoEvent(
        "Dockworkers salute the Northgate drivers",
        "Lagos",
        "NG",
        "Africa/Lagos",
        6.5244,
        3.3792,
        "Maritime Workers Union branch (demo)",
        "Apapa port gate 2",
        start_hour=9,
    ),
    DemoEvent(
        "وقفة تضامنية مع سائقي نورثغيت",
        "القاهرة",
        "EG",
        "Africa/Cairo",
        30.0444,
        31.2357,
        "لجنة التضامن العمالي (demo)",
        "أمام نقابة الصحفيين",
        start_hour=13,
        language="ar",
    ),
    DemoEvent(
        "Garment workers' solidarity meeting",
        "Chennai",
        "IN",
        "Asia/Kolkata",
        13.0827,
        80.2707,
        "Garment and Fashion Workers Union (demo)",
        "Union office, Anna Salai",
        start_hour=18,
    ),
    DemoEvent(
        "노스게이트 버스 파업 연대 집회",
        "서울",
        "KR",
        "Asia/Seoul",
        37.5665,
        126.978,
        "공공운수 연대모임 (demo)",
        "서울시청 앞",
        start_hour=19,
        language="ko",
    ),
    DemoEvent(
        "Aksi solidaritas untuk sopir Northgate",
        "Jakarta",
        "ID",
        "Asia/Jakarta",
        -6.2088,
        106.8456,
        "Jaringan Solidaritas Buruh (demo)",
        "Bundaran HI",
        start_hour=10,
        language="id",
    ),
    DemoEvent(
        "Tram depot solidarity breakfast",
        "Melbourne",
        "AU",
        "Australia/Melbourne",
        -37.8136,
        144.9631,
        "Melbourne Unions Solidarity (demo)",
        "Brunswick depot",
        start_hour=7,
    ),
    DemoEvent(
        "Watch party: the Northgate strikers speak",
        "",
        "",
        "Europe/London",
        0,
        0,
        "Global Picketline (demo)",
        mode=EventMode.ONLINE,
        start_hour=20,
        join_url="https://meet.example.org/demo-northgate-watch-party",
        description="Strikers from the depot answer questions live.",
    ),
)
# São Paulo's event moves: the square is booked for a festival that day.
POSTPONED = "Ato em solidariedade aos motoristas"
FULL = "Solidaritätstreffen im Gewerkschaftshaus"
COORDINATED = "Rally at the Northgate depot gates"
# Names and example.org addresses for the RSVPs; the Berlin room (3 places) fills up and the
# last two wait.
ATTENDEES = ("Lena", "Jonas", "Aylin", "Mehmet", "Sophie")
PENDING_HOST = DemoEvent(
    "Street stall and petition",
    "Bristol",
    "GB",
    "Europe/London",
    51.4545,
    -2.5879,
    "Bristol Trades Council (demo)",
    "Broadmead",
    start_hour=11,
)


def _times(spec: DemoEvent, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    starts_at = dt.datetime.combine(day, dt.time(spec.start_hour), tzinfo=ZoneInfo(spec.zone))
    return starts_at, starts_at + dt.timedelta(hours=spec.hours)


def _event_fields(spec: DemoEvent, day: dt.date) -> dict:
    starts_at, ends_at = _times(spec, day)
    has_place = spec.mode != EventMode.ONLINE
    return {
        "title": spec.title,
        "description": spec.description or spec.title,
        "language": spec.language,
        "organiser_name": spec.organiser,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "timezone": spec.zone,
        "mode": spec.mode,
        "venue": spec.venue,
        "address": spec.address,
        "locality": spec.city,
        "country": spec.country,
        "latitude": spec.lat if has_place else None,
        "longitude": spec.lon if has_place else None,
        "join_url": spec.join_url,
        "capacity": spec.capacity,
        "is_demo": True,
    }


def _rsvp_confirmed(event: Event, name: str) -> None:
    """An RSVP by name and email, confirmed as if its emailed link had been followed."""
    result = rsvp_create(event=event, name=f"{name} (demo)", email=f"{name.lower()}@example.org")
    raw, hashed = token_new()
    Rsvp.objects.filter(pk=result.rsvp.pk).update(confirm_token_hash=hashed)
    rsvp_confirm(raw=raw)


def _day_of_action(disputes: list[Dispute], today: dt.date) -> DayOfAction:
    day = today + dt.timedelta(days=DAYS_AHEAD)
    return day_of_action_create(
        publish=True,
        title=DEMO_DAY,
        call=DEMO_CALL,
        language="en",
        starts_on=day,
        ends_on=day,
        demands=DEMO_DEMANDS,
        organiser_name="Global Picketline (demo)",
        disputes=disputes,
        is_demo=True,
    )


def _local_events(day: DayOfAction, coordinator) -> None:
    for spec in LOCAL_EVENTS:
        user = coordinator if spec.title == COORDINATED else None
        event = event_create(
            user=user, publish=True, day_of_action=day, **_event_fields(spec, day.starts_on)
        )
        if spec.title == FULL:
            for name in ATTENDEES:
                _rsvp_confirmed(event, name)
        elif spec.title == POSTPONED:
            event_update(
                event=event,
                status=EventStatus.POSTPONED,
                status_note="The square is booked for a festival that day; a new date follows.",
            )
        elif spec.title == COORDINATED:
            for name in ATTENDEES[:2]:
                _rsvp_confirmed(event, name)
    event_create(
        publish=False,
        day_of_action=day,
        host_name="Ana (demo)",
        host_email="ana@example.org",
        **_event_fields(PENDING_HOST, day.starts_on),
    )


def _standalone_events(disputes: list[Dispute], today: dt.date) -> None:
    benefit = DemoEvent(
        "Benefit gig for the Northgate strike fund",
        "Leeds",
        "GB",
        "Europe/London",
        53.7997,
        -1.5492,
        "Leeds Strike Support (demo)",
        "Brudenell Social Club",
        "Queen's Road",
        start_hour=19,
        hours=4,
        capacity=250,
        description="Three bands, one cause: every ticket goes to the strike fund.",
    )
    event_create(
        publish=True,
        disputes=disputes[:1],
        speakers=[{"name": "Dee (demo)", "role": "Northgate driver and striker", "bio": ""}],
        **_event_fields(benefit, today + dt.timedelta(days=9)),
    )
    workshop = DemoEvent(
        "Workshop: how to run a picket line",
        "",
        "",
        "America/New_York",
        0,
        0,
        "Strike School (demo)",
        mode=EventMode.ONLINE,
        start_hour=18,
        hours=1,
        join_url="https://meet.example.org/demo-picket-workshop",
        description="Rotas, safety, talking to the public and to the police.",
    )
    event_create(publish=True, **_event_fields(workshop, today + dt.timedelta(days=5)))


@transaction.atomic
def demo_events_load() -> bool:
    """Returns False when the demo events are there already."""
    if DayOfAction.objects.filter(is_demo=True, title=DEMO_DAY).exists():
        return False
    today = timezone.localdate()
    disputes = [
        dispute
        for title in DEMO_DISPUTES
        if (dispute := Dispute.objects.filter(is_demo=True, title=title).first()) is not None
    ]
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    day = _day_of_action(disputes, today)
    _local_events(day, coordinator)
    _standalone_events(disputes, today)
    return True
