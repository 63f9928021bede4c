"""mtpm_desktop.core: the pure domain core (no Qt, no network, no I/O but packaged resources; mypy strict).

Modules, one job each:
  errors      MtpmError and the specific errors a user sees
  validation  names, domains (IDN → punycode), port numbers, limits, instants
  state       the state file: ServerState/User dataclasses, load (repair + Problem list) and dump
  secret      FakeTLS secrets: generate, parse hex / URL-safe base64, refuse dd/plain/standard base64
  ports       port rules: the range, reserved ports, the lowest free port (knows no state)
  user_ports  the port a new user gets, and whether a chosen one is free on a server
  links       tg:// and https://t.me links
  domains     the SNI domain pool and picking free domains
  limits      effective limits (inherit / unlimited), quota periods, expiry
  users       pure user edits, each returning a new state
  faketls     the FakeTLS handshake (ClientHello / reply check) used by link checks and tests
"""
