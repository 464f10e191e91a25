"""Built-in zi-evidence plugin (work in progress in another change)."""
