"""The Redis key layout: every key name claimtrack uses is built here and nowhere else.

Layout version 1 (created by migrations/m0001_initial.py):

    ct:layout_version                       string  layout version number
    ct:article:{aid}                        string  JSON article record (text, metadata, status, statement ids;
                                                    status "creating" until its url and text are claimed)
    ct:article_by_url:{sha256(url)}         string  article id (dedup on URL; since layout 8 the URL's
                                                    normal form, articles.normalise_url)
    ct:article_by_text:{sha256(text)}       string  article id (dedup on normalised text)
    ct:articles                             zset    article ids by creation time (ms)
    ct:statement:{sid}                      string  JSON statement record
    ct:statement:{sid}:links                zset    same-claim neighbours (statement id -> similarity), both
                                                    directions; "matches" are the earlier ones
    ct:speaker:{spk}                        string  JSON speaker record (id, name, aliases)
    ct:speaker:{spk}:statements             zset    statement ids by chronological order score
    ct:speaker:{spk}:vectors                hash    statement id -> float16 normalised embedding (768 bytes)
    ct:speaker_alias:{alias key}            string  speaker id (one person, one id)
    ct:speaker_surname:{surname key}        set     speaker ids with that surname (bare-surname lookups)
    ct:speakers                             zset    "{sort name}\\x00{spk}" at score 0 (lexical paging/search)

Layout 2 adds (migrations/m0002_factchecks.py):

    ct:factcheck:{fid}                      string  JSON fact-check record (the ClaimReview as imported + summary)
    ct:factchecks                           zset    fact-check ids by first import time (ms)
    ct:factchecks:pending                   set     ids imported or changed but not yet embedded
    ct:factchecks:vectors                   hash    id -> float16 claim vector + float16 headline vector (2 x 768 bytes)
    ct:factchecks:log                       list    ids in the order they were (re)indexed; workers' search caches
                                                    read it from where they stopped
    ct:factchecks:epoch                     string  random token written by the migration; a worker cache seeing
                                                    another token (database flushed) rebuilds from scratch

Layout 3 adds (migrations/m0003_claims.py):

    ct:claim:{cid}                          string  JSON claim record (id, speaker id, created_at)
    ct:claim:{cid}:statements               zset    member statement ids by chronological order score
    ct:statement:{sid}:claim                string  the statement's claim id
    ct:speaker:{spk}:claims                 set     the speaker's claim ids
    ct:statement:{sid}:reviews              hash    other statement id -> confirmed | rejected (both directions)

Layout 4 adds (migrations/m0004_api_keys.py):

    ct:api_key:{kid}                        string  JSON API key record (name, scopes, sha256 of secret, revoked_at)
    ct:api_keys                             set     every API key id

Layout 5 adds (migrations/m0005_webhooks.py):

    ct:webhook:{wid}                        string  JSON subscription (owner, url, events, signing secret, disabled_at)
    ct:webhooks                             zset    every subscription id by creation time (ms)
    ct:webhooks:owner:{owner}               zset    subscription ids of one API key id (or "open") by creation time
    ct:webhook:{wid}:log                    list    JSON delivery attempts, newest first, capped at 100
    ct:webhook:{wid}:sent:{mid}             string  marks a message as queued for this subscription (TTL 4 days)
    ct:webhook_message:{mid}                string  the exact JSON body of an outgoing message (TTL 4 days)

Layout 6 (migrations/m0006_speaker_keys.py) adds no keys: it gives every speaker's spellings their
`ct:speaker_alias:*` keys under the rules of this version of `speaker_key` (titles, given-name
forms, middle initials), beside the old ones.

Metrics (no layout version: counters created on first use, safe to delete; claimtrack/metrics.py):

    ct:metrics:jobs                         hash    "{job}|{succeeded|failed}" -> job attempts
    ct:metrics:job_seconds                  hash    "{job}|{bucket index}" -> attempts, "{job}|sum" -> seconds
    ct:metrics:totals                       hash    statements -> extracted, matched -> extracted and matched

Additive, no layout version (absent means "never removed"; workers/vector_cache.py):

    ct:speaker:{spk}:vector_removals        string  counter INCRed in the same transaction as every HDEL or
                                                    DEL of the speaker's vectors; workers' vector caches
                                                    reload a speaker whole when it moves

Additive, no layout version (claimtrack/articles.py, claimtrack/factchecks.py; absent means "nothing
half-done"):

    ct:articles:unqueued                    zset    article ids between the first and the last step of their
                                                    creation or retry (ms); workers complete or undo those a
                                                    dead API process left behind
    ct:factchecks:unqueued                  zset    fact-check ids an import stored but has not yet queued for
                                                    indexing (ms); workers queue those a dead process left
    ct:factchecks:unqueued:lock             string  held by the worker doing so (expires after 60 s)

Additive, no layout version (claimtrack/statements.py; absent for statements stored before it, which
then cannot be attributed by a reviewer):

    ct:statement:{sid}:vector               string  float16 normalised embedding of a statement with no speaker
                                                    (768 bytes); moved into a speaker's vectors when a reviewer
                                                    attributes the statement

Transient, no layout version (claimtrack/speaker_admin.py, workers/jobs.py):

    ct:speakers:merge_lock                  string  token of the one reviewer correction running (merge,
                                                    move, alias; expires 10 min after its last renewal)
    ct:speaker:{spk}:merging                string  id of the speaker {spk} is being merged into, set before
                                                    the merge lists {spk}'s statements (as the lock expires);
                                                    an article job that wrote statements under {spk} moves
                                                    them there itself

Transient, no layout version (fact-check searches; claimtrack/search_requests.py):

    ct:search:requests                      list    JSON search requests, newest first; each worker's search
                                                    thread BRPOPs the oldest; expires when nobody asks
    ct:search:reply:{rid}                   list    the JSON answer to request {rid} (TTL 60 s)

Braces are literal: `{spk}` in a speaker's keys is a Redis Cluster hash tag, so all of one
speaker's keys live in one slot. Every other key may live in a slot of its own: the results store
can be a Redis Cluster (claimtrack/store.py says how writes over several keys stay safe there).
Values are bytes on the wire; the modules that own each record decode them.
"""

