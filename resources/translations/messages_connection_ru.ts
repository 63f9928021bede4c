<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/docker_transport.py" />
            <source>A Docker call on {host} failed: {error}</source>
            <translation>Вызов Docker на {host} завершился ошибкой: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>A server profile is incomplete: {error}</source>
            <translation>Профиль сервера неполный: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>A server profile needs a name.</source>
            <translation>У профиля сервера должно быть имя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>Cannot reach {where}: {error}.</source>
            <translation>Не удаётся подключиться к {where}: {error}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>Cannot read the entry 'Host {alias}' in {path}: {error}</source>
            <translation>Не удаётся прочитать запись 'Host {alias}' в {path}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>Cannot read the server list {path}: {error}</source>
            <translation>Не удаётся прочитать список серверов {path}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>Cannot read {path}: {error}</source>
            <translation>Не удаётся прочитать {path}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>Cannot resolve {host!r}: {error}. Check the server address.</source>
            <translation>Не удаётся разрешить имя {host!r}: {error}. Проверьте адрес сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Changing the mode of {path} on {host} failed: {error}</source>
            <translation>Не удалось изменить права доступа к {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Checking {path} on {host} failed: {error}</source>
            <translation>Не удалось проверить {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Creating {path} on {host} failed: {error}</source>
            <translation>Не удалось создать {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Docker is not installed on {host} (no `docker` command). Install it first.</source>
            <translation>На {host} не установлен Docker (нет команды `docker`). Сначала установите его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/docker_transport.py" />
            <source>Docker on {host} did not answer in time ({error}). The server may be overloaded; try again.</source>
            <translation>Docker на {host} не ответил вовремя ({error}). Возможно, сервер перегружен; попробуйте ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Docker on {host} refused even through sudo: {error}</source>
            <translation>Docker на {host} отказал в доступе даже через sudo: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>Host {alias} in {path} has Port {port!r}, not a number.</source>
            <translation>У Host {alias} в {path} указан Port {port!r} — это не число.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>Host {alias} in {path} has Port {port}, outside 1-65535.</source>
            <translation>У Host {alias} в {path} указан Port {port} вне диапазона 1-65535.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>Host {alias} uses a chain of jump hosts ({jump}); mtpm supports a single jump host.</source>
            <translation>Host {alias} использует цепочку промежуточных хостов ({jump}); mtpm поддерживает только один промежуточный хост.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Listing {path} on {host} failed: {error}</source>
            <translation>Не удалось получить список файлов в {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>No password is stored for server {name!r}; enter it first.</source>
            <translation>Для сервера {name!r} не сохранён пароль; сначала введите его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>Passwords are not stored safely: {reason}. Install and unlock a system keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager), or use key logins.</source>
            <translation>Пароли хранятся небезопасно: {reason}. Установите и разблокируйте системное хранилище паролей (GNOME Keyring, KWallet, macOS Keychain или Windows Credential Manager) или входите по ключу.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>Passwords cannot be saved: no usable keyring was found. Use key or agent logins.</source>
            <translation>Пароли нельзя сохранить: не найдено пригодное хранилище паролей. Входите по ключу или через SSH-агент.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Reading {path} on {host} failed: {error}</source>
            <translation>Не удалось прочитать {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Removing {path} on {host} failed: {error}</source>
            <translation>Не удалось удалить {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Running `{command}` on {host} failed: {error}</source>
            <translation>Не удалось выполнить `{command}` на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>SFTP is not available on {host}: {error}</source>
            <translation>SFTP недоступен на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>Server profile {name!r} has no host.</source>
            <translation>В профиле сервера {name!r} не указан хост.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>Server profile {name!r}: port {port} is out of range.</source>
            <translation>Профиль сервера {name!r}: порт {port} вне допустимого диапазона.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>Server profile {name!r}: unknown login method {auth!r} (use one of {methods}).</source>
            <translation>Профиль сервера {name!r}: неизвестный способ входа {auth!r} (допустимые: {methods}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>Server {name!r} logs in with a key, but no key file is set.</source>
            <translation>Сервер {name!r} настроен на вход по ключу, но файл ключа не указан.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>The Docker daemon on {host} is not running: start it (systemctl start docker).</source>
            <translation>Демон Docker на {host} не запущен: запустите его (systemctl start docker).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/docker_transport.py" />
            <source>The Docker daemon on {host} stopped answering ({error}). Start it (systemctl start docker) and try again.</source>
            <translation>Демон Docker на {host} перестал отвечать ({error}). Запустите его (systemctl start docker) и попробуйте ещё раз.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The SSH agent has no keys (or no agent is running: SSH_AUTH_SOCK is not set). Add a key with ssh-add, or choose a key file.</source>
            <translation>В SSH-агенте нет ключей (или агент не запущен: SSH_AUTH_SOCK не задан). Добавьте ключ командой ssh-add или выберите файл ключа.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The SSH handshake with {host}:{port} failed ({error}). Is this an SSH server?</source>
            <translation>SSH-рукопожатие с {host}:{port} не удалось ({error}). Это точно SSH-сервер?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The SSH handshake with {host}:{port} timed out.</source>
            <translation>Истекло время ожидания SSH-рукопожатия с {host}:{port}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>The command did not finish within {timeout:g} s.</source>
            <translation>Команда не завершилась за {timeout:g} с.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The connection to {where} broke during login: {error}</source>
            <translation>Соединение с {where} оборвалось во время входа: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/docker_transport.py" />
            <source>The connection to {where} was lost during a Docker call ({error}). The next action reconnects.</source>
            <translation>Соединение с {where} прервалось во время вызова Docker ({error}). Следующее действие подключится заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/docker_transport.py" />
            <source>The connection to {where} was lost during a Docker call. The next action reconnects.</source>
            <translation>Соединение с {where} прервалось во время вызова Docker. Следующее действие подключится заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>The connection to {where} was lost while {doing} ({error}). The next action reconnects.</source>
            <translation>Соединение с {where} прервалось во время {doing} ({error}). Следующее действие подключится заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>The connection to {where} was lost while {doing}. The next action reconnects.</source>
            <translation>Соединение с {where} прервалось во время {doing}. Следующее действие подключится заново.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/hostkeys.py" />
            <source>The host key of {where} has CHANGED (now {key_type} {fingerprint}). Someone may be intercepting the connection, or the server was reinstalled. Nothing was sent to it. If you are sure the server was reinstalled, remove the old key and trust the new one.</source>
            <translation>Ключ хоста {where} ИЗМЕНИЛСЯ (теперь {key_type} {fingerprint}). Возможно, кто-то перехватывает соединение, или сервер был переустановлен. На сервер ничего не отправлено. Если вы уверены, что сервер переустановлен, удалите старый ключ и отметьте новый как доверенный.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The jump host {jump} cannot reach {host}:{port}: {error}</source>
            <translation>Промежуточный хост {jump} не может подключиться к {host}:{port}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The key file {path} cannot be read (permission denied).</source>
            <translation>Файл ключа {path} не удаётся прочитать (нет прав доступа).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The key file {path} cannot be used: {error}</source>
            <translation>Файл ключа {path} нельзя использовать: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The key file {path} does not exist.</source>
            <translation>Файл ключа {path} не существует.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The key file {path} is not a private key mtpm can use (OpenSSH ed25519, ECDSA or RSA): {error}</source>
            <translation>Файл ключа {path} не содержит закрытого ключа, который может использовать mtpm (OpenSSH ed25519, ECDSA или RSA): {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The key {path} is protected by a passphrase; enter it in the server's settings, or with `mtpm server set-secret {name} passphrase --stdin`.</source>
            <translation>Ключ {path} защищён парольной фразой; введите её в настройках сервера или командой `mtpm server set-secret {name} passphrase --stdin`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>The keyring could not delete a secret of {name!r}: {error}</source>
            <translation>Не удалось удалить секрет профиля {name!r} из хранилища паролей: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>The keyring could not return the {secret} of {name!r}: {error}</source>
            <translation>Не удалось получить из хранилища паролей секрет «{secret}» профиля {name!r}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>The keyring refused to store the {secret} of {name!r}: {error}</source>
            <translation>Хранилище паролей отказалось сохранить секрет «{secret}» профиля {name!r}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>The passphrase stored for the key {path} is wrong.</source>
            <translation>Сохранённая парольная фраза для ключа {path} неверна.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>The server list {path} is damaged (no 'servers' list).</source>
            <translation>Список серверов {path} повреждён (нет списка 'servers').</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>The server list {path} was written by a newer mtpm; update mtpm to open it.</source>
            <translation>Список серверов {path} записан более новой версией mtpm; обновите mtpm, чтобы открыть его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/hostkeys.py" />
            <source>The server {where} is not known yet. Its {key_type} host key fingerprint is {fingerprint}. Compare it with `ssh-keygen -lf` on the server, then trust it.</source>
            <translation>Сервер {where} пока неизвестен. Отпечаток его ключа хоста {key_type}: {fingerprint}. Сравните его с выводом `ssh-keygen -lf` на сервере, затем отметьте ключ как доверенный.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>The server's traffic agent answered history in an unexpected form ({error}); reconnect to update the agent.</source>
            <translation>Агент трафика на сервере вернул историю в неожиданном виде ({error}); переподключитесь, чтобы обновить агент.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>The server's traffic agent answered something that is not JSON: {output!r}</source>
            <translation>Агент трафика на сервере вернул ответ не в формате JSON: {output!r}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>The server's traffic agent answered status in an unexpected form ({error}); reconnect to update the agent.</source>
            <translation>Агент трафика на сервере вернул состояние в неожиданном виде ({error}); переподключитесь, чтобы обновить агент.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>The server's traffic agent answered the device list in an unexpected form ({error}); reconnect to update the agent.</source>
            <translation>Агент трафика на сервере вернул список устройств в неожиданном виде ({error}); переподключитесь, чтобы обновить агента.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>The server's traffic agent failed: {error}</source>
            <translation>Ошибка агента трафика на сервере: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>The session with {where} was closed; open it again.</source>
            <translation>Сеанс с {where} закрыт; откройте его снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>There is no SSH config file at {path}.</source>
            <translation>Файл конфигурации SSH {path} не найден.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/profiles.py" />
            <source>There is no server profile named {name!r}.</source>
            <translation>Профиля сервера с именем {name!r} нет.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Writing {path} on {host} failed: {error}</source>
            <translation>Не удалось записать {path} на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>Writing {path} on {host} stopped after {written} of {size} bytes: the server's disk is probably full (no space left; check `df -h`). The previous file is unchanged.</source>
            <translation>Запись {path} на {host} остановилась после {written} из {size} байт: вероятно, на диске сервера закончилось место (no space left; проверьте `df -h`). Прежний файл не изменён.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>`docker version` failed on {host}: {error}</source>
            <translation>Команда `docker version` завершилась с ошибкой на {host}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>`{command}` failed on {host} (exit {exit_code}): {output}</source>
            <translation>Команда `{command}` завершилась с ошибкой на {host} (код {exit_code}): {output}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>`{command}` on {host} did not finish within {timeout:g} s.</source>
            <translation>Команда `{command}` на {host} не завершилась за {timeout:g} с.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>changing the mode of {path}</source>
            <translation>изменения прав доступа к {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>checking {path}</source>
            <translation>проверки {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>creating {path}</source>
            <translation>создания {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>installing the traffic agent {version}</source>
            <translation>установка агента трафика {version}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>listing {path}</source>
            <translation>получения списка файлов в {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>no output</source>
            <translation>нет вывода</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>no usable keyring was found</source>
            <translation>не найдено пригодное хранилище паролей</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>opening a channel</source>
            <translation>открытия канала</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>passphrase</source>
            <translation>парольная фраза</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>password</source>
            <translation>пароль</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>reading {path}</source>
            <translation>чтения {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>removing {path}</source>
            <translation>удаления {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>restarting the traffic agent</source>
            <translation>перезапуск агента трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>running `{command}`</source>
            <translation>выполнения `{command}`</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>starting SFTP</source>
            <translation>запуска SFTP</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>starting the Docker connection</source>
            <translation>подключения к Docker</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>starting the traffic agent (respawn loop)</source>
            <translation>запуск агента трафика (цикл перезапуска)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>starting the traffic agent (systemd)</source>
            <translation>запуск агента трафика (systemd)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>sudo on {host} rejected the stored sudo password of {user}; update it in the server's settings in the app, or with `mtpm server set-secret {name} sudo-password --stdin`.</source>
            <translation>sudo на {host} отклонил сохранённый пароль sudo пользователя {user}; обновите его в настройках сервера в приложении или командой `mtpm server set-secret {name} sudo-password --stdin`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>sudo password</source>
            <translation>пароль sudo</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>sudo refused</source>
            <translation>sudo отказал</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>the keyring is disabled</source>
            <translation>хранилище паролей отключено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/credentials.py" />
            <source>the keyring stores secrets in a plain text file</source>
            <translation>хранилище паролей держит секреты в обычном текстовом файле</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/agent_client.py" />
            <source>the traffic agent is not installed on this server yet (it is set up on connect)</source>
            <translation>агент трафика на этом сервере ещё не установлен (он устанавливается при подключении)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>writing {path}</source>
            <translation>записи {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{host} has no sftp-server program; install the openssh-sftp-server package.</source>
            <translation>На {host} нет программы sftp-server; установите пакет openssh-sftp-server.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{path} does not exist on {host}.</source>
            <translation>{path} не существует на {host}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/ssh_config.py" />
            <source>{path} has no 'Host {alias}' entry.</source>
            <translation>В {path} нет записи 'Host {alias}'.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} may not access {path} on {host}.</source>
            <translation>У пользователя {user} нет доступа к {path} на {host}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} may not access {path} on {host}. {reason}</source>
            <translation>У пользователя {user} нет доступа к {path} на {host}. {reason}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} on {host} is not root and may not use sudo ({reason}).</source>
            <translation>Пользователь {user} на {host} не root и не может использовать sudo ({reason}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} on {host} is not root and sudo asks for a password, which is not stored for this server. Store it (if {user} may use sudo at all) in the server's settings in the app, or with `mtpm server set-secret {name} sudo-password --stdin`.</source>
            <translation>Пользователь {user} на {host} не root, а sudo запрашивает пароль, который для этого сервера не сохранён. Сохраните его (если {user} вообще может использовать sudo) в настройках сервера в приложении или командой `mtpm server set-secret {name} sudo-password --stdin`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} on {host} is not root and sudo is not installed.</source>
            <translation>Пользователь {user} на {host} не root, а sudo не установлен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} on {host} may not use Docker: the user is not in the 'docker' group and cannot use sudo. {reason} Or log in as root, or add the user to the docker group (usermod -aG docker {user}).</source>
            <translation>Пользователь {user} на {host} не может использовать Docker: он не входит в группу 'docker' и не может использовать sudo. {reason} Либо войдите как root, либо добавьте пользователя в группу docker (usermod -aG docker {user}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{user} on {host} may not use sudo ({reason}).</source>
            <translation>Пользователю {user} на {host} запрещено использовать sudo ({reason}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} accepted none of the {count} key(s) in the SSH agent.</source>
            <translation>{where} не принял ни одного из ключей SSH-агента (всего ключей: {count}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} did not answer within {timeout:g} s. Check the address, and that a firewall does not drop SSH.</source>
            <translation>{where} не ответил за {timeout:g} с. Проверьте адрес и убедитесь, что файрвол не блокирует SSH.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} does not accept this login method; it allows: {allowed}.</source>
            <translation>{where} не принимает этот способ входа; разрешены: {allowed}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/session.py" />
            <source>{where} refused a new SSH channel: {error}</source>
            <translation>{where} отказал в открытии нового SSH-канала: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} refused the connection: is sshd running on port {port}?</source>
            <translation>{where} отклонил подключение: запущен ли sshd на порту {port}?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} rejected the agent keys. Check the user name and the agent keys.</source>
            <translation>{where} отклонил ключи SSH-агента. Проверьте имя пользователя и ключи в агенте.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} rejected the key. Check the user name and the key.</source>
            <translation>{where} отклонил ключ. Проверьте имя пользователя и ключ.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} rejected the password. Check the user name and the password.</source>
            <translation>{where} отклонил пароль. Проверьте имя пользователя и пароль.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/ssh/connect.py" />
            <source>{where} wants more than one login step (e.g. 2FA), which mtpm does not support.</source>
            <translation>{where} требует больше одного шага входа (например, 2FA), а mtpm это не поддерживает.</translation>
        </message>
    </context>
</TS>
