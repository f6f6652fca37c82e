"""Redlines: what changed between two versions of a deal, as a change list and as Word tracked
changes.

contractgen knows both specs, so it can say *why* the text changed (``specdiff``) as well as
*where* (``engine`` over the two rendered documents). The engine works on WordprocessingML
directly and never on typed numbers: numbering, bookmarks and fields are compared as atoms, so a
clause inserted before others is one insertion, not a renumbering of everything after it.
"""
