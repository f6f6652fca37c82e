"""Documented bounds on what a deal spec may hold.

A spec is typed by hand, but it may also be a pasted file, a generated one or an attack on a
shared build server; these limits keep memory and time bounded on any input and are listed in
the README's table of bad inputs. Each is far above what a real deal needs.
"""

MAX_FILE_BYTES = 1_000_000
"""A real deal spec is 5–30 KB; one megabyte leaves room for very long clause texts."""
MAX_NODES = 20_000
"""Values in the document after alias expansion: stops "billion laughs" alias bombs."""
MAX_ALIASES = 100
"""Alias references (``*name``) in one document."""
MAX_DEPTH = 20
"""Nesting depth of mappings and lists; the model itself is at most six deep."""
MAX_LIST_ITEMS = 100
"""Items in one list: penalties, rewards, triggers, contacts, matrix rows."""
MAX_STRING_LENGTH = 200
"""Characters in a name (a company, a person, a role)."""
MAX_TEXT_LENGTH = 4_000
"""Characters in one free-text value (a definition, an example, a criterion)."""
