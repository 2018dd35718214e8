"""Invite someone to a role by email, and accept, sign up with, or withdraw an invitation.

The raw token is returned once, to be put in the email; only its hash is stored. The invitee's
address never goes into the audit log: a dispute's public history is built from that log.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from picketline.accounts.own_data import email_confirmed_record
from picketline.accounts.services import user_sign_up
from picketline.core.audit import log_action
from picketline.core.outbox import outbox_send
from picketline.core.tokens import token_hash, token_new, token_plausible
from picketline.organisations.invitations.models import Invitation
from picketline.organisations.invitations.roles import role_get
from picketline.organisations.invitations.selectors import invitations_pending

# Invitation states, as `invitation_state` names them.
PENDING = "pending"
ACCEPTED = "accepted"
REVOKED = "revoked"
EXPIRED = "expired"


def invitation_url(raw: str) -> str:
    return settings.SITE_URL + reverse("invitations:invitation", kwargs={"token": raw})


def invitation_state(invitation: Invitation, *, now: dt.datetime | None = None) -> str:
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.accepted_at is not None:
        return ACCEPTED
    if invitation.expires_at <= (now or timezone.now()):
        return EXPIRED
    return PENDING


@transaction.atomic
def invitation_create(*, role: str, target, email: str, by=None) -> tuple[Invitation, str]:
    """Invites `email` to `role` on `target`; `by` is who invites (None when the site does).

    Returns the invitation and its raw token. A pending invitation to the same address for the
    same role and target is withdrawn: the newest link is the one that works. The email is
    written to the outbox with the invitation and leaves when the transaction commits.
    """
    kind = role_get(role)
    if target._meta.label != kind.model:
        raise TypeError(f"A {role!r} invitation is to a {kind.model}, not a {target._meta.label}")
    if kind.check_target is not None:
        kind.check_target(target)
    email = get_user_model().objects.normalize_email(email.strip())
    now = timezone.now()
    raw, hashed = token_new()
    invitation = Invitation(
        role=role,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        email=email,
        token_hash=hashed,
        invited_by=by,
        expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean()
    earlier = invitations_pending(role=role, target=target).filter(email__iexact=email)
    replaced = list(earlier.values_list("pk", flat=True))
    earlier.update(revoked_at=now)
    invitation.save()
    data = {"invitation": invitation.pk}
    if replaced:
        data["replaces"] = replaced
    log_action(target, kind.actions["invited"], user=by, data=data)
    _send(invitation, target, raw)
    return invitation, raw


def _send(invitation: Invitation, target, raw: str) -> None:
    kind = role_get(invitation.role)
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "target": target,
        "inviter": inviter.get_username() if inviter is not None else "",
        "url": invitation_url(raw),
        "days": settings.INVITATION_DAYS,
        "site_name": settings.SITE_NAME,
        "SITE_NAME": settings.SITE_NAME,
        **kind.context(target),
    }
    subject = " ".join(render_to_string(kind.subject_template, context).split())
    body = render_to_string(kind.email_template, context)
    outbox_send(subject=subject, body=body, to=[invitation.email])


def invitation_get_by_token(*, raw: str) -> Invitation | None:
    """The invitation a link's token opens, whatever its state; None for an unknown token."""
    if not token_plausible(raw):
        return None
    return (
        Invitation.objects.select_related("invited_by", "content_type")
        .filter(token_hash=token_hash(raw))
        .first()
    )


def check_invitation_usable(invitation: Invitation) -> None:
    """Raises ValidationError, saying why, unless the invitation can still be accepted."""
    state = invitation_state(invitation)
    ask = (
        _("Ask whoever invited you to send a new one.")
        if invitation.invited_by_id
        else _("Ask a moderator to send a new one.")
    )
    if state == REVOKED:
        raise ValidationError(
            _("This invitation was withdrawn. %(ask)s") % {"ask": ask}, code="revoked"
        )
    if state == ACCEPTED:
        raise ValidationError(
            _("This invitation has already been used. Each invitation link works once."),
            code="used",
        )
    if state == EXPIRED:
        raise ValidationError(
            _("This invitation expired on %(date)s. %(ask)s")
            % {"date": formats.date_format(timezone.localtime(invitation.expires_at)), "ask": ask},
            code="expired",
        )
    if invitation.target is None:
        raise ValidationError(
            _("What this invitation was for no longer exists."), code="target_gone"
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Invitation:
    """Gives `user` the invitation's role on its target.

    Single use: the row is locked and its state checked again under the lock, so two people
    holding the same link cannot both get in.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation_usable(invitation)
    kind = role_get(invitation.role)
    target = invitation.target
    kind.accept(target, user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    log_action(
        target,
        kind.actions["joined"],
        user=user,
        data={"user": user.pk, "invitation": invitation.pk},
    )
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
    if email.strip().lower() == locked.email.strip().lower():
        # The invitation reached this address: its owner reads it.
        email_confirmed_record(user=user, email=email)
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
    kind = role_get(invitation.role)
    log_action(
        invitation.target, kind.actions["revoked"], user=by, data={"invitation": invitation.pk}
    )
    return invitation
