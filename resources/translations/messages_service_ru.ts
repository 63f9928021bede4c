<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>  {line}</source>
            <translation>  {line}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>'{domain}' cannot be used as an SNI domain.</source>
            <translation>«{domain}» нельзя использовать как SNI-домен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/sni_mode.py" />
            <source>'{name}' also uses {domain}</source>
            <translation>«{name}» тоже использует {domain}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>(the old panel's files in {root} were not changed)</source>
            <translation>(файлы старой панели в {root} не изменены)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>A container named {name} already exists and is not managed by this mtpm install. If it is the old web panel's, run `mtpm import-panel`; otherwise remove or rename it.</source>
            <translation>Контейнер с именем {name} уже существует и не управляется этой установкой mtpm. Если это контейнер старой веб-панели, выполните `mtpm import-panel`; иначе удалите или переименуйте его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>A container named {name} already exists and is not this install's port-443 router: remove or rename it, or choose another name with the setting nginx_container_name.</source>
            <translation>Контейнер с именем {name} уже существует и не является маршрутизатором порта 443 этой установки: удалите или переименуйте его либо выберите другое имя в настройке nginx_container_name.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>A move from {old} to {new} was interrupted: finish it with `mtpm server move {old} {new} --resume`, or delete {path} to start over.</source>
            <translation>Переезд с {old} на {new} был прерван: завершите его командой `mtpm server move {old} {new} --resume` или удалите {path}, чтобы начать заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>Another mtpm is writing this server's state and held the lock for over {seconds}s; try again.</source>
            <translation>Другой экземпляр mtpm записывает состояние этого сервера и держит блокировку дольше {seconds} с; попробуйте ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>Cannot connect to {host}:{port}: {reason}.</source>
            <translation>Не удалось подключиться к {host}:{port}: {reason}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>Cannot read the CA file {path}: {error}</source>
            <translation>Не удалось прочитать файл CA {path}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Checking the new nginx config</source>
            <translation>Проверка новой конфигурации nginx</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/bundle.py" />
            <source>Could not collect the server's files and traffic history: {error}</source>
            <translation>Не удалось собрать файлы сервера и историю трафика: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mss.py" />
            <source>Could not set the TCP MSS rules: {output}</source>
            <translation>Не удалось задать правила TCP MSS: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>Could not write {path} on the server: {reason}</source>
            <translation>Не удалось записать {path} на сервере: {reason}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Creating the nginx container</source>
            <translation>Создание контейнера nginx</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>DNS: point {name} ({type}) at {value}.</source>
            <translation>DNS: направьте {name} ({type}) на {value}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>New proxy links ({server})</source>
            <translation>Новые ссылки на прокси ({server})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>No old panel installation found: {path} does not exist on the server.</source>
            <translation>Установка старой панели не найдена: на сервере нет файла {path}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/demo_backend.py" />
            <source>No user with the id {id} on this server.</source>
            <translation>На этом сервере нет пользователя с id {id}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>Not checked yet: {names}</source>
            <translation>Ещё не проверены: {names}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>Not every moved link works on {server} yet, so {old}'s proxies were left running; run the move again with --resume once `mtpm -s {server} check` passes.</source>
            <translation>Не все перенесённые ссылки уже работают на {server}, поэтому прокси на {old} оставлены работать; запустите переезд снова с --resume, когда `mtpm -s {server} check` пройдёт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>Nothing of mtpm's was left on the server.</source>
            <translation>На сервере не осталось ничего от mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Only an IPv6 address goes in brackets, not {host!r}. {hint}</source>
            <translation>В квадратных скобках указывается только IPv6-адрес, а не {host!r}. {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>Port {port} is already in use on the server by another program, so {name}'s proxy cannot start: free it, or move the user (mtpm user set {name} --port P).</source>
            <translation>Порт {port} на сервере уже занят другой программой, поэтому прокси пользователя {name} не может запуститься: освободите порт или перенесите пользователя на другой (mtpm user set {name} --port P).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/sni_mode.py" />
            <source>Port-443 mode needs a different SNI domain for each of the {enabled} enabled users, but only {total} domains exist ({pool} in the pool, {custom} custom) and {missing} more are needed. Add custom domains (popular HTTPS sites, server setting custom_domains) or disable some users; nothing was changed.</source>
            <translation>В режиме порта 443 каждому включённому пользователю (их {enabled}) нужен свой SNI-домен, но доменов всего {total} (в пуле: {pool}, своих: {custom}), а нужно ещё {missing}. Добавьте свои домены (популярные HTTPS-сайты, настройка сервера custom_domains) или отключите часть пользователей; ничего не изменено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Recreating the nginx container</source>
            <translation>Пересоздание контейнера nginx</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Reloading nginx</source>
            <translation>Перезагрузка конфигурации nginx</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>Rollback:</source>
            <translation>Откат:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>SNI listen port</source>
            <translation>порт прослушивания SNI</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Set sni_decoy to host:port of a real HTTPS website (e.g. www.example.com:443), or empty to close.</source>
            <translation>Укажите в sni_decoy адрес host:port настоящего HTTPS-сайта (например, www.example.com:443) или оставьте пустым, чтобы такие соединения закрывались.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>Share sheet: {path}</source>
            <translation>Лист со ссылками: {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Starting the nginx container</source>
            <translation>Запуск контейнера nginx</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/demo_backend.py" />
            <source>Telegram alerts are off on this server: turn them on first.</source>
            <translation>Оповещения в Telegram на этом сервере выключены: сначала включите их.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/config.py" />
            <source>The ACME directory must be an https:// URL (e.g. {default}), not {url!r}.</source>
            <translation>Каталог ACME должен быть адресом https:// (например, {default}), а не {url!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>The base port must be 1024 or higher, not {port}.</source>
            <translation>Базовый порт должен быть не меньше 1024, а не {port}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The bind address</source>
            <translation>Адрес привязки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>The certificate renewal could not run on the server: {output}</source>
            <translation>Обновление сертификата не удалось запустить на сервере: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>The connection was closed while sending the handshake ({error}).</source>
            <translation>Соединение закрылось во время отправки рукопожатия ({error}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The decoy host {text!r} is not a valid host name. {hint}</source>
            <translation>Хост приманки {text!r} не является допустимым именем хоста. {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The decoy port {port} is out of range (1-65535). {hint}</source>
            <translation>Порт приманки {port} вне допустимого диапазона (1-65535). {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The decoy {text!r} cannot be used. {hint}</source>
            <translation>Приманку {text!r} использовать нельзя. {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The decoy {text!r} is not host:port. {hint}</source>
            <translation>Приманка {text!r} записана не в формате host:port. {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/demo_backend.py" />
            <source>The demo has no real server to move users to.</source>
            <translation>В демо-режиме нет настоящего сервера для переезда.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/demo_backend.py" />
            <source>The demo has no real server to restore onto.</source>
            <translation>В демо-режиме нет настоящего сервера для восстановления.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The domain-fronting IP</source>
            <translation>IP-адрес для domain fronting</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The domain-fronting port</source>
            <translation>Порт для domain fronting</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>The firewall could not be updated ({error}); run `mtpm server bootstrap` again to open the ports in use.</source>
            <translation>Не удалось обновить файрвол ({error}); выполните `mtpm server bootstrap` ещё раз, чтобы открыть используемые порты.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/local_backups.py" />
            <source>The keyring could not keep the backup passphrase: {error}</source>
            <translation>Связка ключей не смогла сохранить пароль резервных копий: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/journal.py" />
            <source>The move journal {path} cannot be read ({error}); delete it to start the move again.</source>
            <translation>Журнал переезда {path} не читается ({error}); удалите его, чтобы начать переезд заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The new nginx config could not be checked ({error}); nothing was changed.</source>
            <translation>Не удалось проверить новую конфигурацию nginx ({error}); ничего не изменено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The nginx container could not be set up: {error}</source>
            <translation>Не удалось настроить контейнер nginx: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The nginx container could not start: {error}.</source>
            <translation>Не удалось запустить контейнер nginx: {error}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The nginx container could not start: {error}. Another program (a web server?) already uses port {port} on the server: stop it, or choose another port with the setting sni_listen_port.</source>
            <translation>Не удалось запустить контейнер nginx: {error}. Порт {port} на сервере уже занят другой программой (веб-сервером?): остановите её или выберите другой порт в настройке sni_listen_port.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The nginx container {name} did not start ({status}). Its last output: none</source>
            <translation>Контейнер nginx {name} не запустился ({status}). Он ничего не вывел.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The nginx container {name} did not start ({status}). Its last output: {output}</source>
            <translation>Контейнер nginx {name} не запустился ({status}). Его последний вывод: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>The proxy at {host}:{port} accepted the secret.</source>
            <translation>Прокси на {host}:{port} принял секрет.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>The proxy at {host}:{port} did not accept this secret: {reason}. Check that the link's secret matches the server, and that the server's clock is right.</source>
            <translation>Прокси на {host}:{port} не принял этот секрет: {reason}. Проверьте, что секрет в ссылке совпадает с секретом на сервере и что часы сервера идут верно.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>The proxy engine {engine} cannot read PROXY protocol headers; set proxy_protocol to false (or use an engine that can).</source>
            <translation>Движок прокси {engine} не умеет читать заголовки PROXY protocol; установите proxy_protocol в false (или выберите движок, который это умеет).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The proxy secret must be hex text (ee + 16 bytes + domain).</source>
            <translation>Секрет прокси должен быть шестнадцатеричной строкой (ee + 16 байт + домен).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The public IPv4</source>
            <translation>Публичный IPv4-адрес</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/bundle.py" />
            <source>The server answered the collection in an unexpected form: {error}</source>
            <translation>Сервер ответил на сбор данных в неожиданном виде: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The server cannot get the nginx image {image} ({error}); check its internet access, load the image with `docker load`, or choose another with the setting nginx_image.</source>
            <translation>Сервер не может получить образ nginx {image} ({error}); проверьте его доступ в интернет, загрузите образ через `docker load` или выберите другой в настройке nginx_image.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>The server cannot get the proxy image {image} ({error}); check its internet access or load the image with `docker load`.</source>
            <translation>Сервер не может получить образ прокси {image} ({error}); проверьте его доступ в интернет или загрузите образ через `docker load`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>The server has no `{command}`, which mtpm needs to write its state safely; install it (Debian/Ubuntu: apt-get install {package}).</source>
            <translation>На сервере нет программы `{command}`, которая нужна mtpm для безопасной записи состояния; установите её (Debian/Ubuntu: apt-get install {package}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>The server has no certbot and no apt-get to install it: install your distribution's certbot package on the server, then run `site enable` again.</source>
            <translation>На сервере нет certbot и нет apt-get, чтобы его установить: установите на сервере пакет certbot вашего дистрибутива и снова выполните `site enable`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/bundle.py" />
            <source>The server has no mtpm state ({path}) yet: there is nothing to back up or move.</source>
            <translation>На сервере ещё нет состояния mtpm ({path}): копировать или переносить нечего.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>The server kept a container named {name} busy while mtpm replaced it; run the change again in a moment.</source>
            <translation>Сервер держал занятым контейнер с именем {name}, пока mtpm его заменял; повторите изменение через минуту.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>The server's state changed since it was read (expected revision {expected}, found {found}): someone else edited it. Reload and apply your change again.</source>
            <translation>Состояние сервера изменилось после того, как было прочитано (ожидалась ревизия {expected}, найдена {found}): его изменил кто-то другой. Обновите данные и внесите изменение ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>The site folder {folder} has no index.html: the front page must be there.</source>
            <translation>В папке сайта {folder} нет index.html: главная страница должна быть там.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>The traffic agent is not installed on this server yet; add a user first.</source>
            <translation>Агент учёта трафика на этом сервере ещё не установлен; сначала добавьте пользователя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>The user's port</source>
            <translation>Порт пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>The website is not enabled on this server: run `site enable` first.</source>
            <translation>Сайт на этом сервере не включён: сначала выполните `site enable`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/config.py" />
            <source>The website needs the server's own domain: set it first with `settings set server_domain NAME` (a name whose A record points at this server).</source>
            <translation>Сайту нужен собственный домен сервера: сначала задайте его командой `settings set server_domain ИМЯ` (имя, A-запись которого указывает на этот сервер).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>The {what} must be a port number from 1 to 65535, not {value!r}.</source>
            <translation>Неверный {what}: нужен номер порта от 1 до 65535, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>There is no interrupted move from {old} to {new} to resume.</source>
            <translation>Нет прерванного переезда с {old} на {new}, который можно продолжить.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>This server already has {count} users managed by mtpm; an import would replace them. Remove them first if you really mean to import the old panel.</source>
            <translation>На этом сервере уже есть пользователи mtpm ({count}); импорт заменил бы их. Если вы действительно хотите импортировать старую панель, сначала удалите их.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Two users share the SNI domain {domain} (ports {first_port} and {second_port}); in port-443 mode every enabled user needs a different domain. Give one of them another domain.</source>
            <translation>Два пользователя используют один и тот же SNI-домен {domain} (порты {first_port} и {second_port}); в режиме порта 443 каждому включённому пользователю нужен свой домен. Назначьте одному из них другой домен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>Unknown prefer-ip value {value!r}; use one of {allowed}.</source>
            <translation>Неизвестное значение prefer-ip {value!r}; используйте одно из: {allowed}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/engines.py" />
            <source>Unknown proxy engine {key!r}; known engines: {known}.</source>
            <translation>Неизвестный движок прокси {key!r}; известные движки: {known}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>Unknown setting {key!r}; settings are: {keys}.</source>
            <translation>Неизвестная настройка {key!r}; доступные настройки: {keys}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/user_edits.py" />
            <source>With per-user subdomains on, {name}'s SNI is its own subdomain {domain}; to choose another domain, set user_subdomains to false first.</source>
            <translation>При включённых поддоменах пользователей SNI пользователя {name} — его собственный поддомен {domain}; чтобы выбрать другой домен, сначала установите user_subdomains в false.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>Write an IPv6 decoy in brackets, e.g. [{address}]:443. {hint}</source>
            <translation>Запишите IPv6-адрес приманки в квадратных скобках, например [{address}]:443. {hint}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>applying it to the containers</source>
            <translation>применение к контейнерам</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>apt-get could not install certbot on the server: {output}</source>
            <translation>apt-get не смог установить certbot на сервере: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>certificate renewal: {mode}</source>
            <translation>обновление сертификата: {mode}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>checking every moved link from this computer</source>
            <translation>проверка каждой перенесённой ссылки с этого компьютера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>checking the DNS records of {domain}</source>
            <translation>проверяю DNS-записи {domain}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/link_check.py" />
            <source>checking {name} at {host}:{port}</source>
            <translation>проверка {name} на {host}:{port}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>client_mss must be 92, 128 or off, not {value!r}.</source>
            <translation>client_mss должен быть 92, 128 или off, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mss.py" />
            <source>client_mss needs iptables on the server (with the TCPMSS target); install iptables, or set client_mss to off.</source>
            <translation>Для client_mss на сервере нужен iptables (с целью TCPMSS); установите iptables или выключите client_mss (off).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>could not delete the traffic counters: {error}</source>
            <translation>не удалось удалить счётчики трафика: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>creating the server's state</source>
            <translation>создание состояния сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>creating the users on {server}</source>
            <translation>создание пользователей на {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>creating {container} ({user})</source>
            <translation>создание {container} ({user})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>deleting the user's traffic counters</source>
            <translation>удаление счётчиков трафика пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/backup.py" />
            <source>encrypting the backup</source>
            <translation>шифрование резервной копии</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>exit code {code}</source>
            <translation>код выхода {code}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/site.py" />
            <source>getting the website's certificate</source>
            <translation>получение сертификата сайта</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/rebuild.py" />
            <source>importing the traffic counters and history</source>
            <translation>перенос счётчиков и истории трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>installing certbot</source>
            <translation>установка certbot</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/sni_mode.py" />
            <source>it is the server's own domain</source>
            <translation>это собственный домен сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>keeping the old panel's traffic counters</source>
            <translation>перенос счётчиков трафика старой панели</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>nginx -t exited with code {code}</source>
            <translation>nginx -t завершился с кодом {code}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>nginx in {name} did not switch to the new config within {timeout:.0f}s; the old config keeps serving. Its log: empty</source>
            <translation>nginx в {name} не перешёл на новую конфигурацию за {timeout:.0f} с; продолжает работать старая. Журнал пуст.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>nginx in {name} did not switch to the new config within {timeout:.0f}s; the old config keeps serving. Its log: {log}</source>
            <translation>nginx в {name} не перешёл на новую конфигурацию за {timeout:.0f} с; продолжает работать старая. Журнал: {log}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>nginx refused the new port-443 config, so the old one keeps serving and nothing was changed. nginx said: {detail}</source>
            <translation>nginx отклонил новую конфигурацию режима порта 443, поэтому продолжает работать старая и ничего не изменено. Ответ nginx: {detail}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>no answer to the connection (timed out); a firewall may drop the port, or the host is down</source>
            <translation>нет ответа на подключение (истекло время ожидания); возможно, файрвол блокирует этот порт или хост недоступен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/tls_probe.py" />
            <source>no certificate was sent</source>
            <translation>сертификат не прислан</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>nothing listens on that port (connection refused); is the proxy running and the port open</source>
            <translation>на этом порту ничего не слушает (в соединении отказано); проверьте, запущен ли прокси и открыт ли порт</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>proxy port</source>
            <translation>порт прокси</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>proxy_prefer_ip must be one of {allowed}, not {value!r}.</source>
            <translation>proxy_prefer_ip должен быть одним из: {allowed}, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/bundle.py" />
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>reading the server's state</source>
            <translation>чтение состояния сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>recreating {container} ({user})</source>
            <translation>пересоздание {container} ({user})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>removing the port-443 router</source>
            <translation>удаление маршрутизатора порта 443</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>removing {container} ({user})</source>
            <translation>удаление {container} ({user})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>resetting counters</source>
            <translation>сброс счётчиков</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>restarting {name}</source>
            <translation>перезапуск {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>saving the imported state</source>
            <translation>сохранение импортированного состояния</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>saving the server's state</source>
            <translation>сохранение состояния сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/setup_new.py" />
            <source>setting up the new server first (the same steps as `mtpm server bootstrap`)</source>
            <translation>сначала настройка нового сервера (те же шаги, что у `mtpm server bootstrap`)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>site HTTP port</source>
            <translation>HTTP-порт сайта</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>site HTTPS port</source>
            <translation>HTTPS-порт сайта</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/config.py" />
            <source>sni_unknown is reject (unknown names are refused in the TLS handshake) or site (they get the website), not {value!r}.</source>
            <translation>sni_unknown — это reject (неизвестные имена отклоняются при TLS-рукопожатии) или site (они получают сайт), а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>starting the users' proxies</source>
            <translation>запуск прокси пользователей</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>starting {container} ({user})</source>
            <translation>запуск {container} ({user})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>status</source>
            <translation>статус</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>stopping the old panel's {name}</source>
            <translation>остановка {name} старой панели</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>stopping the old panel's {name} (kept as {new_name})</source>
            <translation>остановка {name} старой панели (сохранён как {new_name})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/reconcile.py" />
            <source>stopping {container} ({user})</source>
            <translation>остановка {container} ({user})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/bundle.py" />
            <source>taking a snapshot of the traffic history</source>
            <translation>снимок истории трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the connection broke during the handshake ({error})</source>
            <translation>соединение оборвалось во время рукопожатия ({error})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the name {host} does not resolve ({error})</source>
            <translation>имя {host} не удаётся разрешить ({error})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the server accepted the connection but did not answer the handshake (timed out)</source>
            <translation>сервер принял соединение, но не ответил на рукопожатие (истекло время ожидания)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the server closed the connection in the middle of its answer</source>
            <translation>сервер закрыл соединение посреди ответа</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the server closed the connection without answering</source>
            <translation>сервер закрыл соединение, не ответив</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>the server's answer stopped half-way (timed out)</source>
            <translation>ответ сервера оборвался на середине (истекло время ожидания)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/link_check.py" />
            <source>the user is disabled</source>
            <translation>пользователь отключён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/link_check.py" />
            <source>the user is expired</source>
            <translation>срок действия пользователя истёк</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>traffic agent: {error}</source>
            <translation>агент учёта трафика: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>updated the TCP MSS rules</source>
            <translation>правила TCP MSS обновлены</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>updating the firewall</source>
            <translation>обновление файрвола</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/rebuild.py" />
            <source>user {id}: port {old} is taken on the new server, using {new}</source>
            <translation>пользователь {id}: порт {old} на новом сервере занят, используется {new}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/site.py" />
            <source>website certificate: {error}</source>
            <translation>сертификат сайта: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/rebuild.py" />
            <source>wrote {count} server files (port-443, site, certificates)</source>
            <translation>записано файлов сервера: {count} (порт 443, сайт, сертификаты)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{changed} changed, {errors} errors</source>
            <translation>изменено: {changed}, ошибок: {errors}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{count} users imported (revision {revision}).</source>
            <translation>Импортировано пользователей: {count} (ревизия {revision}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{count} users moved to {server}.</source>
            <translation>Пользователей перенесено на {server}: {count}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{count} users restored.</source>
            <translation>Пользователей восстановлено: {count}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/config.py" />
            <source>{email!r} is not an e-mail address.</source>
            <translation>{email!r} — не адрес электронной почты.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>{error} The previous router is serving again.</source>
            <translation>{error} Прежний маршрутизатор снова работает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>{folder} is not a folder.</source>
            <translation>{folder} — не папка.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>{host!r} is not a valid backend host name for the SNI router.</source>
            <translation>{host!r} — недопустимое имя хоста бэкенда для SNI-маршрутизатора.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/faketls_probe.py" />
            <source>{host}:{port} answered like a TLS server but not as a proxy with this secret (it may be a website, or a proxy with another secret forwarding to its domain).</source>
            <translation>{host}:{port} ответил как TLS-сервер, но не как прокси с этим секретом (возможно, это веб-сайт или прокси с другим секретом, который перенаправляет соединение на свой домен).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{line}
{rest}</source>
            <translation>{line}
{rest}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/port443/nginx.py" />
            <source>{name!r} is not a certificate name mtpm makes.</source>
            <translation>{name!r} — не то имя сертификата, которое создаёт mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{name} already resolves to the new server.</source>
            <translation>{name} уже указывает на новый сервер.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{name} does not resolve to the new server yet.</source>
            <translation>{name} пока не указывает на новый сервер.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/user_edits.py" />
            <source>{name}'s link changed: send them the new one.</source>
            <translation>Ссылка пользователя {name} изменилась: отправьте ему новую.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/user_edits.py" />
            <source>{name}: domain {old_domain} -&gt; {new_domain} ({reason}).</source>
            <translation>{name}: домен {old_domain} -&gt; {new_domain} ({reason}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>{name}: link changes to (no server address set)</source>
            <translation>{name}: ссылка изменится на (адрес сервера не задан)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>{name}: link changes to {link}</source>
            <translation>{name}: ссылка изменится на {link}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>{name}: new domain {new_domain} instead of {old_domain} ({reason}), so a new secret</source>
            <translation>{name}: новый домен {new_domain} вместо {old_domain} ({reason}), а значит, и новый секрет</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>{name}: port {old} is taken on {server}, so it moved to port {new} (its link changes)</source>
            <translation>{name}: порт {old} на {server} занят, поэтому выбран порт {new} (ссылка меняется)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/migrate/move.py" />
            <source>{name}: the new link failed the check: {detail}</source>
            <translation>{name}: новая ссылка не прошла проверку: {detail}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{name}: {link}</source>
            <translation>{name}: {link}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/site/acme.py" />
            <source>{path} holds no PEM certificate.</source>
            <translation>В {path} нет сертификата PEM.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/import_panel.py" />
            <source>{path} is not valid JSON ({error}); nothing was imported.</source>
            <translation>{path} не является корректным JSON ({error}); ничего не импортировано.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>{path} on the server is not a JSON object; fix or restore it.</source>
            <translation>{path} на сервере не является JSON-объектом; исправьте или восстановите его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/state_store.py" />
            <source>{path} on the server is not valid JSON ({error}); fix or restore it.</source>
            <translation>{path} на сервере не является корректным JSON ({error}); исправьте или восстановите его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/service.py" />
            <source>{summary} Nothing was changed; run this again once the records are in place, or force it (--force).</source>
            <translation>{summary} Ничего не изменено; повторите, когда записи будут на месте, или примените принудительно (--force).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{text} {failed} of their links failed the check.</source>
            <translation>{text} Не прошли проверку ссылок: {failed}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" />
            <source>{title} failed: {error} {remedy}</source>
            <translation>Шаг «{title}» не выполнен: {error} {remedy}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not a Docker container name (letters, digits, _ . -).</source>
            <translation>{value!r} — недопустимое имя контейнера Docker (буквы, цифры, _ . -).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not a Docker image reference (e.g. nineseconds/mtg:2.2.8).</source>
            <translation>{value!r} — не ссылка на образ Docker (например, nineseconds/mtg:2.2.8).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not a Docker network name.</source>
            <translation>{value!r} — недопустимое имя сети Docker.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not a quota period: use lifetime or monthly:DAY (DAY 1-31).</source>
            <translation>{value!r} — не период квоты: используйте lifetime или monthly:DAY (DAY от 1 до 31).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not an IP address (use server_domain for a host name).</source>
            <translation>{value!r} — не IP-адрес (для имени хоста используйте server_domain).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/server_settings.py" />
            <source>{value!r} is not true or false.</source>
            <translation>{value!r} — не true и не false.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>{what} must be a port number from 1 to 65535, not {port!r}.</source>
            <translation>{what} должен быть номером порта от 1 до 65535, а не {port!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>{what} must be an IP address, not {value!r}.</source>
            <translation>{what} должен быть IP-адресом, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/mtg_config.py" />
            <source>{what} must be an IPv{version} address, not {value!r}.</source>
            <translation>{what} должен быть IPv{version}-адресом, а не {value!r}.</translation>
        </message>
    </context>
</TS>
