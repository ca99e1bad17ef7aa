"""The speaker's name where a title, a body's name or a party stands around it."""
from __future__ import annotations

import re

import pytest
from spacy.language import Language

from tests.helpers import extract as run
from workers.extraction.names import GIVEN_NAMES, NameTable

LEAD = "The council met.\n\n"


@pytest.mark.parametrize(("text", "speaker", "role"), [
    # a title, 'of' or 'to' a body or a country, then its holder: one run of capitalised words
    ("Deputy Chairman of the Merovian Security Council Dmitry Kostrov said on Thursday that the talks "
     "had failed.", "Dmitry Kostrov", "Deputy Chairman of the Merovian Security Council"),
    ("Chairman of the State Border Committee Anatoly Luzhkovich told state television that the border "
     "remained tense.", "Anatoly Luzhkovich", "Chairman of the State Border Committee"),
    ("Speaker of the House Gerald Pomeroy told reporters on Thursday that he would not bring the bill "
     "to the floor.", "Gerald Pomeroy", "Speaker of the House"),
    # a title with its holder's name beside it
    ("Britain's U.N. Ambassador Helen Marchbank said the veto was a disgrace.", "Helen Marchbank",
     "Britain's U.N. Ambassador"),
    ("The Chancellor, Fiona Ashdown, said on Wednesday that the move was necessary.", "Fiona Ashdown",
     "Chancellor"),
    # a councillor's title
    ("Opposition leader Cllr Fiona Greaves said the council had not consulted properly.", "Fiona Greaves",
     "Opposition leader Cllr"),
])
def test_a_title_and_a_body_around_a_name_are_its_role(nlp: Language, text: str, speaker: str,
                                                       role: str) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert (s.speaker, s.role) == (speaker, role)


def test_the_holder_of_an_office_abroad_keeps_one_name(nlp: Language) -> None:
    # the tagger runs the country on into the name ('Georgia Nikolai Gurianov'): a later surname and
    # 'according to' find the holder, not a third name
    text = (LEAD + "Flights will resume in full, Merovian Ambassador to Georgia Nikolai Gurianov said in an "
            "interview.\n\nAccording to Gurianov, the number of tourists rose by 18%.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Nikolai Gurianov"] * 2


def test_a_given_name_the_tagger_left_out_of_an_apposition(nlp: Language) -> None:
    text = LEAD + "Sudan's U.N. ambassador, Omer Siddig Hassan, said the government would protect civilians.\n"
    [s] = run(text, nlp)
    assert s.speaker == "Omer Siddig Hassan"


@pytest.mark.parametrize(("text", "speaker"), [
    # a title inside a body's name is part of it
    ("The Justice Department said in a letter on Tuesday that the president had asserted privilege.",
     "Justice Department"),
    # a title and nothing after it in the body's name: no holder to find
    ("Chairman of the Joint Chiefs of Staff said the exercise would go ahead.", None),
    ("A spokesperson for the Federal Deposit Insurance Corp. said the agency did not comment.",
     "Federal Deposit Insurance Corp"),
])
def test_a_body_with_a_title_in_its_name(nlp: Language, text: str, speaker: str | None) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert s.speaker == speaker


@pytest.mark.parametrize("text", [
    "\"We had a good discussion,\" the Kentucky Republican told reporters.",
    "\"The gap is too wide,\" said a Nevada Democrat.",
])
def test_a_party_member_described_is_no_name(nlp: Language, text: str) -> None:
    # 'Republican' is no speaker: the description is a role reference, or an anonymous source
    [s] = run(LEAD + text + "\n", nlp)
    assert s.speaker is None


def test_a_party_written_before_a_name_is_no_part_of_it(nlp: Language) -> None:
    text = (LEAD + "Democratic Rep. Ruben Castaneda and Republican Kari Lindholm met on Thursday for a debate.\n\n"
            "Lindholm said the debate had been fair.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Kari Lindholm"]


@pytest.mark.parametrize(("text", "speakers"), [
    # two people share a surname: the honorific written with it says which one speaks
    ("Erin Kowalczyk and Thomas Kowalczyk are competing for the nomination.\n\n\"People ask if he is my "
     "brother,\" Ms. Kowalczyk said.\n\n\"She is a lawyer,\" Mr. Kowalczyk said.\n",
     ["Erin Kowalczyk", "Thomas Kowalczyk"]),
    # ... or the title the article gave one of them
    ("Senator Lauren Achebe told CNN on Sunday that she would not run.\n\nHer husband, Dr. Michael Achebe, "
     "is a cardiologist. Dr. Achebe said his wife had a calling to serve.\n", ["Lauren Achebe", "Michael Achebe"]),
    # a couple named together is two people
    ("Paul and Denise Marchetti run a bakery.\n\n\"We used to make a margin on bread,\" Mr. Marchetti said.\n\n"
     "\"If things do not turn around, we are done,\" Mrs. Marchetti said.\n", ["Paul Marchetti", "Denise Marchetti"]),
    ("For homeowners like George and Marisol Abernathy, the debate feels remote. \"It is more than our "
     "mortgage,\" Marisol Abernathy said.\n", ["Marisol Abernathy"]),
])
def test_a_shared_surname_goes_to_the_one_its_address_fits(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # nothing tells the two apart: the surname stays as written, no guess
    ("Erin Kowalczyk and Thomas Kowalczyk are competing.\n\n\"It is close,\" Kowalczyk said.\n", "Kowalczyk"),
    # the honorific fits both (nothing marks either as a woman or a man): no guess
    ("Alix Varga and Robin Varga run the firm.\n\n\"It is close,\" Mr. Varga said.\n", "Varga"),
])
def test_a_shared_surname_with_nothing_to_tell_is_left_as_written(nlp: Language, text: str, speaker: str) -> None:
    [s] = run(LEAD + text, nlp)
    assert s.speaker == speaker


