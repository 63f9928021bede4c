"""The website: nginx part, ACME certificates, renewal. Imports core, errors, port443, agent_client."""
