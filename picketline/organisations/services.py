"""Organisations' pages and accounts: organisers (account holders) edit who they are, their
demands and, for a cross-union committee, its member organisations; moderators verify a
union, whose account holders then publish without moderation; holders invite one another
(`invitations/`) and can be taken off."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.organisations.models import (
    Organisation,
    OrganisationDemand,
    OrganisationDemandTranslation,
)

# What the organisers may change on their organisation's page.
EDITABLE_FIELDS = ("kind", "summary", "description", "language", "website", "country", "parent")


def _ancestors(organisation: Organisation | None) -> set[int]:
    seen: set[int] = set()
    while organisation is not None and organisation.pk not in seen:
        seen.add(organisation.pk)
        organisation = organisation.parent
    return seen


def _check_page(organisation: Organisation, members: list[Organisation]) -> None:
    errors = {}
    if organisation.kind == Organisation.Kind.EMPLOYER:
        errors["kind"] = _("An employer has no organisers' page; choose the kind of group.")
    parent = organisation.parent
    if parent is not None and organisation.pk in _ancestors(parent):
        errors["parent"] = _("An organisation cannot be part of itself or of one of its parts.")
    if members and organisation.kind != Organisation.Kind.CROSS_UNION:
        errors["member_organisations"] = _("Only a cross-union committee has member organisations.")
    if any(member.pk == organisation.pk for member in members):
        errors["member_organisations"] = _("An organisation cannot be its own member.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, members: list[Organisation] | None = None, **fields
) -> Organisation:
    """Changes the public page's fields (EDITABLE_FIELDS) and, when `members` is given, the
    member organisations; one audit entry names what changed."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        if getattr(organisation, name) != value:
            setattr(organisation, name, value)
            changed.append(name)
    current = list(organisation.member_organisations.all())
    new_members = current if members is None else members
    _check_page(organisation, new_members)
    if changed:
        organisation.full_clean(exclude=["slug", "name_key"], validate_unique=False)
        organisation.save(update_fields=[*changed, "updated_at"])
    if members is not None and {m.pk for m in members} != {m.pk for m in current}:
        organisation.member_organisations.set(members)
        changed.append("member_organisations")
    if changed:
        log_action(organisation, "organisation.updated", user=by, data={"fields": changed})
    return organisation


@transaction.atomic
def demand_save(
    *,
    organisation: Organisation,
    by,
    text: str,
    language: str,
    position: int,
    translations: dict[str, str],
    demand: OrganisationDemand | None = None,
) -> OrganisationDemand:
    """Adds a demand (or changes `demand`) with its translations: a language given an empty
    text loses its translation; the demand's own language has none."""
    created = demand is None
    if created:
        demand = OrganisationDemand(organisation=organisation)
    elif demand.organisation_id != organisation.pk:
        raise ValidationError(_("This demand belongs to another organisation."))
    demand.text, demand.language, demand.position = text.strip(), language, position
    demand.full_clean()
    demand.save()
    for code, translated in translations.items():
        translated = translated.strip()
        if code == language or not translated:
            demand.translations.filter(language=code).delete()
            continue
        OrganisationDemandTranslation.objects.update_or_create(
            demand=demand, language=code, defaults={"text": translated}
        )
    action = "organisation.demand_added" if created else "organisation.demand_changed"
    log_action(organisation, action, user=by, data={"demand": demand.pk})
    return demand


@transaction.atomic
def demand_delete(*, demand: OrganisationDemand, by) -> None:
    organisation = demand.organisation
    pk = demand.pk
    demand.delete()
    log_action(organisation, "organisation.demand_removed", user=by, data={"demand": pk})


@transaction.atomic
def account_holder_remove(*, organisation: Organisation, user, by) -> None:
    if not organisation.coordinators.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(name)s does not hold this organisation's account.") % {"name": user.get_username()}
        )
    organisation.coordinators.remove(user)
    log_action(organisation, "organisation.account_holder_removed", user=by, data={"user": user.pk})


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by) -> Organisation:
    """Marks a union as verified: its account holders publish without moderation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.kind != Organisation.Kind.UNION:
        raise ValidationError(_("Only unions are verified."))
    if organisation.verified_at is None:
        organisation.verified_at = timezone.now()
        organisation.verified_by = by
        organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
        log_action(organisation, "organisation.verified", user=by)
    return organisation


@transaction.atomic
def organisation_unverify(*, organisation: Organisation, by) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.verified_at is not None:
        organisation.verified_at = None
        organisation.verified_by = None
        organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
        log_action(organisation, "organisation.unverified", user=by)
    return organisation
