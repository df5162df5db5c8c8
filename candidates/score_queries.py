"""Set-based rescoring: the rules of ``candidates.scoring`` as a few SQL statements per role.

Scoring a pool of 100,000 candidates one by one in Python costs minutes; the same rules as a
handful of statements over the whole pool cost seconds. The statements must agree *exactly*
with ``scoring.compute_fit`` (a property-based test compares every stored row with it on SQLite
and PostgreSQL), so the arithmetic stays in integers:

* required levels are 1..5, so 60 / r is a whole number and
  N = Σ w·min(a, r)·(60 / r) is an integer with fit = 100·N / (60·W), W = Σ w;
* fit rounded half up to one decimal, in tenths, is ⌊(1000·N + 30·W) / (60·W)⌋ — integer
  division of non-negative integers floors in both databases;
* the counted level is the latest assessment by date, then id (0 when none).

A rescoring runs in the caller's transaction: it computes the pool's new scores into a
temporary table (one statement, so inputs and ``input_version`` come from one snapshot),
records a ``FitSnapshot`` for every pair whose fit or eligibility changed, upserts the scores
(never letting an older computation overwrite a newer one), and deletes rows of candidates who
left the pool. On PostgreSQL a transaction-scoped advisory lock per role serialises rescorings
of the same role, so two workers never both record the same change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from candidates.models import (
    UNSCORED_SHORTFALL,
    Assessment,
    Candidate,
    CandidateRoleScore,
    FitSnapshot,
    Opening,
    OpeningScoreSummary,
    RoleScoreState,
)
from roles.models import Role, RoleRequirement

SCORE = CandidateRoleScore._meta.db_table
SNAPSHOT = FitSnapshot._meta.db_table
CANDIDATE = Candidate._meta.db_table
OPENING = Opening._meta.db_table
OPENING_CANDIDATES = Opening.candidates.through._meta.db_table
ASSESSMENT = Assessment._meta.db_table
REQUIREMENT = RoleRequirement._meta.db_table
ROLE = Role._meta.db_table
ROLE_STATE = RoleScoreState._meta.db_table
SUMMARY = OpeningScoreSummary._meta.db_table

# Keeps every IN (…) list well under SQLite's limit on bound parameters.
ID_CHUNK = 500
# Distinguishes this app's advisory locks from anyone else's on the same PostgreSQL server.
ADVISORY_LOCK_NAMESPACE = 0x5C0E


def chunked(ids: Iterable[int], size: int = ID_CHUNK) -> list[list[int]]:
    unique = sorted(set(ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


def _in_list(column: str, ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """``AND column IN (%s, …)`` for a candidate filter, or nothing for the whole pool."""
    if ids is None:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _pool_sql(role_id: int, candidate_ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """The role's pool: candidates on any of its openings, plus those who hold it now."""
    on_openings, ids_a = _in_list("oc.candidate_id", candidate_ids)
    holders, ids_b = _in_list("c.id", candidate_ids)
    sql = (
        f"SELECT oc.candidate_id AS candidate_id FROM {OPENING_CANDIDATES} oc "
        f"JOIN {OPENING} o ON o.id = oc.opening_id WHERE o.role_id = %s{on_openings} "
        f"UNION SELECT c.id AS candidate_id FROM {CANDIDATE} c "
        f"WHERE c.current_role_id = %s{holders}"
    )
    return sql, [role_id, *ids_a, role_id, *ids_b]


