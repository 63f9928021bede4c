<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>Access of {user} ends {when}.</source>
            <translation>Доступ {user} заканчивается {when}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/health.py" />
            <source>Less than 10 % of the server's memory is free.</source>
            <translation>Свободно меньше 10 % памяти сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/health.py" />
            <source>Server warning: {code}</source>
            <translation>Предупреждение сервера: {code}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/telegram_alerts.py" />
            <source>That is not a bot token: @BotFather gives one like 123456789:AA... (digits, a colon, 35 characters).</source>
            <translation>Это не токен бота: @BotFather выдаёт токен вида 123456789:AA... (цифры, двоеточие, 35 символов).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/telegram_alerts.py" />
            <source>The API base {url!r} is not an http(s) URL.</source>
            <translation>Адрес API {url!r} — не http(s)-адрес.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>The certificate {name} expires {when}.</source>
            <translation>Сертификат {name} истекает {when}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/telegram_alerts.py" />
            <source>The chat id {chat_id!r} is not valid: use the number from getUpdates (groups are negative) or a public @channel name.</source>
            <translation>Неверный id чата {chat_id!r}: укажите число из getUpdates (у групп оно отрицательное) или имя публичного @канала.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>The device limit of {user} refused {count} connection(s).</source>
            <translation>Лимит устройств {user} отклонил подключений: {count}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/health.py" />
            <source>The disk of the install root is more than 90 % full: free space before the proxies stop.</source>
            <translation>Диск с каталогом установки заполнен больше чем на 90 %: освободите место, пока прокси не остановились.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/telegram_alerts.py" />
            <source>The keyring could not keep the bot token of {name!r}: {error}</source>
            <translation>Связка ключей не смогла сохранить токен бота для {name!r}: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/telegram_alerts.py" />
            <source>The language must be en or ru, not {language!r}.</source>
            <translation>Язык должен быть en или ru, а не {language!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>The server does not answer over SSH. Its proxies may still be running.</source>
            <translation>Сервер не отвечает по SSH. Прокси на нём, возможно, продолжают работать.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/health.py" />
            <source>The server's agent answered health in an unexpected form ({error}); reconnect to update it.</source>
            <translation>Агент сервера вернул состояние сервера в неожиданном виде ({error}); переподключитесь, чтобы обновить агент.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/remote/monitor/health.py" />
            <source>The server's agent answered the health history in an unexpected form ({error}); reconnect to update it.</source>
            <translation>Агент сервера вернул историю состояния в неожиданном виде ({error}); переподключитесь, чтобы обновить агент.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>The server's clock is off by {offset:+.1f} s; clients may fail to connect. Turn on time sync.</source>
            <translation>Часы сервера расходятся на {offset:+.1f} с; клиенты могут не подключиться. Включите синхронизацию времени.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server} is unreachable</source>
            <translation>{server} недоступен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: a certificate expires soon</source>
            <translation>{server}: скоро истекает сертификат</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: device limit of {user}</source>
            <translation>{server}: лимит устройств {user}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: the clock is off</source>
            <translation>{server}: часы расходятся</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: {user} at {percent} % of the quota</source>
            <translation>{server}: {user} израсходовал(а) {percent} % квоты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: {user} expires soon</source>
            <translation>{server}: доступ {user} скоро истекает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{server}: {user} used the whole quota</source>
            <translation>{server}: {user} израсходовал(а) всю квоту</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{user} has used the whole traffic quota; the speed is limited now.</source>
            <translation>{user} израсходовал(а) всю квоту трафика; скорость теперь ограничена.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_center.py" />
            <source>{user} has used {percent} % of this period's traffic quota.</source>
            <translation>{user} израсходовал(а) {percent} % квоты трафика за этот период.</translation>
        </message>
    </context>
</TS>
