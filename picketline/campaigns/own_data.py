"""What campaigns hold about a person, for their own export and erasure (registered with
`accounts.personal_data`): the campaigns they coordinate. Invitations to coordinate one are
the organisations room's (one table for every role). Erasing takes them off the campaigns;
the campaigns stay."""

from django.utils.translation import gettext_lazy as _

from picketline.accounts.personal_data import personal_data_register
from picketline.campaigns.models import Campaign


def coordinated_export(user) -> list[dict]:
    return [
        {"campaign": campaign.title, "address": campaign.get_absolute_url()}
        for campaign in Campaign.objects.filter(coordinators=user).order_by("title", "id")
    ]


def coordinated_erase(user) -> None:
    Campaign.coordinators.through.objects.filter(user=user).delete()


def register() -> None:
    personal_data_register(
        "campaigns",
        label=_("Campaigns you coordinate"),
        export=coordinated_export,
        erase=coordinated_erase,
    )
