"""Organisers as the attendee pages need them: with an authenticator, signed in with its code.

Everyone who sees the names and emails of the people coming must use two factors, organisers
as much as moderators (see `events/manage/access.py`).
"""

from picketline.accounts.two_factor import VERIFIED_KEY, has_confirmed_device
from tests import factories


def make_organiser(**kwargs):
    """An account that has set up two-factor authentication, to organise events with."""
    user = factories.make_user(**kwargs)
    factories.make_totp_device(user)
    return user


def login(client, user) -> None:
    """Signs `user` in; with an authenticator, as if they had also given their code."""
    factories.login(client, user)
    if has_confirmed_device(user):
        session = client.session
        session[VERIFIED_KEY] = True
        session.save()


URL = "/events/new/"


def form_data(**changes) -> dict:
    data = {
        "title": "Strike rally",
        "organiser_name": "Leeds Strike Support",
        "starts_at": "2031-07-10T18:00",
        "ends_at": "2031-07-10T20:00",
        "timezone": "Europe/London",
        "mode": "in_person",
        "venue": "Trades Club",
        "address": "1 Union Street",
        "locality": "Leeds",
        "country": "GB",
        "latitude": "53.7965",
        "longitude": "-1.5478",
        "join_url": "",
        "capacity": "50",
        "visibility": "public",
        "description": "Come and hear the strikers.",
        "language": "en",
        "disputes": "",
        "sponsors": "",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "10",
        "speakers-0-name": "",
        "speakers-0-role": "",
        "speakers-0-bio": "",
        "speakers-1-name": "",
        "speakers-1-role": "",
        "speakers-1-bio": "",
    }
    data.update(changes)
    return data
