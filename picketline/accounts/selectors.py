from django.db.models import QuerySet

from picketline.accounts.models import ApiToken, RecoveryCode, TotpDevice


def totp_device_for(*, user) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def recovery_codes_remaining(*, user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def api_tokens_for(*, user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first: the only door through which a view loads one."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
