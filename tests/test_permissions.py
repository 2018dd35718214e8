"""Every URL and API operation is either public or checked here against every role.

A new URL pattern that is neither public nor in the page matrix fails
`test_every_url_is_classified`; a new API operation that is not in the API matrix fails
`test_every_api_operation_is_classified`. Nothing non-public can ship unchecked.

Roles: anonymous, supporter (an account with no duties), the coordinator of the dispute the
URL is about, the coordinator of another dispute, moderator and admin (both with a verified
second factor).
"""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from picketline.accounts.models import Passkey, TotpDevice
from picketline.accounts.services import api_token_create
from picketline.campaigns import services as campaign_services
from picketline.campaigns.models import Campaign, CampaignDispute, CommonDemand, DemandAdoption
from picketline.campaigns.plans.models import PlanVersion
from picketline.campaigns.plans.services import plan_save
from picketline.core.models import AuditEntry
from picketline.disputes import services
from picketline.events.models import DayOfAction, Event, Rsvp
from picketline.events.rsvps import selectors as rsvp_selectors
from picketline.events.rsvps import services as rsvps
from picketline.organisations.chapters import services as chapter_services
from picketline.organisations.models import Chapter, ChapterRequest, Organisation
from picketline.organisations.services import demand_save
from picketline.solidarity.delegations.services import delegation_add
from picketline.solidarity.models import Fund, LedgerEntry, Pledge
from tests import factories
from tests.appeals import test_permissions as appeals
from tests.ballots import test_permissions as ballots
from tests.charters import test_permissions as charters
from tests.membership import test_permissions as membership
from tests.resources import test_permissions as resources

ROLES = ["anonymous", "supporter", "coordinator", "other_coordinator", "moderator", "admin"]
LOGIN = "/accounts/login/"

# Route names anyone may read without an account. Submission status pages and invitations are
# reached only through the secret in their link.
PUBLIC = {
    "healthz",
    "favicon",
    "javascript-catalog",
    "set_language",
    "login",
    "login_code",
    # Signing in with a passkey (POST only): the passkey itself is the credential.
    "login_passkey_options",
    "login_passkey",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "disputes:map",
    "disputes:map_nearest",
    "disputes:list",
    "disputes:detail",
    "disputes:place_search",
    "disputes:open_data",
    "feeds:geojson",
    "feeds:ics",
    "feeds:csv",
    "feeds:atom",
    "feeds:dispute_ics",
    "feeds:map_tile",
    "feeds:map_cluster",
    "submissions:add",
    "submissions:status",
    "submissions:answer",
    "invitations:invitation",
    # Erasing one's account by the emailed link: the link's secret is the credential (the
    # password and second factor were asked for before it was sent).
    "account_erase",
    # Organisations: the list, an organisation's and a chapter's pages, the nearest chapters,
    # and asking to start a chapter.
    *(
        f"organisations:{name}"
        for name in (
            "list",
            "detail",
            "chapters",
            "chapter",
            "chapter_request",
            "chapter_request_sent",
        )
    ),
    # Solidarity: sending a message, a fund's page and pledge, joining a picket, the dashboards;
    # a pledge's or a picket sign-up's page is reached only through the secret in its link.
    "solidarity:message_send",
    # Public once its message is published; before, a 404 to all but the dispute's coordinators
    # and moderators (tests/solidarity/messages/test_permissions.py).
    "solidarity:message_photo",
    "solidarity:message_thanks",
    "solidarity:fund_detail",
    "solidarity:pledge_cancel",
    "solidarity:picket_signup",
    "solidarity:picket_signed_up",
    "solidarity:picket_cancel",
    "solidarity:dashboard",
    "solidarity:dispute_dashboard",
    "solidarity:dispute_connections",
    "solidarity:delegation_report",
    # Events: pages, calendars and feeds; answering, and an answer's own page (reached through
    # the secret in its link); hosting a local event and the host's emailed invitation.
    *(
        f"events:{name}"
        for name in (
            "list",
            "map",
            "detail",
            "detail_ics",
            "feed_ics",
            "feed_geojson",
            "map_tile",
            "map_cluster",
            "days_of_action",
            "day_of_action",
            "rsvp_create",
            "rsvp_sent",
            "rsvp_confirm",
            "rsvp",
            "host",
            "host_thanks",
            "host_invitation",
        )
    ),
}
# Campaigns: the list, its map, a campaign's page and its feeds.
PUBLIC |= {f"campaigns:{name}" for name in ("list", "map", "detail", "feed_atom", "feed_ics")}
# Membership's pages are checked against its own roles in tests/membership/test_permissions.py.
PUBLIC |= membership.PUBLIC_NAMES
# So are charters', in tests/charters/test_permissions.py.
PUBLIC |= charters.PUBLIC_NAMES
# And appeals', in tests/appeals/test_permissions.py.
PUBLIC |= appeals.PUBLIC_NAMES
# And the resource library's, in tests/resources/test_permissions.py.
PUBLIC |= resources.PUBLIC_NAMES
# And the ballots', in tests/ballots/test_permissions.py.
PUBLIC |= ballots.PUBLIC_NAMES
# Every operation of the API is in API_MATRIX below.
API_NAMESPACE = "api"


