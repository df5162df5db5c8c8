"""The API's description in its schema and docs page: how to authenticate, who sees what,
paging, input and errors. Plain text only, so settings can import it."""

_TEXT = """\
E-commerce career framework (roles, competencies, promotion paths) and recruiting (candidates,
assessments, openings, fit, rankings, comparisons, development plans).

**Authentication**: `Authorization: Token <key>` or the session of a signed-in browser.
Anonymous requests get 401. An integration exchanges its user's password for the token at
`POST /api/v1/auth/token/`, replaces it at `POST /api/v1/auth/token/rotate/` and revokes it with
`DELETE /api/v1/auth/token/`. The exchange is throttled per address, and repeated wrong
passwords for a username lock it out from that address for a while (429 `locked_out`, with
`Retry-After`), as on the sign-in pages.

**Access**: every member of a group reads the framework; only HR changes it. HR sees every
candidate, opening and assessment; a recruiter those of the openings whose hiring team they are
on, plus the candidates they created; a viewer none (403 on those collections). An address
naming something you may not see answers 404, like one that does not exist; an id or slug you
may not use in a query parameter or a body is a 400 naming the field, again the same as for one
that does not exist.

**Pagination**: lists answer `count`, `next`, `previous`, `results`; `?page=N`, `?page_size=N`
(at most API_MAX_PAGE_SIZE, 200 by default).

**Input**: JSON bodies (UTF-8, at most MAX_REQUEST_BYTES, 1 MiB by default, nested at most 32
levels). Unknown fields, read-only fields and unknown query parameters are rejected, not
ignored. Integers, booleans and strings must have their JSON type. Text may not contain NUL,
control characters (except line breaks and tabs in free text), lone surrogates, Unicode
non-characters or bidirectional overrides; it is stored NFC-normalised.

**Errors**: every error has the body `{type, status, detail, errors}`, where `errors` maps a
field path (`requirements.1.weight`) to its messages."""

# Markdown paragraphs, each on one line as the schema has always carried them.
API_DESCRIPTION = "\n\n".join(" ".join(paragraph.split()) for paragraph in _TEXT.split("\n\n"))
