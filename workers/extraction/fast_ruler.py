"""spaCy's attribute ruler with its per-token results memoised: the same annotations, a fraction of the time.

In en_core_web_sm the attribute ruler (tag -> POS and morphology, a few exceptions) took more
time than the parser: its Matcher walks every token through 180 patterns. All but eight of those
patterns look at one token only, through its TAG, DEP, IS_SPACE and whether its LOWER is one of
about 150 words (or matches a regex), so which of them match a token is a function of those, and
so is what they set on it (POS, MORPH, LEMMA, TAG, DEP): every token starts the ruler with the
same unset POS, MORPH and LEMMA. This ruler runs the real Matcher on a token only when it meets a
combination it has not seen (a few thousand exist), and remembers the result.

The multi-token patterns ('there is', 'gon na') go through a second Matcher that holds only them;
a token they touch gets every matching rule applied in the real ruler's order (later rules win),
and so does a token that arrives with POS, MORPH or LEMMA already set (no remembered result fits
it). Rules added or cleared later (`add`, `clear`, the `load_from_*` methods) rebuild the memo.
`tests/test_extraction.py` checks the result is the real ruler's, token for token.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, MorphAnalysis, Token
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "claimtrack_memo_attribute_ruler"
SINGLE_TOKEN_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})
REMEMBERED = frozenset({POS, MORPH, LEMMA, TAG, DEP})  # the attributes `finals` holds
MAX_KEYS = 200_000  # a bound for rule sets that key on every word (this model's keys number ~1,300)

_Key = tuple[int, int, int, bool, int]
_Final = tuple[int, MorphAnalysis, int, int, int]


class MemoAttributeRuler(AttributeRuler):
    """An AttributeRuler that remembers, per (LOWER, TAG, DEP, IS_SPACE), its single-token rules' result."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.rules: dict[_Key, tuple[int, ...]] = {}  # the single-token rules that match, in order
        self.finals: dict[_Key, _Final] = {}  # what they leave on a token that arrives unannotated
        self.words: frozenset[int] | None = frozenset()  # the LOWER values rules test (None: any)
        self.regexes: list[re.Pattern[str]] = []  # LOWER regexes rules test
        super().__init__(*args, **kwargs)
        self.multi = Matcher(self.vocab)  # the multi-token rules (rebuilt on every add)

    def add(self, *args: Any, **kwargs: Any) -> None:
        super().add(*args, **kwargs)  # add_patterns and the load_from_* methods come through here
        self._rebuild()

    def clear(self) -> None:
        super().clear()
        self._rebuild()

    def _rebuild(self) -> None:
        """Derive the multi-token Matcher and the key's word set from the rules; forget results."""
        self.rules, self.finals = {}, {}  # new dicts, not cleared ones: a call in progress keeps its own
        self.multi = Matcher(self.vocab)
        words: set[int] | None = set()
        self.regexes = []
        for attr_id in range(len(self.attrs)):
            if not set(self.attrs[attr_id]) <= REMEMBERED:
                raise ValueError(f"attribute rule {attr_id} sets more than POS, MORPH, LEMMA, TAG and DEP")
            key = self.vocab.strings[str(attr_id)]
            for pattern in self.matcher.get(key)[1]:
                if len(pattern) > 1:
                    self.multi.add(key, [pattern])
                    continue
                if any(k not in SINGLE_TOKEN_KEYS for k in pattern[0]):
                    raise ValueError(f"attribute rule {pattern} tests more than LOWER, TAG, DEP and IS_SPACE")
                lower = pattern[0].get("LOWER")
                if isinstance(lower, str):
                    words = None if words is None else words | {self.vocab.strings.add(lower)}
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    words = None if words is None else words | {self.vocab.strings.add(w) for w in lower["IN"]}
                elif isinstance(lower, dict) and set(lower) == {"REGEX"}:
                    self.regexes.append(re.compile(lower["REGEX"]))
                elif lower is not None:
                    words = None  # another kind of test: key on the word itself
        self.words = None if words is None else frozenset(words)

    def _key(self, token: Token) -> _Key:
        lower = token.lower if self.words is None or token.lower in self.words else 0
        regex_bits = sum(1 << k for k, r in enumerate(self.regexes) if r.search(token.lower_))
        return (lower, token.tag, token.dep, token.is_space, regex_bits)

    def __call__(self, doc: Doc) -> Doc:
        keys = [self._key(t) for t in doc]
        if len(self.rules) > MAX_KEYS:
            self.rules, self.finals = {}, {}
        rules, finals = self.rules, self.finals
        for token, key in zip(doc, keys, strict=True):
            if key not in rules:  # the full Matcher on this one token: which single-token rules match
                rules[key] = tuple(sorted(int(self.vocab.strings[m]) for m, _, _ in self.matcher(
                    doc[token.i:token.i + 1], allow_missing=True)))
        touched: dict[int, list[int]] = {}  # token index -> multi-token rules that set something on it
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            touched.setdefault(doc[start:end][self.indices[attr_id]].i, []).append(attr_id)
        for token, key in zip(doc, keys, strict=True):
            if token.i in touched:
                self._apply(token, sorted([*rules[key], *touched[token.i]]))
            elif token.pos or token.lemma or token.has_morph():  # annotated before: no remembered result fits
                self._apply(token, rules[key])
            elif key in finals:
                token.pos, token.morph, token.lemma, token.tag, token.dep = finals[key]
            else:
                self._apply(token, rules[key])
                finals[key] = (token.pos, token.morph, token.lemma, token.tag, token.dep)
        return doc

    def _apply(self, token: Token, attr_ids: Any) -> None:
        for attr_id in attr_ids:
            set_token_attrs(token, self.attrs[attr_id])


@Language.factory(FACTORY)
def make_memo_attribute_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.vocab, name)


def memoise_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for a memoised one with the same rules, in place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    original = nlp.get_pipe("attribute_ruler")
    assert isinstance(original, AttributeRuler)
    patterns = original.patterns
    ruler = nlp.replace_pipe("attribute_ruler", FACTORY)
    assert isinstance(ruler, MemoAttributeRuler)
    ruler.add_patterns(patterns)
