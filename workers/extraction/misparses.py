"""Content of a verb of saying that the small English model misparses: a clause read as an object, an
adverbial or a noun's, a verb tagged as a noun, and the nouns that tell such readings apart."""
from __future__ import annotations

from spacy.tokens import Token

from .attribution import has_own_subject
from .cues import is_speech_verb
from .lexicon import (
    FINITE_OR_MODAL,
    SPEECH_FORMS,
    SUBJECT_DEPS,
    is_title_word,
    wordset,
)


def clause_with_a_noun_for_verb(v: Token, content: list[Token]) -> bool:
    """'said the words "lump" Muslims together': a clause of the verb of saying with a subject, whose verb
    the tagger took for a noun. Only after verbs that take no object ('declared him the victor' is none)
    and where the verb has none ('said a few words, the players quiet')."""
    return SPEECH_FORMS.get(v.lower_) in _NO_OBJECT_CUES and not any(c.dep_ == "dobj" for c in v.children) and any(
        c.dep_ == "ccomp" and c.head == v and (c.pos_ == "NOUN" or c.lower_ in _CONTRACTED) and _verb_read_as_noun(c)
        for c in content)


# contracted verbs the tagger may take for quotation marks ('saying it’s “all about management”')
_CONTRACTED = frozenset({"'s", "’s", "'re", "’re", "'m", "’m"})


def _verb_read_as_noun(noun: Token) -> bool:
    """A noun (or contracted verb) with a subject and none of a noun's own modifiers ('the figures "lump" the
    farms with ...'; not 'predicted the incumbent an easy win', 'said the suspect a local man')."""
    deps = {c.dep_ for c in noun.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and not deps & {"det", "poss", "amod", "nummod", "compound"}


# verbs of saying that take no object besides what was said ('said the figures show that ...')
_NO_OBJECT_CUES = frozenset({"say", "claim", "argue", "insist", "add", "state", "note", "suggest", "predict"})


# objects that are what was said ('said something', 'said so')
_OBJECTS_SAID = wordset("something nothing anything everything little much more less that this it so what words")


def subject_read_as_object(v: Token, cc: Token) -> list[Token]:
    """'Garin said his focus groups and other research show that ...': the tagger took 'show' for a
    noun, so the parse made the content's subject the verb's object and hung the rest from the verb.
    'say' takes no object besides what was said: an object right before its content clause, with no
    comma between, opens the content."""
    if SPEECH_FORMS.get(v.lower_) not in _NO_OBJECT_CUES:
        return []
    if (subject := _subject_of_bare_clause(v, cc)) is not None:
        return list(v.doc[subject.left_edge.i:cc.left_edge.i])
    obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i and c.right_edge.i < cc.left_edge.i), None)
    if obj is None or any(t.is_punct for t in v.doc[v.i + 1:cc.left_edge.i]) or obj.lower_ in _OBJECTS_SAID:
        return []
    if any(t.dep_ in ("relcl", "acl") for t in obj.subtree):
        return []  # 'said something that surprised the council': an object after all
    return list(v.doc[obj.left_edge.i:cc.left_edge.i])


