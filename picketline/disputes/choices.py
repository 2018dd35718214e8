"""The registry's controlled vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeKind(models.TextChoices):
    STRIKE = "strike", _("Strike")
    LOCKOUT = "lockout", _("Lockout")
    WALKOUT = "walkout", _("Walkout")
    WORK_TO_RULE = "work_to_rule", _("Work-to-rule")
    OVERTIME_BAN = "overtime_ban", _("Overtime ban")
    OCCUPATION = "occupation", _("Occupation")
    PROTEST = "protest", _("Protest")


class DisputeStatus(models.TextChoices):
    BALLOTING = "balloting", _("Balloting")
    ANNOUNCED = "announced", _("Announced")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


# What the map, every feed and the API give when no status is chosen: disputes people can
# still go and support. One default, documented on /data/ and in the README.
DEFAULT_STATUSES = (DisputeStatus.ANNOUNCED, DisputeStatus.ACTIVE)
MAP_STATUSES = DEFAULT_STATUSES


class Outcome(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    PARTIAL = "partial", _("Partly won")
    SETTLED = "settled", _("Settled")


class Sector(models.TextChoices):
    """Top-level industries, after the NAICS/ISIC sections."""

    AGRICULTURE = "agriculture", _("Agriculture, forestry and fishing")
    MINING = "mining", _("Mining and quarrying")
    UTILITIES = "utilities", _("Energy and water utilities")
    CONSTRUCTION = "construction", _("Construction")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    WHOLESALE = "wholesale", _("Wholesale trade")
    RETAIL = "retail", _("Retail trade")
    TRANSPORT = "transport", _("Transport, logistics and warehousing")
    INFORMATION = "information", _("Information, media and telecoms")
    FINANCE = "finance", _("Finance and insurance")
    REAL_ESTATE = "real_estate", _("Real estate")
    PROFESSIONAL = "professional", _("Professional, scientific and technical services")
    ADMINISTRATIVE = "administrative", _("Administrative and support services, cleaning")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health care and social assistance")
    ARTS = "arts", _("Arts, entertainment and recreation")
    HOSPITALITY = "hospitality", _("Accommodation and food services")
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    OTHER_SERVICES = "other_services", _("Other services")


class Demand(models.TextChoices):
    PAY = "pay", _("Pay")
    STAFFING = "staffing", _("Staffing levels")
    SAFETY = "safety", _("Health and safety")
    RECOGNITION = "recognition", _("Union recognition")
    JOB_SECURITY = "job_security", _("Job security")
    PENSIONS = "pensions", _("Pensions")
    HOURS = "hours", _("Working hours")
    CONTRACTS = "contracts", _("Contracts and casualisation")
    CONDITIONS = "conditions", _("Working conditions")
    BENEFITS = "benefits", _("Benefits and health insurance")
    VICTIMISATION = "victimisation", _("Reinstatement and victimisation")
    OUTSOURCING = "outsourcing", _("Outsourcing and privatisation")
    EQUALITY = "equality", _("Equality and discrimination")
    BARGAINING = "bargaining", _("Collective bargaining")


class Verification(models.TextChoices):
    CROWD = "crowd", _("Crowd-reported")
    PRESS = "press", _("Press-sourced")
    UNION = "union", _("Union-verified")


class SourceKind(models.TextChoices):
    UNION = "union", _("Union")
    PRESS = "press", _("Press")
    SOCIAL = "social", _("Social media")
    OTHER = "other", _("Other")


class Precision(models.TextChoices):
    EXACT = "exact", _("Exact")
    CITY = "city", _("City")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")


class ActionKind(models.TextChoices):
    STRIKE_DAY = "strike_day", _("Strike day")
    STRIKE_PERIOD = "strike_period", _("Strike period")
    PARTIAL = "partial", _("Partial strike")
    WALKOUT = "walkout", _("Walkout")
    RALLY = "rally", _("Rally")
    ACTION_SHORT = "action_short", _("Action short of a strike")


class Recurrence(models.TextChoices):
    NONE = "none", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
