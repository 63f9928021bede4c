"""Start mtprotoproxy 1.0.6 so that it never dials out (test image only; runs on the image's Python 3.9).

Usage: python3 /opt/mtprotoproxy/offline.py /etc/mtprotoproxy/config.py

The config (tests/fixtures/mtprotoproxy.py) already switches off what settings control: masking of bad
clients and the TLS certificate fetch (MASK = False), middle proxies with their config/secret/time
downloads (USE_MIDDLE_PROXY = False, GET_TIME_PERIOD = 0). Two dial-outs have no setting, so this launcher
removes them: the public IP lookup at start (v4/v6.ident.me, icanhazip.com) is skipped, and Telegram's
data centres, dialled after a client completes the full MTProto handshake, point at loopback.
The container also runs with --dns 127.0.0.1 and those hosts mapped to 127.0.0.1 as a second fence.
"""

import sys

sys.path.insert(0, "/opt/mtprotoproxy")

if len(sys.argv) != 2:
    sys.stderr.write("usage: offline.py CONFIG_PATH\n")
    sys.exit(2)

# Imported after the argv check: mtprotoproxy's module code exits with its usage text without an argument.
import mtprotoproxy as mp

LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"

mp.TG_DATACENTERS_V4 = [LOOPBACK_V4] * len(mp.TG_DATACENTERS_V4)
mp.TG_DATACENTERS_V6 = [LOOPBACK_V6] * len(mp.TG_DATACENTERS_V6)
mp.TG_MIDDLE_PROXIES_V4 = {dc: [(LOOPBACK_V4, 8888)] for dc in mp.TG_MIDDLE_PROXIES_V4}
mp.TG_MIDDLE_PROXIES_V6 = {dc: [(LOOPBACK_V6, 8888)] for dc in mp.TG_MIDDLE_PROXIES_V6}
mp.init_ip_info = lambda: None

mp.init_config()
mp.print_tg_info()
print("mtprotoproxy-offline: starting", flush=True)
mp.main()
