"""Commands of this group are added here (work in progress in another change)."""