def _everyone(status):
    return dict.fromkeys(ROLES, status)


def _except_anonymous(status, anonymous=302):
    return _everyone(status) | {"anonymous": anonymous}


SIGNED_IN = _except_anonymous(200)
POST_ONLY = _everyone(405)
STAFF = {role: 302 for role in ROLES} | {"admin": 200}
DISPUTE_PAGE = {
    "anonymous": 302,
    "supporter": 403,
    "coordinator": 200,
    "other_coordinator": 403,
    "moderator": 200,
    "admin": 200,
}
MODERATORS = {
    "anonymous": 302,
    "supporter": 403,
    "coordinator": 403,
    "other_coordinator": 403,
    "moderator": 200,
    "admin": 200,
}
# Moderation decisions are POST only: a GET from a moderator is 405, anyone else is turned away
# before the method is looked at.
MODERATORS_POST_ONLY = MODERATORS | {"moderator": 405, "admin": 405}
MODERATORS_REDIRECTED = MODERATORS | {"moderator": 302, "admin": 302}
# Pages listing the people coming to an event: for its organiser (the "coordinator" role) as
# for the dispute's pages. Without a second factor, see test_pages_ask_two_factors_of_….
ATTENDEE_PAGE = DISPUTE_PAGE
# POST-only pages of a dispute's coordinators: the method is checked first.
DISPUTE_POST_ONLY = _everyone(405)
# …or sign-in is asked for first, then the method.
SIGNED_IN_POST_ONLY = _except_anonymous(405)

D = "/disputes/{dispute}/manage/"
# An event and a day of action organised by the "coordinator" role's account.
E = "/events/{event}/"
DAY = "/days-of-action/{day}/"
U = "/organisations/{union}/manage/"
# A network whose account the "coordinator" role holds, and one of its chapters.
N = "/organisations/{network}/manage/"
C = "/organisations/{network}/chapters/{chapter}/manage/"
M = "/moderation/{item}/"
# A campaign the "coordinator" role's account coordinates.
K = "/campaigns/{campaign}/manage/"
# The strategic plans of that campaign and of the dispute the same account coordinates.
PLANS = ("/campaigns/{campaign}/plan/", D + "plan/")
PLAN_PAGES = ("", "edit/", "print/", "plan.json", "actions.csv", "versions/1/")

