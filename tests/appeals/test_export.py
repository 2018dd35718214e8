"""The petition for a handover: CSV with names, emails and countries for the coordinators; a
PDF with names and countries only; neither for anyone else."""

import csv
import io

import pytest

from tests import factories
from tests.appeals.helpers import make_appeal, sign
from tests.campaigns.helpers import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal():
    campaign = make_campaign()
    appeal = make_appeal(campaign=campaign, mode="petition")
    sign(appeal, email="ada@example.org", name="Ada Picket", country="FR")
    sign(appeal, email="bo@example.org", name="=Bo Striker", country="ES", paragraph="Hola.")
    sign(appeal, email="waiting@example.org", name="Not Yet", confirm=False)
    return appeal


def _coordinator(client, appeal):
    user = factories.make_user()
    appeal.campaign.coordinators.add(user)
    factories.make_totp_device(user)
    factories.login(client, user)


def test_the_csv_lists_confirmed_signatures_with_their_emails(client, appeal):
    _coordinator(client, appeal)
    response = client.get(f"/appeals/{appeal.slug}/manage/signatures.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Country"]
    assert [row[:4] for row in rows[1:]] == [
        ["Ada Picket", "ada@example.org", "France", "FR"],
        # A name a spreadsheet would run as a formula is written as text.
        ["'=Bo Striker", "bo@example.org", "Spain", "ES"],
    ]
    assert "Not Yet" not in response.content.decode("utf-8-sig")


def test_the_pdf_names_the_signers_and_never_their_emails(client, appeal):
    from picketline.appeals.export import petition_lines

    _coordinator(client, appeal)
    response = client.get(f"/appeals/{appeal.slug}/manage/petition.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    lines = petition_lines(appeal)
    assert lines[0].startswith("2 confirmed signatures")
    assert "1. Ada Picket (France)" in lines
    assert "2. =Bo Striker (Spain)" in lines
    assert not any("@" in line or "Not Yet" in line for line in lines)


@pytest.mark.parametrize("path", ["signatures.csv", "petition.pdf"])
def test_nobody_else_exports(client, appeal, path):
    factories.login(client, factories.make_user())
    assert client.get(f"/appeals/{appeal.slug}/manage/{path}").status_code == 403
