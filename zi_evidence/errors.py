"""Domain errors. Each message says what went wrong, with which file, and what to do.

Only ``cli.py`` turns them into click errors; per-file problems are data, never exceptions.
"""


class ZiError(Exception):
    """Base of every error zi-evidence reports to its user."""


class ConfigError(ZiError):
    """The repository configuration is missing or invalid."""


class RulesetError(ZiError):
    """A rule set file is invalid or cannot be found."""


class PluginError(ZiError):
    """Plugins contradict each other (for example two register the same name)."""


class StateError(ZiError):
    """The tool's own state folder cannot be used."""