# (method, url) → {role: status}. 302 means sent to the login page unless a (302, address)
# pair names where else it goes.
MATRIX = {
    ("get", "/accounts/"): SIGNED_IN,
    ("get", "/accounts/two-factor/"): SIGNED_IN,
    # Moderators, admins and coordinators already have a device (every one must): the page
    # says so.
    ("get", "/accounts/two-factor/setup/"): SIGNED_IN
    | {
        role: (302, "/accounts/two-factor/")
        for role in ("coordinator", "other_coordinator", "moderator", "admin")
    },
    ("get", "/accounts/two-factor/recovery-codes/"): POST_ONLY,
    ("get", "/accounts/two-factor/remove/"): POST_ONLY,
    ("get", "/accounts/passkeys/"): SIGNED_IN,
    ("get", "/accounts/passkeys/add/options/"): POST_ONLY,
    ("get", "/accounts/passkeys/add/"): POST_ONLY,
    ("get", "/accounts/passkeys/{passkey}/rename/"): POST_ONLY,
    ("get", "/accounts/passkeys/{passkey}/remove/"): POST_ONLY,
    ("get", "/accounts/tokens/"): SIGNED_IN,
    ("get", "/accounts/tokens/{token}/revoke/"): POST_ONLY,
    ("get", "/accounts/password/change/"): SIGNED_IN,
    ("get", "/accounts/password/change/done/"): SIGNED_IN,
    # One's own data: everyone signed in has some, and sees only their own.
    ("get", "/account/data/"): SIGNED_IN,
    ("get", "/account/data/picketline-data.json"): SIGNED_IN,
    ("get", "/account/data/picketline-data.zip"): SIGNED_IN,
    ("get", "/account/data/email/"): SIGNED_IN_POST_ONLY,
    ("get", "/account/data/email/some-token/"): SIGNED_IN,
    ("get", "/account/data/erase/"): SIGNED_IN_POST_ONLY,
    ("get", "/account/data/erase/cancel/"): SIGNED_IN_POST_ONLY,
    ("get", "/admin/"): STAFF,
    ("get", "/admin/disputes/dispute/"): STAFF,
    ("get", "/admin/disputes/dispute/{dispute_pk}/change/"): STAFF,
    ("get", "/admin/disputes/submission/"): STAFF,
    ("get", "/admin/organisations/organisation/"): STAFF,
    ("get", "/admin/campaigns/campaign/"): STAFF,
    ("get", "/admin/campaigns/campaign/{campaign_pk}/change/"): STAFF,
    ("get", "/admin/campaigns/employergroup/"): STAFF,
    ("get", "/admin/campaigns/commondemand/{campaign_demand}/change/"): STAFF,
    ("get", "/admin/disputes/submission/{submission}/change/"): STAFF,
    ("get", "/admin/moderation/moderationitem/"): STAFF,
    ("get", "/admin/appeals/appeal/"): STAFF,
    ("get", "/admin/appeals/signature/"): STAFF,
    ("get", "/admin/appeals/appealdelivery/"): STAFF,
    ("get", "/admin/core/auditentry/"): STAFF,
    ("get", "/admin/core/outboxemail/"): STAFF,
    ("get", "/admin/auth/user/"): STAFF,
    ("get", "/admin/django_tasks_database/dbtaskresult/"): STAFF,
    ("get", D): DISPUTE_PAGE,
    ("get", D + "sites/add/"): DISPUTE_PAGE,
    ("get", D + "sites/{site}/"): DISPUTE_PAGE,
    ("get", D + "sites/{site}/delete/"): DISPUTE_PAGE,
    ("get", D + "actions/add/"): DISPUTE_PAGE,
    ("get", D + "actions/{action}/"): DISPUTE_PAGE,
    ("get", D + "actions/{action}/delete/"): DISPUTE_PAGE,
    ("get", D + "shifts/add/"): DISPUTE_PAGE,
    ("get", D + "shifts/{shift}/"): DISPUTE_PAGE,
    ("get", D + "shifts/{shift}/delete/"): DISPUTE_PAGE,
    ("get", D + "sources/add/"): DISPUTE_PAGE,
    ("get", D + "sources/{source}/"): DISPUTE_PAGE,
    ("get", D + "sources/{source}/delete/"): DISPUTE_PAGE,
    ("get", D + "invite/"): DISPUTE_PAGE,
    ("get", D + "invitations/{invitation}/revoke/"): DISPUTE_PAGE,
    ("get", D + "coordinators/{first_coordinator}/remove/"): DISPUTE_PAGE,
    ("get", D + "delegations/add/"): DISPUTE_PAGE,
    ("get", D + "delegations/{delegation}/delete/"): DISPUTE_PAGE,
    ("get", D + "messages/"): DISPUTE_PAGE,
    ("get", "/disputes/{dispute}/manage/messages.csv"): DISPUTE_PAGE,
    ("get", D + "messages/print/"): DISPUTE_PAGE,
    ("get", D + "messages/frequency/"): DISPUTE_POST_ONLY,
    ("get", D + "funds/add/"): DISPUTE_PAGE,
    ("get", D + "funds/{fund}/"): DISPUTE_PAGE,
    ("get", D + "funds/{fund}/entries/add/"): DISPUTE_PAGE,
    ("get", D + "funds/{fund}/entries/{entry}/reverse/"): DISPUTE_PAGE,
    ("get", D + "funds/{fund}/pledges/"): DISPUTE_PAGE,
    ("get", D + "funds/{fund}/pledges/{pledge}/received/"): DISPUTE_POST_ONLY,
    ("get", D + "rota/"): DISPUTE_PAGE,
    ("get", D + "rota/{shift}/{occurrence}/message/"): SIGNED_IN_POST_ONLY,
    ("get", D + "rota/{shift}/{occurrence}/attendance/"): SIGNED_IN_POST_ONLY,
    ("get", "/my/disputes/"): SIGNED_IN,
    ("get", "/organisations/manage/"): MODERATORS,
    ("get", U): MODERATORS,
    ("get", U + "invitations/{union_invitation}/revoke/"): MODERATORS,
    ("get", U + "holders/{holder}/remove/"): MODERATORS,
    ("post", U + "verify/"): MODERATORS_REDIRECTED,
    ("post", U + "unverify/"): MODERATORS_REDIRECTED,
    # An organisation's organisers ("coordinator" holds the network) and moderators.
    ("get", N): DISPUTE_PAGE,
    ("get", N + "page/"): DISPUTE_PAGE,
    ("get", N + "demands/"): DISPUTE_PAGE,
    ("get", N + "demands/{demand}/"): DISPUTE_PAGE,
    ("get", N + "demands/{demand}/delete/"): DISPUTE_PAGE,
    ("get", N + "chapters/add/"): DISPUTE_PAGE,
    ("get", N + "chapter-requests/"): DISPUTE_PAGE,
    ("get", N + "chapter-requests/{chapter_request}/"): DISPUTE_PAGE,
    ("get", N + "chapter-requests/{chapter_request}/approve/"): POST_ONLY,
    ("get", N + "chapter-requests/{chapter_request}/decline/"): POST_ONLY,
    ("get", C): DISPUTE_PAGE,
    ("get", C + "invite/"): POST_ONLY,
    ("get", C + "invitations/{chapter_invitation}/revoke/"): DISPUTE_PAGE,
    ("get", C + "organisers/{chapter_organiser}/remove/"): DISPUTE_PAGE,
    ("get", "/events/new/"): SIGNED_IN,
    ("get", "/events/mine/"): SIGNED_IN,
    ("get", E + "edit/"): DISPUTE_PAGE,
    ("get", E + "manage/"): ATTENDEE_PAGE,
    ("get", E + "attendees.csv"): ATTENDEE_PAGE,
    ("get", E + "sheet/"): ATTENDEE_PAGE,
    ("get", E + "check-in/"): ATTENDEE_PAGE,
    ("get", E + "check-in/{rsvp}/"): POST_ONLY,
    ("get", E + "message/"): ATTENDEE_PAGE,
    ("get", "/days-of-action/new/"): SIGNED_IN,
    ("get", DAY + "edit/"): DISPUTE_PAGE,
    ("get", "/campaigns/new/"): MODERATORS,
    ("get", K): DISPUTE_PAGE,
    ("get", K + "disputes/add/"): POST_ONLY,
    ("get", K + "disputes/{campaign_dispute}/remove/"): DISPUTE_PAGE,
    ("get", K + "demands/"): DISPUTE_PAGE,
    ("get", K + "demands/{campaign_demand}/"): DISPUTE_PAGE,
    ("get", K + "demands/{campaign_demand}/delete/"): DISPUTE_PAGE,
    ("get", K + "matrix/{campaign_dispute}/{campaign_demand}/"): DISPUTE_PAGE,
    ("get", K + "invite/"): POST_ONLY,
    ("get", K + "coordinators/{campaign_coordinator}/remove/"): DISPUTE_PAGE,
    # Plans hold names of people: coordinators with two factors, and moderators.
    **{("get", plan + page): DISPUTE_PAGE for plan in PLANS for page in PLAN_PAGES},
    ("get", "/moderation/"): MODERATORS,
    ("get", M): MODERATORS,
    ("get", "/moderation/bulk/"): MODERATORS_POST_ONLY,
    ("get", M + "approve/"): MODERATORS_POST_ONLY,
    ("get", M + "approve-with-edits/"): MODERATORS_POST_ONLY,
    ("get", M + "reject/"): MODERATORS_POST_ONLY,
    ("get", M + "merge/"): MODERATORS_POST_ONLY,
    ("get", M + "ask/"): MODERATORS_POST_ONLY,
}
# Route names the matrices cover (the admin site is one namespace, checked through its pages).
PRIVATE_NAMESPACES = {"admin", "moderation"}
PRIVATE = {
    "password_change",
    "password_change_done",
    "account",
    "two_factor",
    "two_factor_setup",
    "two_factor_recovery_codes",
    "two_factor_remove",
    "api_tokens",
    "api_token_revoke",
    "passkeys",
    "passkey_add_options",
    "passkey_add",
    "passkey_rename",
    "passkey_remove",
    "account_data",
    "account_data_json",
    "account_data_zip",
    "account_email_confirm_send",
    "account_email_confirm",
    "account_erase_request",
    "account_erase_cancel",
    *(
        f"manage:{name}"
        for name in (
            "dispute",
            "mine",
            "site_add",
            "site_edit",
            "site_delete",
            "action_add",
            "action_edit",
            "action_delete",
            "shift_add",
            "shift_edit",
            "shift_delete",
            "source_add",
            "source_edit",
            "source_delete",
            "invite",
            "invitation_revoke",
            "coordinator_remove",
        )
    ),
    *(
        f"organisations:{name}"
        for name in (
            "manage_list",
            "manage",
            "verify",
            "unverify",
            "invite",
            "invitation_revoke",
            "holder_remove",
            "edit",
            "demands",
            "demand_edit",
            "demand_delete",
            "chapter_add",
            "chapter_requests",
            "chapter_request_detail",
            "chapter_request_approve",
            "chapter_request_decline",
            "chapter_manage",
            "chapter_invite",
            "chapter_invitation_revoke",
            "chapter_organiser_remove",
        )
    ),
    "solidarity:delegation_add",
    "solidarity:delegation_delete",
    *(
        f"events:{name}"
        for name in (
            "create",
            "mine",
            "edit",
            "manage",
            "attendees_csv",
            "check_in_sheet",
            "check_in",
            "check_in_toggle",
            "message",
            "day_of_action_create",
            "day_of_action_edit",
        )
    ),
    *(
        f"solidarity:{name}"
        for name in (
            "message_inbox",
            "message_export",
            "message_print",
            "message_frequency",
            "fund_add",
            "fund_manage",
            "fund_entry_add",
            "fund_entry_reverse",
            "fund_pledges",
            "fund_pledge_received",
            "picket_rota",
            "picket_message",
            "picket_attendance",
        )
    ),
    *(
        f"campaigns:{name}"
        for name in (
            "create",
            "manage",
            "dispute_add",
            "dispute_remove",
            "demands",
            "demand_edit",
            "demand_delete",
            "cell_edit",
            "invite",
            "coordinator_remove",
        )
    ),
    *(
        f"plans:{kind}{suffix}"
        for kind in ("campaign", "dispute")
        for suffix in ("", "_edit", "_print", "_json", "_csv", "_version")
    ),
    *membership.PRIVATE_NAMES,
    *charters.PRIVATE_NAMES,
    *appeals.PRIVATE_NAMES,
    *resources.PRIVATE_NAMES,
    *ballots.PRIVATE_NAMES,
}

