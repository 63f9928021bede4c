<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap.py" />
            <source>'{title}' ran without an error but the server still does not pass its check</source>
            <translation>Шаг «{title}» выполнен без ошибок, но сервер по-прежнему не проходит его проверку</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>A command on {host} broke off: {error}</source>
            <translation>Команда на {host} прервалась: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>A command on {host} did not finish within {timeout:g} s.</source>
            <translation>Команда на {host} не завершилась за {timeout:g} с.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>A container outside mtpm may still use the network; disconnect it and retry.</source>
            <translation>Сеть, возможно, ещё использует контейнер, не принадлежащий mtpm; отключите его от сети и повторите попытку.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Another install or automatic update holds the package manager; wait for it to finish (or stop it) and run the bootstrap again.</source>
            <translation>Менеджер пакетов занят другой установкой или автоматическим обновлением; дождитесь её окончания (или остановите её) и запустите настройку снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Check that `apt-get update` works on the server (its mirror is reachable), or install Docker by hand (`apt-get install docker.io`), then run the bootstrap again.</source>
            <translation>Проверьте, что на сервере работает `apt-get update` (его зеркало доступно), или установите Docker вручную (`apt-get install docker.io`), затем запустите настройку снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Check that python3 (3.8 or newer) works on the server and look at the agent's log under the install root.</source>
            <translation>Проверьте, что на сервере работает python3 (3.8 или новее), и посмотрите журнал агента в каталоге установки.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Check that the login user can write the install root (or has sudo).</source>
            <translation>Проверьте, что пользователь, под которым выполняется вход, может писать в каталог установки (или имеет sudo).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Check that the server reaches its package mirrors (and download.docker.com on CentOS/Rocky/Alma), or install Docker by hand, then run the bootstrap again.</source>
            <translation>Проверьте, что сервер может обратиться к своим зеркалам пакетов (и к download.docker.com на CentOS/Rocky/Alma), или установите Docker вручную, затем запустите настройку снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Check the system</source>
            <translation>Проверка системы</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>Could not open a channel to {host}: {error}. Try again.</source>
            <translation>Не удалось открыть канал к {host}: {error}. Попробуйте ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/firewall.py" />
            <source>Could not open port {port} in {backend}: {output}</source>
            <translation>Не удалось открыть порт {port} в {backend}: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/firewall.py" />
            <source>Could not remove the firewall rule for port {port}: {output}</source>
            <translation>Не удалось удалить правило файрвола для порта {port}: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Create a user by hand: `mtpm -s NAME user add NAME`.</source>
            <translation>Создайте пользователя вручную: `mtpm -s NAME user add NAME`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Create mtpm's state</source>
            <translation>Создание файла состояния mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Create the Docker network</source>
            <translation>Создание сети Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Create the first user</source>
            <translation>Создание первого пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Delete the MTPMD-… and MTPM-MSS chains and the rules that jump to them by hand (iptables -S; iptables -t nat -S; iptables -t mangle -S) and retry.</source>
            <translation>Удалите вручную цепочки MTPMD-… и MTPM-MSS и правила, которые на них ссылаются (iptables -S; iptables -t nat -S; iptables -t mangle -S), и повторите.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Deploy and start the agent</source>
            <translation>Развёртывание и запуск агента</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/image_transfer.py" />
            <source>Docker on this computer failed to inspect {image}: {error}</source>
            <translation>Docker на этом компьютере не смог проверить образ {image}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/image_transfer.py" />
            <source>Docker on this computer is not reachable ({error}); start it to send the image from here.</source>
            <translation>Docker на этом компьютере недоступен ({error}); запустите его, чтобы отправить образ отсюда.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Fix or remove config.json under the install root by hand.</source>
            <translation>Исправьте или удалите config.json в каталоге установки вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Get the proxy image</source>
            <translation>Получение образа прокси</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>If the server cannot reach Docker Hub, set a registry mirror (--registry-mirror https://mirror.gcr.io) or pull the image on this computer (`docker pull IMAGE`) and use --push-image to send it over SSH.</source>
            <translation>Если сервер не может обратиться к Docker Hub, укажите зеркало реестра (--registry-mirror https://mirror.gcr.io) или скачайте образ на этом компьютере (`docker pull IMAGE`) и отправьте его по SSH с помощью --push-image.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Install Docker</source>
            <translation>Установка Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Install and enable chrony or systemd-timesyncd on the server by hand.</source>
            <translation>Установите и включите chrony или systemd-timesyncd на сервере вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Install python3, tc and nsenter</source>
            <translation>Установка необходимых системных пакетов</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing Docker (docker-ce)</source>
            <translation>Установка Docker (docker-ce)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing Docker (docker.io)</source>
            <translation>Установка Docker (docker.io)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing Docker (moby-engine)</source>
            <translation>Установка Docker (moby-engine)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing chrony</source>
            <translation>Установка chrony</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing python3, iproute2 and util-linux</source>
            <translation>Установка python3, iproute2 и util-linux</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Installing systemd-timesyncd</source>
            <translation>Установка systemd-timesyncd</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Keep the clock in sync</source>
            <translation>Синхронизация времени</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/image_transfer.py" />
            <source>Loading {image} on the server</source>
            <translation>Загрузка образа {image} на сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Look at `docker network ls` on the server; remove a conflicting network by hand.</source>
            <translation>Посмотрите вывод `docker network ls` на сервере; удалите конфликтующую сеть вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Look at `journalctl -u docker` (or {log} without systemd) on the server; fix what it reports and run the bootstrap again.</source>
            <translation>Посмотрите `journalctl -u docker` (или {log}, если systemd нет) на сервере; устраните указанную там проблему и запустите настройку снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Open the firewall</source>
            <translation>Открытие портов в файрволе</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Open the proxy ports in the server's firewall by hand.</source>
            <translation>Откройте порты прокси в файрволе сервера вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Pulling {reference}</source>
            <translation>Скачивание образа {reference}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Read mtpm's state</source>
            <translation>Чтение состояния mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Refusing to delete {root}: the install root must be a dedicated folder such as /opt/mtpm.</source>
            <translation>Удаление {root} отклонено: каталог установки должен быть отдельной папкой, например /opt/mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove mtpm's files</source>
            <translation>Удаление файлов mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove mtpm's firewall rules</source>
            <translation>Удаление правил файрвола mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the Docker network</source>
            <translation>Удаление сети Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the agent</source>
            <translation>Удаление агента</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the containers labelled mtpm.instance by hand (docker ps -a --filter label=...).</source>
            <translation>Удалите контейнеры с меткой mtpm.instance вручную (docker ps -a --filter label=...).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the device limit and MSS rules</source>
            <translation>Удаление правил лимита устройств и MSS</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the firewall rules tagged 'mtpm' by hand and retry.</source>
            <translation>Удалите правила файрвола с пометкой 'mtpm' вручную и повторите попытку.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the install root by hand.</source>
            <translation>Удалите каталог установки вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Remove the proxy containers</source>
            <translation>Удаление контейнеров прокси</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Set it by hand: `mtpm -s NAME settings set server_ip ADDRESS`.</source>
            <translation>Задайте его вручную: `mtpm -s NAME settings set server_ip ADDRESS`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Set the server address</source>
            <translation>Настройка адреса сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Start Docker</source>
            <translation>Запуск Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Starting Docker</source>
            <translation>Запуск Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Starting dockerd</source>
            <translation>Запуск dockerd</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Starting time synchronisation</source>
            <translation>Включение синхронизации времени</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap.py" />
            <source>Step '{title}' failed: {error}.</source>
            <translation>Шаг «{title}» не выполнен: {error}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap.py" />
            <source>Step '{title}' failed: {error}. {remedy}</source>
            <translation>Шаг «{title}» не выполнен: {error}. {remedy}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>Stop the mtpm agent by hand (systemctl disable --now mtpm-agent) and retry.</source>
            <translation>Остановите агент mtpm вручную (systemctl disable --now mtpm-agent) и повторите попытку.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Tagging</source>
            <translation>Присвоение тега образу</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>The command failed on {host} (exit {status}): {output}</source>
            <translation>Команда завершилась с ошибкой на {host} (код {status}): {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>The package manager stayed busy for {minutes:.0f} minutes ({holder})</source>
            <translation>Менеджер пакетов оставался занят {minutes:.0f} мин ({holder})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/proxies/firewall.py" />
            <source>The record of mtpm's firewall rules ({file}) is damaged ({error}); remove the rules tagged 'mtpm' by hand and delete the file.</source>
            <translation>Список правил файрвола, добавленных mtpm ({file}), повреждён ({error}); удалите правила с пометкой 'mtpm' вручную и удалите этот файл.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/clock.py" />
            <source>The server answered {answer} when asked for the time.</source>
            <translation>На запрос времени сервер ответил {answer}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>The server has no usable /etc/os-release, so its distribution is unknown. mtpm supports {supported}.</source>
            <translation>На сервере нет пригодного /etc/os-release, поэтому его дистрибутив неизвестен. mtpm поддерживает {supported}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>The server is an LXC container. Docker runs in it only if the host allows it: on Proxmox enable Options → Features → nesting (and keyctl for unprivileged containers), or make it a privileged container with nesting; on LXD set security.nesting=true and security.privileged=true. Ask your provider if you cannot change this.</source>
            <translation>Сервер — это LXC-контейнер. Docker работает в нём, только если это разрешает хост: в Proxmox включите Options → Features → nesting (и keyctl для непривилегированных контейнеров) или сделайте контейнер привилегированным с nesting; в LXD задайте security.nesting=true и security.privileged=true. Если вы не можете изменить это сами, обратитесь к провайдеру.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>The server is an OpenVZ container. Docker does not run on OpenVZ, so mtpm cannot set it up. Choose a KVM (or other full virtualization) VPS instead.</source>
            <translation>Сервер — это контейнер OpenVZ. Docker не работает на OpenVZ, поэтому mtpm не может его настроить. Выберите вместо него VPS на KVM (или с другой полной виртуализацией).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>The server is itself a container; Docker runs inside it only if it was started privileged.</source>
            <translation>Сервер сам является контейнером; Docker работает внутри него, только если контейнер запущен в привилегированном режиме.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/clock.py" />
            <source>The server's clock is {seconds:.1f} s ahead of this computer's. Telegram proxies refuse handshakes whose time is a few seconds off, so links may stop working: turn on time sync on the server (e.g. `timedatectl set-ntp true`) or fix this computer's clock.</source>
            <translation>Часы сервера спешат на {seconds:.1f} с относительно этого компьютера. Прокси Telegram отклоняют рукопожатия, время которых расходится на несколько секунд, поэтому ссылки могут перестать работать: включите синхронизацию времени на сервере (например, `timedatectl set-ntp true`) или исправьте часы этого компьютера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/checks/clock.py" />
            <source>The server's clock is {seconds:.1f} s behind this computer's. Telegram proxies refuse handshakes whose time is a few seconds off, so links may stop working: turn on time sync on the server (e.g. `timedatectl set-ntp true`) or fix this computer's clock.</source>
            <translation>Часы сервера отстают на {seconds:.1f} с от часов этого компьютера. Прокси Telegram отклоняют рукопожатия, время которых расходится на несколько секунд, поэтому ссылки могут перестать работать: включите синхронизацию времени на сервере (например, `timedatectl set-ntp true`) или исправьте часы этого компьютера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>This server is a container: Docker runs inside it only if it was started with --privileged.</source>
            <translation>Этот сервер — контейнер: Docker работает внутри него, только если контейнер запущен с --privileged.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>Ubuntu 20.04+, Debian 11+, CentOS/Rocky/AlmaLinux 8+ or Fedora 36+</source>
            <translation>Ubuntu 20.04+, Debian 11+, CentOS/Rocky/AlmaLinux 8+ или Fedora 36+</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>Wait for the package manager</source>
            <translation>Ожидание менеджера пакетов</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>an unknown system</source>
            <translation>неизвестная система</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>iptables kept the chain(s) {chains}: {output}</source>
            <translation>iptables не удалил цепочки {chains}: {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>mtpm needs a KVM/VM or privileged container running a supported distribution.</source>
            <translation>mtpm нужна виртуальная машина (KVM/VM) или привилегированный контейнер с поддерживаемым дистрибутивом.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>{domain} is set, but its DNS is not ready yet: {problems}</source>
            <translation>{domain} задан, но его DNS ещё не готов: {problems}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/image_transfer.py" />
            <source>{image} is neither on this computer nor pullable here ({error}). Get it with `docker pull {image}` or `docker load`, then try again.</source>
            <translation>Образа {image} нет на этом компьютере, и скачать его сюда не удалось ({error}). Получите его командой `docker pull {image}` или `docker load`, затем попробуйте ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/uninstall.py" />
            <source>{path} is not valid JSON ({error}); fix or remove it by hand.</source>
            <translation>{path} не является корректным JSON ({error}); исправьте или удалите его вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/bootstrap_steps.py" />
            <source>{pull_error}; sending it over SSH failed too: {push_error}</source>
            <translation>{pull_error}; отправить его по SSH тоже не удалось: {push_error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>{system} is not supported by mtpm. Use {supported}.</source>
            <translation>{system} не поддерживается mtpm. Используйте {supported}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/osdetect.py" />
            <source>{system} is too old for mtpm (needs {minimum} or newer). Reinstall the server with {supported}.</source>
            <translation>{system} — слишком старая система для mtpm (требуется {minimum} или новее). Переустановите сервер на {supported}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>{what} failed on {host} (exit {status}): {output}</source>
            <translation>{what}: ошибка на {host} (код {status}): {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>{what} on {host} broke off: {error}</source>
            <translation>{what} на {host}: выполнение прервалось: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/setup/context.py" />
            <source>{what} on {host} did not finish within {timeout:g} s.</source>
            <translation>{what} на {host}: не завершено за {timeout:g} с.</translation>
        </message>
    </context>
</TS>
