"""Fact-check retrieval: text normalisation, a lexical (BM25) index and the learned score fusion."""
