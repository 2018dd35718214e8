"""`picketline grant-role`, `picketline api-token` and `picketline demo-members`."""

import io

import pytest
from django.core.management import CommandError, call_command

from picketline.accounts.services import api_token_authenticate
from picketline.membership.demo import demo_members_load
from picketline.membership.dues.standing import Standing
from picketline.membership.members.models import Membership, Treasurer
from picketline.membership.members.selectors import RosterFilters, membership_access_for, roster
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
    member = Membership.objects.first()
    access = membership_access_for(
        user=member.organisation.coordinators.get(), organisation=member.organisation
    )
    standings = set(
        roster(access=access, filters=RosterFilters()).values_list("standing", flat=True)
    )
    assert standings == {Standing.GOOD, Standing.ARREARS, Standing.LAPSED}
