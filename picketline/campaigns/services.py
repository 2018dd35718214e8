"""Every write to campaigns: `<entity>_<action>`, keyword-only, one transaction, an audit entry
for each change that matters. A service checks what the database cannot (a demand and a
dispute of the same campaign, a translation not in the demand's own language) and raises
ValidationError before it writes anything."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from picketline.campaigns.choices import DemandStatus
from picketline.campaigns.models import (
    Campaign,
    CampaignDispute,
    CampaignSector,
    CommonDemand,
    CommonDemandTranslation,
    DemandAdoption,
    EmployerGroup,
)
from picketline.core.audit import log_action
from picketline.core.i18n import content_languages
from picketline.core.text import plain_text
from picketline.disputes.choices import Sector
from picketline.disputes.models import Dispute
from picketline.disputes.services import unique_slug
from picketline.organisations.models import Organisation

CAMPAIGN_FIELDS = ("title", "summary", "language", "status")
# Fixed addresses under /campaigns/ that no campaign's slug may take.
RESERVED_SLUGS = {"map", "new"}


def _check_sectors(sectors) -> list[str]:
    sectors = sorted(set(sectors))
    unknown = [sector for sector in sectors if sector not in Sector.values]
    if unknown:
        raise ValidationError(
            {"sectors": _("Unknown sector: %(sector)s.") % {"sector": ", ".join(unknown)}}
        )
    return sectors


def _set_sectors(campaign: Campaign, sectors: list[str]) -> None:
    campaign.sectors.exclude(sector__in=sectors).delete()
    have = set(campaign.sectors.values_list("sector", flat=True))
    CampaignSector.objects.bulk_create(
        CampaignSector(campaign=campaign, sector=sector) for sector in sectors if sector not in have
    )


def _check_language(language: str, *, field: str = "language") -> None:
    if language not in dict(content_languages()):
        message = _("Choose one of the languages content is written in, not “%(code)s”.")
        raise ValidationError({field: message % {"code": str(language)[:20]}})


def _check_targets(targets) -> None:
    for group in targets:
        if not isinstance(group, EmployerGroup):
            raise ValidationError({"targets": _("Choose employer groups as targets.")})


@transaction.atomic
def campaign_create(
    *,
    by,
    title: str,
    language: str,
    summary: str = "",
    status: str = "active",
    sectors=(),
    organisations=(),
    targets=(),
    is_demo: bool = False,
) -> Campaign:
    campaign = Campaign(
        title=plain_text(title),
        summary=plain_text(summary),
        language=language,
        status=status,
        is_demo=is_demo,
    )
    _check_language(language)
    campaign.slug = unique_slug(Campaign, campaign.title)
    if campaign.slug in RESERVED_SLUGS:
        campaign.slug = unique_slug(Campaign, f"{campaign.title} campaign")
    sectors = _check_sectors(sectors)
    _check_targets(targets)
    campaign.full_clean()
    campaign.save()
    _set_sectors(campaign, sectors)
    campaign.organisations.set(organisations)
    campaign.targets.set(targets)
    log_action(campaign, "campaign.created", user=by, data={"title": campaign.title})
    return campaign


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, by, sectors=None, organisations=None, targets=None, **fields
) -> Campaign:
    """Changes the campaign's own fields (`CAMPAIGN_FIELDS`), its sectors, its participating
    organisations and its targets; records which changed."""
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"campaign_update cannot set {sorted(unknown)}")
    if "language" in fields:
        _check_language(fields["language"])
    changed = []
    for name, value in fields.items():
        if name in ("title", "summary"):
            value = plain_text(value)
        if getattr(campaign, name) != value:
            setattr(campaign, name, value)
            changed.append(name)
    campaign.full_clean()
    if sectors is not None:
        sectors = _check_sectors(sectors)
        if sectors != sorted(campaign.sectors.values_list("sector", flat=True)):
            changed.append("sectors")
    if targets is not None:
        _check_targets(targets)
    campaign.save()
    if sectors is not None:
        _set_sectors(campaign, sectors)
    if organisations is not None:
        before = set(campaign.organisations.values_list("pk", flat=True))
        if before != {o.pk for o in organisations}:
            campaign.organisations.set(organisations)
            changed.append("organisations")
    if targets is not None:
        before = set(campaign.targets.values_list("pk", flat=True))
        if before != {t.pk for t in targets}:
            campaign.targets.set(targets)
            changed.append("targets")
    if changed:
        log_action(campaign, "campaign.updated", user=by, data={"fields": changed})
    return campaign


@transaction.atomic
def employer_group_save(
    *, by, parent: Organisation, name: str = "", subsidiaries=()
) -> EmployerGroup:
    """The group led by `parent` (made on first use) with exactly these subsidiaries."""
    employers = [parent, *subsidiaries]
    if any(o.kind != Organisation.Kind.EMPLOYER for o in employers):
        raise ValidationError(_("A company group is made of employers."))
    if parent in subsidiaries:
        raise ValidationError(_("The parent company is not its own subsidiary."))
    group, created = EmployerGroup.objects.get_or_create(
        parent=parent, defaults={"name": name or parent.name}
    )
    if name and group.name != name:
        group.name = name
        group.save(update_fields=["name", "updated_at"])
    group.subsidiaries.set(subsidiaries)
    log_action(
        group,
        "campaign.employer_group_created" if created else "campaign.employer_group_changed",
        user=by,
        data={"subsidiaries": [o.pk for o in subsidiaries]},
    )
    return group


# --- disputes ---------------------------------------------------------------------------------


@transaction.atomic
def campaign_dispute_add(*, campaign: Campaign, dispute: Dispute, by) -> CampaignDispute:
    already = ValidationError(_("This dispute is already part of the campaign."))
    if CampaignDispute.objects.filter(campaign=campaign, dispute=dispute).exists():
        raise already
    try:
        # Two people adding it at once: the database's constraint lets one in.
        with transaction.atomic():
            membership = CampaignDispute.objects.create(campaign=campaign, dispute=dispute)
    except IntegrityError:
        raise already from None
    log_action(campaign, "campaign.dispute_added", user=by, data={"dispute": dispute.pk})
    return membership


@transaction.atomic
def campaign_dispute_remove(*, campaign: Campaign, dispute: Dispute, by) -> None:
    """Takes the dispute out of the campaign, with its row of the matrix."""
    deleted, _rows = CampaignDispute.objects.filter(campaign=campaign, dispute=dispute).delete()
    if not deleted:
        raise ValidationError(_("This dispute is not part of the campaign."))
    log_action(campaign, "campaign.dispute_removed", user=by, data={"dispute": dispute.pk})


# --- common demands ---------------------------------------------------------------------------


@transaction.atomic
def common_demand_save(
    *,
    campaign: Campaign,
    by,
    text: str,
    language: str,
    position: int,
    translations: dict[str, str],
    demand: CommonDemand | None = None,
) -> CommonDemand:
    """Adds a common demand (or changes `demand`) with its translations, by content language
    (CONTENT_LANGUAGES): a language given an empty text loses its translation; the demand's
    own language has none; a language outside the content languages is refused."""
    created = demand is None
    if created:
        demand = CommonDemand(campaign=campaign)
    elif demand.campaign_id != campaign.pk:
        raise ValidationError(_("This demand belongs to another campaign."))
    _check_language(language)
    demand.text, demand.language, demand.position = plain_text(text), language, position
    cleaned = {}
    for code, translated in translations.items():
        _check_language(code, field=f"text_{code}")
        translated = plain_text(translated)
        if len(translated) > 500:
            raise ValidationError(
                {f"text_{code}": _("A translation is at most 500 characters long.")}
            )
        cleaned[code] = translated
    demand.full_clean()
    demand.save()
    for code, translated in cleaned.items():
        if code == language or not translated:
            demand.translations.filter(language=code).delete()
            continue
        CommonDemandTranslation.objects.update_or_create(
            demand=demand, language=code, defaults={"text": translated}
        )
    action = "campaign.demand_added" if created else "campaign.demand_changed"
    log_action(campaign, action, user=by, data={"demand": demand.pk})
    return demand


@transaction.atomic
def common_demand_delete(*, demand: CommonDemand, by) -> None:
    campaign, pk = demand.campaign, demand.pk
    demand.delete()
    log_action(campaign, "campaign.demand_removed", user=by, data={"demand": pk})


# --- the matrix -------------------------------------------------------------------------------


@transaction.atomic
def demand_adoption_set(
    *,
    campaign: Campaign,
    dispute: Dispute,
    demand: CommonDemand,
    by,
    adopted: bool,
    status: str = "",
    date=None,
    source_url: str = "",
) -> DemandAdoption:
    """Sets one cell of the matrix: whether the dispute adopted the demand, and where it
    stands (a status, and optionally a date and a source). Not adopted means no status and
    no date."""
    if demand.campaign_id != campaign.pk:
        raise ValidationError(_("This demand belongs to another campaign."))
    # The dispute's row of the matrix is locked: cells set at once are set one after the other.
    membership = (
        CampaignDispute.objects.select_for_update()
        .filter(campaign=campaign, dispute=dispute)
        .first()
    )
    if membership is None:
        raise ValidationError(_("This dispute is not part of the campaign."))
    if adopted and status not in DemandStatus.values:
        raise ValidationError({"status": _("Say where the adopted demand stands.")})
    if not adopted and (status or date):
        raise ValidationError(
            {"adopted": _("A demand that is not adopted has no status and no date.")}
        )
    adoption = DemandAdoption.objects.filter(membership=membership, demand=demand).first()
    adoption = adoption or DemandAdoption(membership=membership, demand=demand)
    adoption.adopted, adoption.status = adopted, status if adopted else ""
    adoption.date, adoption.source_url = date, source_url.strip()
    adoption.full_clean(validate_unique=False)
    adoption.save()
    log_action(
        campaign,
        "campaign.demand_status_set",
        user=by,
        data={
            "dispute": dispute.pk,
            "demand": demand.pk,
            "adopted": adopted,
            "status": adoption.status,
        },
    )
    return adoption


# --- coordinators -----------------------------------------------------------------------------


@transaction.atomic
def campaign_coordinator_invite(*, campaign: Campaign, email: str, by):
    from picketline.campaigns.roles import COORDINATOR
    from picketline.organisations.invitations.services import invitation_create

    invitation, _raw = invitation_create(role=COORDINATOR, target=campaign, email=email, by=by)
    return invitation


@transaction.atomic
def campaign_coordinator_remove(*, campaign: Campaign, user, by) -> None:
    if not campaign.coordinators.filter(pk=user.pk).exists():
        raise ValidationError(_("They do not coordinate this campaign."))
    campaign.coordinators.remove(user)
    log_action(campaign, "campaign.coordinator_removed", user=by, data={"user": user.pk})
