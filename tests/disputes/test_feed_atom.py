import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from picketline.disputes.models import Dispute
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/disputes.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(response) -> ET.Element:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def _entry_titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_it_is_a_valid_atom_feed_with_title_link_summary_and_updated(client):
    dispute = factories.make_dispute(
        title="Cleaners <strike> & more", description="Pay <b>now</b>.\n\nSecond paragraph."
    )
    root = _feed(client.get(URL))
    assert root.findtext(f"{ATOM}title") == "Picketline: strikes and disputes"
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Picketline"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Cleaners <strike> & more"
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert link.get("href") == f"http://testserver{dispute.get_absolute_url()}"
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The description is text: the reader's HTML must show the tags, not obey them.
    assert "&lt;b&gt;now&lt;/b&gt;" in summary.text
    assert "<b>" not in summary.text
    assert entry.findtext(f"{ATOM}updated").startswith(dispute.updated_at.date().isoformat())
    assert entry.findtext(f"{ATOM}id") == (
        f"tag:127.0.0.1,{dispute.created_at:%Y-%m-%d}:dispute/{dispute.pk}"
    )


def test_it_lists_the_newest_first(client):
    old = factories.make_dispute(title="Old")
    new = factories.make_dispute(title="New")
    Dispute.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=5))
    assert _entry_titles(_feed(client.get(URL))) == [new.title, old.title]


def test_it_stops_at_fifty_entries(client):
    for n in range(52):
        factories.make_dispute(title=f"Dispute {n}")
    titles = _entry_titles(_feed(client.get(URL)))
    assert len(titles) == 50
    assert titles[0] == "Dispute 51"


def test_it_honours_the_filters(client):
    factories.make_dispute(title="Dockers", sector="transport")
    factories.make_dispute(title="Teachers", sector="education")
    root = _feed(client.get(URL + "?sector=education"))
    assert _entry_titles(root) == ["Teachers"]
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/disputes.atom?sector=education"
