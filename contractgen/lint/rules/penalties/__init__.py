"""Penalty rows and the clauses that keep penalties fair and signable."""
