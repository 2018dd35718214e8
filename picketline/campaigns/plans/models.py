"""A strategic plan: the method a campaign's or a dispute's committee works by.

A plan belongs to exactly one campaign or one dispute (a database constraint). Its parts are
the dispute analysis (three texts in the plan's language), the people around the table
(`Stakeholder`, with power and interest from 1 to 5), goals and an escalation plan of dated
steps, each with who does what. Every save keeps a `PlanVersion`: a snapshot of the whole plan
and what changed, so an earlier version can be shown as it was.

Everything here is private to the owner's coordinators (with two factors) and moderators,
except the parts the coordinators publish (`publish_*`), each without its private columns:
the chart without notes, the steps without their assignees.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from picketline.campaigns.models import Campaign
from picketline.core.models import TimeStampedModel
from picketline.disputes.models import Dispute

SCALE = range(1, 6)


class StakeholderKind(models.TextChoices):
    EMPLOYER = "employer", _("The employer")
    PARENT = "parent", _("Its parent company")
    SHAREHOLDER = "shareholder", _("Shareholder")
    CUSTOMER = "customer", _("Customer")
    SUPPLIER = "supplier", _("Supplier")
    REGULATOR = "regulator", _("Regulator")
    POLITICIAN = "politician", _("Politician")
    MEDIA = "media", _("Media")
    COMMUNITY = "community", _("Community group")
    UNION = "union", _("Other union")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Working on it")
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    DROPPED = "dropped", _("Dropped")


class StrategicPlan(TimeStampedModel):
    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="plan"
    )
    dispute = models.OneToOneField(
        Dispute, on_delete=models.CASCADE, null=True, blank=True, related_name="plan"
    )
    language = models.CharField(_("language of the plan"), max_length=16)
    situation = models.TextField(_("the situation"), max_length=20000, blank=True)
    weak_points = models.TextField(_("the employer's weak points"), max_length=20000, blank=True)
    strengths = models.TextField(_("our strengths"), max_length=20000, blank=True)
    publish_analysis = models.BooleanField(_("publish the analysis"), default=False)
    publish_stakeholders = models.BooleanField(
        _("publish the chart of the people around the table (without notes)"), default=False
    )
    publish_goals = models.BooleanField(_("publish the goals"), default=False)
    publish_steps = models.BooleanField(
        _("publish the escalation steps (without who does them)"), default=False
    )
    # The number of the latest version; moved under the plan's row lock by every save.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(campaign__isnull=False, dispute__isnull=True)
                | Q(campaign__isnull=True, dispute__isnull=False),
                name="plan_has_one_owner",
            ),
            models.CheckConstraint(condition=~Q(language=""), name="plan_has_language"),
        ]

    def __str__(self):
        return str(self.campaign or self.dispute)

    @property
    def owner(self):
        return self.campaign or self.dispute


class Stakeholder(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="stakeholders")
    kind = models.CharField(_("kind"), max_length=16, choices=StakeholderKind)
    name = models.CharField(_("name"), max_length=200)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    power = models.PositiveSmallIntegerField(_("power (1 to 5)"))
    interest = models.PositiveSmallIntegerField(_("interest and support (1 to 5)"))

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="stakeholder_named"),
            models.CheckConstraint(
                condition=Q(kind__in=StakeholderKind.values), name="stakeholder_valid_kind"
            ),
            models.CheckConstraint(
                condition=Q(power__gte=1, power__lte=5), name="stakeholder_power_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5), name="stakeholder_interest_1_to_5"
            ),
        ]

    def __str__(self):
        return self.name


class Goal(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=16, choices=GoalStatus, default=GoalStatus.OPEN
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="goal_has_text"),
            models.CheckConstraint(
                condition=Q(status__in=GoalStatus.values), name="goal_valid_status"
            ),
        ]

    def __str__(self):
        return self.text


class EscalationStep(models.Model):
    """A step of the escalation plan, in order, on a date; who does it (a name, or one of the
    coordinators' accounts), by when, and whether it is done."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"))
    date = models.DateField(_("date"))
    action = models.CharField(_("what"), max_length=1000)
    assignee_name = models.CharField(_("who (a name)"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who (an account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ["plan", "position", "date", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(action=""), name="step_has_action"),
            models.CheckConstraint(
                condition=Q(assignee_name="") | Q(assignee__isnull=True),
                name="step_one_assignee",
            ),
        ]

    def __str__(self):
        return self.action


class PlanVersion(models.Model):
    """One save of a plan: who, when, what changed, and the whole plan as it then was."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed = models.JSONField(_("what changed"), default=list)
    snapshot = models.JSONField(_("the plan"), default=dict)

    class Meta:
        verbose_name = _("version of a plan")
        verbose_name_plural = _("versions of plans")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_from_1"),
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"
