"""Shared core of claimtrack: configuration, Redis key layout and storage."""
