<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>A browser opening {name} gets the site's valid certificate.</source>
            <translation>Браузер, открывающий {name}, получает действительный сертификат сайта.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>A name the server does not know gets a certificate for {names}.</source>
            <translation>На неизвестное серверу имя приходит сертификат для {names}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>A name the server does not know is refused in the handshake ({why}).</source>
            <translation>Неизвестное серверу имя отклоняется при рукопожатии ({why}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>A plain TLS client asking for {name} does not get a valid certificate ({why}); a censor's probe can tell the proxy from a website.</source>
            <translation>Обычный TLS-клиент, запрашивающий {name}, не получает действительного сертификата ({why}); зонд цензора может отличить прокси от сайта.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Add an {rtype} record {name} -&gt; {value} at your DNS provider.</source>
            <translation>Добавьте запись {rtype} {name} -&gt; {value} у своего DNS-провайдера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Buy a domain, add an A record for it and one for *.it pointing at the server, then set server_domain (see "Your own domain" in the user guide).</source>
            <translation>Купите домен, добавьте A-запись для него и для *.домена с адресом сервера, затем задайте server_domain (см. «Свой домен» в руководстве пользователя).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Change the {rtype} record {name} to {value} (it points to {found}).</source>
            <translation>Измените запись {rtype} {name} на {value} (сейчас она указывает на {found}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Check that {name}'s proxy runs (mtpm reconcile) and its port is open.</source>
            <translation>Проверьте, что прокси пользователя {name} запущен (mtpm reconcile) и его порт открыт.</translation>
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
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Enable the server's website (mtpm site enable) so probes and browsers get a real page.</source>
            <translation>Включите сайт сервера (mtpm site enable), чтобы зонды и браузеры получали настоящую страницу.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Issue a certificate from a public CA for {name}.</source>
            <translation>Выпустите сертификат публичного удостоверяющего центра для {name}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Issue a certificate that covers {name} (mtpm site renew --force).</source>
            <translation>Выпустите сертификат, включающий {name} (mtpm site renew --force).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Make the certificate cover the users' names (mtpm site renew --force).</source>
            <translation>Включите имена пользователей в сертификат (mtpm site renew --force).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>No website answers with TLS for {name} on {where} ({why}); the certificate was not checked.</source>
            <translation>Ни один сайт не отвечает по TLS для {name} на {where} ({why}); сертификат не проверен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>No website: a browser opening a user's name gets nothing.</source>
            <translation>Сайта нет: браузер, открывающий имя пользователя, ничего не получает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Nothing answers on {port}.</source>
            <translation>На порту {port} никто не отвечает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Open TCP port {port} in the server's firewall and the provider's security group, then run `mtpm reconcile` so the proxies listen.</source>
            <translation>Откройте TCP-порт {port} в файрволе сервера и в группе безопасности провайдера, затем выполните `mtpm reconcile`, чтобы прокси слушали.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/subdomains.py" />
            <source>Per-user subdomains need the server's own domain: set server_domain first (e.g. settings set server_domain proxy.example.org).</source>
            <translation>Для поддоменов пользователей нужен собственный домен сервера: сначала задайте server_domain (например, settings set server_domain proxy.example.org).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Port {port} on {host} answers.</source>
            <translation>Порт {port} на {host} отвечает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Port {port} on {host} does not answer ({error}).</source>
            <translation>Порт {port} на {host} не отвечает ({error}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Reject unknown names in the handshake: mtpm settings set sni_unknown reject.</source>
            <translation>Отклоняйте неизвестные имена при рукопожатии: mtpm settings set sni_unknown reject.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Renew it now (mtpm site renew --force) and check why renewal did not run.</source>
            <translation>Обновите его сейчас (mtpm site renew --force) и выясните, почему не сработало автообновление.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Renew the certificate (mtpm site renew --force) and check the renewal timer.</source>
            <translation>Обновите сертификат (mtpm site renew --force) и проверьте таймер обновления.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Run `mtpm reconcile`: it writes the rules client_mss asks for (or removes them).</source>
            <translation>Выполните `mtpm reconcile`: он запишет правила, которых требует client_mss (или удалит их).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Serve the full chain (the certificate followed by its intermediates), not the leaf alone.</source>
            <translation>Отдавайте полную цепочку (сертификат и за ним промежуточные), а не один конечный сертификат.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>Set server_ip to the server's public IPv4 address first, so the DNS records can be checked.</source>
            <translation>Сначала задайте в server_ip публичный IPv4-адрес сервера, чтобы можно было проверить DNS-записи.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>The TCP MSS rules on the server do not match client_mss ({tools}).</source>
            <translation>Правила TCP MSS на сервере не соответствуют client_mss ({tools}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>The certificate for {name} is valid for {days} more days (names: {names}; issuer: {issuer}).</source>
            <translation>Сертификат для {name} действителен ещё {days} дн. (имена: {names}; издатель: {issuer}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>The certificate on {where} for {name} is not accepted: {error} (names: {names}; valid until {until}).</source>
            <translation>Сертификат на {where} для {name} не принимается: {error} (имена: {names}; действителен до {until}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>The server could not look up its own domain (exit {code}: {output}).</source>
            <translation>Сервер не смог разрешить собственный домен (код {code}: {output}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>The server has no domain of its own; links borrow big sites' names.</source>
            <translation>У сервера нет своего домена; ссылки заимствуют имена крупных сайтов.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>The server's clock is {seconds:+.1f} s from this computer's.</source>
            <translation>Часы сервера отличаются от часов этого компьютера на {seconds:+.1f} с.</translation>
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
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Turn on time sync on the server: timedatectl set-ntp true (or install chrony).</source>
            <translation>Включите синхронизацию времени на сервере: timedatectl set-ntp true (или установите chrony).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>Watch the server's packet rate; set client_mss off if the provider complains.</source>
            <translation>Следите за скоростью пакетов сервера; выключите client_mss (off), если провайдер жалуется.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>checking DNS</source>
            <translation>проверяю DNS</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>checking every user's link</source>
            <translation>проверяю ссылку каждого пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>checking ports</source>
            <translation>проверяю порты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>checking the certificate</source>
            <translation>проверяю сертификат</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>client_mss is off: the proxies' SYN-ACKs carry the normal MSS.</source>
            <translation>client_mss выключен: SYN-ACK прокси несут обычный MSS.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>client_mss is {mss}: every client's handshake is split into small packets, which multiplies the packet rate (one provider null-routed a node at about 51k packets/s).</source>
            <translation>client_mss = {mss}: рукопожатие каждого клиента дробится на мелкие пакеты, что многократно увеличивает скорость пакетов (один провайдер заблокировал узел примерно при 51 тыс. пакетов/с).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/doctor.py" />
            <source>{name}'s link works.</source>
            <translation>Ссылка пользователя {name} работает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/dns.py" />
            <source>{value!r} is not a DNS server address (IP or IP:PORT, e.g. 1.1.1.1:53).</source>
            <translation>{value!r} — не адрес DNS-сервера (IP или IP:ПОРТ, например 1.1.1.1:53).</translation>
        </message>
    </context>
</TS>