def _latest_levels_sql(*, one_pass: bool = False) -> str:
    """The counted level per (pool candidate, required competency): latest by date, then id.

    Reads the ``req`` and ``pool`` CTEs of ``_new_scores_sql``; ``one_pass`` (PostgreSQL) takes
    the required competencies' ids as an array parameter instead.
    """
    if connection.vendor == "postgresql" and one_pass:
        # One walk of the whole (candidate, competency, date ↓, id ↓) index, levels included,
        # already in DISTINCT ON's order and never sorted: for a pool that is a good part of all
        # candidates, three times faster than a range scan per candidate (2.5 s against 8 s
        # for 3 million levels under load). The ids come as a literal array so the planner can
        # estimate the filter (from a subquery it guessed a third of the rows, and sorted).
        return (
            "SELECT DISTINCT ON (a.candidate_id, a.competency_id) a.candidate_id, "
            f"a.competency_id, a.level FROM {ASSESSMENT} a "
            "WHERE a.competency_id = ANY(%s) "
            "ORDER BY a.candidate_id, a.competency_id, a.assessed_at DESC, a.id DESC"
        )
    if connection.vendor == "postgresql":
        # Per pool candidate, one range of the (candidate, competency, date ↓, id ↓) index,
        # already in DISTINCT ON's order: no sort of millions of rows, and a small pool costs
        # little however large the assessment table is.
        return (
            "SELECT p.candidate_id, l.competency_id, l.level FROM pool p CROSS JOIN LATERAL ("
            "SELECT DISTINCT ON (a.candidate_id, a.competency_id) a.competency_id, a.level "
            f"FROM {ASSESSMENT} a WHERE a.candidate_id = p.candidate_id "
            # An array computed once (an InitPlan), not a join repeated per candidate.
            "AND a.competency_id = ANY(ARRAY(SELECT competency_id FROM req)) "
            "ORDER BY a.candidate_id, a.competency_id, a.assessed_at DESC, a.id DESC) l"
        )
    return (
        "SELECT candidate_id, competency_id, level FROM ("
        "SELECT a.candidate_id, a.competency_id, a.level, ROW_NUMBER() OVER ("
        "PARTITION BY a.candidate_id, a.competency_id "
        "ORDER BY a.assessed_at DESC, a.id DESC) AS position "
        f"FROM {ASSESSMENT} a WHERE a.competency_id IN (SELECT competency_id FROM req) "
        "AND a.candidate_id IN (SELECT candidate_id FROM pool)"
        ") numbered WHERE position = 1"
    )


def _new_scores_sql(
    role_id: int, candidate_ids: Sequence[int] | None, *, one_pass: list[int] | None = None
) -> tuple[str, list[Any]]:
    """One row per pool candidate with the new score.

    Only assessed requirements are joined and summed (``assessed``); a requirement never
    assessed counts as level 0, so its share comes from the role's totals: it adds its whole
    required level to the shortfall, nothing to the fit, and blocks if it is essential.
    """
    pool, pool_params = _pool_sql(role_id, candidate_ids)
    below = "l.level < r.required_level"
    sql = (
        f"WITH pool AS ({pool}), "
        "req AS (SELECT competency_id, required_level, weight, essential "
        f"FROM {REQUIREMENT} WHERE role_id = %s), "
        "totals AS (SELECT SUM(weight) AS weight, SUM(required_level) AS required, "
        "SUM(CASE WHEN essential THEN 1 ELSE 0 END) AS essentials, COUNT(*) AS requirements "
        "FROM req), "
        f"latest AS ({_latest_levels_sql(one_pass=one_pass is not None)}), "
        "assessed AS (SELECT l.candidate_id AS candidate_id, "
        f"SUM(r.weight * (CASE WHEN {below} THEN l.level ELSE r.required_level END) "
        "* (60 / r.required_level)) AS covered, "
        f"SUM(CASE WHEN {below} THEN r.required_level - l.level ELSE 0 END) AS short, "
        "SUM(r.required_level) AS required, "
        f"SUM(CASE WHEN r.essential AND {below} THEN 1 ELSE 0 END) AS essentials_unmet, "
        "SUM(CASE WHEN r.essential THEN 1 ELSE 0 END) AS essentials, "
        "COUNT(*) AS requirements "
        "FROM latest l JOIN req r ON r.competency_id = l.competency_id "
        "GROUP BY l.candidate_id) "
        "SELECT p.candidate_id AS candidate_id, "
        "(1000 * COALESCE(a.covered, 0) + 30 * t.weight) / (60 * t.weight) AS fit_tenths, "
        "(COALESCE(a.essentials_unmet, 0) + t.essentials - COALESCE(a.essentials, 0) = 0 "
        "AND c.years_experience >= ro.min_years_experience) AS eligible, "
        "COALESCE(a.short, 0) + t.required - COALESCE(a.required, 0) AS shortfall, "
        "COALESCE(a.requirements, 0) AS assessed_count, "
        "t.requirements AS requirement_count, "
        "COALESCE(s.input_version, 1) AS version "
        "FROM pool p "
        "CROSS JOIN totals t "
        f"JOIN {CANDIDATE} c ON c.id = p.candidate_id "
        f"JOIN {ROLE} ro ON ro.id = %s "
        "LEFT JOIN assessed a ON a.candidate_id = p.candidate_id "
        f"LEFT JOIN {SCORE} s ON s.candidate_id = p.candidate_id AND s.role_id = %s "
        "WHERE t.requirements > 0"
    )
    latest_params: list[Any] = [one_pass] if one_pass is not None else []
    return sql, [*pool_params, role_id, *latest_params, role_id, role_id]


