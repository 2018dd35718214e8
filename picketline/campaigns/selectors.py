"""Reads of campaigns: the public list and page (the matrix, the map's points, the joint
actions), what a dispute's and an organisation's pages show of them, the "one struggle" test
of level 4, and the one door through which a coordinator loads a campaign to change it
(`campaign_get_for_user`)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from picketline.accounts.roles import is_moderator
from picketline.campaigns.choices import NOT_ADOPTED_SYMBOL, STATUS_SYMBOLS, DemandStatus
from picketline.campaigns.models import (
    Campaign,
    CampaignDispute,
    CampaignSector,
    CommonDemand,
    CommonDemandTranslation,
    DemandAdoption,
    EmployerGroup,
)
from picketline.core.i18n import is_right_to_left
from picketline.disputes.models import Dispute, Site
from picketline.disputes.public import PUBLIC_SITE_FIELDS, public_location, public_point
from picketline.events.choices import EventStatus, EventVisibility
from picketline.events.days.models import DayOfAction
from picketline.events.models import Event
from picketline.organisations.models import Organisation
from picketline.organisations.selectors import DemandText, demand_text
from picketline.places.countries import country_names

# --- the list ---------------------------------------------------------------------------------


def campaigns_listed(*, status: str = "", sector: str = "", country: str = "", q: str = ""):
    """Every campaign (all are public), newest first, with its number of disputes and its
    sectors, under the list's filters."""
    campaigns = Campaign.objects.all()
    if status:
        campaigns = campaigns.filter(status=status)
    if sector:
        campaigns = campaigns.filter(
            pk__in=CampaignSector.objects.filter(sector=sector).values("campaign_id")
        )
    if country:
        in_country = Site.objects.filter(country=country).values("dispute_id")
        campaigns = campaigns.filter(
            pk__in=CampaignDispute.objects.filter(dispute_id__in=in_country).values("campaign_id")
        )
    for word in q.split():
        campaigns = campaigns.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return (
        campaigns.annotate(dispute_count=Count("memberships", distinct=True))
        .prefetch_related(Prefetch("sectors", queryset=CampaignSector.objects.all()))
        .order_by("-created_at", "-id")
    )


def campaign_get_public(*, slug: str) -> Campaign:
    return get_object_or_404(Campaign.objects.all(), slug=slug)


# --- permissions ------------------------------------------------------------------------------


def user_coordinates_campaign(user, campaign: Campaign) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return campaign.coordinators.filter(pk=user.pk).exists()


def user_can_manage_campaign(user, campaign: Campaign) -> bool:
    return user_coordinates_campaign(user, campaign) or is_moderator(user)


def user_can_create_campaign(user) -> bool:
    return is_moderator(user)


def campaign_get_for_user(*, user, slug: str) -> Campaign:
    """The one door to a campaign someone may change: 404 when there is none, 403 unless they
    coordinate it or moderate the site."""
    campaign = get_object_or_404(Campaign.objects.all(), slug=slug)
    if not user_can_manage_campaign(user, campaign):
        raise PermissionDenied
    return campaign


# --- countries and places of disputes ---------------------------------------------------------


def dispute_countries(dispute_ids) -> dict[int, str]:
    """{dispute id: the country of its first site with one} in one query."""
    countries: dict[int, str] = {}
    rows = (
        Site.objects.filter(dispute_id__in=list(dispute_ids))
        .exclude(country="")
        .order_by("dispute_id", "id")
        .values_list("dispute_id", "country")
    )
    for dispute_id, country in rows:
        countries.setdefault(dispute_id, country)
    return countries


# --- the page: demands, the matrix, the map ---------------------------------------------------


@dataclass(frozen=True)
class ShownDemand:
    demand: CommonDemand
    shown: DemandText
    # True when the reader's language has no translation and the original is shown instead.
    fallback: bool
    # The content language the reader asked for (the page's language).
    wanted: str = ""

    @property
    def pk(self) -> int:
        return self.demand.pk

    @property
    def direction(self) -> str:
        return "rtl" if is_right_to_left(self.shown.language) else "ltr"

    @property
    def texts(self) -> list[DemandText]:
        """The demand as written, then each translation by language code."""
        demand = self.demand
        translations = sorted(demand.translations.all(), key=lambda t: t.language)
        return [
            DemandText(demand.text, demand.language, False),
            *(DemandText(t.text, t.language, True) for t in translations),
        ]


