"""Constructions beyond 'X said (that) ...': object cues, parentheticals, labels, spokespeople."""
from __future__ import annotations

import pytest
from spacy.language import Language

from workers.extraction import ExtractedStatement, extract_statements, load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def run(text: str, nlp: Language) -> list[ExtractedStatement]:
    out = extract_statements(text, nlp)
    for s in out:
        assert text[s.start:s.end] == s.text
    return out


def test_called_object_a_predicate(nlp: Language) -> None:
    text = "Margit Stroud called the harbour levy \"a tax on honest work.\""
    [s] = run(text, nlp)
    assert s.text.startswith("the harbour levy")
    assert (s.speaker, s.cue) == ("Margit Stroud", "called")


def test_called_for_drops_the_preposition(nlp: Language) -> None:
    text = "Halvard Oyelaran called for a full inquiry into the ferry collision."
    [s] = run(text, nlp)
    assert s.text == "a full inquiry into the ferry collision"
    assert s.speaker == "Halvard Oyelaran"


def test_urged_object_to_infinitive(nlp: Language) -> None:
    text = "On Monday, Margit Stroud urged the port authority to reopen the northern quay."
    [s] = run(text, nlp)
    assert s.text == "the port authority to reopen the northern quay"
    assert s.speaker == "Margit Stroud"


def test_accused_of_and_participle_subject(nlp: Language) -> None:
    text = ("Tobias Quell attacked the budget on Friday, accusing the finance ministry of hiding "
            "the true cost of the bridge.")
    out = run(text, nlp)
    [s] = [s for s in out if s.cue == "accusing"]
    assert s.text == "the finance ministry of hiding the true cost of the bridge"
    assert s.speaker == "Tobias Quell"


def test_phone_call_is_not_a_statement(nlp: Language) -> None:
    assert run("Margit Stroud called her brother on Sunday evening.", nlp) == []


def test_parenthetical_attribution_inside_a_sentence(nlp: Language) -> None:
    text = "The new ferries, Halvard Oyelaran said, will cut the crossing time by half."
    [s] = run(text, nlp)
    assert s.text.startswith("The new ferries") and s.text.rstrip(".").endswith("by half")
    assert s.speaker == "Halvard Oyelaran"


def test_spokesman_for_speaks_for_the_principal(nlp: Language) -> None:
    text = ("Margit Stroud toured the harbour on Monday.\n"
            "A spokesman for Stroud said the tour had been planned for months.\n")
    [s] = run(text, nlp)
    assert s.speaker == "Margit Stroud"
    assert s.role == "spokesman"


def test_statement_saying_takes_the_issuer(nlp: Language) -> None:
    text = "Tobias Quell issued a statement saying the election had been free and fair."
    [s] = run(text, nlp)
    assert s.speaker == "Tobias Quell"


def test_transcript_labels(nlp: Language) -> None:
    text = ("LUND: Will you vote for the levy?\n"
            "QUELL: I will vote against it, because the harbour cannot afford it.\n")
    out = run(text, nlp)
    quell = [s for s in out if s.speaker == "QUELL"]
    assert [s.text for s in quell] == ["I will vote against it, because the harbour cannot afford it."]


def test_name_that_is_also_a_title_or_a_verb(nlp: Language) -> None:
    text = ("Mr. King said the harbour would reopen in May.\n"
            "According to the Lundhaven Post, the levy will be halved.\n")
    out = run(text, nlp)
    assert [s.speaker for s in out] == ["King", "Lundhaven Post"]
