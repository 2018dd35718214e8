"""The users of `make bench-load` (bench/load.py runs locust with this file, headless).

Supporters browse: the map page and its data, the list, the nearest-dispute search of the API
and dispute pages. A burst of people answers one event through the API, each with an account
of their own (an API token), as fast as the site lets them, until every account has answered.
The targets (slugs, points, tokens, the event) come from the JSON file named by LOAD_TARGETS.
"""

import json
import os
import random

from locust import HttpUser, between, constant, events, task
from locust.exception import StopUser

TARGETS = json.loads(open(os.environ["LOAD_TARGETS"]).read())  # noqa: SIM115
_accounts = iter(TARGETS["tokens"])  # [username, token]
# Accounts whose RSVP the site acknowledged; bench/load.py checks each one is stored.
acknowledged: list[str] = []


@events.quitting.add_listener
def _write_acknowledged(environment, **kwargs):
    if os.environ.get("LOAD_ACKNOWLEDGED"):
        with open(os.environ["LOAD_ACKNOWLEDGED"], "w") as file:
            json.dump(acknowledged, file)


class Supporter(HttpUser):
    wait_time = between(0.5, 1.5)

    @task(2)
    def map_page(self):
        self.client.get("/", name="map page")

    @task(2)
    def map_data(self):
        self.client.get("/disputes.geojson", name="map data (/disputes.geojson)")

    @task(3)
    def dispute_list(self):
        self.client.get("/disputes/", name="list (/disputes/)")

    @task(4)
    def nearest(self):
        lat, lon = random.choice(TARGETS["points"])
        self.client.get(
            f"/api/v1/disputes?near={lat:.4f},{lon:.4f}&radius_km=50",
            name="nearest (/api/v1/disputes?near=…)",
        )

    @task(3)
    def dispute_page(self):
        self.client.get(random.choice(TARGETS["disputes"]), name="dispute page")


class RsvpBurst(HttpUser):
    fixed_count = int(os.environ.get("LOAD_RSVP_USERS", "8"))
    wait_time = constant(0)

    @task
    def rsvp(self):
        account = next(_accounts, None)
        if account is None:
            raise StopUser()
        username, token = account
        with self.client.post(
            f"/api/v1/events/{TARGETS['event']}/rsvps",
            json={},
            headers={"Authorization": f"Bearer {token}"},
            name="RSVP burst (POST /api/v1/events/…/rsvps)",
            catch_response=True,
        ) as answer:
            if answer.status_code == 201 and answer.json().get("status") in {
                "confirmed",
                "waitlisted",
            }:
                answer.success()
                acknowledged.append(username)
            else:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