# One's own things (a passkey): nobody else even learns that it exists.
OWNER_ONLY = _everyone(404) | {"anonymous": 302, "supporter": 200}

# Changes refused to everyone who may not make them, before anything is read from the body.
REFUSED_POSTS = {
    "/accounts/passkeys/{passkey}/rename/": OWNER_ONLY,
    "/accounts/passkeys/{passkey}/remove/": OWNER_ONLY,
    D: DISPUTE_PAGE,
    D + "sites/add/": DISPUTE_PAGE,
    D + "shifts/{shift}/delete/": DISPUTE_PAGE,
    D + "invite/": DISPUTE_PAGE,
    D + "coordinators/{first_coordinator}/remove/": DISPUTE_PAGE,
    D + "delegations/add/": DISPUTE_PAGE,
    D + "delegations/{delegation}/delete/": DISPUTE_PAGE,
    D + "messages/frequency/": DISPUTE_PAGE,
    D + "funds/add/": DISPUTE_PAGE,
    D + "funds/{fund}/entries/add/": DISPUTE_PAGE,
    D + "funds/{fund}/entries/{entry}/reverse/": DISPUTE_PAGE,
    D + "funds/{fund}/pledges/{pledge}/received/": DISPUTE_PAGE,
    D + "rota/{shift}/{occurrence}/message/": DISPUTE_PAGE,
    D + "rota/{shift}/{occurrence}/attendance/": DISPUTE_PAGE,
    E + "edit/": DISPUTE_PAGE,
    E + "check-in/{rsvp}/": DISPUTE_PAGE,
    E + "message/": DISPUTE_PAGE,
    DAY + "edit/": DISPUTE_PAGE,
    U + "invite/": MODERATORS,
    N + "page/": DISPUTE_PAGE,
    N + "demands/": DISPUTE_PAGE,
    N + "chapters/add/": DISPUTE_PAGE,
    N + "chapter-requests/{chapter_request}/approve/": DISPUTE_PAGE,
    N + "chapter-requests/{chapter_request}/decline/": DISPUTE_PAGE,
    C: DISPUTE_PAGE,
    C + "invite/": DISPUTE_PAGE,
    C + "organisers/{chapter_organiser}/remove/": DISPUTE_PAGE,
    M + "approve/": MODERATORS,
    M + "reject/": MODERATORS,
    "/moderation/bulk/": MODERATORS,
    "/campaigns/new/": MODERATORS,
    K: DISPUTE_PAGE,
    K + "disputes/add/": DISPUTE_PAGE,
    K + "disputes/{campaign_dispute}/remove/": DISPUTE_PAGE,
    K + "demands/": DISPUTE_PAGE,
    K + "demands/{campaign_demand}/": DISPUTE_PAGE,
    K + "demands/{campaign_demand}/delete/": DISPUTE_PAGE,
    K + "matrix/{campaign_dispute}/{campaign_demand}/": DISPUTE_PAGE,
    K + "invite/": DISPUTE_PAGE,
    K + "coordinators/{campaign_coordinator}/remove/": DISPUTE_PAGE,
    PLANS[0] + "edit/": DISPUTE_PAGE,
    PLANS[1] + "edit/": DISPUTE_PAGE,
}

