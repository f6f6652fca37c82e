"""Tests of contractgen lint: the rule catalogue, policy, formats and the command line."""
