"""The SSH connection: profiles, keys, transport, exec, SFTP, Docker. Imports core, remote.errors."""