# The JSON API: reads are public; writes need a token, and then the same duties as the pages.
API_TOKEN_WRITE = {
    "anonymous": 401,
    "supporter": 403,
    "coordinator": 200,
    "other_coordinator": 403,
    "moderator": 200,
    "admin": 200,
}
API_CREATED = API_TOKEN_WRITE | {"coordinator": 201, "moderator": 201, "admin": 201}
API_DELETED = API_TOKEN_WRITE | {"coordinator": 204, "moderator": 204, "admin": 204}
NOW = "2031-03-04T07:00"
LATER = "2031-03-04T10:00"
API_MATRIX = {
    ("get", "/api/v1/disputes", None): _everyone(200),
    ("get", "/api/v1/disputes/{dispute_pk}", None): _everyone(200),
    ("get", "/api/v1/organisations", None): _everyone(200),
    ("get", "/api/v1/organisations/{union}", None): _everyone(200),
    ("get", "/api/v1/organisations/{network}/chapters", None): _everyone(200),
    ("post", "/api/v1/submissions", "submission"): _everyone(201),
    ("post", "/api/v1/disputes/{dispute_pk}/messages", "message"): _everyone(201),
    # Only moderators publish directly (and verified unions' account holders, tested apart).
    ("post", "/api/v1/disputes", "dispute"): {
        "anonymous": 401,
        "supporter": 403,
        "coordinator": 403,
        "other_coordinator": 403,
        "moderator": 201,
        "admin": 201,
    },
    ("get", "/api/v1/disputes/{dispute_pk}/version", None): API_TOKEN_WRITE,
    ("patch", "/api/v1/disputes/{dispute_pk}", "rename"): API_TOKEN_WRITE,
    ("post", "/api/v1/disputes/{dispute_pk}/sites", "site"): API_CREATED,
    ("patch", "/api/v1/sites/{site}", "site_name"): API_TOKEN_WRITE,
    ("delete", "/api/v1/sites/{site}", None): API_DELETED,
    ("post", "/api/v1/disputes/{dispute_pk}/shifts", "shift"): API_CREATED,
    ("patch", "/api/v1/shifts/{shift}", "shift_notes"): API_TOKEN_WRITE,
    ("delete", "/api/v1/shifts/{shift}", None): API_DELETED,
    ("post", "/api/v1/disputes/{dispute_pk}/actions", "action"): API_CREATED,
    ("get", "/api/v1/events", None): _everyone(200),
    ("get", "/api/v1/events/{event_pk}", None): _everyone(200),
    # Without a token the answer waits for the emailed link (202); with one, it takes a place.
    ("post", "/api/v1/events/{event_pk}/rsvps", "rsvp"): _everyone(201) | {"anonymous": 202},
    # The RSVP's private token is the key, whoever holds it.
    ("delete", "/api/v1/events/{event_pk}/rsvps/{rsvp_token}", None): _everyone(200),
    ("get", "/api/v1/campaigns", None): _everyone(200),
    ("get", "/api/v1/campaigns/{campaign}", None): _everyone(200),
}