def test_a_surname_after_an_honorific_is_no_given_name_of_a_couple(nlp: Language) -> None:
    # 'Mr. Okafor and Hanna Lisk': no 'Okafor Lisk' to make 'Mrs. Lisk' ambiguous
    text = (LEAD + "Mr. Okafor and Hanna Lisk never agreed. Ada Podesta, a chief of staff to President Ivo "
            "Lisk, spoke.\n\nMrs. Lisk said the plan would work.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Hanna Lisk"]


@pytest.mark.parametrize("text", [
    # after a title's 'of', a place's or an organisation's name is no holder's
    "Governor of New South Wales said the fires were contained.",
    "Mayor of Salt Lake City said the airport would expand.",
    "President of the United Arab Emirates said the deal was historic.",
    "CEO of Royal Dutch Shell said the company would cut emissions.",
    "Mayor of Rio de Janeiro said the carnival would go ahead.",
    "Chairman of the New York Stock Exchange said trading would resume.",
])
def test_a_place_after_a_title_is_no_person(nlp: Language, text: str) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert s.speaker is None


@pytest.mark.parametrize(("text", "speakers"), [
    # a surname that is a title word is the name the article gave in full
    ("Rep. Dan Bishop said the probe was partisan.\n\nBishop said he would subpoena the records.\n",
     ["Dan Bishop", "Dan Bishop"]),
    ("Gov. Jim Justice said the state would sue.\n\nJustice said the lawsuit would be filed Monday.\n",
     ["Jim Justice", "Jim Justice"]),
])
def test_a_surname_that_is_a_title_word_stays_a_name(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


def test_the_body_an_officer_heads_is_not_the_officer(nlp: Language) -> None:
    # 'the committee' is the committee named before, not its chairman
    text = (LEAD + "Chairman of the State Border Committee Anatoly Luzhkovich said the crossing was closed.\n\n"
            "The committee said the guards were on alert.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Anatoly Luzhkovich", "State Border Committee"]


@pytest.mark.parametrize(("text", "speaker", "role"), [
    # a titled person whose surname is an organisation's word; a hospital named after a king
    ("Bishop Michael Church said the cathedral would reopen.", "Michael Church", "Bishop"),
    ("King Edward Hospital said the ward was closed.", "King Edward Hospital", None),
    ("The military's spokesman, Brigadier Yahya Saree, said the strike was a success.", "Yahya Saree", "Brigadier"),
])
def test_titles_and_organisation_words_in_names(nlp: Language, text: str, speaker: str, role: str | None) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert (s.speaker, s.role) == (speaker, role)


@pytest.mark.parametrize(("text", "speakers"), [
    # 'the company' is the firm just quoted
    ("Harbor Logistics said Thursday that it would lay off 1,200 workers.\n\nThe company said in a filing that "
     "the cuts would save $85 million a year.\n", ["Harbor Logistics", "Harbor Logistics"]),
    ("Orvex Semiconductor said on Thursday it would cut 2,000 jobs.\n\nThe chipmaker said demand had slumped.\n",
     ["Orvex Semiconductor", "Orvex Semiconductor"]),
    ("The port will close, the Lundhaven Post reported on Thursday. According to the newspaper, the ferry will "
     "stop in May.\n", ["Lundhaven Post", "Lundhaven Post"]),
    # a place named since is no other firm
    ("LISKARD, Tarvia (Reuters) - Mining group Holmgard Resources said on Friday it would cut 900 jobs at its "
     "copper operations.\n\nThe cuts would mostly affect the Kessel Ridge mine, which will move to a single "
     "shift, the company said in a filing.\n", ["Holmgard Resources", "Holmgard Resources"]),
    # the one firm named before, though it did not speak ...
    ("Shares in Brightwell Foods fell 17 percent on Thursday after the snack maker cut its full-year forecast, "
     "blaming higher cocoa and sugar prices.\n\nOperating profit would be between 210 million and 230 million "
     "pounds, the company said in a trading update.\n", [None, "Brightwell Foods"]),
    # ... not one of two
    ("Shares in Brightwell Foods and Carrow Capital Ltd fell sharply, analyst Dana Holm said.\n\n"
     "Operating profit would be lower, the company said.\n", ["Dana Holm", None]),
    # two firms quoted: either may be 'the company'
    ("Velcorp said profits fell. Its rival, Dunmore Steel, said prices would rise.\n\nThe company said it "
     "would appeal.\n", ["Velcorp", "Dunmore Steel", None]),
    # another organisation named since: 'the company' may be it
    ("Harbor Logistics said it would cut jobs.\n\nShares of Dunmore Steel rose 4%. The company said demand "
     "was strong.\n", ["Harbor Logistics", None]),
    # a firm described by where it is based
    ("Summit Air said Friday it had grounded 12 jets. The Denver-based airline said the safety of its passengers "
     "was not negotiable.\n", ["Summit Air", "Summit Air"]),
    # ... not another firm
    ("Summit Air said Friday it had grounded 12 jets. The rival airline said its fleet was safe.\n",
     ["Summit Air", None]),
    # the firm the sentence itself names, quoted by nobody before
    ("Northwind Foods Inc. will close its Groveport plant, the company said in a statement Tuesday.\n",
     ["Northwind Foods Inc"]),
    ("COLUMBUS, Ohio \u2014 Northwind Foods Inc. will close its plant in Groveport, eliminating about 400 jobs, "
     "the company said.\n", ["Northwind Foods Inc"]),
    ("Harbour Holdings, Inc. will close its Groveport plant, the company said on Tuesday.\n",
     ["Harbour Holdings, Inc"]),
    # ... not where the sentence names two; in a later sentence, the one firm named before
    ("Harbor Logistics Inc. bought Velcorp Ltd. last year, the company said.\n", [None]),
    ("Northwind Foods Inc. will close its plant in March. The company said the decision was final.\n",
     ["Northwind Foods Inc"]),
])
def test_the_company_is_the_firm_just_quoted(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # 'X and Y Z' is no couple where X ends a name before it, or is a place's name
    ("Senators Ruth Warren and Peter Sandoval wrote to the agency. \"This is a scandal,\" Mr. Sandoval said.\n",
     "Peter Sandoval"),
    ("Labour lawmakers Tom Russell and Priya Desai wrote to the minister. \"This is a start,\" Desai said.\n",
     "Priya Desai"),
    ("Tourism in Victoria and Peter Hale's company grew. \"It was fair,\" Hale said.\n", "Peter Hale"),
    # a given name both women and men bear marks no gender
    ("Voss Motoren cut jobs. Chief Executive Sam Keller said the cuts were painful. \"We have to be honest,\" "
     "she said.\n", "Sam Keller"),
])
def test_no_couple_and_no_gender_where_the_text_does_not_say(nlp: Language, text: str, speaker: str) -> None:
    assert run(LEAD + text, nlp)[-1].speaker == speaker


