import csv
import io

import pytest
from django.http import StreamingHttpResponse

from picketline.disputes import services
from picketline.disputes.feeds.csv_feed import COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes.csv"


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_it_streams_an_attachment(client):
    factories.make_dispute()
    response = client.get(URL)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="disputes.csv"'


def test_it_has_the_documented_columns_in_order(client):
    response = client.get(URL)
    text = b"".join(response.streaming_content).decode()
    assert next(csv.reader(io.StringIO(text))) == list(COLUMNS)
    assert list(COLUMNS) == [
        "id",
        "url",
        "title",
        "kind",
        "status",
        "outcome",
        "sector",
        "employers",
        "unions",
        "workers_involved",
        "workers_approximate",
        "demands",
        "start_date",
        "end_date",
        "countries",
        "cities",
        "latitude",
        "longitude",
        "verification",
        "authorised",
        "created_at",
        "updated_at",
    ]


def test_it_writes_one_row_per_dispute_with_its_public_fields(client):
    employers = [
        factories.make_organisation(name="Acme Logistics", kind="employer"),
        factories.make_organisation(name="Acme Holdings", kind="employer"),
    ]
    dispute = factories.make_dispute(
        title='Warehouse "peak" strike, part 2',
        union="GMB",
        demands=["pay", "safety"],
        workers_involved=1200,
        workers_approximate=True,
        authorised=True,
        sector="transport",
        lat=52.4862,
        lon=-1.8904,
        city="Birmingham",
    )
    services.dispute_update(dispute=dispute, employers=employers)
    services.site_create(
        dispute=dispute, name="Hub", city="Coventry", country="GB", latitude=52.4, longitude=-1.5
    )
    dispute.refresh_from_db()
    [row] = _rows(client.get(URL))
    assert row["id"] == str(dispute.pk)
    assert row["url"] == f"http://testserver{dispute.get_absolute_url()}"
    assert row["title"] == 'Warehouse "peak" strike, part 2'
    assert (row["kind"], row["status"], row["outcome"]) == ("strike", "active", "unknown")
    assert row["sector"] == "transport"
    assert row["employers"] == "Acme Holdings; Acme Logistics"
    assert row["unions"] == "GMB"
    assert row["workers_involved"] == "1200"
    assert row["workers_approximate"] == "true"
    assert row["demands"] == "pay; safety"
    assert row["start_date"] == dispute.start_date.isoformat()
    assert row["end_date"] == ""
    assert row["countries"] == "GB"
    assert row["cities"] == "Birmingham; Coventry"
    assert (row["latitude"], row["longitude"]) == ("52.4862", "-1.8904")
    assert row["verification"] == "crowd"
    assert row["authorised"] == "true"
    assert row["created_at"] == dispute.created_at.isoformat()
    assert row["updated_at"] == dispute.updated_at.isoformat()


def test_it_uses_the_coarse_point_of_a_sensitive_dispute(client):
    factories.make_dispute(sensitive=True, lat=51.523456789, lon=-0.087654321)
    [row] = _rows(client.get(URL))
    assert (row["latitude"], row["longitude"]) == ("51.5", "-0.1")


def test_it_keeps_spreadsheets_from_running_user_text_as_formulas(client):
    factories.make_dispute(title='=HYPERLINK("http://evil.example")', union="@union")
    [row] = _rows(client.get(URL))
    assert row["title"] == '\'=HYPERLINK("http://evil.example")'
    assert row["unions"] == "'@union"


def test_it_honours_the_filters(client):
    factories.make_dispute(title="Dockers", status="ended", demands=["pay"])
    factories.make_dispute(title="Nurses", status="active", demands=["staffing"])
    rows = _rows(client.get(URL + "?demand=staffing"))
    assert [row["title"] for row in rows] == ["Nurses"]
    rows = _rows(client.get(URL + "?status=ended,active"))
    assert {row["title"] for row in rows} == {"Dockers", "Nurses"}


def test_it_lists_every_status_asked_for(client):
    for status in ("balloting", "announced", "active", "suspended", "ended"):
        factories.make_dispute(status=status)
    assert len(_rows(client.get(URL))) == 2
    every = "?status=balloting,announced,active,suspended,ended"
    assert len(_rows(client.get(URL + every))) == 5


def test_it_reads_in_chunks(client, monkeypatch):
    monkeypatch.setattr("picketline.disputes.feeds.csv_feed.CHUNK_SIZE", 2)
    for n in range(5):
        factories.make_dispute(title=f"Dispute {n}", union=f"Union {n}")
    rows = _rows(client.get(URL))
    assert sorted(row["title"] for row in rows) == [f"Dispute {n}" for n in range(5)]
    assert sorted(row["unions"] for row in rows) == [f"Union {n}" for n in range(5)]
