"""Unions' accounts: moderators verify a union, whose account holders then publish without
moderation; holders invite one another (`invitations/`) and can be taken off."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from picketline.core.audit import log_action
from picketline.organisations.models import Organisation


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