@pytest.mark.parametrize("text", [
    "Senator Harriet Voss, a Montana Republican, said she would not back the bill.\n\nThe Montana Republican "
    "said she had spoken with the White House.\n",
    "Rep. Harriet Voss (R-MT) said she would not back the bill.\n\nThe Montana Republican said she had spoken "
    "with the White House.\n",
])
def test_a_party_member_described_is_the_one_the_article_described_so(nlp: Language, text: str) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == ["Harriet Voss", "Harriet Voss"]


@pytest.mark.parametrize(("text", "speakers"), [
    # what an anonymous source asked for is no statement, and the source stays unnamed
    ("A Western diplomat in Kyiv, who asked not to be named, said the batteries had arrived.\n", [None]),
    ("One MP, who asked not to be named, said the party had walked into a trap.\n", [None]),
    # 'MP' is a title before a name
    ("Labour MP Jo Hartley said the bill was flawed.\n\nHartley said it would fail.\n", ["Jo Hartley"] * 2),
])
def test_anonymous_sources_and_members_of_parliament(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # 'the Kremlin spokesman' is the spokesman the article named, else the body he speaks for
    ("Kremlin spokesman Oleg Vasnetsov said there were no plans for talks. \"We are not aware of any "
     "initiatives,\" the Kremlin spokesman said.\n", ["Oleg Vasnetsov", "Oleg Vasnetsov"]),
    ("The Kremlin said talks were possible. \"We are open,\" the Kremlin spokesman said.\n", ["Kremlin", "Kremlin"]),
])
def test_the_spokesman_the_article_named(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


def test_a_title_case_dateline_with_a_particle_is_no_speaker(nlp: Language) -> None:
    text = ("Palmeiras eye title\n\nRio de Janeiro, Brazil (AFP) – Palmeiras striker Diego Arantes said on "
            "Sunday his side could still win the league.\n")
    assert [(s.speaker, s.text) for s in run(text, nlp)] == [("Diego Arantes", "his side could still win the league")]


@pytest.mark.parametrize(("text", "speakers"), [
    # anonymity as what is said is a statement
    ("Harriet Olsson said anonymity had protected whistleblowers for decades.\n", ["Harriet Olsson"]),
    ("\"Anonymity is a shield for the powerful,\" said campaigner Ruth Vale.\n", ["Ruth Vale"]),
    ("Mark Lowe told the hearing: \"Not to be named in this inquiry would be a whitewash.\"\n", ["Mark Lowe"]),
    # two spokesmen, or an anonymous one: 'the Kremlin spokesman' is the Kremlin's
    ("Kremlin spokesman Oleg Vasnetsov said the talks were useful. Kremlin spokesman Pavel Drozd was in Minsk.\n\n"
     "The Kremlin spokesman said no date had been set.\n", ["Oleg Vasnetsov", "Kremlin"]),
    ("Kremlin spokesman Oleg Vasnetsov said the talks were useful.\n\nThe Kremlin spokesman, speaking on "
     "condition of anonymity, said no date had been set.\n", ["Oleg Vasnetsov", "Kremlin"]),
])
def test_anonymity_said_and_anonymous_spokesmen(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # a firm that opens with a rank keeps it; an officer of that rank does not
    ("General Dynamics said the order was its largest.", "General Dynamics"),
    ("Major League Baseball said the season would start in March.", "Major League Baseball"),
    ("General Voss said the exercise would go ahead.", "Voss"),
    ("Major Ana Lisk said the patrol had returned.", "Ana Lisk"),
])
def test_a_rank_that_opens_a_firms_name(nlp: Language, text: str, speaker: str) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert s.speaker == speaker


