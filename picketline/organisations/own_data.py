"""What organisations hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): their requests to start a chapter, and invitations addressed to
them (to coordinate a dispute, hold an organisation's account, organise a chapter or an
event).

Both are the person's when their address is the account's confirmed one (an invitation also
when they accepted it with this account). Erasing deletes them: a chapter a request started
stays, and the audit log keeps the ids of what was decided.
"""

from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, person_owns, personal_data_register
from picketline.organisations.models import ChapterRequest, Invitation


def _requests(user):
    email = person_email(user)
    if not email:
        return ChapterRequest.objects.none()
    return (
        ChapterRequest.objects.filter(email__iexact=email)
        .select_related("organisation")
        .order_by("created_at", "id")
    )


def chapter_requests_export(user) -> list[dict]:
    return [
        {
            "organisation": request.organisation.name,
            "name": request.name,
            "email": request.email,
            "place": request.place_name,
            "message": request.message,
            "language": request.language,
            "status": request.status,
            "asked_at": request.created_at,
            "decided_at": request.decided_at,
        }
        for request in _requests(user)
    ]


def chapter_requests_erase(user) -> None:
    _requests(user).delete()


def _invitations(user):
    mine = person_owns(user, account="accepted_by", email="email")
    return Invitation.objects.filter(mine).order_by("created_at", "id")


def invitations_export(user) -> list[dict]:
    rows = []
    for invitation in _invitations(user).prefetch_related("target"):
        target = invitation.target
        rows.append(
            {
                "role": invitation.role,
                "to": str(getattr(target, "name", "") or getattr(target, "title", "") or ""),
                "email": invitation.email,
                "sent_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "accepted_at": invitation.accepted_at,
                "revoked_at": invitation.revoked_at,
            }
        )
    return rows


def invitations_erase(user) -> None:
    _invitations(user).delete()


def register() -> None:
    personal_data_register(
        "chapter_requests",
        label=_("Requests to start a chapter"),
        export=chapter_requests_export,
        erase=chapter_requests_erase,
        order=50,
    )
    personal_data_register(
        "invitations",
        label=_("Invitations to you"),
        export=invitations_export,
        erase=invitations_erase,
        order=51,
    )