@dataclass(frozen=True)
class Cell:
    demand_id: int
    adoption: DemandAdoption | None

    @property
    def adopted(self) -> bool:
        return self.adoption is not None and self.adoption.adopted

    @property
    def status(self) -> str:
        return self.adoption.status if self.adopted else ""

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[DemandStatus(self.status)] if self.adopted else NOT_ADOPTED_SYMBOL

    @property
    def label(self) -> str:
        from django.utils.translation import gettext as _

        if not self.adopted:
            return _("Not adopted")
        return str(DemandStatus(self.status).label)


@dataclass
class MatrixRow:
    membership: CampaignDispute
    dispute: Dispute
    country: str
    location: str
    point: tuple[float, float] | None
    cells: list[Cell] = field(default_factory=list)
    country_name: str = ""


@dataclass
class Matrix:
    demands: list[ShownDemand]
    rows: list[MatrixRow]

    @property
    def countries(self) -> list[str]:
        return sorted({row.country for row in self.rows if row.country})


def _wanted(language: str) -> set[str]:
    return {language, language.split("-")[0]}


def demands_shown(campaign: Campaign, *, language: str) -> list[ShownDemand]:
    """The common demands in the reader's content language (`language`, one of
    CONTENT_LANGUAGES), each falling back to the original, which then says so (two queries,
    whatever their number)."""
    demands = campaign.demands.prefetch_related(
        Prefetch("translations", queryset=CommonDemandTranslation.objects.all())
    )
    shown = []
    for demand in demands:
        text = demand_text(demand, language)
        fallback = text.language not in _wanted(language)
        shown.append(ShownDemand(demand=demand, shown=text, fallback=fallback, wanted=language))
    return shown


_DISPUTE_COLUMNS = ("id", "title", "slug", "status", "sensitive", "language")


def campaign_matrix(campaign: Campaign, *, language: str) -> Matrix:
    """Workplaces by common demands: five queries, whatever the number of either."""
    demands = demands_shown(campaign, language=language)
    memberships = list(
        campaign.memberships.select_related("dispute").only(
            "id",
            "campaign_id",
            "dispute_id",
            "joined_at",
            *(f"dispute__{c}" for c in _DISPUTE_COLUMNS),
        )
    )
    dispute_ids = [m.dispute_id for m in memberships]
    first_sites: dict[int, Site] = {}
    for site in (
        Site.objects.filter(dispute_id__in=dispute_ids).only(*PUBLIC_SITE_FIELDS).order_by("id")
    ):
        first_sites.setdefault(site.dispute_id, site)
    adoptions = {
        (a.membership_id, a.demand_id): a
        for a in DemandAdoption.objects.filter(membership__campaign=campaign)
    }
    rows = []
    for membership in memberships:
        dispute = membership.dispute
        site = first_sites.get(dispute.pk)
        rows.append(
            MatrixRow(
                membership=membership,
                dispute=dispute,
                country=site.country if site else "",
                location=public_location(site, sensitive=dispute.sensitive) if site else "",
                point=public_point(site) if site else None,
                cells=[
                    Cell(demand_id=d.pk, adoption=adoptions.get((membership.pk, d.pk)))
                    for d in demands
                ],
            )
        )
    names = country_names({row.country for row in rows if row.country})
    for row in rows:
        row.country_name = names.get(row.country, "")
    rows.sort(key=lambda row: (row.country, row.dispute.title.casefold(), row.dispute.pk))
    return Matrix(demands=demands, rows=rows)


def campaign_points(matrix: Matrix, *, campaign: Campaign) -> list[dict]:
    """The map's markers: each dispute's public point, with its demands' tally."""
    points = []
    for row in matrix.rows:
        if row.point is None:
            continue
        points.append(
            {
                "lat": row.point[0],
                "lon": row.point[1],
                "title": row.dispute.title,
                "url": row.dispute.get_absolute_url(),
                "place": row.location,
                "campaign": campaign.title,
                "adopted": sum(1 for cell in row.cells if cell.adopted),
                "won": sum(1 for cell in row.cells if cell.status == DemandStatus.WON),
                "demands": len(row.cells),
            }
        )
    return points


