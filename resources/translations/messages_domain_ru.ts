<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Add an {rtype} record {name} -&gt; {value} at your DNS provider.</source>
            <translation>Добавьте запись {rtype} {name} -&gt; {value} у своего DNS-провайдера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Change the {rtype} record {name} to {value} (it points to {found}).</source>
            <translation>Измените запись {rtype} {name} на {value} (сейчас она указывает на {found}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>DNS for {domain} is not ready: {problems}</source>
            <translation>DNS для {domain} не готов: {problems}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>DNS for {domain} points at this server.</source>
            <translation>DNS для {domain} указывает на этот сервер.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/subdomains.py" />
            <source>Per-user subdomains need the server's own domain: set server_domain first (e.g. settings set server_domain proxy.example.org).</source>
            <translation>Для поддоменов пользователей нужен собственный домен сервера: сначала задайте server_domain (например, settings set server_domain proxy.example.org).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Set server_ip to the server's public IPv4 address first, so the DNS records can be checked.</source>
            <translation>Сначала задайте в server_ip публичный IPv4-адрес сервера, чтобы можно было проверить DNS-записи.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>The server could not look up its own domain (exit {code}: {output}).</source>
            <translation>Сервер не смог разрешить собственный домен (код {code}: {output}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>The {rtype} record {name} -&gt; {value} is seen here ({here}) but not on the server ({server}), or the other way round; wait for the DNS caches to expire (up to the record's TTL) and check again.</source>
            <translation>Запись {rtype} {name} -&gt; {value} видна здесь ({here}), но не на сервере ({server}), или наоборот; подождите, пока истекут DNS-кэши (до TTL записи), и проверьте снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>This computer could not look up {name} ({error}); check its network or pass a DNS server with --resolver.</source>
            <translation>Этот компьютер не смог разрешить {name} ({error}); проверьте сеть или укажите DNS-сервер через --resolver.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>{value!r} is not a DNS server address (IP or IP:PORT, e.g. 1.1.1.1:53).</source>
            <translation>{value!r} — не адрес DNS-сервера (IP или IP:ПОРТ, например 1.1.1.1:53).</translation>
        </message>
    </context>
</TS>