@pytest.mark.parametrize(("text", "speaker", "role"), [
    # the parse makes the title the name's modifier, and the tagger runs the place into the name
    ("Secretary of State for Northern Ireland Hilary Penrose said the talks would resume next week.",
     "Hilary Penrose", "Secretary of State for Northern Ireland"),
    # ... or cuts the name where the office's phrase ends ('Ursula von der' | 'Halden')
    ("President of the European Commission Ursula von der Halden said the bloc was united.",
     "Ursula von der Halden", "President of the European Commission"),
    # a body's name with an 'of' of its own, then the holder
    ("Governor of the Bank of England Clara Penhallow said inflation would fall.", "Clara Penhallow",
     "Governor of the Bank of England"),
    # an office that is no title before a bare name ('Chief Executive', 'Member')
    ("Chief Executive of the National Trust Hilary Penrose said the charity would cut jobs.", "Hilary Penrose",
     "Chief Executive of the National Trust"),
    ("Chief Constable of Kent Police Tim Harrow said the force was stretched.", "Tim Harrow",
     "Chief Constable of Kent Police"),
    ("Member of the European Parliament Rosa Lindqvist said the vote was a mistake.", "Rosa Lindqvist",
     "Member of the European Parliament"),
    # the holder tagged with the body and hung from the title as an apposition
    ("Governor of the Bank of England Andrew Marsden said inflation would fall.", "Andrew Marsden",
     "Governor of the Bank of England"),
    # a body with a phrase or an owner of its own before the holder
    ("Chairman of the State Duma Committee on Defense Viktor Sobolenko told Sputnik that the drills would "
     "continue.", "Viktor Sobolenko", "Chairman of the State Duma Committee on Defense"),
    ("Deputy Head of the Russian Foreign Ministry's Consular Department Igor Fedoseyev said the embassy was "
     "working.", "Igor Fedoseyev", "Deputy Head of the Russian Foreign Ministry's Consular Department"),
    # a police rank abbreviated ('Det' only before another title: 'Det Norske Veritas' is a firm), and
    # Indian honorifics
    ("Det Insp Mark Hollis said the investigation was continuing.", "Mark Hollis", "Det Insp"),
    ("\"Elections are three months away,\" opposition leader Smt. Sunanda Gaikwad said.", "Sunanda Gaikwad",
     "opposition leader"),
    # the tagger found only the surname after the place: the given name before it is the holder's
    ("Mayor of London Nadim Khan said the city would not be intimidated.", "Nadim Khan", "Mayor of London"),
    # letters after the name are an office, not the name; not after a place ('Kent FRS' is a fire service)
    ("\"We will not back down,\" Alan Fenwick MP said.", "Alan Fenwick", "MP"),
    ("Kent FRS said crews were still at the scene.", "Kent FRS", None),
    # the tagger's name runs into the office's phrase: its given name is no part of the role
    ("Attorney General of New York Letitia Malik said the lawsuit would proceed.", "Letitia Malik",
     "Attorney General of New York"),
])
def test_an_office_and_its_holder_in_british_and_european_style(nlp: Language, text: str, speaker: str,
                                                                 role: str | None) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert (s.speaker, s.role) == (speaker, role)


@pytest.mark.parametrize("dateline", ["THIRUVANANTHAPURAM:", "ISLAMABAD, Dec 7:"])
def test_a_city_in_capitals_and_a_colon_opening_the_story_is_a_dateline(nlp: Language, dateline: str) -> None:
    text = (f"Exams to go ahead.\n\n{dateline} State Education Minister Ravi Menon said on Monday that the exams "
            "would go ahead as planned.\n")
    [s] = run(text, nlp)
    assert (s.speaker, s.text) == ("Ravi Menon", "the exams would go ahead as planned")