def _api_bodies(world):
    return {
        "submission": {
            "employer": "Permission Test Ltd",
            "kind": "strike",
            "description": "Everyone is out.",
            "start_date": timezone.localdate().isoformat(),
            "place": "Leeds",
            "latitude": 53.8,
            "longitude": -1.55,
        },
        "dispute": {"title": "Published directly", "start_date": "2031-02-01"},
        "message": {"body": "Solidarity from the bakers.", "country": "FR", "language": "es"},
        "rename": {"version": world["dispute_version"], "title": "Renamed"},
        "site": {
            "city": "Leeds",
            "country": "GB",
            "latitude": 53.8,
            "longitude": -1.55,
            "timezone": "Europe/London",
        },
        "site_name": {"name": "North gate"},
        "shift": {"site": world["site"], "starts_at": NOW, "ends_at": LATER},
        "shift_notes": {"notes": "Bring a flask"},
        "action": {"starts_at": NOW, "ends_at": LATER},
        "rsvp": {"name": "Bo", "email": "bo@example.org"},
    }


def _names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed>"


def test_every_url_is_classified():
    unclassified = sorted(
        name
        for name in set(_names())
        if name not in PUBLIC
        and name not in PRIVATE
        and name.split(":")[0] not in PRIVATE_NAMESPACES | {API_NAMESPACE}
    )
    assert unclassified == []


