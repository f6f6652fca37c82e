"""The clause library: Jinja2 clause templates, their layers, and assembly into exhibits.

Importing this package imports nothing heavy: :mod:`contractgen.library.slug` is used by the
build step for folder names even when no template is rendered, so the Jinja2 machinery lives in
the submodules (``assemble``, ``env``, ``loader``) and is imported only by those who render.
"""
