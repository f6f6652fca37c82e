"""Availability targets: the nines and the downtime they allow."""
