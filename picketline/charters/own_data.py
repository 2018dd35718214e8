"""What charters hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): the endorsements made with their confirmed address.

Erasing: a person's endorsement is deleted (it stops counting). An organisation's keeps the
organisation's name and country, which were never the person's, and loses the address.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, personal_data_register
from picketline.charters.models import Endorsement, EndorserKind
from picketline.moderation.models import ModerationItem


def _endorsements(user):
    email = person_email(user)
    if not email:
        return Endorsement.objects.none()
    return (
        Endorsement.objects.filter(email__iexact=email)
        .select_related("charter")
        .order_by("created_at", "id")
    )


def endorsements_export(user) -> list[dict]:
    return [
        {
            "charter": endorsement.charter.title,
            "as": endorsement.kind,
            "name": endorsement.name,
            "email": endorsement.email,
            "country": endorsement.country,
            "name_shown": endorsement.show_name,
            "status": endorsement.status,
            "endorsed_at": endorsement.created_at,
            "counted_since": endorsement.counted_at,
        }
        for endorsement in _endorsements(user)
    ]


@transaction.atomic
def endorsements_erase(user) -> None:
    for endorsement in _endorsements(user):
        if endorsement.kind == EndorserKind.ORGANISATION:
            endorsement.email = ""
            endorsement.confirm_token_hash = None
            endorsement.save(update_fields=["email", "confirm_token_hash"])
            continue
        ModerationItem.objects.filter(
            content_type__app_label="charters",
            content_type__model="endorsement",
            object_id=endorsement.pk,
        ).delete()
        endorsement.delete()


def register() -> None:
    personal_data_register(
        "charter_endorsements",
        label=_("Endorsements of charters"),
        export=endorsements_export,
        erase=endorsements_erase,
    )