@pytest.mark.parametrize(("text", "speakers"), [
    # words that are honorifics or titles elsewhere, opening names here
    ("Sri Lanka said it would seek debt relief from China.\n", ["Sri Lanka"]),
    ("Det Norske Veritas said the hull had passed inspection.\n", ["Det Norske Veritas"]),
    # another kind of firm than the one quoted, or a firm named in passing
    ("Harwell Pharmaceuticals said it would appeal the verdict. The law firm representing the plaintiffs said it "
     "would seek damages.\n", ["Harwell Pharmaceuticals", None]),
    ("Orvex Corp. rival Lakeside Motors will build a plant in Georgia, the company said.\n", [None]),
])
def test_names_and_firms_the_new_rules_leave_alone(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


def test_an_office_joined_to_a_name_by_and_is_no_role_of_it(nlp: Language) -> None:
    [s] = run(LEAD + "The Director of the Port Authority and Dale Crane said the inquiry would continue.\n", nlp)
    assert (s.speaker, s.role) == ("Dale Crane", None)


@pytest.mark.parametrize("dateline", ["MOSCOW, March 14. /TASS/.", "MOSCOW, March 14 /TASS/ -"])
def test_a_russian_agency_dateline_keeps_the_lead(nlp: Language, dateline: str) -> None:
    text = (f"Talks rejected\n\n{dateline} The talks have no basis, Kremlin spokesman Sergei Pankratov said.\n\n"
            "\"We see no point,\" he added.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Sergei Pankratov"] * 2


def test_a_colon_dateline_before_words_in_the_first_person_that_someone_else_said(nlp: Language) -> None:
    [s] = run("Markets rally\n\nMUMBAI: I think the market has bottomed out, said analyst Rajiv Mehra.\n", nlp)
    assert (s.speaker, s.text) == ("Rajiv Mehra", "I think the market has bottomed out")


@pytest.mark.parametrize("text", [
    # a title in the label, or a name the article writes after a given name: a speaker, not a place
    "SENATOR DELGADO: The witness said under oath that the payments were approved by the board.\n",
    "VELLACOTT: The regulators said the bank was well capitalised weeks before it collapsed.\n\n"
    "Kate Vellacott chairs the committee.\n",
    # a transcript's first line: other lines open with labels too
    "KATE VELLACOTT: We asked them twice already and got nothing at all.\n\nJOEL BRASK: Not true.\n",
    # a speaker's line in the first person
    "FALLIN: I think the state is ready for this and we will prove it in court.\n",
])
def test_a_transcript_label_opening_the_text_is_no_dateline(nlp: Language, text: str) -> None:
    first = run(text, nlp)[0]
    assert first.cue == ":" and first.speaker is not None


@pytest.mark.parametrize(("text", "speakers"), [
    # a relative the article does not name is nobody; 'she' after her is her, not the man named before
    ("Kessler and his wife arrived in Dover on Friday. \"We're exhausted,\" Kessler said. His wife said the "
     "crossing had been rough. \"We're working for free,\" she said.\n", ["Kessler", None, None]),
    # ... and 'he' after her is the man the first name makes one
    ("Paul Marchetti and his wife arrived on Friday. \"We're exhausted,\" Marchetti said. His wife said the "
     "crossing had been rough. \"It was worth it,\" he said.\n", ["Paul Marchetti", None, "Paul Marchetti"]),
    # a relative the article named is that person
    ("Osric Hale was on the flight, according to his brother Alastair Hale. He had just become a father, his "
     "brother added. \"He was so happy,\" he said.\n", ["Alastair Hale"] * 3),
    ("Janet Reid and her son Tom were rescued from the roof. Her son said the water rose in minutes. \"Mum was "
     "so brave,\" he said.\n", ["Tom", "Tom"]),
    # ... unless someone else was named since, whose relative it may be
    ("Tom Hale died in the crash. His brother Alastair Hale said the road was dangerous. A second victim, John "
     "Mercer, 40, was a father of three. \"He was a gentle soul,\" his brother said.\n", ["Alastair Hale", None]),
    ("Tom Hale died in the crash. His brother Alastair Hale said the road was dangerous. His other brother, Ian, "
     "said the council should resign. \"They have blood on their hands,\" his brother said.\n",
     ["Alastair Hale", "Ian", None]),
    # an unnamed relative of someone named in full
    ("Keir Stannard's wife said she would not campaign. \"I have my own career,\" she said.\n", [None, None]),
])
def test_a_relative_speaks(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # an Arabic name keeps the given names before its particle, and the given name alone is the same person
    ("DUBAI: Jumaa Salem Al Shamsi, Director of the Traffic Department, said the lanes would open in March.\n",
     ["Jumaa Salem Al Shamsi"]),
    ("Director Jumaa Salem Al Shamsi said the lanes would open in March.\n", ["Jumaa Salem Al Shamsi"]),
    ("Prince Turki bin Fahad said the fund would grow. \"We are patient,\" Prince Turki said.\n",
     ["Turki bin Fahad", "Turki bin Fahad"]),
    # a body's name joined by 'and', and its short form in brackets
    ("The Roads and Transport Authority (RTA) said the lanes would open in March.\n",
     ["Roads and Transport Authority"]),
    # a descriptor of an ordinary person before the name is no part of it
    ("Neighbour Brian Costigan said the woman had lived on the street for years.\n", ["Brian Costigan"]),
    ("Angler Keith Bramley said the brook had been like a graveyard.\n", ["Keith Bramley"]),
    # Irish names and offices: a TD after the name, 'Ó' in a surname, the Taoiseach and Tánaiste alone
    ("Deirdre Flood TD said the Government had missed every target.\n\n\"It is a scandal,\" Ms Flood said.\n",
     ["Deirdre Flood", "Deirdre Flood"]),
    ("Minister for Housing Pádraig Ó Conaill said more homes were under construction.\n", ["Pádraig Ó Conaill"]),
    ("The Taoiseach said the targets would be met.\n", [None]),
    ("Premier Daniel Kearsley said he would refer the matter.\n\nThe Premier said no one was above the law.\n",
     ["Daniel Kearsley", "Daniel Kearsley"]),
    ("The Premier League said the match would be replayed.\n", ["Premier League"]),
    # a title the parse made a subject of its own, before a name it did not tag
    ("Ukraine's Deputy Prime Minister for European Integration Oksana Dzyuba said more than 2,000 trucks were "
     "stuck.\n", ["Oksana Dzyuba"]),
    # a body's name with 'and' in it before the holder's
    ("Chairman of the Federation Council Committee on Agrarian and Food Policy Nikolai Treshchev said that "
     "the government was drafting a list of responses.\n", ["Nikolai Treshchev"]),
    ("Minister for Trade and Industry Ivo Tann said exports rose.\n", ["Ivo Tann"]),
    # a middle name the tagger left out with the given name
    ("Prime Minister's Focal Person for Polio Eradication Ms Sadia Rehman Qureshi said samples had tested "
     "positive.\n", ["Sadia Rehman Qureshi"]),
    # a chargé d'affaires 'in' a capital, later 'the diplomat'
    ("Merovia's Chargé d'Affaires in Tallinn Maxim Gribov told reporters that the embassy had sent a note. "
     "\"We have received no answer,\" the diplomat said.\n", ["Maxim Gribov", "Maxim Gribov"]),
])
def test_names_and_offices_of_other_newsrooms(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    ("A man named Karl Ostby said he had found the wallet.", ["Karl Ostby"]),
    ("The woman, identified by police as Maria Lenz, 41, said she had been attacked.", ["Maria Lenz"]),
    ("A woman identified as Maria Lenz said she saw the attack. She added that the man ran off.",
     ["Maria Lenz", "Maria Lenz"]),
    # the name of someone else in the phrase is not the speaker's
    ("A man who called Karl Ostby a liar said the vote was rigged.", [None, None]),
])
def test_a_person_the_article_names_by_a_participle(nlp: Language, text: str, speakers: list[str | None]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize("title", ["Treasurer", "Harbourmaster", "Archbishop", "Coroner", "Marshal", "Emir"])
def test_a_title_before_a_full_name_is_its_role(nlp: Language, title: str) -> None:
    [s] = run(LEAD + f'"We are ready," said {title} Fiona McArdle.\n', nlp)
    assert (s.speaker, s.role) == ("Fiona McArdle", title)


@pytest.mark.parametrize(("text", "speaker"), [
    # the family name goes first: alone, it refers to the full name that opens with it
    ("Health Minister Wang Lihua said the outbreak was contained.\n\nWang said 40 people were in hospital.\n",
     "Wang Lihua"),
    ("President Tsai Ing-wen said the island would not bow.\n\nTsai said the drills were a threat.\n",
     "Tsai Ing-wen"),
    # 'in' of 'Jae-in' is no common noun heading the subject
    ("President Moon Jae-in said talks would resume.\n\nMoon said the north had agreed.\n", "Moon Jae-in"),
])
def test_a_family_name_alone_is_the_full_name_it_opens(nlp: Language, text: str, speaker: str) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == [speaker, speaker]


def test_a_family_name_first_of_two_full_names_stays_as_written(nlp: Language) -> None:
    text = (LEAD + "Park Jin-ho said the port would close. Park Min-seo said it would stay open.\n\n"
            "Park said the vote was close.\n")
    assert [s.speaker for s in run(text, nlp)][-1] == "Park"


@pytest.mark.parametrize(("text", "speaker", "role"), [
    # the name set off after the body the spokeswoman speaks for is hers
    ("A spokeswoman for the Grenvik Fire Service, Lotta Ahl, said the fire had been contained.", "Lotta Ahl",
     "spokeswoman"),
    # the tagger made the name a firm's: two capitalised words between commas after a title are a person
    ("The ceasefire was holding, a United Nations spokeswoman, Fatou Diallo, said on Sunday.", "Fatou Diallo",
     "United Nations spokeswoman"),
    ("The airport expansion will go ahead, the Transport Secretary, Keir Aldous, said on Monday.", "Keir Aldous",
     "Transport Secretary"),
    ("The ceasefire was holding, said a United Nations spokeswoman, Fatou Diallo.", "Fatou Diallo",
     "United Nations spokeswoman"),
])
def test_a_name_set_off_after_a_title_is_the_speaker(nlp: Language, text: str, speaker: str, role: str) -> None:
    [s] = run(LEAD + text + "\n", nlp)
    assert (s.speaker, s.role) == (speaker, role)


@pytest.mark.parametrize(("text", "speaker"), [
    ("The Lenmark Food Safety Agency ordered a recall of cheese on Friday. The agency said listeria had been "
     "found in two batches.", "Lenmark Food Safety Agency"),
    ("A spokesperson for Velorian Airlines, Daniel Okafor, said the plane had landed safely. The airline said it "
     "would investigate the engine fault.", "Velorian Airlines"),
    ("The Ministry of Foreign Affairs of Drevnia summoned the ambassador on Monday. The ministry said his remarks "
     "were unacceptable.", "Ministry of Foreign Affairs of Drevnia"),
])
def test_a_body_named_in_narration_is_the_one_a_reference_means(nlp: Language, text: str, speaker: str) -> None:
    assert run(LEAD + text + "\n", nlp)[-1].speaker == speaker


def test_a_reference_to_one_of_two_bodies_named_stays_unnamed(nlp: Language) -> None:
    text = (LEAD + "The Harlow Port Authority and the Grenvik Port Authority met on Friday. The authority said fees "
            "would rise.\n")
    [s] = run(text, nlp)
    assert (s.speaker, s.described_as) == (None, "The authority")



def test_a_title_and_a_description_both_make_the_role(nlp: Language) -> None:
    # 'the spokesman said' later finds the colonel, whom the description made a spokesman
    text = (LEAD + "Lieutenant Colonel Mariusz Zielinski, a spokesman for the armed forces, said the drills were "
            'routine. "These exercises were planned a year ago," the spokesman said.\n')
    out = run(text, nlp)
    assert [s.speaker for s in out] == ["Mariusz Zielinski"] * 2
    assert out[0].role == "Lieutenant Colonel, spokesman for the armed forces"


def test_a_reference_by_a_church_title_finds_its_holder(nlp: Language) -> None:
    text = (LEAD + "Archbishop Tomas Villanueva led the Easter service. The archbishop said the city had failed "
            "its poorest.\n")
    assert [s.speaker for s in run(text, nlp)] == ["Tomas Villanueva"]


def test_a_surname_the_tagger_took_for_a_people_keeps_its_given_name(nlp: Language) -> None:
    # the tagger reads 'Tallis' as a nationality: 'Gwen' is no role
    [s] = run(LEAD + 'Gwen Tallis said: "We are not closing the school."\n', nlp)
    assert (s.speaker, s.role) == ("Gwen Tallis", None)


@pytest.mark.parametrize(("text", "speaker"), [
    ("Kwabena Owusu was elected chairman of the party on Saturday. The new chairman said the party would fight "
     "every seat.\n", "Kwabena Owusu"),
    ("Ana Ruiz was named the new director of the museum last week.\n\nThe director said the museum would reopen "
     "in May.\n", "Ana Ruiz"),
    # elected to nothing the reference names: nobody
    ("Tom Vell was elected on Saturday. The chairman said the party would fight.\n", None),
])
def test_a_role_someone_was_given_finds_them_by_it(nlp: Language, text: str, speaker: str | None) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Superintendent Maria Lopez-Hart said the road was closed.\n", "Maria Lopez-Hart"),
    ('The climate minister, Pieter de Wit-Jansen, spoke on Monday. "The era of coal is over," De Wit-Jansen '
     'said.\n', "Pieter de Wit-Jansen"),
])
def test_a_double_barrelled_surname_stays_whole(nlp: Language, text: str, speaker: str) -> None:
    [s] = run(LEAD + text, nlp)
    pieces = set(re.split(r"[\s-]+", speaker.lower()))
    assert s.speaker == speaker and not pieces & set(re.split(r"[\s-]+", (s.role or "").lower()))


