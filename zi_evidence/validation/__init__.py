"""Findings about the evidence: the check contract, the context plugins see, which answers it supports."""
