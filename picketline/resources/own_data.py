"""What the library holds about a person, for their own export and erasure (registered with
`accounts.personal_data`): the resources they uploaded. The resources belong to the
organisation or the campaign, so erasing keeps them and forgets who uploaded them."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import personal_data_register
from picketline.resources.models import Resource
from picketline.resources.selectors import user_uploads


def uploads_export(user) -> list[dict]:
    return [
        {
            "title": resource.title,
            "of": str(resource.owner),
            "kind": resource.kind,
            "language": resource.language,
            "link": resource.link,
            "type": resource.content_type,
            "uploaded_at": resource.created_at,
        }
        for resource in user_uploads(user)
    ]


@transaction.atomic
def uploads_erase(user) -> None:
    Resource.objects.filter(uploaded_by=user).update(uploaded_by=None)


def register() -> None:
    personal_data_register(
        "resource_uploads",
        label=_("Resources you uploaded"),
        export=uploads_export,
        erase=uploads_erase,
    )