def campaigns_map_points() -> list[dict]:
    """Every campaign's disputes on one map (the list's map view): three queries."""
    memberships = list(
        CampaignDispute.objects.select_related("campaign", "dispute").only(
            "id",
            "campaign__title",
            "campaign__slug",
            *(f"dispute__{c}" for c in _DISPUTE_COLUMNS),
        )
    )
    first_sites: dict[int, Site] = {}
    for site in (
        Site.objects.filter(dispute_id__in={m.dispute_id for m in memberships})
        .only(*PUBLIC_SITE_FIELDS)
        .order_by("id")
    ):
        first_sites.setdefault(site.dispute_id, site)
    points = []
    for membership in memberships:
        dispute, site = membership.dispute, first_sites.get(membership.dispute_id)
        if site is None:
            continue
        lat, lon = public_point(site)
        points.append(
            {
                "lat": lat,
                "lon": lon,
                "title": dispute.title,
                "url": dispute.get_absolute_url(),
                "place": public_location(site, sensitive=dispute.sensitive),
                "campaign": membership.campaign.title,
                "campaign_url": membership.campaign.get_absolute_url(),
            }
        )
    return points


def campaign_target_groups(campaign: Campaign) -> list[EmployerGroup]:
    return list(
        campaign.targets.select_related("parent").prefetch_related(
            Prefetch(
                "subsidiaries",
                queryset=Organisation.objects.only("id", "name", "slug", "country").order_by(
                    "country", "name"
                ),
            )
        )
    )


def campaign_participants(campaign: Campaign) -> list[Organisation]:
    return list(campaign.organisations.only("id", "name", "slug", "kind", "country"))


# --- joint actions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class JointAction:
    kind: str  # "day" or "event"
    item: DayOfAction | Event
    date: object  # the first day, for ordering the timeline


def _member_disputes(campaign: Campaign):
    return CampaignDispute.objects.filter(campaign=campaign).values("dispute_id")


def campaign_joint_actions(campaign: Campaign) -> list[JointAction]:
    """Its days of action and events, and those of its disputes, in date order (two
    queries)."""
    disputes = _member_disputes(campaign)
    named_days = DayOfAction.disputes.through.objects.filter(dispute_id__in=disputes)
    days = DayOfAction.objects.filter(published_at__isnull=False).filter(
        Q(
            pk__in=campaign.days_of_action.through.objects.filter(campaign=campaign).values(
                "dayofaction_id"
            )
        )
        | Q(pk__in=named_days.values("dayofaction_id"))
    )
    linked_events = Event.disputes.through.objects.filter(dispute_id__in=disputes)
    events = (
        Event.objects.filter(published_at__isnull=False, visibility=EventVisibility.PUBLIC)
        .filter(
            Q(pk__in=campaign.events.through.objects.filter(campaign=campaign).values("event_id"))
            | Q(pk__in=linked_events.values("event_id"))
        )
        .only(
            "id",
            "title",
            "slug",
            "starts_at",
            "ends_at",
            "timezone",
            "status",
            "locality",
            "created_at",
            "country",
            "language",
            "description",
            "updated_at",
            "version",
            "mode",
            "venue",
            "address",
            "latitude",
            "longitude",
        )
    )
    actions = [JointAction("day", day, day.starts_on) for day in days]
    actions += [JointAction("event", event, event.starts_at.date()) for event in events]
    actions.sort(key=lambda action: (action.date, action.kind, action.item.pk))
    return actions


# --- level 4: one struggle --------------------------------------------------------------------


@dataclass(frozen=True)
class OneStruggle:
    """Evidence that a campaign is one struggle: the countries whose disputes have adopted
    every common demand and the joint actions they took together across borders."""

    countries: list[str]
    actions: list[str]


def _adopting_disputes(campaign_id: int) -> list[int]:
    """Disputes of the campaign that have adopted every one of its common demands."""
    demand_count = CommonDemand.objects.filter(campaign_id=campaign_id).count()
    if not demand_count:
        return []
    return list(
        CampaignDispute.objects.filter(campaign_id=campaign_id)
        .annotate(adopted=Count("adoptions", filter=Q(adoptions__adopted=True)))
        .filter(adopted=demand_count)
        .values_list("dispute_id", flat=True)
    )


