"""JSON Schemas of zi-evidence's files, shipped inside the package as ``zi_evidence.schemas``."""
