"""The personal data accounts itself holds, registered like every other room's (see
`personal_data`). Deleting the account erases all of it, so none has an `erase` of its own."""

from django.utils.translation import gettext_lazy as _

from picketline.accounts.models import ApiToken, ConfirmedEmail, Passkey, TotpDevice
from picketline.accounts.personal_data import personal_data_register
from picketline.core.models import AuditEntry


def account_export(user) -> list[dict]:
    confirmed = ConfirmedEmail.objects.filter(user=user).first()
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    return [
        {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "email_confirmed_at": confirmed.confirmed_at if confirmed else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": ", ".join(user.groups.order_by("name").values_list("name", flat=True)),
            "authenticator_app_since": device.confirmed_at if device else None,
        }
    ]


def api_tokens_export(user) -> list[dict]:
    return [
        {
            "name": token.name,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at", "id")
    ]


def passkeys_export(user) -> list[dict]:
    return [
        {"name": key.name, "created_at": key.created_at, "last_used_at": key.last_used_at}
        for key in Passkey.objects.filter(user=user).order_by("created_at", "id")
    ]


def activity_export(user) -> list[dict]:
    """What the audit log says this account did: the action and when, not its details (they
    may name other people)."""
    return [
        {"action": action, "when": when}
        for action, when in AuditEntry.objects.filter(user=user)
        .order_by("created_at", "id")
        .values_list("action", "created_at")
    ]


def register() -> None:
    personal_data_register("account", label=_("Your account"), export=account_export, order=0)
    personal_data_register("api_tokens", label=_("API tokens"), export=api_tokens_export, order=1)
    personal_data_register("passkeys", label=_("Passkeys"), export=passkeys_export, order=2)
    personal_data_register(
        "activity", label=_("What you did, from the audit log"), export=activity_export, order=900
    )