def campaign_one_struggle(campaign_id: int) -> OneStruggle | None:
    """Level 4: disputes in at least two countries have adopted the common demands and acted
    together, in one published day of action or event shared by disputes of two of those
    countries. None when not (yet)."""
    adopting = _adopting_disputes(campaign_id)
    countries = dispute_countries(adopting)
    if len(set(countries.values())) < 2:
        return None
    # Who took part in what: disputes a day names, disputes of its local events, disputes an
    # event is linked to.
    taking_part: dict[tuple[str, int], set[str]] = {}

    def add(key, dispute_id):
        if dispute_id in countries:
            taking_part.setdefault(key, set()).add(countries[dispute_id])

    for day_id, dispute_id in DayOfAction.disputes.through.objects.filter(
        dispute_id__in=adopting, dayofaction__published_at__isnull=False
    ).values_list("dayofaction_id", "dispute_id"):
        add(("day", day_id), dispute_id)
    live_events = Event.disputes.through.objects.filter(
        dispute_id__in=adopting, event__published_at__isnull=False
    ).exclude(event__status=EventStatus.CANCELLED)
    for event_id, day_id, dispute_id in live_events.values_list(
        "event_id", "event__day_of_action_id", "dispute_id"
    ):
        add(("event", event_id), dispute_id)
        if day_id is not None:
            add(("day", day_id), dispute_id)
    joint = {key for key, where in taking_part.items() if len(where) >= 2}
    if not joint:
        return None
    day_ids = [pk for kind, pk in joint if kind == "day"]
    event_ids = [pk for kind, pk in joint if kind == "event"]
    titles = set(
        DayOfAction.objects.filter(pk__in=day_ids, published_at__isnull=False).values_list(
            "title", flat=True
        )
    )
    titles |= set(Event.objects.filter(pk__in=event_ids).values_list("title", flat=True))
    acted_in = set()
    for key in joint:
        acted_in |= taking_part[key]
    return OneStruggle(countries=sorted(acted_in), actions=sorted(titles))


# --- kept in the cache ------------------------------------------------------------------------

# What a campaign's page and its level are read from: the campaigns' tables, the registry
# (disputes' titles and sites, organisations) and the events (days of action, events and the
# disputes they name). Each write to one of them moves its version (core.versions).
PAGE_VERSIONS = ("campaigns", "registry", "events")


def campaign_level(campaign_id: int) -> OneStruggle | None:
    """`campaign_one_struggle`, kept in the cache until one of the tables it reads changes."""
    from picketline.core.versions import cached_under

    return cached_under(
        f"campaign-level:{campaign_id}",
        names=PAGE_VERSIONS,
        build=lambda: campaign_one_struggle(campaign_id),
    )


def campaign_page_parts(campaign: Campaign, *, language: str) -> dict:
    """Everything a campaign's page shows beyond the campaign's own row, kept in the cache
    under the versions of what it is read from (and the language): the page takes the same
    few queries however many disputes, demands and actions the campaign has."""
    from picketline.core.versions import cached_under

    def build() -> dict:
        matrix = campaign_matrix(campaign, language=language)
        return {
            "sectors": list(campaign.sectors.all()),
            "targets": campaign_target_groups(campaign),
            "participants": campaign_participants(campaign),
            "matrix": matrix,
            "points": campaign_points(matrix, campaign=campaign),
            "actions": campaign_joint_actions(campaign),
        }

    return cached_under(f"campaign-page:{campaign.pk}:{language}", names=PAGE_VERSIONS, build=build)


# --- other pages' sections --------------------------------------------------------------------


def campaigns_of_dispute(dispute: Dispute) -> list[Campaign]:
    return list(
        Campaign.objects.filter(
            pk__in=CampaignDispute.objects.filter(dispute=dispute).values("campaign_id")
        ).only("id", "title", "slug", "status", "language")
    )


def campaigns_of_organisation(organisation: Organisation) -> list[Campaign]:
    """Campaigns it takes part in, or that target its group (as parent or subsidiary)."""
    groups = EmployerGroup.objects.filter(
        Q(parent=organisation)
        | Q(
            pk__in=EmployerGroup.subsidiaries.through.objects.filter(
                organisation=organisation
            ).values("employergroup_id")
        )
    )
    participating = Campaign.organisations.through.objects.filter(organisation=organisation)
    targeted = Campaign.targets.through.objects.filter(employergroup__in=groups)
    return list(
        Campaign.objects.filter(
            Q(pk__in=participating.values("campaign_id")) | Q(pk__in=targeted.values("campaign_id"))
        )
        .only("id", "title", "slug", "status", "language")
        .order_by("-created_at", "-id")
    )


def campaigns_coordinated(user) -> QuerySet[Campaign]:
    return Campaign.objects.filter(coordinators=user).order_by("title", "id")