@pytest.mark.django_db
def test_every_api_operation_is_classified(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    documented = {(method, path) for path, item in document["paths"].items() for method in item}
    checked = {
        (
            method,
            path.replace("{dispute_pk}", "{id_or_slug}")
            .replace("{union}", "{id_or_slug}")
            .replace("{network}", "{id_or_slug}"),
        )
        for method, path, _body in API_MATRIX
    }
    checked = {
        (method, path.replace("{site}", "{site_id}").replace("{shift}", "{shift_id}"))
        for method, path in checked
    }
    checked = {
        (method, path.replace("{event_pk}", "{id_or_slug}").replace("{rsvp_token}", "{token}"))
        for method, path in checked
    }
    checked = {(method, path.replace("{campaign}", "{slug}")) for method, path in checked}
    assert documented == (
        checked
        | membership.API_OPERATIONS
        | charters.API_OPERATIONS
        | appeals.API_OPERATIONS
        | ballots.API_OPERATIONS
    )


@pytest.fixture
def world(db):
    dispute = factories.make_dispute(with_shift=True)
    other = factories.make_dispute(with_shift=True)
    first = factories.make_coordinator(dispute)
    site = dispute.sites.get()
    start = timezone.now() + dt.timedelta(days=2)
    action = services.action_create(
        dispute=dispute, starts_at=start, ends_at=start + dt.timedelta(hours=8), timezone="UTC"
    )
    source = services.source_create(dispute=dispute, url="https://example.org/news")
    invitation, _raw = factories.invite(dispute, "new@example.org", by=first)
    union = factories.make_organisation(name="Bakers Union")
    holder = factories.make_user()
    union.coordinators.add(holder)
    factories.make_totp_device(holder)
    union_invitation, _raw = factories.invite(union, "rep@example.org", by=holder)
    _submission, item = factories.make_submission()
    delegation = delegation_add(
        dispute=dispute,
        user=first,
        kind="visited",
        date=timezone.localdate(),
        group_name="Visiting branch",
    )
    fund = Fund.objects.create(
        dispute=dispute,
        name="Strike fund",
        currency="GBP",
        donation_url="https://union.example.org/give",
        verified_at=timezone.now(),
    )
    entry = LedgerEntry.objects.create(
        fund=fund, date=timezone.localdate(), kind="online", amount_minor=500, currency="GBP"
    )
    pledge = Pledge.objects.create(
        fund=fund, amount_minor=1000, currency="GBP", cancel_token_hash="0" * 64
    )
    shift = site.shifts.get()
    organiser = factories.make_coordinator(dispute)
    event = factories.make_event(organiser=organiser, capacity=5)
    event.disputes.add(dispute)
    rsvp = rsvps.rsvp_create(event=event, user=factories.make_user()).rsvp
    day = factories.make_day_of_action(organiser=organiser, disputes=[dispute])
    network = factories.make_organisation(name="Permission Network", kind="network")
    network.coordinators.add(organiser)
    chapter = factories.make_chapter(network, name="Leeds")
    chapter_organiser = factories.make_user()
    chapter.organisers.add(chapter_organiser)
    chapter_invitation, _raw = chapter_services.chapter_organiser_invite(
        chapter=chapter, email="co@example.org", by=organiser
    )
    demand = demand_save(
        organisation=network, by=None, text="A demand", language="en", position=1, translations={}
    )
    chapter_request = chapter_services.chapter_request_create(
        organisation=network,
        name="Asker",
        email="asker@example.org",
        message="",
        language="en",
        place_name="Bradford",
        latitude=53.79,
        longitude=-1.75,
    )
    campaign = campaign_services.campaign_create(
        by=None, title="Permission campaign", language="en"
    )
    campaign.coordinators.add(organiser)
    campaign_services.campaign_dispute_add(campaign=campaign, dispute=dispute, by=None)
    campaign_demand = campaign_services.common_demand_save(
        campaign=campaign, by=None, text="Fair pay", language="en", position=1, translations={}
    )
    campaign_coordinator = factories.make_user()
    campaign.coordinators.add(campaign_coordinator)
    for owner in (campaign, dispute):
        plan_save(owner=owner, by=None, language="en", situation="A plan")
    people = {
        "anonymous": None,
        "supporter": factories.make_user(),
        "coordinator": organiser,
        "other_coordinator": factories.make_coordinator(other),
        "moderator": factories.make_moderator(),
        "admin": factories.make_admin(),
    }
    passkey = Passkey.objects.create(
        user=people["supporter"],
        name="Supporter's phone",
        credential_id="cGVybWlzc2lvbnM",
        public_key=b"not used",
        user_handle="aGFuZGxl",
    )
    tokens = {
        role: api_token_create(user=user, name="permissions")
        for role, user in people.items()
        if user is not None
    }
    return {
        "people": people,
        "tokens": {role: raw for role, (_row, raw) in tokens.items()},
        "dispute_obj": dispute,
        "item_obj": item,
        "dispute": dispute.slug,
        "dispute_pk": dispute.pk,
        "dispute_version": dispute.version,
        "site": site.pk,
        "action": action.pk,
        "shift": shift.pk,
        "occurrence": shift.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ"),
        "fund": fund.pk,
        "entry": entry.pk,
        "pledge": pledge.pk,
        "source": source.pk,
        "invitation": invitation.pk,
        "first_coordinator": first.pk,
        "union": union.slug,
        "union_invitation": union_invitation.pk,
        "holder": holder.pk,
        "item": item.pk,
        "submission": item.object_id,
        "delegation": delegation.pk,
        "token": tokens["supporter"][0].pk,
        "passkey": passkey.pk,
        "event_obj": event,
        "event": event.slug,
        "event_pk": event.pk,
        "rsvp": rsvp.pk,
        "rsvp_token": rsvp_selectors.rsvp_token(rsvp),
        "day_obj": day,
        "day": day.slug,
        "network_obj": network,
        "network": network.slug,
        "chapter_obj": chapter,
        "chapter": chapter.slug,
        "chapter_organiser": chapter_organiser.pk,
        "chapter_invitation": chapter_invitation.pk,
        "chapter_request": chapter_request.pk,
        "demand": demand.pk,
        "campaign_obj": campaign,
        "campaign": campaign.slug,
        "campaign_pk": campaign.pk,
        "campaign_dispute": dispute.pk,
        "campaign_demand": campaign_demand.pk,
        "campaign_coordinator": campaign_coordinator.pk,
    }


def _values(world):
    """What the URL templates are filled with."""
    return {key: value for key, value in world.items() if isinstance(value, (str, int))}


def _expected(matrix_entry, role):
    expected = matrix_entry[role]
    return expected if isinstance(expected, tuple) else (expected, None)


@pytest.mark.parametrize(("method", "url"), sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(client, world, method, url, role):
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])
    response = getattr(client, method)(url.format(**_values(world)))
    expected, location = _expected(MATRIX[method, url], role)
    assert response.status_code == expected, f"{role} {method} {url}"
    if location:
        assert response["Location"] == location
    elif (expected == 302 and role == "anonymous") or (
        url.startswith("/admin/") and expected == 302
    ):
        assert response["Location"].startswith((LOGIN, "/admin/login/")), response["Location"]