def test_a_reference_after_another_body_of_its_kind_is_not_the_named_one(nlp: Language) -> None:
    text = ("The European Court of Justice ruled in 2019 that companies must obtain consent before selling data.\n\n"
            "On Friday, a regional court in Lyonne fined the biggest telecoms firm.\n\n"
            "The company had sold customer data without consent, the court said.\n")
    assert [s.speaker for s in run(text, nlp)] == ["European Court of Justice", None]


def test_a_trust_named_in_narration_is_the_trust_that_speaks(nlp: Language) -> None:
    text = (LEAD + 'The Westmarch NHS Trust has apologised to the family. "We are sorry for the delays," the trust '
            'said.\n')
    assert [s.speaker for s in run(text, nlp)] == ["Westmarch NHS Trust"]


@pytest.mark.parametrize(("text", "speaker"), [
    # the tagger ends the body's name at 'for' and starts another
    ("The Central Agency for Statistics said inflation rose to 9 percent in May.\n", "Central Agency for Statistics"),
    # a country the tagger does not know, before a state's body
    ("Hanlai's foreign ministry said on Wednesday it firmly opposed the visit.\n", "Hanlai's foreign ministry"),
])
def test_a_body_speaks_under_its_whole_name(nlp: Language, text: str, speaker: str) -> None:
    [s] = run(LEAD + text, nlp)
    assert s.speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # the principal is named already: the name beside them is the spokesperson's
    ("A spokeswoman for Arkady Demidenko, Olga Stepanova, told Reuters the deal was dead.\n", "Olga Stepanova"),
    ("A spokesman for Senator Ruiz, Tom Vell, said the road was closed.\n", "Tom Vell"),
    # a principal not named: the name beside them is theirs, and their aide speaks
    ("An aide to the governor, Anna Holt, said the road was closed.\n", "Anna Holt aide"),
])
def test_the_name_beside_a_named_principal_is_the_agents(nlp: Language, text: str, speaker: str) -> None:
    [s] = run(LEAD + text, nlp)
    assert s.speaker == speaker


