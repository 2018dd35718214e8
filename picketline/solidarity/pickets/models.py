"""People signing up to stand on a picket line, and how many came."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.core.models import TimeStampedModel
from picketline.disputes.models import PicketShift


class ShiftSignup(TimeStampedModel):
    """Someone coming to one occurrence of a picket shift, with how many people."""

    shift = models.ForeignKey(PicketShift, on_delete=models.CASCADE, related_name="signups")
    # Which occurrence of a repeating shift (its start, aware, in UTC).
    occurrence_starts_at = models.DateTimeField(_("picket starts"))
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("your email"), blank=True)
    phone = models.CharField(_("your phone"), max_length=40, blank=True)
    party_size = models.PositiveSmallIntegerField(_("how many people are coming"), default=1)
    # The private link's token is made from this nonce and the secret key (see signup_token),
    # so the worker can write it into the confirmation from the sign-up's id. Sign-ups made
    # before had a random token, of which only the hash is kept: they have no nonce.
    token_nonce = models.CharField(max_length=32, null=True, blank=True, unique=True)
    cancel_token_hash = models.CharField(max_length=64, unique=True)
    # The language the person signed up in: their emails are written in it.
    language = models.CharField(max_length=12, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("picket sign-up")
        verbose_name_plural = _("picket sign-ups")
        ordering = ["occurrence_starts_at", "id"]
        indexes = [
            models.Index(
                fields=["shift", "occurrence_starts_at"],
                condition=Q(cancelled_at__isnull=True),
                name="signup_active",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_size__gte=1, party_size__lte=50), name="signup_party_size"
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="signup_has_contact"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.party_size})"


class ShiftPlaces(models.Model):
    """How many people have signed up to one occurrence of a shift: the counter a sign-up
    takes its places from with one conditional update (never more than the shift's capacity),
    instead of locking the shift and adding up the sign-ups. Made on the first sign-up."""

    shift = models.ForeignKey(PicketShift, on_delete=models.CASCADE, related_name="places")
    occurrence_starts_at = models.DateTimeField()
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("picket places taken")
        verbose_name_plural = _("picket places taken")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "occurrence_starts_at"], name="shift_places_one_per_occurrence"
            ),
        ]

    def __str__(self):
        return f"{self.shift_id} {self.occurrence_starts_at:%Y-%m-%d %H:%M}: {self.taken}"


class ShiftAttendance(TimeStampedModel):
    """How many people a coordinator counted on the line at one occurrence of a shift."""

    shift = models.ForeignKey(PicketShift, on_delete=models.CASCADE, related_name="attendance")
    occurrence_starts_at = models.DateTimeField()
    people = models.PositiveIntegerField(_("people who came"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "occurrence_starts_at"], name="attendance_once"
            ),
        ]

    def __str__(self):
        return f"{self.shift_id} {self.occurrence_starts_at:%Y-%m-%d}: {self.people}"
