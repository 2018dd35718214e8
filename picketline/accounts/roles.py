"""Roles beyond anonymous and signed-in supporters are Django groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Administrator")


def user_has_role(user, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()


def is_moderator(user) -> bool:
    return user_has_role(user, Role.MODERATOR) or user_has_role(user, Role.ADMIN)
