"""The server watched from the desktop: its health and the alerts it sends (through the agent)."""
