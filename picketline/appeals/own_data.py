"""What appeals hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): the signatures made with their confirmed address. Erasing deletes
them (they stop counting; what was not yet sent is never sent)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import person_email, personal_data_register
from picketline.appeals.models import Signature


def _signatures(user):
    email = person_email(user)
    if not email:
        return Signature.objects.none()
    return (
        Signature.objects.filter(email__iexact=email)
        .select_related("appeal")
        .order_by("created_at", "id")
    )


def signatures_export(user) -> list[dict]:
    return [
        {
            "appeal": signature.appeal.title,
            "name": signature.name,
            "email": signature.email,
            "country": signature.country,
            "paragraph": signature.paragraph,
            "status": signature.status,
            "signed_at": signature.created_at,
            "confirmed_at": signature.confirmed_at,
        }
        for signature in _signatures(user)
    ]


@transaction.atomic
def signatures_erase(user) -> None:
    _signatures(user).delete()


def register() -> None:
    personal_data_register(
        "appeal_signatures",
        label=_("Signatures of appeals"),
        export=signatures_export,
        erase=signatures_erase,
    )