def rescore_role_pool(
    *, role_id: int, candidate_ids: Sequence[int] | None, now: datetime.datetime
) -> int:
    """Rescore the role's pool (or only ``candidate_ids`` within it); returns rows written.

    Must run inside a transaction (the services wrap it in one).
    """
    only, only_params = _in_list("candidate_id", candidate_ids)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, role_id]
            )
            # For this transaction only: the per-candidate aggregate of a 100,000-candidate
            # pool fits in memory instead of spilling to disk, and compiling the statement
            # (JIT) costs more than it saves.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
        role_version = None
        if candidate_ids is None:
            # Read before any input: a role change committed after this read makes the
            # rescoring claim an older version than it computed, so another one runs (never
            # the reverse).
            cursor.execute(f"SELECT input_version FROM {ROLE_STATE} WHERE role_id = %s", [role_id])
            found = cursor.fetchone()
            role_version = found[0] if found else None
        one_pass: list[int] | None = None
        if (
            connection.vendor == "postgresql"
            and candidate_ids is None
            and _pool_is_most_candidates(cursor, role_id)
        ):
            cursor.execute(f"SELECT competency_id FROM {REQUIREMENT} WHERE role_id = %s", [role_id])
            one_pass = [row[0] for row in cursor.fetchall()]
        new_scores, params = _new_scores_sql(role_id, candidate_ids, one_pass=one_pass)
        cursor.execute("DROP TABLE IF EXISTS score_new")
        cursor.execute(f"CREATE TEMPORARY TABLE score_new AS {new_scores}", params)
        try:
            # History first: the score rows still hold the previous values to compare with.
            cursor.execute(
                f"INSERT INTO {SNAPSHOT} "
                "(candidate_id, role_id, fit, eligible, shortfall, recorded_at) "
                "SELECT n.candidate_id, %s, n.fit_tenths / 10.0, n.eligible, n.shortfall, %s "
                f"FROM score_new n LEFT JOIN {SCORE} s "
                "ON s.candidate_id = n.candidate_id AND s.role_id = %s "
                "WHERE s.id IS NULL OR s.computed_at IS NULL "
                "OR s.fit_tenths <> n.fit_tenths OR s.eligible <> n.eligible",
                [role_id, now, role_id],
            )
            # "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
            cursor.execute(
                f"INSERT INTO {SCORE} (candidate_id, role_id, fit_tenths, eligible, shortfall, "
                "assessed_count, requirement_count, input_version, computed_version, "
                "computed_at) "
                "SELECT candidate_id, %s, fit_tenths, eligible, shortfall, assessed_count, "
                "requirement_count, version, version, %s FROM score_new WHERE true "
                "ON CONFLICT (candidate_id, role_id) DO UPDATE SET "
                "fit_tenths = excluded.fit_tenths, eligible = excluded.eligible, "
                "shortfall = excluded.shortfall, assessed_count = excluded.assessed_count, "
                "requirement_count = excluded.requirement_count, "
                "computed_version = excluded.computed_version, "
                "computed_at = excluded.computed_at "
                f"WHERE excluded.computed_version >= {SCORE}.computed_version",
                [role_id, now],
            )
            written = cursor.rowcount
            cursor.execute(
                f"DELETE FROM {SCORE} WHERE role_id = %s{only} "
                "AND candidate_id NOT IN (SELECT candidate_id FROM score_new)",
                [role_id, *only_params],
            )
        finally:
            cursor.execute("DROP TABLE IF EXISTS score_new")
        if role_version is not None:
            cursor.execute(
                f"UPDATE {ROLE_STATE} SET computed_version = %s, computed_at = %s "
                "WHERE role_id = %s AND computed_version <= %s",
                [role_version, now, role_id, role_version],
            )
        cursor.execute(*_refresh_summaries_sql(role_id, now))
    return written