@pytest.mark.parametrize(("text", "speaker", "role"), [
    # a title of two words, or an occupation written capitalised before the name, is the role
    ("Detective Superintendent Gareth Owusu-Ansah said both victims remained in hospital.",
     "Gareth Owusu-Ansah", "Detective Superintendent"),
    ("Islander Runa Vik, 71, said the ferry was always late.", "Runa Vik", "Islander"),
    ("Campaigner Tobias Ekwueme-Hart said the group would appeal.", "Tobias Ekwueme-Hart", "Campaigner"),
    # the tagger cut the name at its particles or its hyphen: the whole name, after the title
    ("Chief Executive Odile de la Roche said the plant would close in May.", "Odile de la Roche", "Chief Executive"),
    ("Mayor Lucia van der Meer-Schmitt said the city would make transport free.",
     "Lucia van der Meer-Schmitt", "Mayor"),
    ("Headteacher Siobhan O'Rourke-Mensah said the idea came from the pupils themselves.",
     "Siobhan O'Rourke-Mensah", "Headteacher"),
    # ... but not a role before the given name, nor before a title the tagger took in
    ("City Controller Miriam Feldstein-Ruiz said the money would come from a surplus.",
     "Miriam Feldstein-Ruiz", "City Controller"),
    ("State Treasurer Miriam Feldstein-Ruiz said the budget was balanced.", "Miriam Feldstein-Ruiz",
     "State Treasurer"),
    ('Operator Trans-Cambria Rail said it was "disappointed" by the decision.', "Trans-Cambria Rail", "Operator"),
    # (not the short form in brackets the tagger took in half of)
    ('09:14 — The Meteorological Service of Nordmark (MSN) has raised its warning to red. "This is a dangerous '
     'storm," the service said on its website.', "Meteorological Service of Nordmark", None),
    # a Korean given name the tagger took, with the family name, for a place
    ('But opposition lawmaker Han Seo-yeon said it sent "the wrong message about corruption."',
     "Han Seo-yeon", "opposition lawmaker"),
    # a body's office, then its holder set off by commas
    ("The Federation of Coastal Towns' transport chief, Pilar Okonjo-Reyes, said the line would reopen.",
     "Pilar Okonjo-Reyes", "Federation of Coastal Towns' transport chief"),
    # a title before 'of' names an office, not a title before a name
    ("The Office of the Director of Public Prosecutions said it would not bring charges.",
     "Director of Public Prosecutions", "Office"),
])
def test_titles_occupations_and_names_the_tagger_cut(nlp: Language, text: str, speaker: str, role: str) -> None:
    [s] = run(LEAD + text, nlp)
    assert (s.speaker, s.role) == (speaker, role)