# Every page a coordinator, organiser or account holder opens shows, or leads to, other people's
# personal data: without a second factor they are sent to set one up, whatever the page.
PERSONAL_DATA_PAGES = sorted(
    url
    for (method, url), statuses in MATRIX.items()
    if method == "get" and statuses.get("coordinator") == 200 and statuses is not SIGNED_IN
)


def test_the_coordinators_pages_are_listed():
    assert len(PERSONAL_DATA_PAGES) > 30
    assert "/disputes/{dispute}/manage/" in PERSONAL_DATA_PAGES
    assert "/events/{event}/manage/" in PERSONAL_DATA_PAGES


@pytest.mark.parametrize("url", PERSONAL_DATA_PAGES)
def test_pages_ask_two_factors_of_a_coordinator_without_them(client, world, url):
    person = world["people"]["coordinator"]
    TotpDevice.objects.filter(user=person).delete()
    client.force_login(person)
    response = client.get(url.format(**_values(world)))
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/two-factor/setup/?next="), url


@pytest.mark.parametrize("url", [U, U + "holders/{holder}/remove/"])
def test_a_unions_account_holder_needs_two_factors(client, world, url):
    holder = get_user_model().objects.get(pk=world["holder"])
    factories.login(client, holder)
    assert client.get(url.format(**_values(world))).status_code == 200
    TotpDevice.objects.filter(user=holder).delete()
    client.logout()
    client.force_login(holder)
    response = client.get(url.format(**_values(world)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=")


@pytest.mark.parametrize(
    ("url", "role"),
    # Allowed changes are checked by each flow's own tests.
    [
        (url, role)
        for url in sorted(REFUSED_POSTS)
        for role in ROLES
        if REFUSED_POSTS[url][role] != 200
    ],
)
def test_changes_are_refused_to_whoever_may_not_make_them(client, world, url, role):
    dispute, item = world["dispute_obj"], world["item_obj"]
    event, day = world["event_obj"], world["day_obj"]
    network = world["network_obj"]
    if world["people"][role] is not None:
        factories.login(client, world["people"][role])

    def state():
        return (
            dispute.version,
            dispute.sites.count(),
            dispute.coordinators.count(),
            dispute.delegations.count(),
            LedgerEntry.objects.count(),
            Fund.objects.count(),
            item.version,
            Event.objects.get(pk=event.pk).version,
            Rsvp.objects.filter(checked_in_at__isnull=False).count(),
            DayOfAction.objects.get(pk=day.pk).title,
            AuditEntry.objects.filter(action="event.messaged").count(),
            list(Passkey.objects.values_list("name", flat=True)),
            Organisation.objects.get(pk=network.pk).updated_at,
            network.demands.count(),
            list(Chapter.objects.values_list("name", "updated_at").order_by("pk")),
            list(ChapterRequest.objects.values_list("status", flat=True)),
            list(world["chapter_obj"].organisers.values_list("pk", flat=True)),
            network.invitations.count(),
            AuditEntry.objects.filter(action__startswith="chapter.organiser").count(),
            list(Campaign.objects.values_list("title", "status", "updated_at")),
            list(CampaignDispute.objects.values_list("pk", flat=True).order_by("pk")),
            list(CommonDemand.objects.values_list("text", flat=True).order_by("pk")),
            DemandAdoption.objects.count(),
            list(world["campaign_obj"].coordinators.values_list("pk", flat=True).order_by("pk")),
            world["campaign_obj"].invitations.count(),
            list(PlanVersion.objects.values_list("pk", flat=True).order_by("pk")),
        )

    before = state()
    response = client.post(
        url.format(**_values(world)),
        {
            "email": "x@example.org",
            "title": "Hijacked",
            "reason": "No",
            "version": item.version,
            "kind": "visited",
            "date": "2030-01-01",
            "group_name": "Hijackers",
            "subject": "Hijacked",
            "body": "Hijacked",
            "text": "Hijacked",
            "language": "en",
            "position": 1,
            "name": "Hijacked",
            "place": "53.8,-1.5",
            "area_km": 5,
            "status": "won",
            "adopted": "on",
            "dispute": world["dispute"],
        },
    )
    assert response.status_code == REFUSED_POSTS[url][role], f"{role} {url}"
    dispute.refresh_from_db()
    item.refresh_from_db()
    assert state() == before
    assert dispute.title != "Hijacked"


@pytest.mark.parametrize(("method", "url", "body"), sorted(API_MATRIX, key=str))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should_from_the_api(client, world, method, url, body, role):
    token = world["tokens"].get(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = _api_bodies(world)[body] if body else None
    response = getattr(client, method)(
        url.format(**_values(world)),
        data=json.dumps(payload) if payload is not None else None,
        content_type="application/json",
        headers=headers,
    )
    expected = API_MATRIX[method, url, body][role]
    assert response.status_code == expected, f"{role} {method} {url}: {response.content[:300]}"
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
