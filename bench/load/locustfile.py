"""The load bench's users (run by ``bench/load/run.py``; see bench/README.md, "Load").

A read-heavy mix as HR and recruiters: the candidate list and its search, the opening page,
role pages (signed in with a session cookie), the ranking and comparison API and a candidate's
fit (with a token), and some writes (assessments). Every user also takes turns on the pair that
prices DRF: ``GET /api/v1/candidates/`` against the same rows from a plain Django view.

The world (tokens, sessions, ids) comes from the JSON file named by ``LOAD_WORLD``.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

WORLD: dict[str, Any] = json.loads(Path(os.environ["LOAD_WORLD"]).read_text(encoding="utf-8"))


#: Seconds each user waits between requests, as "low,high" (run.py --wait).
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "1,5").split(","))


class CareerPathUser(HttpUser):
    abstract = True
    wait_time = between(WAIT[0], WAIT[1])
    identity = ""

    def on_start(self) -> None:
        me = WORLD["users"][self.identity]
        self.api = {"Authorization": f"Token {me['token']}", "Accept": "application/json"}
        self.page = {"Cookie": f"sessionid={me['session']}"}
        self.opening = me["opening"]
        self.candidates: list[int] = me["candidates"]
        self.api_pages: int = me["api_pages"]  # pages of 50 this user may list

    def page_get(self, url: str, name: str) -> None:
        """A page as a signed-in person gets it: a redirect (to the sign-in page, say) fails."""
        with self.client.get(
            url, headers=self.page, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} instead of the page")

    # --- reads: pages --------------------------------------------------------------------
    @task(4)
    def candidate_list(self) -> None:
        page = random.randint(1, self.api_pages)
        self.page_get(f"/candidates/?page={page}", "page: candidates")

    @task(3)
    def candidate_search(self) -> None:
        term = f"Bench {random.randint(0, 9999):04d}"[:-1]  # ~10 matches each
        self.page_get(f"/candidates/?q={term.replace(' ', '+')}", "page: search")

    @task(3)
    def opening_page(self) -> None:
        self.page_get(f"/openings/{self.opening}/", "page: opening")

    @task(2)
    def role_page(self) -> None:
        slug = random.choice(WORLD["roles"])
        self.page_get(f"/roles/{slug}/", "page: role")

    # --- reads: API ----------------------------------------------------------------------
    @task(4)
    def ranking(self) -> None:
        self.client.get(
            f"/api/v1/roles/{WORLD['role']}/ranking/?opening={self.opening}&page_size=50",
            headers=self.api,
            name="api: ranking",
        )

    @task(2)
    def comparison(self) -> None:
        self.client.post(
            "/api/v1/comparisons/",
            json={"opening": self.opening, "top": 10},
            headers=self.api,
            name="api: comparison",
        )

    @task(2)
    def fit(self) -> None:
        pk = random.choice(self.candidates)
        self.client.get(
            f"/api/v1/candidates/{pk}/fit/?role={WORLD['role']}",
            headers=self.api,
            name="api: candidate fit",
        )

    # --- the price of DRF: the same rows, two ways ---------------------------------------
    @task(3)
    def drf_list(self) -> None:
        page = random.randint(1, min(20, self.api_pages))
        self.client.get(
            f"/api/v1/candidates/?page={page}", headers=self.api, name="pair: DRF list"
        )

    @task(3)
    def plain_list(self) -> None:
        page = random.randint(1, min(20, self.api_pages))
        self.client.get(
            f"/bench/plain/candidates/?page={page}", headers=self.api, name="pair: plain Django"
        )

    # --- writes --------------------------------------------------------------------------
    @task(1)
    def assess(self) -> None:
        self.client.post(
            "/api/v1/assessments/",
            json={
                "candidate": random.choice(self.candidates),
                "competency": random.choice(WORLD["competencies"]),
                "level": random.randint(0, 5),
                "evidence": "Load bench",
            },
            headers=self.api,
            name="write: assessment",
        )


class HRUser(CareerPathUser):
    weight = 1
    identity = "hr"


class PoolRecruiter(CareerPathUser):
    """On the 10,000-candidate opening."""

    weight = 3
    identity = "recruiter-pool"


class SmallRecruiter(CareerPathUser):
    """On the 10-candidate opening."""

    weight = 1
    identity = "recruiter-small"