# A whole-pool rescoring walks the whole assessment index once when the pool holds at least
# this share of all candidates; a smaller pool reads its own candidates' ranges instead.
ONE_PASS_POOL_SHARE = 0.25


def _pool_is_most_candidates(cursor: Any, role_id: int) -> bool:
    """PostgreSQL: is the role's pool a good part of all candidates? The pool counted from the
    memberships (an index range per opening), all candidates from the planner's statistics."""
    pool, params = _pool_sql(role_id, None)
    cursor.execute(
        f"SELECT (SELECT COUNT(*) FROM ({pool}) p), "
        "(SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = %s::regclass)",
        [*params, CANDIDATE],
    )
    pool_size, everyone = cursor.fetchone()
    return bool(pool_size) and pool_size >= ONE_PASS_POOL_SHARE * max(everyone, 1)


def _refresh_summaries_sql(role_id: int, now: datetime.datetime) -> tuple[str, list[Any]]:
    """Recount the figures of every opening for the role from the stored scores, in one
    statement, so the counts and the summary's ``input_version`` come from one snapshot: a
    change committed before it is counted, one committed after leaves the summary stale."""
    sql = (
        f"INSERT INTO {SUMMARY} (opening_id, members, eligible, best_fit_tenths, "
        "input_version, computed_version, computed_at) "
        "SELECT o.id, COUNT(oc.candidate_id), "
        "SUM(CASE WHEN s.eligible THEN 1 ELSE 0 END), "
        "MAX(CASE WHEN s.computed_at IS NOT NULL THEN s.fit_tenths END), "
        "COALESCE(MAX(cur.input_version), 1), COALESCE(MAX(cur.input_version), 1), %s "
        f"FROM {OPENING} o "
        f"LEFT JOIN {OPENING_CANDIDATES} oc ON oc.opening_id = o.id "
        f"LEFT JOIN {SCORE} s ON s.candidate_id = oc.candidate_id AND s.role_id = o.role_id "
        f"LEFT JOIN {SUMMARY} cur ON cur.opening_id = o.id "
        "WHERE o.role_id = %s GROUP BY o.id "
        "ON CONFLICT (opening_id) DO UPDATE SET members = excluded.members, "
        "eligible = excluded.eligible, best_fit_tenths = excluded.best_fit_tenths, "
        "computed_version = excluded.computed_version, computed_at = excluded.computed_at "
        f"WHERE excluded.computed_version >= {SUMMARY}.computed_version"
    )
    return sql, [now, role_id]


