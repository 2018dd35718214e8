"""Granting the roles of membership from the command line (`picketline grant-role`), to
bootstrap an organisation before anyone can invite anyone.

| role      | what it gives                                                              |
| --------- | -------------------------------------------------------------------------- |
| member    | an active membership (no dues plan until one is chosen)                    |
| organiser | organises a chapter (`Chapter.organisers`): its roster, messages, dues     |
| treasurer | keeps the organisation's dues: every member's name and ledger, no contacts |
| admin     | holds the organisation (`Organisation.coordinators`): every roster         |
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from picketline.core.audit import log_action
from picketline.core.tokens import nonce_new, token_hash
from picketline.membership.dues.standing import local_date
from picketline.membership.members.models import (
    ACTIVE_STATUSES,
    Membership,
    MembershipSource,
    MembershipStatus,
    Treasurer,
)
from picketline.membership.members.selectors import membership_settings_for, membership_token

ROLES = ("member", "organiser", "treasurer", "admin")


@transaction.atomic
def role_grant(*, user, organisation, role: str, chapter=None) -> str:
    """Gives `user` the role; returns what was done, in a sentence for the terminal."""
    if role not in ROLES:
        raise ValidationError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if role == "organiser":
        if chapter is None:
            raise ValidationError("A chapter organiser needs --chapter SLUG")
        chapter.organisers.add(user)
        log_action(chapter, "chapter.organiser_granted", data={"user": user.pk})
        return f"{user.get_username()} organises {chapter.name}"
    if role == "treasurer":
        Treasurer.objects.get_or_create(organisation=organisation, user=user)
        log_action(organisation, "membership.treasurer_granted", data={"user": user.pk})
        return f"{user.get_username()} is a treasurer of {organisation.name}"
    if role == "admin":
        organisation.coordinators.add(user)
        log_action(organisation, "organisation.admin_granted", data={"user": user.pk})
        return f"{user.get_username()} is an admin of {organisation.name}"
    if not user.email:
        raise ValidationError("A member needs an email address: set one on the account first")
    existing = Membership.objects.filter(
        organisation=organisation, email=user.email.lower(), status__in=ACTIVE_STATUSES
    ).first()
    if existing is not None:
        return f"{user.get_username()} is already a member of {organisation.name}"
    now = timezone.now()
    membership = Membership(
        organisation=organisation,
        chapter=chapter,
        user=user,
        name=user.get_full_name() or user.get_username(),
        email=user.email.lower(),
        status=MembershipStatus.ACTIVE,
        source=MembershipSource.ADMIN,
        agreed_at=now,
        joined_at=now,
        dues_start=local_date(now, membership_settings_for(organisation).timezone),
        token_nonce=nonce_new(),
    )
    membership.token_hash = token_hash(membership_token(membership))
    membership.save()
    log_action(organisation, "membership.added", data={"membership": membership.pk})
    return f"{user.get_username()} is a member of {organisation.name}"