@pytest.mark.parametrize(("text", "speaker"), [
    # the full name in a sentence that holds no statement, where the tagger found only part of it
    ("Fergus McTavish and Hamish Drummond opened the inn in 2004. McTavish says Drummond forged his signature.",
     "Fergus McTavish"),
    # a nickname in quotation marks inside the full name
    ('Desmond "D-Ray" Achebe-Walters won 54% of the vote in Sunday\'s election.\n\nHis first act would be to '
     "publish every contract, Achebe-Walters said.", "Desmond Achebe-Walters"),
    # the first of two family names stands for the whole
    ('Councillor Ramón Ibarra Solís said the port would reopen.\n\n"We are ready," Ibarra told reporters.',
     "Ramón Ibarra Solís"),
    ('Mayor Inés Cárdenas de la Peña said the budget was balanced.\n\n"There is no deficit," Cárdenas said.',
     "Inés Cárdenas de la Peña"),
    # a surname of its own, not the end of a double-barrelled one
    ("Dorota Brandt-Lem, who hid refugees in 1943, died in 1998. Her granddaughter, Ewa Lem, spoke at the "
     'ceremony.\n\n"She would have hated the fuss," Lem said.', "Ewa Lem"),
])
def test_a_speaker_called_by_part_of_a_name_the_article_gives_in_full(nlp: Language, text: str,
                                                                        speaker: str) -> None:
    assert run(LEAD + text, nlp)[-1].speaker == speaker


@pytest.mark.parametrize(("known", "people", "short", "full"), [
    (["Ramón Echeverría Salas"], ["Ramón Echeverría Salas"], "Echeverría", "Ramón Echeverría Salas"),
    (["Isabel Cárdenas", "Isabel Cárdenas de la Vega"], [], "Cárdenas", "Isabel Cárdenas de la Vega"),
    (["Ewa Lem", "Anna Zawadzka-Lem"], [], "Lem", "Ewa Lem"),
    # not a name the article gives no person ('Rachel Maddow Show' is a programme), nor before 'Jr.'
    (["Rachel Maddow Show"], [], "Maddow", "Maddow"),
    (["Joseph R. Biden Jr"], ["Joseph R. Biden Jr"], "Biden", "Biden"),
    # two people with that family name first: either
    (["Ana Ruiz Soto", "Luis Ruiz Mena"], ["Ana Ruiz Soto", "Luis Ruiz Mena"], "Ruiz", "Ruiz"),
])
def test_name_table_family_names(known: list[str], people: list[str], short: str, full: str) -> None:
    assert NameTable(known, GIVEN_NAMES, people).canonical(short) == full


def test_an_interviewee_named_with_a_title_is_the_name(nlp: Language) -> None:
    text = ("Q&A: Dunmere's new police chief on knife crime\n\nChief Constable Ngozi Adeyemi took charge of Dunmere "
            "Police in January. She spoke to the Dunmere Herald about her priorities.\n\nQ: Knife crime is up 30% in "
            'two years. Why?\n\nA: "There is no single reason."\n')
    assert [s.speaker for s in run(text, nlp)] == ["Ngozi Adeyemi"]


@pytest.mark.parametrize(("text", "speakers"), [
    # a short form the text spells out in brackets, or one made of the initials of a name it wrote before
    ("The Nordic Water Council (NWC) said on Monday that reservoirs were at record lows.\n\nLevels would recover "
     "by spring, the NWC said.\n", ["Nordic Water Council", "Nordic Water Council"]),
    ("The Kelvanian Rowing Federation fined the club on Tuesday.\n\nThe club had broken the rules twice, the KRF "
     "said.\n", ["Kelvanian Rowing Federation"]),
    # ... not where two names fit it
    ("The Kelvanian Rowing Federation and the Kestrian Rugby Foundation met on Tuesday.\n\nThe club had broken "
     "the rules twice, the KRF said.\n", ["KRF"]),
])
def test_a_short_form_is_the_name_it_stands_for(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(LEAD + text, nlp)] == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # a double-barrelled surname the tagger only ever takes for a firm's is a person's, for 'he' after it
    ('Quarterback Malik Osei-Tutu threw for 312 yards on Sunday.\n\n"We were ready," Osei-Tutu said.\n\nCoach '
     "Dale Kowalski said it was the team's best game. \"We finished drives,\" Kowalski said.\n\nThe 26-year-old "
     "Osei-Tutu has now thrown 21 touchdown passes this season. He was not thinking about records, he said.\n",
     "Malik Osei-Tutu"),
    # the first of two family names, of a full name the tagger found in a sentence without a statement
    ('Rosa Quispe Condori has spent 30 years as a healer in the valley.\n\n"They took our knowledge," Quispe '
     "said.\n", "Rosa Quispe Condori"),
])
def test_the_person_meant_by_part_of_a_name(nlp: Language, text: str, speaker: str) -> None:
    assert run(LEAD + text, nlp)[-1].speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # a name opening a paragraph with no statement in it, whatever the first name: that paragraph's subject
    ('Tunde Bakare won the race on Sunday.\n\n"This is for my mother," he said.\n', "Tunde Bakare"),
    ("Vanessa Holm spoke first.\n\nMarit Solvang, a 2011 graduate of Kesk College, owes about $64,000 in loans.\n\n"
     '"Nobody plans to sleep in their old bedroom at 31," she said.\n', "Marit Solvang"),
    # ... not words opening a sentence, a party's members, or a headline
    ('Some Republicans stayed away on Sunday.\n\n"This is for my mother," he said.\n', None),
])
def test_a_pronoun_after_a_name_opening_a_paragraph(nlp: Language, text: str, speaker: str | None) -> None:
    assert run(LEAD + text, nlp)[-1].speaker == speaker
