"""The SLA report: a partner's ticket export measured against the deal's exhibit.

``tickets`` reads and checks the rows (CSV or JSON Lines, streamed); ``events`` the optional
pauses and reopen cycles; ``metrics`` says what each metric counts (periods, denominators,
exclusions) in one place; ``measure`` runs every ticket through the deal's clocks into
per-month counts; ``remedies`` turns the counts into penalties and bonuses; ``render`` writes
Markdown, JSON and Word; ``history`` replays an export for ``lint --history``.
"""