from __future__ import annotations

import hashlib

PREFIX = "ct"
LAYOUT_VERSION = 8


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def layout_version() -> str:
    """Key holding the layout version number."""
    return f"{PREFIX}:layout_version"


def article(article_id: str) -> str:
    """Key of an article record."""
    return f"{PREFIX}:article:{article_id}"


def article_by_url(url: str) -> str:
    """Dedup key for an article URL."""
    return f"{PREFIX}:article_by_url:{_sha(url)}"


def article_by_text(normalised_text: str) -> str:
    """Dedup key for an article's normalised text."""
    return f"{PREFIX}:article_by_text:{_sha(normalised_text)}"


def articles() -> str:
    """Index of all article ids by creation time."""
    return f"{PREFIX}:articles"


def articles_unqueued() -> str:
    """Article ids whose creation or retry has not yet enqueued its job, by start time (ms)."""
    return f"{PREFIX}:articles:unqueued"


def statement(statement_id: str) -> str:
    """Key of a statement record."""
    return f"{PREFIX}:statement:{statement_id}"


def statement_links(statement_id: str) -> str:
    """Same-claim neighbours of a statement, with similarity scores."""
    return f"{PREFIX}:statement:{statement_id}:links"


def speaker(speaker_id: str) -> str:
    """Key of a speaker record."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}"


def speaker_statements(speaker_id: str) -> str:
    """A speaker's statement ids in chronological order."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:statements"


def speaker_vectors(speaker_id: str) -> str:
    """A speaker's statement embeddings (float16, normalised)."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:vectors"


def speaker_vector_removals(speaker_id: str) -> str:
    """Counter of removals from a speaker's vectors (cache invalidation for workers)."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:vector_removals"


def search_requests() -> str:
    """List of pending fact-check search requests (transient)."""
    return f"{PREFIX}:search:requests"


def search_reply(request_id: str) -> str:
    """List holding the answer to one search request (transient)."""
    return f"{PREFIX}:search:reply:{request_id}"


def speaker_alias(alias_key: str) -> str:
    """Maps a normalised speaker name to a speaker id."""
    return f"{PREFIX}:speaker_alias:{alias_key}"


def speakers() -> str:
    """Lexical index of speakers for paging and name search."""
    return f"{PREFIX}:speakers"


def speaker_surname(surname_key: str) -> str:
    """Speaker ids sharing a surname, to resolve a bare surname when it is unambiguous."""
    return f"{PREFIX}:speaker_surname:{surname_key}"


# claims and link reviews (layout 3, migrations/m0003_claims.py)


def claim(claim_id: str) -> str:
    """Key of a claim record (id, speaker, creation time)."""
    return f"{PREFIX}:claim:{claim_id}"


