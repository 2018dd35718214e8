import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from picketline.disputes.models import Submission
from picketline.places.models import Country, Place, Region
from tests.disputes.submissions.helpers import ADD_URL, valid_data

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
DAY = timezone.localdate() + dt.timedelta(days=30)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_york(db):
    country = Country.objects.create(
        code="US", name="United States", latitude=38.9, longitude=-77.0, timezone="America/New_York"
    )
    region = Region.objects.create(
        country=country, code="NY", name="New York", latitude=40.7, longitude=-74.0
    )
    return Place.objects.create(
        geonameid=5128581,
        name="New York City",
        country=country,
        region=region,
        latitude=40.71427,
        longitude=-74.00597,
        population=8_000_000,
        timezone="America/New_York",
    )


def test_it_takes_town_region_country_and_time_zone_from_the_pin(client, new_york):
    data = valid_data(
        place_name="Brooklyn",
        latitude="40.6782",
        longitude="-73.9442",
        start_date=DAY.isoformat(),
        end_date="",
        picket_starts_at=f"{DAY}T06:00",
        picket_ends_at=f"{DAY}T09:30",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 303, response.context["form"].errors
    submission = Submission.objects.get()
    assert (submission.city, submission.region, submission.country) == (
        "New York City",
        "New York",
        "US",
    )
    assert submission.timezone == "America/New_York"
    assert submission.place_name == "Brooklyn"
    assert submission.precision == "exact"
    # Six o'clock on a New York clock, stored as the instant it is.
    starts = dt.datetime(DAY.year, DAY.month, DAY.day, 6, 0, tzinfo=NEW_YORK)
    assert submission.picket_starts_at == starts
    assert submission.picket_ends_at == starts + dt.timedelta(hours=3, minutes=30)
    html = client.get(response["Location"]).text
    assert f"06:00\u201309:30 (America/New_York, {starts.tzname()})" in html


def test_it_names_the_time_zone_when_the_form_comes_back(client, new_york):
    data = valid_data(latitude="40.6782", longitude="-73.9442", employer="")
    html = client.post(ADD_URL, data).text
    assert "time zone America/New_York" in html


def test_it_reads_picket_times_in_utc_where_no_town_is_near(client, new_york):
    data = valid_data(
        place_name="A rig at sea",
        latitude="0.5",
        longitude="-30.25",
        picket_starts_at=f"{DAY}T06:00",
        picket_ends_at=f"{DAY}T09:00",
        start_date=DAY.isoformat(),
        end_date="",
    )
    assert client.post(ADD_URL, data).status_code == 303
    submission = Submission.objects.get()
    assert (submission.city, submission.country, submission.timezone) == ("", "", "UTC")
    assert submission.picket_starts_at == dt.datetime(
        DAY.year, DAY.month, DAY.day, 6, tzinfo=dt.UTC
    )


def test_it_takes_a_town_without_a_town_name_from_the_pin_alone(client, new_york):
    data = valid_data(place_name="", latitude="40.7", longitude="-74.0")
    assert client.post(ADD_URL, data).status_code == 303
    submission = Submission.objects.get()
    assert submission.place_name == "New York City, New York, US"


def test_it_understands_coordinates_typed_as_the_place(client, new_york):
    data = valid_data(place_name="40.6782, -73.9442", latitude="", longitude="", pin_moved="")
    assert client.post(ADD_URL, data).status_code == 303
    submission = Submission.objects.get()
    assert (submission.latitude, submission.longitude) == (40.6782, -73.9442)
    assert submission.precision == "exact"
    assert submission.country == "US"


def test_it_finds_a_typed_town_in_the_gazetteer(client, gazetteer):
    data = valid_data(place_name="Leeds", latitude="", longitude="", pin_moved="")
    response = client.post(ADD_URL, data)
    assert response.status_code == 303, response.context["form"].errors
    submission = Submission.objects.get()
    assert submission.place_name == "Leeds"
    assert (submission.city, submission.country) == ("Leeds", "GB")
    assert submission.timezone == "Europe/London"
    assert submission.precision == "city"
    assert abs(submission.latitude - 53.8) < 0.1 and abs(submission.longitude + 1.55) < 0.1


def test_it_refuses_a_town_the_gazetteer_does_not_know(client, gazetteer):
    data = valid_data(place_name="Qwxzv Plkjh", latitude="", longitude="", pin_moved="")
    response = client.post(ADD_URL, data)
    assert response.status_code == 400
    assert "We could not find this place" in response.context["form"].errors["place_name"][0]
    assert Submission.objects.count() == 0
