"""One person, one speaker id across articles: middle initials, 'Jr.' and surnames."""
from __future__ import annotations

import redis

from claimtrack import keys, speaker_admin, speakers
from workers.extraction import speaker_key


def _resolve(conn: redis.Redis, name: str) -> str:
    return speakers.resolve(conn, name, speaker_key(name))


def test_a_middle_initial_is_the_same_person_either_way_round(redis_db: redis.Redis) -> None:
    first = _resolve(redis_db, "Halvard J. Oyelaran")
    assert _resolve(redis_db, "Halvard Oyelaran") == first
    later = _resolve(redis_db, "Margit Stroud")
    assert _resolve(redis_db, "Margit K. Stroud") == later != first


def test_different_initials_are_different_people(redis_db: redis.Redis) -> None:
    son = _resolve(redis_db, "Tomas W. Lindqvist")
    father = _resolve(redis_db, "Tomas H. W. Lindqvist")
    assert father != son
    assert _resolve(redis_db, "Tomas H. W. Lindqvist") == father
    assert _resolve(redis_db, "Tomas W. Lindqvist") == son


def test_a_generational_suffix_keeps_the_surname(redis_db: redis.Redis) -> None:
    junior = _resolve(redis_db, "Aurelio Varga Jr.")
    assert speakers.surname(speaker_key("Aurelio Varga Jr.")) == "varga"
    assert redis_db.sismember(keys.speaker_surname("varga"), junior)
    assert _resolve(redis_db, "Varga") == junior  # the only Varga so far
    assert _resolve(redis_db, "Aurelio Varga") != junior  # the father is not the son


def test_a_title_word_that_ends_a_name_is_the_surname() -> None:
    assert speaker_key("Angus King") == "angus king"
    assert speaker_key("Senator Angus King") == "angus king"
    assert speaker_key("Stephen King") != speaker_key("Stephen Mayor")


def test_merging_moves_the_name_without_initials_too(redis_db: redis.Redis) -> None:
    keep = _resolve(redis_db, "Ines Kolar")
    other = _resolve(redis_db, "Ines B. Kolarova")
    speaker_admin.merge(redis_db, keep, other)
    assert _resolve(redis_db, "Ines Kolarova") == keep
