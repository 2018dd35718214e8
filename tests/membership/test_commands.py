"""`picketline grant-role`, `picketline api-token` and `picketline demo-members`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from picketline.accounts.personal_data import person_email
from picketline.accounts.services import api_token_authenticate
from picketline.membership.demo import demo_members_load
from picketline.membership.dues.models import DuesEntry, DuesPlan
from picketline.membership.dues.standing import Standing
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.members.selectors import RosterFilters, membership_access_for, roster
from picketline.organisations.demo import DEMO_NETWORK, demo_organisations_load
from picketline.organisations.models import Organisation
from tests import factories
from tests.membership import helpers

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_grant_role_gives_each_role():
    organisation = helpers.make_network()
    chapter = helpers.make_chapter(organisation)
    user = factories.make_user(username="sam")
    _run(
        "grant_role",
        "sam",
        "--organisation",
        organisation.slug,
        "--role",
        "organiser",
        "--chapter",
        chapter.slug,
    )
    _run("grant_role", "sam", "--organisation", organisation.slug, "--role", "treasurer")
    _run("grant_role", "sam", "--organisation", organisation.slug, "--role", "admin")
    _run("grant_role", "sam", "--organisation", organisation.slug, "--role", "member")
    assert chapter.organisers.filter(pk=user.pk).exists()
    assert Treasurer.objects.filter(user=user, organisation=organisation).exists()
    assert organisation.coordinators.filter(pk=user.pk).exists()
    assert Membership.objects.get(user=user).status == "active"


def test_grant_role_says_what_is_wrong():
    organisation = helpers.make_network()
    factories.make_user(username="sam")
    with pytest.raises(CommandError, match="chapter"):
        _run("grant_role", "sam", "--organisation", organisation.slug, "--role", "organiser")
    with pytest.raises(CommandError, match="organisation"):
        _run("grant_role", "sam", "--organisation", "nope", "--role", "admin")
    with pytest.raises(CommandError, match="account"):
        _run("grant_role", "nobody", "--organisation", organisation.slug, "--role", "admin")


def test_api_token_prints_a_working_token_once():
    user = factories.make_user(username="sam")
    raw = _run("api_token", "sam", "--name", "bank sync").strip()
    assert raw.startswith("plt_")
    assert api_token_authenticate(raw=raw) == user
    assert user.api_tokens.get().name == "bank sync"


def test_demo_members_has_every_standing_and_runs_twice():
    assert demo_members_load() is True
    assert demo_members_load() is False
    member = Membership.objects.filter(status="active").first()
    access = membership_access_for(
        user=member.organisation.coordinators.get(), organisation=member.organisation
    )
    standings = set(
        roster(access=access, filters=RosterFilters()).values_list("standing", flat=True)
    )
    assert standings == {Standing.GOOD, Standing.ARREARS, Standing.LAPSED}


def test_demo_members_join_the_network_of_demo_organisations_and_its_chapters():
    assert demo_organisations_load() is True
    network = Organisation.objects.get(name=DEMO_NETWORK)
    assert demo_members_load() is True
    # One demo network: every member and plan is the network's, in several of its chapters.
    assert Organisation.objects.filter(kind="network", is_demo=True).count() == 1
    assert set(Membership.objects.values_list("organisation", flat=True)) == {network.pk}
    assert set(DuesPlan.objects.values_list("organisation", flat=True)) == {network.pk}
    chapters = set(Membership.objects.values_list("chapter__organisation", flat=True))
    assert chapters == {network.pk}
    assert Membership.objects.values("chapter").distinct().count() >= 5
    assert set(Membership.objects.values_list("status", flat=True)) == {
        "active",
        "pending",
        "left",
    }
    # The logins: the organiser organises Leeds; the member sees their own membership.
    organiser = get_user_model().objects.get(username="organiser")
    assert list(organiser.organised_chapters.values_list("name", flat=True)) == ["Leeds"]
    member = get_user_model().objects.get(username="member")
    assert member.check_password("picketline-demo")
    assert member.memberships.get().organisation == network
    assert person_email(member) == member.email
    # Running either again changes nothing.
    counts = (Membership.objects.count(), DuesEntry.objects.count())
    assert demo_organisations_load() is False
    assert demo_members_load() is False
    assert (Membership.objects.count(), DuesEntry.objects.count()) == counts


def test_demo_members_alone_makes_the_demo_organisations_first():
    assert demo_members_load() is True
    network = Organisation.objects.get(name=DEMO_NETWORK, is_demo=True)
    assert Membership.objects.filter(organisation=network).count() == Membership.objects.count()
    assert demo_organisations_load() is False