def claim_statements(claim_id: str) -> str:
    """A claim's statements by chronological order score."""
    return f"{PREFIX}:claim:{claim_id}:statements"


def statement_vector(statement_id: str) -> str:
    """The embedding of a statement with no speaker (speakers' statements keep theirs in speaker_vectors)."""
    return f"{PREFIX}:statement:{statement_id}:vector"


def statement_claim(statement_id: str) -> str:
    """The claim id a statement belongs to."""
    return f"{PREFIX}:statement:{statement_id}:claim"


def speakers_merge_lock() -> str:
    """Held by the one reviewer correction of speakers running (merge, move, alias)."""
    return f"{PREFIX}:speakers:merge_lock"


def speaker_merging(speaker_id: str) -> str:
    """Id of the speaker this one is being merged into, while the merge runs."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:merging"


def speaker_claims(speaker_id: str) -> str:
    """The ids of a speaker's claims."""
    return f"{PREFIX}:speaker:{{{speaker_id}}}:claims"


def statement_reviews(statement_id: str) -> str:
    """Reviewer decisions on this statement's links: other statement id -> confirmed | rejected."""
    return f"{PREFIX}:statement:{statement_id}:reviews"


# fact-checks (layout 2, migrations/m0002_factchecks.py)


def factcheck(factcheck_id: str) -> str:
    """Key of a fact-check record."""
    return f"{PREFIX}:factcheck:{factcheck_id}"


def factchecks() -> str:
    """All fact-check ids by first import time."""
    return f"{PREFIX}:factchecks"


def factchecks_pending() -> str:
    """Fact-check ids waiting to be embedded."""
    return f"{PREFIX}:factchecks:pending"


def factcheck_vectors() -> str:
    """Fact-check embeddings: id -> float16 claim vector followed by float16 headline vector."""
    return f"{PREFIX}:factchecks:vectors"


def factchecks_unqueued() -> str:
    """Fact-check ids stored by an import that has not yet queued their indexing jobs, by time (ms)."""
    return f"{PREFIX}:factchecks:unqueued"


def factchecks_unqueued_lock() -> str:
    """Held (60 s at most) by the one worker queueing what an import left unqueued."""
    return f"{PREFIX}:factchecks:unqueued:lock"


def factchecks_log() -> str:
    """Fact-check ids in indexing order, read incrementally by the workers' search caches."""
    return f"{PREFIX}:factchecks:log"


def factchecks_epoch() -> str:
    """Token that changes when the fact-check store is recreated (caches compare it)."""
    return f"{PREFIX}:factchecks:epoch"


# API keys (layout 4, migrations/m0004_api_keys.py)


def api_key(key_id: str) -> str:
    """Key of an API key record (name, scopes, SHA-256 of the secret, revocation)."""
    return f"{PREFIX}:api_key:{key_id}"


def api_keys() -> str:
    """The ids of every API key ever created."""
    return f"{PREFIX}:api_keys"


# webhooks (layout 5, migrations/m0005_webhooks.py)


def webhook(webhook_id: str) -> str:
    """Key of a webhook subscription (owner, url, events, signing secret, disabled state)."""
    return f"{PREFIX}:webhook:{webhook_id}"


def webhooks() -> str:
    """The ids of every webhook subscription."""
    return f"{PREFIX}:webhooks"


def webhooks_of_owner(owner: str) -> str:
    """The subscription ids of one API key id (or "open" in open-access mode)."""
    return f"{PREFIX}:webhooks:owner:{owner}"


def webhook_log(webhook_id: str) -> str:
    """A subscription's recent delivery attempts, newest first (capped)."""
    return f"{PREFIX}:webhook:{webhook_id}:log"


def webhook_sent(webhook_id: str, message_id: str) -> str:
    """Marks a message as queued for a subscription, so a re-emitted message is not sent twice."""
    return f"{PREFIX}:webhook:{webhook_id}:sent:{message_id}"


def webhook_message(message_id: str) -> str:
    """The JSON body of an outgoing webhook message (kept while deliveries may retry)."""
    return f"{PREFIX}:webhook_message:{message_id}"


# metrics (unversioned counters, claimtrack/metrics.py)


def metrics_jobs() -> str:
    """Job attempts by job name and outcome."""
    return f"{PREFIX}:metrics:jobs"


def metrics_job_seconds() -> str:
    """Job duration histogram: bucket counts and sums by job name."""
    return f"{PREFIX}:metrics:job_seconds"


def metrics_totals() -> str:
    """Statements extracted and matched by article jobs."""
    return f"{PREFIX}:metrics:totals"
