"""What every command shares: the project settings, loaded once, and the common options.

The group (:func:`contractgen.cli.cli`) opens a :class:`SettingsStore` for the invocation; a
command asks it for the settings with :func:`project_settings`, passing its ``--config`` value,
so the configuration file is read once however many parts of the command need it (the build
options, the lint policy, the clause library). Options that mean the same thing in several
commands are declared once here and applied as decorators::

    @click.command()
    @library_option
    @config_option
    def tickets(libraries: tuple[Path, ...], config_path: Path | None) -> None:
        settings = project_settings(config_path)
        libraries = libraries or settings.libraries
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

if TYPE_CHECKING:
    from contractgen.config import ProjectConfig

F = TypeVar("F", bound=Callable[..., object])


class SettingsStore:
    """The settings read in one invocation: one file, read once, whichever command asks."""

    def __init__(self) -> None:
        self._loaded: dict[Path | None, ProjectConfig] = {}

    def get(self, config_path: Path | None = None) -> ProjectConfig:
        """The named configuration file's settings, else the nearest file's (or none)."""
        if config_path not in self._loaded:
            from contractgen.config import load_project_config

            self._loaded[config_path] = load_project_config(config_path)
        return self._loaded[config_path]


def project_settings(config_path: Path | None = None) -> ProjectConfig:
    """The settings for the running command (outside a command: read now, not kept)."""
    ctx = click.get_current_context(silent=True)
    store = ctx.find_root().obj if ctx is not None else None
    if not isinstance(store, SettingsStore):
        store = SettingsStore()
    return store.get(config_path)


def library_option(f: F) -> F:
    """``--library DIR`` (repeatable) → ``libraries: tuple[Path, ...]``."""
    return click.option(
        "--library",
        "libraries",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="A company clause library layered over the built-in one (repeatable; later wins; "
        "default: the configuration's library).",
    )(f)


def config_option(f: F) -> F:
    """``--config FILE`` → ``config_path: Path | None``."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Configuration file (default: the nearest contractgen.toml, or pyproject.toml with "
        "a [tool.contractgen] table).",
    )(f)
