"""Who may change a dispute, or speak for a union: invitations, coordinators, verification.

An invitation is a link emailed to one address. Its token is returned once, to be put in the
email, and only the token's hash is stored, so a copy of the database opens no invitation.
The invitee's address never goes into a dispute's audit log: a dispute's public history is
built from that log.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from picketline.accounts.roles import is_moderator
from picketline.accounts.services import user_sign_up
from picketline.core.audit import log_action
from picketline.core.tasks import send_email
from picketline.core.tokens import token_hash
from picketline.disputes.models import Dispute, Invitation, Organisation

# Invitation states, as `invitation_state` names them.
PENDING = "pending"
ACCEPTED = "accepted"
REVOKED = "revoked"
EXPIRED = "expired"


def invitation_url(raw: str) -> str:
    return settings.SITE_URL + reverse("manage:invitation", kwargs={"token": raw})


def invitation_state(invitation: Invitation, *, now: dt.datetime | None = None) -> str:
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.accepted_at is not None:
        return ACCEPTED
    if invitation.expires_at <= (now or timezone.now()):
        return EXPIRED
    return PENDING


def _target(invitation: Invitation) -> Dispute | Organisation:
    return invitation.dispute if invitation.dispute_id else invitation.organisation


def _prefix(target) -> str:
    return "dispute" if isinstance(target, Dispute) else "organisation"


@transaction.atomic
def invitation_create(
    *, dispute: Dispute | None = None, organisation: Organisation | None = None, email: str, by
) -> tuple[Invitation, str]:
    """Invites `email` to coordinate the dispute, or to hold the union's account.

    Returns the invitation and its raw token. A pending invitation to the same address for
    the same dispute or union is withdrawn: the newest link is the one that works. The email
    is queued when the transaction commits.
    """
    if (dispute is None) == (organisation is None):
        raise TypeError("invitation_create() takes a dispute or an organisation")
    if organisation is not None and organisation.kind != Organisation.Kind.UNION:
        raise ValidationError(_("Only a union's account can have account holders."))
    email = get_user_model().objects.normalize_email(email.strip())
    target = dispute or organisation
    now = timezone.now()
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        dispute=dispute,
        organisation=organisation,
        email=email,
        token_hash=token_hash(raw),
        invited_by=by,
        expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean()
    earlier = Invitation.objects.filter(
        dispute=dispute,
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )
    replaced = list(earlier.values_list("pk", flat=True))
    earlier.update(revoked_at=now)
    invitation.save()
    action = "dispute.coordinator_invited" if dispute else "organisation.account_holder_invited"
    data = {"invitation": invitation.pk}
    if replaced:
        data["replaces"] = replaced
    log_action(target, action, user=by, data=data)
    _send_invitation(invitation, raw, by=by)
    return invitation, raw


def _send_invitation(invitation: Invitation, raw: str, *, by) -> None:
    context = {
        "invitation": invitation,
        "dispute": invitation.dispute,
        "organisation": invitation.organisation,
        "inviter": by.get_username() if by is not None else "",
        "url": invitation_url(raw),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("disputes/manage/email/invitation_subject.txt", context)
    body = render_to_string("disputes/manage/email/invitation.txt", context)
    address = invitation.email
    transaction.on_commit(
        lambda: send_email.enqueue(subject=" ".join(subject.split()), body=body, to=[address])
    )


def invitation_get_by_token(*, raw: str) -> Invitation | None:
    """The invitation a link's token opens, whatever its state; None for an unknown token."""
    if not raw or len(raw) > 100:
        return None
    return (
        Invitation.objects.select_related("dispute", "organisation", "invited_by")
        .filter(token_hash=token_hash(raw))
        .first()
    )


def check_invitation_usable(invitation: Invitation) -> None:
    """Raises ValidationError, saying why, unless the invitation can still be accepted."""
    state = invitation_state(invitation)
    if state == REVOKED:
        raise ValidationError(
            _("This invitation was withdrawn. Ask whoever invited you to send a new one."),
            code="revoked",
        )
    if state == ACCEPTED:
        raise ValidationError(
            _("This invitation has already been used. Each invitation link works once."),
            code="used",
        )
    if state == EXPIRED:
        raise ValidationError(
            _("This invitation expired on %(date)s. Ask whoever invited you to send a new one.")
            % {"date": formats.date_format(timezone.localtime(invitation.expires_at))},
            code="expired",
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Invitation:
    """Makes `user` a coordinator of the dispute (or an account holder of the union).

    Single use: the row is locked and its state checked again under the lock, so two people
    holding the same link cannot both get in.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation_usable(invitation)
    target = _target(invitation)
    target.coordinators.add(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    action = (
        "dispute.coordinator_joined"
        if isinstance(target, Dispute)
        else "organisation.account_holder_joined"
    )
    log_action(target, action, user=user, data={"user": user.pk, "invitation": invitation.pk})
    return invitation


@transaction.atomic
def invitation_sign_up(*, invitation: Invitation, username: str, email: str, password: str):
    """Creates an account for the invitee and accepts the invitation with it, or neither.

    The caller has validated the username and the password (Django's password validators).
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation_usable(locked)
    user = user_sign_up(
        username=username, email=email, password=password, data={"invitation": invitation.pk}
    )
    invitation_accept(invitation=locked, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    target = _target(invitation)
    log_action(
        target,
        f"{_prefix(target)}.invitation_revoked",
        user=by,
        data={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def coordinator_remove(*, dispute: Dispute, user, by) -> None:
    """Takes `user` off the dispute's coordinators.

    The last coordinator cannot leave on their own: the dispute would have nobody to keep its
    page true. They invite someone first, or a moderator takes them off.
    """
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not dispute.coordinators.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(name)s is not a coordinator of this dispute.") % {"name": user.get_username()}
        )
    if dispute.coordinators.count() == 1 and not is_moderator(by):
        raise ValidationError(
            _(
                "You are this dispute's only coordinator. Invite someone to take over first, "
                "or ask a moderator."
            )
        )
    dispute.coordinators.remove(user)
    log_action(dispute, "dispute.coordinator_removed", user=by, data={"user": user.pk})


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
