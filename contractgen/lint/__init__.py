"""contractgen lint: find contradictory or unrealistic targets in a deal spec before signing.

The package is split so that each run pays only for what it uses: :mod:`.problem` (the finding
record), :mod:`.registry` (the static rule catalogue), :mod:`.config` (policy from TOML),
:mod:`.engine` (runs the rules), :mod:`.formatters` (text, JSON, SARIF, GitHub) and :mod:`.cli`.
Nothing is imported here, so ``import contractgen.lint`` stays instant.
"""
