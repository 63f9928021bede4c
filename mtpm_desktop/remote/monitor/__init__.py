"""Health and alerts of a server, read through the agent. Imports core, errors, ssh, agent_client."""
