"""mtpm remote agent: per-user traffic, history, limits, expiry and throttling on the server.

Standard library only, Python 3.8+, relative imports only: this package ships inside the desktop app as
`mtpm_desktop.remote_agent` and is deployed to the server as `mtpm_agent` under `<root>/agent/`, where it
runs as root with the host's python3 (`python3 -m mtpm_agent <command> --root <root>`).
"""

# Bump on a change of the agent's CLI/JSON contract. The deployed VERSION file also carries a hash of the
# package's files (see mtpm_desktop.remote.agent_client), so any code change triggers an upgrade.
AGENT_VERSION = "1.0"