def refresh_opening_summaries(*, role_id: int, now: datetime.datetime) -> None:
    """Recount the role's openings' figures without rescoring (the reconciler's repair for
    figures left stale by memberships removed outside the services)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, role_id]
            )
        cursor.execute(*_refresh_summaries_sql(role_id, now))


def _bump_summaries_sql(role_ids: Sequence[int]) -> tuple[str, list[int]]:
    marks = ", ".join(["%s"] * len(role_ids))
    return (
        f"UPDATE {SUMMARY} SET input_version = input_version + 1 WHERE opening_id IN "
        f"(SELECT id FROM {OPENING} WHERE role_id IN ({marks}))",
        list(role_ids),
    )


def pool_roles_of(candidate_ids: Sequence[int]) -> list[int]:
    """Roles whose pool includes any of these candidates, or that still hold a score of one."""
    on_openings, ids_a = _in_list("oc.candidate_id", candidate_ids)
    holders, ids_b = _in_list("c.id", candidate_ids)
    scored, ids_c = _in_list("s.candidate_id", candidate_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT o.role_id FROM {OPENING_CANDIDATES} oc JOIN {OPENING} o "
            f"ON o.id = oc.opening_id WHERE 1 = 1{on_openings} "
            f"UNION SELECT c.current_role_id FROM {CANDIDATE} c "
            f"WHERE c.current_role_id IS NOT NULL{holders} "
            f"UNION SELECT s.role_id FROM {SCORE} s WHERE 1 = 1{scored}",
            [*ids_a, *ids_b, *ids_c],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _missing_pairs_sql(where_pairs: str, params: list[int]) -> tuple[str, list[int]]:
    """Insert a never-computed row for every pool pair that has none (scorable roles only)."""
    sql = (
        f"INSERT INTO {SCORE} (candidate_id, role_id, fit_tenths, eligible, shortfall, "
        "assessed_count, requirement_count, input_version, computed_version, computed_at) "
        f"SELECT pairs.candidate_id, pairs.role_id, 0, false, {UNSCORED_SHORTFALL}, 0, 0, 1, 0, "
        "NULL FROM ("
        f"SELECT oc.candidate_id AS candidate_id, o.role_id AS role_id FROM {OPENING_CANDIDATES} "
        f"oc JOIN {OPENING} o ON o.id = oc.opening_id "
        f"UNION SELECT c.id, c.current_role_id FROM {CANDIDATE} c "
        "WHERE c.current_role_id IS NOT NULL"
        f") pairs WHERE {where_pairs} "
        f"AND EXISTS (SELECT 1 FROM {REQUIREMENT} r WHERE r.role_id = pairs.role_id) "
        # Skipping the pairs that have a row is an anti-join; leaving them to ON CONFLICT
        # tried (and abandoned) one insert per pool member: seconds for a 100,000 pool.
        f"AND NOT EXISTS (SELECT 1 FROM {SCORE} s WHERE s.candidate_id = pairs.candidate_id "
        "AND s.role_id = pairs.role_id) "
        "ON CONFLICT (candidate_id, role_id) DO NOTHING"
    )
    return sql, params


def mark_inputs_changed(
    *,
    candidate_ids: Sequence[int] = (),
    role_ids: Sequence[int] = (),
    opening_ids: Sequence[int] = (),
) -> None:
    """Bump ``input_version`` of every score these changes feed, and add never-computed rows for
    pool pairs that have none yet (a candidate who just joined an opening)."""
    with connection.cursor() as cursor:
        for chunk in chunked(opening_ids):
            # Openings whose members changed: a candidate who left one is no longer found
            # through it below.
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {SUMMARY} SET input_version = input_version + 1 "
                f"WHERE opening_id IN ({marks})",
                chunk,
            )
        for chunk in chunked(candidate_ids):
            # The openings whose figures these candidates may move: those of every role they
            # are (or were, while a score remains) in the pool of — a candidate who just left
            # an opening is no longer on it.
            roles = pool_roles_of(chunk)
            if roles:
                cursor.execute(*_bump_summaries_sql(roles))
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {SCORE} SET input_version = input_version + 1 "
                f"WHERE candidate_id IN ({marks})",
                chunk,
            )
            cursor.execute(*_missing_pairs_sql(f"pairs.candidate_id IN ({marks})", chunk))
        for role_id in sorted(set(role_ids)):
            # One row for the whole pool, not one per score: see ``RoleScoreState``.
            cursor.execute(
                f"INSERT INTO {ROLE_STATE} (role_id, input_version, computed_version, "
                "computed_at) VALUES (%s, 1, 0, NULL) ON CONFLICT (role_id) DO UPDATE SET "
                f"input_version = {ROLE_STATE}.input_version + 1",
                [role_id],
            )
            cursor.execute(*_bump_summaries_sql([role_id]))
            # No never-computed rows here: a role change moves nobody in or out of the pool,
            # and the whole-pool rescoring it queues writes a row for every member anyway.


def add_missing_pairs() -> int:
    """Never-computed rows for every pool pair without one, across all roles (the reconciler)."""
    with connection.cursor() as cursor:
        cursor.execute(*_missing_pairs_sql("1 = 1", []))
        return cursor.rowcount
