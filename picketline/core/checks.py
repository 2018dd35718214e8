from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def field_encryption_keys_check(app_configs, **kwargs):
    """`manage.py check --deploy` warns while stored secrets hang on SECRET_KEY."""
    if not getattr(settings, "FIELD_ENCRYPTION_KEYS_DERIVED", False):
        return []
    return [
        Warning(
            "FIELD_ENCRYPTION_KEYS is not set: stored secrets are encrypted with a key derived "
            "from SECRET_KEY, so changing SECRET_KEY would make them unreadable.",
            hint="Set FIELD_ENCRYPTION_KEYS (see the README's Security section).",
            id="picketline.W001",
        )
    ]
