"""Read-only access to the evidence tree: names, the walk."""
