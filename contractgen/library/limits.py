"""Documented bounds on what one clause template may do while it renders.

Clause templates can come from a company library that nobody here has reviewed, and a batch
renders hundreds of deals on a shared machine, so a template must not be able to hang the
process or exhaust its memory. Jinja2's sandbox blocks attribute reach but bounds neither loops
nor output; these limits do, and each breach stops the clause with a message naming it.
"""

MAX_OUTPUT_CHARS = 1_000_000
"""Characters one clause may render. A real clause is 1–15 KB; a megabyte means a runaway."""
MAX_STEPS = 200_000
"""Loop iterations plus function, filter and macro calls while rendering one clause."""
MAX_RANGE = 10_000
"""Items one ``range()`` may produce."""
MAX_VALUE_CHARS = 100_000
"""Length of a string or list built by ``*``, ``%``, ``join``, ``replace`` or a namespace."""
MAX_INT_BITS = 10_000
"""Size of an integer built by ``*`` or ``**`` (about 3,000 decimal digits)."""
MAX_TEMPLATE_CHARS = 200_000
"""Characters in one template file of a library."""
MAX_LIBRARY_FILES = 1_000
"""Template files in one library layer."""