def _subject_of_bare_clause(v: Token, cc: Token) -> Token | None:
    """'Hemsley said the days when the town had "one story" are gone': the parse hangs a long subject
    from the verb of saying (as its object, or as a noun of time) and leaves the content clause without
    one. A noun right before such a finite clause is its subject, whatever it holds; commas only around
    a clause or apposition of its own ('argued the pipeline, which farmers back, "would fail"')."""
    opener = cc.left_edge
    if any(c.dep_ in SUBJECT_DEPS for c in cc.children) or cc.tag_ == "VBG" or (
            cc.tag_ == "VB" and not any(c.dep_ == "aux" for c in cc.children)) or (
            opener.i != cc.i and (opener.dep_ == "mark" or opener.tag_ in ("WDT", "WP", "WRB"))):
        return None
    noun = next((c for c in v.children if c.dep_ in ("dobj", "npadvmod") and v.i < c.i
                 and c.right_edge.i + 1 == cc.left_edge.i and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or noun.lower_ in _OBJECTS_SAID:
        return None
    inserted = {i for c in noun.children if c.dep_ in ("relcl", "acl", "appos")
                for i in (c.left_edge.i - 1, c.right_edge.i + 1)}
    if any(t.text in (",", ";", ":", "—", "-") and t.i not in inserted for t in v.doc[noun.left_edge.i:cc.left_edge.i]):
        return None
    return noun


# Nouns of the occasion of speaking: 'told reporters on a conference call that ...'
_OCCASIONS = frozenset({"call", "interview", "briefing", "conference", "statement", "address", "speech", "video",
                        "message", "post", "meeting", "appearance", "session", "broadcast", "podcast", "show",
                        "programme", "program", "hearing", "rally", "event", "visit", "trip", "remarks",
                        "summit", "forum", "debate", "letter", "op-ed", "column", "tweet", "email"})


def clause_read_as_adverbial(v: Token) -> list[Token]:
    """'Quell said after the vote he would refuse ...': the parser reads the content as an
    adverbial clause when a phrase comes between; one to the right, with a subject of its own, no
    subordinator ('because', 'when', 'if') and no comma before it, is the content."""
    for c in v.children:
        if (c.dep_ == "advcl" and c.i > v.i and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                and not any(g.dep_ == "mark" for g in c.children)
                and c.left_edge.dep_ not in ("mark", "advmod") and c.left_edge.tag_ != "WRB"
                and not any(t.text == "," for t in v.doc[v.i + 1:c.left_edge.i])):
            return [c]
    return []


def that_clause_misread(v: Token) -> list[Token]:
    """'Crane posted late on Sunday night that Lund was "a fraud"': with a phrase between, the
    parser may hang the content from the verb as an adverbial or unlabelled clause, with 'that' as an
    adverb. A clause to the right opened by 'that', with a subject of its own and no comma before
    it, is the content."""
    for c in v.children:
        first = c.left_edge
        if (c.dep_ in ("advcl", "dep") and c.i > v.i and c.pos_ in ("VERB", "AUX") and first.lower_ == "that"
                and first.dep_ in ("advmod", "mark") and first.i > v.i
                and _subject_besides_that(c) and not any(t.text == "," for t in v.doc[v.i + 1:first.i])):
            return [c]
    return []


def misread_content(v: Token) -> list[Token]:
    """'told reporters on a conference call that the talks had stalled': the parser often reads the
    content as a relative clause of a noun in a prepositional phrase of the verb. A clause opened by
    'that' with a subject of its own, right after such a noun, is the content: after an occasion's
    noun always; after a noun of people ('told the crowd at her rally for nurses that she had ...')
    where the parse itself reads 'that' as a subordinator, not as the clause's object. Other nouns
    may own such a clause ('responded to the ruling that ...', 'reports that ...') or take it as a
    relative clause ('about the night that the factory burned down', 'about the events that the police
    described'); where the parse reads 'that' as a subordinator after the when or where of saying (no
    topic: 'responded to criticism that ...'), any noun but those that own a clause or tell a time will
    do ('during a visit to the plant that ...'). The noun right before 'that' decides, also where the
    parse hangs the clause higher up ('in one of a series of posts that ...') or from a gerund ('said
    after meeting the union leaders that ...'). The same holds in the object of 'tell' ('told a meeting
    of island leaders that ...')."""
    tell = SPEECH_FORMS.get(v.lower_) == "tell"
    for prep in (c for c in v.children if c.dep_ == "prep" or (tell and c.dep_ in ("dobj", "dative"))):
        for head in prep.subtree:
            if head.pos_ in ("NOUN", "PROPN"):
                clauses = [c for c in head.children if c.dep_ in ("relcl", "acl")]
            elif head.tag_ == "VBG" and not is_speech_verb(head):
                clauses = [c for c in head.children if c.dep_ == "ccomp"]
            else:
                continue
            for clause in clauses:
                first = clause.left_edge
                if first.lower_ != "that" or not _subject_besides_that(clause):
                    continue
                last = first.doc[first.i - 1]  # the noun right before 'that'
                if last.i != head.i and not (last.pos_ == "NOUN" and last in head.subtree):
                    continue
                subordinator = first.dep_ == "mark" and first.head == clause
                if occasion_noun(last) or (subordinator and (people_noun(last) or plural_occasion_noun(last) or (
                        prep.dep_ == "prep" and not _topic(prep) and last.pos_ in ("NOUN", "PROPN")
                        and last.lower_ not in _OWNERS and last.ent_type_ not in ("DATE", "TIME")))):
                    return [clause]  # (in the object of 'tell', only people: not 'told a tale that ...')
    return []


_TOPIC_PREPS = wordset("to about on of over regarding concerning against amid despite")


def _topic(prep: Token) -> bool:
    """'responded to criticism that ...', 'wrote about the myth that ...', 'said in response to claims
    that ...': what was answered or discussed, whose 'that' clause is its own."""
    return prep.lower_ in _TOPIC_PREPS or any(c.lower_ in ("response", "reply", "reaction", "answer")
                                              for c in prep.children)


# Nouns that may own a 'that' clause as what they hold ('the ruling that ...'), or whose 'that' clause
# tells a time ('the night that ...')
_OWNERS = wordset("""ruling rulings report reports claim claims news idea ideas fact facts view views belief beliefs
notion suggestion suggestions evidence fear fears hope hopes concern concerns warning warnings assurance
assurances promise promises allegation allegations accusation accusations rumour rumours rumor rumors speculation
argument arguments theory theories decision decisions finding findings conclusion conclusions sign signs word
assertion assertions charge charges proof impression sense feeling feelings
night nights day days week weeks month months year years time times moment moments morning evening afternoon
hour hours era period season""")


_PEOPLE = wordset("""people voters members residents workers nurses doctors teachers farmers students parents
supporters followers fans crowd crowds audience audiences reporters journalists donors veterans delegates
lawmakers legislators senators officials employees staff troops soldiers police judge judges jury panel
congregation listeners viewers readers guests colleagues friends allies leaders executives investors
shareholders customers citizens activists protesters demonstrators union unions party""")


def occasion_noun(noun: Token) -> bool:
    """'on a conference call', 'for the first time': when, where or how it was said."""
    word = noun.lower_
    return word in _OCCASIONS or (word == "time" and any(c.lower_ in ("first", "last") for c in noun.children))


def plural_occasion_noun(noun: Token) -> bool:
    """'in interviews', 'at briefings': plural occasions, which may also head a relative clause ('the
    events that the police had described'), so only where the parse reads 'that' as a subordinator."""
    word = noun.lower_
    return word.endswith("s") and (word[:-1] in _OCCASIONS or word[:-2] in _OCCASIONS)


def people_noun(noun: Token) -> bool:
    """A noun of people, who may be told things but cannot own a 'that' clause as its content."""
    return noun.lower_ in _PEOPLE or noun.ent_type_ in ("PERSON", "NORP") or is_title_word(noun.text)


def gerund_read_as_complement(v: Token) -> list[Token]:
    """'He said lifting it could bring boats back': the parser hangs the content from its
    gerund subject, read as a complement of the verb. A gerund right after the verb whose clause
    has a subject or a finite verb of its own is the content ('said having Holt on the ticket puts
    ...'; 'admitted saying the vote was rigged' leaves 'saying' its own cue)."""
    for c in v.children:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == v.i + 1 and not is_speech_verb(c) and any(
                g.dep_ == "ccomp" and (has_own_subject(g) or g.tag_ in FINITE_OR_MODAL) for g in c.children):
            return [c]
    return []


def _subject_besides_that(clause: Token) -> bool:
    """A subject of the clause's own other than an opening 'that' the parse read as one."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children)
