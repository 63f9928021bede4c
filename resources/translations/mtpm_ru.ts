<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>AddUserDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="65" />
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="134" />
            <source>Add user</source>
            <translation>Добавить пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="69" />
            <source>e.g. alice-phone</source>
            <translation>например, alice-phone</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="73" />
            <source>automatic</source>
            <translation>автоматически</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="77" />
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="82" />
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="90" />
            <source>server default</source>
            <translation>как на сервере</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="81" />
            <source> GB</source>
            <translation> ГБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="83" />
            <source>Traffic per quota period; over it the user is slowed down</source>
            <translation>Трафик за расчётный период; сверх него скорость пользователя снижается</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="84" />
            <source>Unlimited (ignore the server's limit)</source>
            <translation>Без лимита (не учитывать лимит сервера)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="89" />
            <source> Mbit/s</source>
            <translation> Мбит/с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="91" />
            <source>The speed the user still gets over the limit</source>
            <translation>Скорость, которая остаётся у пользователя сверх лимита</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="92" />
            <source>Expires</source>
            <translation>Истекает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="105" />
            <source>+7 d</source>
            <translation>+7 дн.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="106" />
            <source>+30 d</source>
            <translation>+30 дн.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="107" />
            <source>End of month</source>
            <translation>Конец месяца</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="121" />
            <source>Name:</source>
            <translation>Имя:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="122" />
            <source>Port:</source>
            <translation>Порт:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="123" />
            <source>Fake-TLS domain:</source>
            <translation>Домен Fake-TLS:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="124" />
            <source>Traffic limit:</source>
            <translation>Лимит трафика:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="126" />
            <source>Throttle speed:</source>
            <translation>Ограничение скорости:</translation>
        </message>
    </context>
    <context>
        <name>AlertSettingsBox</name>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="32" />
            <source>Desktop notifications</source>
            <translation>Уведомления на компьютере</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="34" />
            <source>A server becomes unreachable</source>
            <translation>Сервер перестал отвечать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="35" />
            <source>A user reaches 80 % of the quota</source>
            <translation>Пользователь израсходовал 80 % квоты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="36" />
            <source>A user reaches 100 % of the quota</source>
            <translation>Пользователь израсходовал 100 % квоты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="37" />
            <source>A user expires within 3 days</source>
            <translation>Доступ пользователя истекает в течение 3 дней</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="38" />
            <source>A certificate expires within 14 days</source>
            <translation>Сертификат истекает в течение 14 дней</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="39" />
            <source>The server's clock is off by more than 1 s</source>
            <translation>Часы сервера расходятся больше чем на 1 с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/alert_settings.py" line="40" />
            <source>A device limit refuses connections</source>
            <translation>Лимит устройств отклоняет подключения</translation>
        </message>
    </context>
    <context>
        <name>BootstrapWizard</name>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="105" />
            <source>Set up server {name}</source>
            <translation>Настройка сервера {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="121" />
            <source>Send the proxy image from this computer (registry blocked)</source>
            <translation>Передать образ прокси с этого компьютера (реестр заблокирован)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="122" />
            <source>detected</source>
            <translation>определяется автоматически</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="123" />
            <source>optional</source>
            <translation>необязательно</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="125" />
            <source>next free from the base port</source>
            <translation>следующий свободный от начального порта</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="133" />
            <source>Registry mirror</source>
            <translation>Зеркало реестра</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="131" />
            <source>Server IP</source>
            <translation>IP сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="132" />
            <source>Domain</source>
            <translation>Домен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="129" />
            <source>First user</source>
            <translation>Первый пользователь</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="130" />
            <source>First user's port</source>
            <translation>Порт первого пользователя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="157" />
            <source>Ready. Steps already done on the server are skipped.</source>
            <translation>Готово к запуску. Шаги, уже выполненные на сервере, будут пропущены.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="170" />
            <source>Set up</source>
            <translation>Настроить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="172" />
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="228" />
            <source>Setting up…</source>
            <translation>Настройка…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="149" />
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="256" />
            <source> (already done)</source>
            <translation> (уже сделано)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="257" />
            <source> — failed</source>
            <translation> — ошибка</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="301" />
            <source>Run again</source>
            <translation>Запустить снова</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="303" />
            <source>The setup could not start.</source>
            <translation>Настройку не удалось запустить.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="315" />
            <source>Step “{title}” failed: {error}. {remedy}</source>
            <translation>Шаг «{title}» не выполнен: {error}. {remedy}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="325" />
            <source>The server is set up.</source>
            <translation>Сервер настроен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="325" />
            <source>The server was already set up.</source>
            <translation>Сервер уже был настроен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="280" />
            <source>Step “{title}” failed.</source>
            <translation>Шаг «{title}» не выполнен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="286" />
            <source>Its last output:</source>
            <translation>Его последний вывод:</translation>
        </message>
    </context>
    <context>
        <name>Controller</name>
        <message>
            <location filename="../../mtpm_desktop/ui/controller.py" line="113" />
            <source>Loading the server list</source>
            <translation>Загрузка списка серверов</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/controller.py" line="138" />
            <source>Removing the server's passwords</source>
            <translation>Удаление паролей сервера</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="145" />
            <source>Server</source>
            <translation>Сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="150" />
            <source>Port range:</source>
            <translation>Диапазон портов:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="151" />
            <source>Clock offset:</source>
            <translation>Расхождение часов:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="154" />
            <source>Top users this period</source>
            <translation>Самые активные за период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="110" />
            <source>No users on this server yet. Add the first user: mtpm starts a proxy for them and shows the link and QR code to send. Each person gets their own link, so you can see and limit their traffic and switch one off without touching the others.</source>
            <translation>На этом сервере ещё нет пользователей. Добавьте первого: mtpm запустит для него прокси и покажет ссылку и QR-код, которые нужно отправить. У каждого человека своя ссылка, поэтому его трафик можно видеть и ограничивать, а отключить одного, не трогая остальных.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="116" />
            <source>Add the first user…</source>
            <translation>Добавить первого пользователя…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="127" />
            <source>Traffic this period</source>
            <translation>Трафик за период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="128" />
            <source>Over the limit</source>
            <translation>Сверх лимита</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="129" />
            <source>Throttled</source>
            <translation>Скорость снижена</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="130" />
            <source>Expiring within 7 days</source>
            <translation>Истекают в течение 7 дней</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="131" />
            <source>Online now</source>
            <translation>Сейчас в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="172" />
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="295" />
            <source>Start all</source>
            <translation>Запустить все</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="173" />
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="296" />
            <source>Stop all</source>
            <translation>Остановить все</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="174" />
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="297" />
            <source>Restart all</source>
            <translation>Перезапустить все</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="200" />
            <source>No data yet</source>
            <translation>Данных пока нет</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="209" />
            <source>Running {running}/{total}</source>
            <translation>Работает {running}/{total}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="218" />
            <source>{offset} s</source>
            <translation>{offset} с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="221" />
            <source>the server clock is off: links stop working past 3 s. Sync it (NTP).</source>
            <translation>часы сервера сбиты: после 3 с ссылки перестают работать. Синхронизируйте их (NTP).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="229" />
            <source>{total} users, {enabled} enabled</source>
            <translation>Пользователей: {total}, включено: {enabled}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="235" />
            <source>↑ {up} up · ↓ {down} down</source>
            <translation>↑ {up} отдано · ↓ {down} получено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="253" />
            <source>{devices} device(s): {names}</source>
            <translation>устройств: {devices} — {names}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="287" />
            <source>Stop all proxies</source>
            <translation>Остановить все прокси</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="289" />
            <source>Stop every proxy on {server}? All users are disconnected until you start them.</source>
            <translation>Остановить все прокси на {server}? Все пользователи будут отключены, пока вы их не запустите.</translation>
        </message>
    </context>
    <context>
        <name>DevicesDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="35" />
            <source>Devices: {name}</source>
            <translation>Устройства: {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="39" />
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="74" />
            <source>Asking the server…</source>
            <translation>Спрашиваю сервер…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="45" />
            <source>Address</source>
            <translation>Адрес</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="45" />
            <source>Now</source>
            <translation>Сейчас</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="45" />
            <source>Last seen</source>
            <translation>Был в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="56" />
            <source>Addresses stay on the server: this list is asked for when you open it and is not saved on this computer. Over the device limit, a device's place is freed 10 minutes after its last connection.</source>
            <translation>Адреса остаются на сервере: список запрашивается при открытии и не сохраняется на этом компьютере. При лимите устройств место устройства освобождается через 10 минут после его последнего подключения.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="65" />
            <source>Refresh</source>
            <translation>Обновить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="83" />
            <source>Devices connected now: {n} of {limit} allowed; in the last 30 days: {total}.</source>
            <translation>Сейчас подключено устройств: {n} из {limit} разрешённых; за последние 30 дней: {total}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="86" />
            <source>Devices connected now: {n} (no limit); in the last 30 days: {total}.</source>
            <translation>Сейчас подключено устройств: {n} (без лимита); за последние 30 дней: {total}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_devices.py" line="92" />
            <source>connections: {n}</source>
            <translation>подключений: {n}</translation>
        </message>
    </context>
    <context>
        <name>FleetAddDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="32" />
            <source>Add a person to several servers</source>
            <translation>Добавить человека на несколько серверов</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="34" />
            <source>e.g. anna</source>
            <translation>например, anna</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="37" />
            <source>Name:</source>
            <translation>Имя:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="45" />
            <source>Servers:</source>
            <translation>Серверы:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="50" />
            <source>The links to send appear here.</source>
            <translation>Здесь появятся ссылки, которые нужно отправить.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="51" />
            <source>Copy all links</source>
            <translation>Скопировать все ссылки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="55" />
            <source>Add</source>
            <translation>Добавить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="73" />
            <source>Give a name and choose at least one server.</source>
            <translation>Укажите имя и выберите хотя бы один сервер.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="82" />
            <source>Add {name}</source>
            <translation>Добавление {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="103" />
            <source>{server}: could not add: {error}</source>
            <translation>{server}: не удалось добавить: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_fleet_add.py" line="107" />
            <source>Waiting for: {servers}</source>
            <translation>Ждём ответа: {servers}</translation>
        </message>
    </context>
    <context>
        <name>FleetModel</name>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="137" />
            <source>Server</source>
            <translation>Сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="138" />
            <source>Status</source>
            <translation>Состояние</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="139" />
            <source>Users (enabled / total)</source>
            <translation>Пользователи (включено / всего)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="140" />
            <source>Traffic this period</source>
            <translation>Трафик за период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="141" />
            <source>Clock offset</source>
            <translation>Расхождение часов</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="142" />
            <source>Certificate</source>
            <translation>Сертификат</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="143" />
            <source>Last backup</source>
            <translation>Последняя копия</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="149" />
            <source>not checked yet</source>
            <translation>ещё не проверен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="151" />
            <source>unreachable: {reason}</source>
            <translation>недоступен: {reason}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="152" />
            <source>Running {running}/{total}</source>
            <translation>Работает {running}/{total}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="219" />
            <source>{days} days left</source>
            <translation>осталось дней: {days}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fleet_model.py" line="218" />
            <source>expired</source>
            <translation>истёк</translation>
        </message>
    </context>
    <context>
        <name>FleetPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="61" />
            <source>Refresh all</source>
            <translation>Обновить все</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="62" />
            <source>Add to several servers…</source>
            <translation>Добавить на несколько серверов…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="63" />
            <source>Disable everywhere…</source>
            <translation>Отключить везде…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="64" />
            <source>Enable everywhere…</source>
            <translation>Включить везде…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="72" />
            <source>What the actions across servers did, server by server.</source>
            <translation>Что сделали действия на нескольких серверах, по каждому серверу.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="130" />
            <source>{servers} servers, {reachable} reachable · Running {running}/{should} · users {enabled} enabled of {users} · {traffic} this period</source>
            <translation>Серверов: {servers}, доступно: {reachable} · Работает {running}/{should} · пользователей включено {enabled} из {users} · {traffic} за период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="160" />
            <source>Enable everywhere</source>
            <translation>Включить везде</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="160" />
            <source>Disable everywhere</source>
            <translation>Отключить везде</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="162" />
            <source>The person's name:</source>
            <translation>Имя человека:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="182" />
            <source>Enabled {name}</source>
            <translation>Включён {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="182" />
            <source>Disabled {name}</source>
            <translation>Отключён {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="187" />
            <source>{name} is not on: {servers}</source>
            <translation>{name} нет на серверах: {servers}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="193" />
            <source>{server}: {title}</source>
            <translation>{server}: {title}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="196" />
            <source>{server}: failed: {error}</source>
            <translation>{server}: ошибка: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_fleet.py" line="110" />
            <source>Reading the certificate</source>
            <translation>Чтение сертификата</translation>
        </message>
    </context>
    <context>
        <name>HealthCards</name>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="87" />
            <source>CPU</source>
            <translation>Процессор</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="88" />
            <source>Memory</source>
            <translation>Память</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="89" />
            <source>Disk</source>
            <translation>Диск</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="90" />
            <source>Network</source>
            <translation>Сеть</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="107" />
            <source>{used} of {total} ({share})</source>
            <translation>{used} из {total} ({share})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="118" />
            <source>No health data yet (the server's agent measures it).</source>
            <translation>Данных о состоянии пока нет (их собирает агент на сервере).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="122" />
            <source>{cpu:.0f} %, load {load:.2f}</source>
            <translation>{cpu:.0f} %, нагрузка {load:.2f}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="127" />
            <source>in {rx}/s, out {tx}/s</source>
            <translation>вход {rx}/с, выход {tx}/с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="136" />
            <source>Docker answers</source>
            <translation>Docker отвечает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="136" />
            <source>Docker does not answer</source>
            <translation>Docker не отвечает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/health_cards.py" line="138" />
            <source>Up {days} d {hours} h · {docker} · {running} proxies running</source>
            <translation>Работает {days} д {hours} ч · {docker} · запущено прокси: {running}</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_help.py" line="69" />
            <source>The guides are not part of this installation; see docs/ in mtpm's source.</source>
            <translation>Руководств нет в этой установке; см. папку docs/ в исходниках mtpm.</translation>
        </message>
    </context>
    <context>
        <name>LogsPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="53" />
            <source>Search (e.g. a user's name)</source>
            <translation>Поиск (например, имя пользователя)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="56" />
            <source>Follow</source>
            <translation>Следить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="58" />
            <source>Load</source>
            <translation>Загрузить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="60" />
            <source>Copy</source>
            <translation>Копировать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="62" />
            <source>Copy the lines shown</source>
            <translation>Скопировать показанные строки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="64" />
            <source>Save…</source>
            <translation>Сохранить…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="66" />
            <source>Save the lines shown to a text file</source>
            <translation>Сохранить показанные строки в текстовый файл</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="70" />
            <source>User:</source>
            <translation>Пользователь:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="72" />
            <source>Lines:</source>
            <translation>Строк:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="110" />
            <source>All users</source>
            <translation>Все пользователи</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="157" />
            <source>Logs</source>
            <translation>Журналы</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="171" />
            <source>{shown} of {total} lines</source>
            <translation>Строк: {shown} из {total}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="179" />
            <source>No matching lines for “{text}”.</source>
            <translation>Нет строк, содержащих «{text}».</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="181" />
            <source>No log lines yet: the proxies have written nothing.</source>
            <translation>В журнале пока пусто: прокси ещё ничего не записали.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="183" />
            <source>Press "Load" to read the proxies' logs.</source>
            <translation>Нажмите «Загрузить», чтобы прочитать журналы прокси.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="189" />
            <source>{n} log lines copied</source>
            <translation>Скопировано строк журнала: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="194" />
            <source>Log saved to {path}</source>
            <translation>Журнал сохранён в {path}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="198" />
            <source>Save log</source>
            <translation>Сохранить журнал</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_logs.py" line="198" />
            <source>Text files (*.log *.txt)</source>
            <translation>Текстовые файлы (*.log *.txt)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="211" />
            <source>&amp;Move users to another server…</source>
            <translation>&amp;Перенести пользователей на другой сервер…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="212" />
            <source>Restore from &amp;backup…</source>
            <translation>Восстановить из &amp;резервной копии…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="559" />
            <source>Restoring from backup</source>
            <translation>Восстановление из резервной копии</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="587" />
            <source>Moving users to {server}</source>
            <translation>Перенос пользователей на {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="78" />
            <source>mtpm — MTProto proxy manager</source>
            <translation>mtpm — менеджер прокси MTProto</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="98" />
            <source>Add…</source>
            <translation>Добавить…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="99" />
            <source>Edit…</source>
            <translation>Изменить…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="100" />
            <source>Remove</source>
            <translation>Убрать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="107" />
            <source>Servers</source>
            <translation>Серверы</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="133" />
            <location filename="../../mtpm_desktop/ui/window.py" line="224" />
            <source>Dashboard</source>
            <translation>Обзор</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="134" />
            <location filename="../../mtpm_desktop/ui/window.py" line="224" />
            <source>Users</source>
            <translation>Пользователи</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="135" />
            <location filename="../../mtpm_desktop/ui/window.py" line="224" />
            <source>Traffic</source>
            <translation>Трафик</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="136" />
            <location filename="../../mtpm_desktop/ui/window.py" line="224" />
            <source>Settings</source>
            <translation>Настройки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="137" />
            <location filename="../../mtpm_desktop/ui/window.py" line="224" />
            <source>Logs</source>
            <translation>Журналы</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="169" />
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="201" />
            <source>&amp;Server</source>
            <translation>&amp;Сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="202" />
            <source>&amp;Add server…</source>
            <translation>&amp;Добавить сервер…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="203" />
            <source>&amp;Edit server…</source>
            <translation>&amp;Изменить сервер…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="204" />
            <source>&amp;Remove server</source>
            <translation>&amp;Убрать сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="206" />
            <source>&amp;Set up server (Docker, proxy image, first user)…</source>
            <translation>&amp;Настроить сервер (Docker, образ прокси, первый пользователь)…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="208" />
            <source>&amp;Uninstall mtpm from server…</source>
            <translation>&amp;Удалить mtpm с сервера…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="215" />
            <source>Re&amp;fresh</source>
            <translation>&amp;Обновить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="217" />
            <source>Refresh &amp;all</source>
            <translation>Обновить &amp;все</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="219" />
            <source>&amp;Quit</source>
            <translation>В&amp;ыход</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="220" />
            <source>&amp;View</source>
            <translation>&amp;Вид</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="242" />
            <source>&amp;Language</source>
            <translation>&amp;Язык</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="235" />
            <location filename="../../mtpm_desktop/ui/window.py" line="246" />
            <source>System</source>
            <translation>Как в системе</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="250" />
            <source>&amp;Help</source>
            <translation>&amp;Справка</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="254" />
            <source>&amp;About mtpm</source>
            <translation>&amp;О программе mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="325" />
            <source>The language changes when mtpm is started again.</source>
            <translation>Язык сменится при следующем запуске mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="330" />
            <source>About mtpm</source>
            <translation>О программе mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="331" />
            <source>mtpm {version}
Runs Telegram MTProto proxies on your servers over SSH.</source>
            <translation>mtpm {version}
Запускает прокси Telegram MTProto на ваших серверах через SSH.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="366" />
            <source>not refreshed yet</source>
            <translation>ещё не обновлялся</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="369" />
            <source>unreachable · data from {age}</source>
            <translation>недоступен · данные: {age}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="372" />
            <source>Running {running}/{total} · {time}</source>
            <translation>Работает {running}/{total} · {time}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="383" />
            <source>never</source>
            <translation>никогда</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="463" />
            <source>No server yet. Press "Add…" to add your first server.</source>
            <translation>Серверов пока нет. Нажмите «Добавить…», чтобы добавить первый сервер.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="467" />
            <source>{server} is unreachable; showing data from {age}. Reason: {reason}</source>
            <translation>{server} недоступен; показаны данные, полученные {age}. Причина: {reason}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="469" />
            <source>{server} is unreachable and there is no earlier data. Reason: {reason}</source>
            <translation>{server} недоступен, и более ранних данных нет. Причина: {reason}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="512" />
            <source>Saving the server</source>
            <translation>Сохранение сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="606" />
            <source>Uninstall mtpm</source>
            <translation>Удаление mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="608" />
            <source>Remove every proxy, the traffic agent with its counters, mtpm's firewall rules and files from {server}? All users' links stop working. Docker stays installed. The server is then removed from this list.</source>
            <translation>Удалить с сервера {server} все прокси, агент трафика вместе со счётчиками, правила файрвола и файлы mtpm? Ссылки всех пользователей перестанут работать. Docker останется установленным. Затем сервер будет убран из этого списка.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="617" />
            <source>Uninstalling mtpm</source>
            <translation>Удаление mtpm</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="667" />
            <source>Remove server</source>
            <translation>Убрать сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="668" />
            <source>Remove {server} from this list? Nothing on the server is changed.</source>
            <translation>Убрать {server} из списка? На самом сервере ничего не изменится.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="669" />
            <source>Remove {server}</source>
            <translation>Удалить {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="672" />
            <source>{server} removed from the list</source>
            <translation>{server} удалён из списка</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="731" />
            <source>Storing the sudo password</source>
            <translation>Сохранение пароля `sudo`</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="230" />
            <source>&amp;Theme</source>
            <translation>&amp;Тема</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="236" />
            <source>Light</source>
            <translation>Светлая</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="237" />
            <source>Dark</source>
            <translation>Тёмная</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="251" />
            <source>&amp;User guide</source>
            <translation>&amp;Руководство</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="252" />
            <source>&amp;Troubleshooting</source>
            <translation>Р&amp;ешение проблем</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="303" />
            <source>User guide</source>
            <translation>Руководство</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="303" />
            <source>Troubleshooting</source>
            <translation>Решение проблем</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="144" />
            <source>All servers</source>
            <translation>Все серверы</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="209" />
            <source>&amp;Check server</source>
            <translation>&amp;Проверить сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="633" />
            <source>Check server</source>
            <translation>Проверка сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="651" />
            <source>{count} problem(s) to fix on {server}.</source>
            <translation>На {server} нужно исправить проблем: {count}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/window.py" line="653" />
            <source>Nothing to fix on {server}.</source>
            <translation>На {server} исправлять нечего.</translation>
        </message>
    </context>
    <context>
        <name>MoveDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="67" />
            <source>Move users to another server</source>
            <translation>Перенести пользователей на другой сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="71" />
            <source>New server:</source>
            <translation>Новый сервер:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="79" />
            <source>Users:</source>
            <translation>Пользователи:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="81" />
            <source>Stop their proxies on {server} once every new link works (nothing is deleted)</source>
            <translation>Остановить их прокси на {server}, когда все новые ссылки заработают (ничего не удаляется)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="87" />
            <source>The new server is set up first if needed. Every user keeps its secret; each link is checked from this computer before anything changes here.</source>
            <translation>Новый сервер сначала настраивается, если нужно. Каждый пользователь сохраняет свой секрет; каждая ссылка проверяется с этого компьютера, прежде чем здесь что-то изменится.</translation>
        </message>
    </context>
    <context>
        <name>QrDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="47" />
            <source>QR code: {name}</source>
            <translation>QR-код: {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="60" />
            <source>Copy image</source>
            <translation>Копировать изображение</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="61" />
            <source>Copy link</source>
            <translation>Копировать ссылку</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="62" />
            <source>Save PNG…</source>
            <translation>Сохранить PNG…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="63" />
            <source>Save SVG…</source>
            <translation>Сохранить SVG…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="87" />
            <source>PNG image (*.png)</source>
            <translation>Изображение PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="87" />
            <source>SVG image (*.svg)</source>
            <translation>Изображение SVG (*.svg)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="88" />
            <source>Save QR code</source>
            <translation>Сохранить QR-код</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="28" />
            <source>Restore from backup</source>
            <translation>Восстановить из резервной копии</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="32" />
            <source>Rebuild the users and settings of a backup on {server}:</source>
            <translation>Восстановить пользователей и настройки из резервной копии на {server}:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="39" />
            <source>{when}  —  {server}</source>
            <translation>{when}  —  {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_migrate.py" line="45" />
            <source>No automatic backups on this computer yet.</source>
            <translation>На этом компьютере пока нет автоматических резервных копий.</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="149" />
            <source>Edit server</source>
            <translation>Изменить сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="149" />
            <source>Add server</source>
            <translation>Добавить сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="158" />
            <source>Use alias</source>
            <translation>Взять из алиаса</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="173" />
            <source>Key file</source>
            <translation>Файл ключа</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="174" />
            <source>SSH agent</source>
            <translation>SSH-агент</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="175" />
            <source>Password</source>
            <translation>Пароль</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="179" />
            <source>Browse…</source>
            <translation>Обзор…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="192" />
            <source>Forget</source>
            <translation>Забыть</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="194" />
            <source>Remove the stored sudo password from the keyring on Save</source>
            <translation>При сохранении удалить сохранённый пароль `sudo` из связки ключей</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="202" />
            <source>Only for a login other than root, and only if sudo asks this user for a password. Kept in the system keyring.</source>
            <translation>Нужен, только если вход не под `root` и `sudo` запрашивает у этого пользователя пароль. Хранится в системной связке ключей.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="208" />
            <source>(stored in the keyring; leave empty to keep)</source>
            <translation>(хранится в связке ключей; оставьте пустым, чтобы не менять)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="217" />
            <source>Name:</source>
            <translation>Имя:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="218" />
            <source>SSH config alias:</source>
            <translation>Алиас из ~/.ssh/config:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="219" />
            <source>Host:</source>
            <translation>Хост:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="220" />
            <source>SSH port:</source>
            <translation>Порт SSH:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="221" />
            <source>User:</source>
            <translation>Пользователь:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="222" />
            <source>Login with:</source>
            <translation>Вход по:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="223" />
            <source>Key file:</source>
            <translation>Файл ключа:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="224" />
            <source>Key passphrase:</source>
            <translation>Пароль ключа:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="225" />
            <source>Password:</source>
            <translation>Пароль:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="226" />
            <source>Sudo password:</source>
            <translation>Пароль `sudo`:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="236" />
            <source>Install folder on the server:</source>
            <translation>Папка установки на сервере:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="238" />
            <source>Test connection</source>
            <translation>Проверить подключение</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="241" />
            <source>Trust this key</source>
            <translation>Доверять этому ключу</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="308" />
            <source>(removed from the keyring on Save)</source>
            <translation>(будет удалён из связки ключей при сохранении)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="313" />
            <source>SSH private key</source>
            <translation>Закрытый ключ SSH</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="412" />
            <source>Connecting to {host}…</source>
            <translation>Подключение к {host}…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="435" />
            <source>This server's host key is not known yet.
{type} key fingerprint:
{fp}
Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the server, then press "Trust this key".</source>
            <translation>Ключ этого сервера ещё неизвестен.
Отпечаток ключа {type}:
{fp}
Сравните его с выводом `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` на сервере и нажмите «Доверять этому ключу».</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="442" />
            <source>WARNING: the host key of this server has CHANGED (now {fp}). Nothing was sent to it. If the server was not reinstalled, someone may be intercepting the connection.</source>
            <translation>ВНИМАНИЕ: ключ этого сервера ИЗМЕНИЛСЯ (теперь {fp}). Ему ничего не отправлено. Если сервер не переустанавливали, соединение может перехватываться.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="457" />
            <source>Connected: {system}. Docker works through sudo.</source>
            <translation>Подключено: {system}. Docker работает через `sudo`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="459" />
            <source>Connected: {system}. Docker works.</source>
            <translation>Подключено: {system}. Docker работает.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="465" />
            <source>Connected: {system}, but Docker cannot be used: {error}</source>
            <translation>Подключено: {system}, но Docker недоступен: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="473" />
            <source>Connected: {system}. {error}</source>
            <translation>Подключено: {system}. {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_server.py" line="494" />
            <source>A server named {name} already exists.</source>
            <translation>Сервер с именем {name} уже есть.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="358" />
            <source>Website</source>
            <translation>Сайт</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="361" />
            <source>Not checked yet.</source>
            <translation>Ещё не проверено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="364" />
            <source>Show the certificate</source>
            <translation>Показать сертификат</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="752" />
            <source>Website certificate</source>
            <translation>Сертификат сайта</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="757" />
            <source>The website is off. Turn it on with: mtpm -s SERVER site enable</source>
            <translation>Сайт выключен. Включите его командой: mtpm -s СЕРВЕР site enable</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="759" />
            <source>Names: {names}</source>
            <translation>Имена: {names}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="760" />
            <source>Expires: {when}</source>
            <translation>Действует до: {when}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="761" />
            <source>Last renewal: {when}</source>
            <translation>Последнее продление: {when}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="762" />
            <source>Last error: {error}</source>
            <translation>Последняя ошибка: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="135" />
            <source>Addresses and ports</source>
            <translation>Адреса и порты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="137" />
            <source>proxy.example.com (optional)</source>
            <translation>proxy.example.com (необязательно)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="205" />
            <source>Prefer IPv4</source>
            <translation>Предпочитать IPv4</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="206" />
            <source>Prefer IPv6</source>
            <translation>Предпочитать IPv6</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="207" />
            <source>IPv4 only</source>
            <translation>Только IPv4</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="208" />
            <source>IPv6 only</source>
            <translation>Только IPv6</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="141" />
            <source>Server domain:</source>
            <translation>Домен сервера:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="143" />
            <source>The host name in the users' links. When empty, links use the server IP.</source>
            <translation>Имя хоста в ссылках пользователей. Если пусто, в ссылках будет IP сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="177" />
            <source>Server IP:</source>
            <translation>IP сервера:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="179" />
            <source>The public IP address clients connect to (used when no server domain is set).</source>
            <translation>Публичный IP-адрес, к которому подключаются клиенты (если домен сервера не задан).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="186" />
            <source>Base port:</source>
            <translation>Начальный порт:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="188" />
            <source>New users get the lowest free port from this one up.</source>
            <translation>Новые пользователи получают наименьший свободный порт начиная с этого.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="196" />
            <source>Default fake-TLS domain:</source>
            <translation>Домен Fake-TLS по умолчанию:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="198" />
            <source>The website new users' traffic imitates; pick a popular site that is not blocked.</source>
            <translation>Сайт, под трафик которого маскируются новые пользователи; выберите популярный незаблокированный сайт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="215" />
            <source>Prefer IP:</source>
            <translation>Предпочитать IP:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="217" />
            <source>Which IP version the proxies use to reach Telegram.</source>
            <translation>Какую версию IP прокси используют для связи с Telegram.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="243" />
            <source>Limits</source>
            <translation>Лимиты</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="246" />
            <source> GB</source>
            <translation> ГБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="247" />
            <source>no limit</source>
            <translation>без лимита</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="253" />
            <source>Traffic per user and quota period; over it the user is slowed down. 0 = no limit.</source>
            <translation>Трафик на пользователя за расчётный период; сверх него скорость снижается. 0 — без лимита.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="257" />
            <source> Mbit/s</source>
            <translation> Мбит/с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="263" />
            <source>The speed a user over the limit still gets (text messages keep working).</source>
            <translation>Скорость, которая остаётся у пользователя сверх лимита (текстовые сообщения продолжают работать).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="266" />
            <source>Lifetime</source>
            <translation>За всё время</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="267" />
            <source>Monthly</source>
            <translation>Ежемесячно</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="270" />
            <source>on day </source>
            <translation>в день </translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="251" />
            <source>Traffic limit per user:</source>
            <translation>Лимит трафика на пользователя:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="261" />
            <source>Throttle speed over the limit:</source>
            <translation>Скорость сверх лимита:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="285" />
            <source>Quota period:</source>
            <translation>Период квоты:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="294" />
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="678" />
            <source>Port 443 mode</source>
            <translation>Режим порта 443</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="295" />
            <source>Route every user through one port by SNI</source>
            <translation>Все пользователи через один порт (маршрутизация по SNI)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="319" />
            <source>host:port of a real website, empty = close</source>
            <translation>хост:порт настоящего сайта, пусто = закрывать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="314" />
            <source>Listen port:</source>
            <translation>Порт приёма:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="323" />
            <source>Decoy upstream:</source>
            <translation>Сайт-приманка:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="329" />
            <source>Engine</source>
            <translation>Движок</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="334" />
            <source>Proxy image:</source>
            <translation>Образ прокси:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="346" />
            <source>Apply</source>
            <translation>Применить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="397" />
            <source>Reset all counters…</source>
            <translation>Сбросить все счётчики…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="376" />
            <source>Import from the old web panel…</source>
            <translation>Импорт из старой веб-панели…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="147" />
            <source>A domain of your own (an A record for it and one for *.it) gives every user a name of their own instead of a borrowed big site's, which censors' probes expose; see &lt;a href="guide"&gt;Your own domain&lt;/a&gt; in the user guide.</source>
            <translation>Свой домен (A-запись для него и для *.домена) даёт каждому пользователю собственное имя вместо заимствованного имени крупного сайта, которое выдают зонды цензоров; см. &lt;a href="guide"&gt;Свой домен&lt;/a&gt; в руководстве пользователя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="156" />
            <source>Your own domain</source>
            <translation>Свой домен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="278" />
            <source>When the counters start again: never (lifetime) or on a day of every month.</source>
            <translation>Когда счётчики начинаются заново: никогда (за всё время) или в заданный день каждого месяца.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="302" />
            <source>Every user on one port (443 looks like a website); each user is told apart by the fake-TLS domain. Every user's link changes.</source>
            <translation>Все пользователи на одном порту (443 выглядит как обычный сайт); пользователи различаются по fake-TLS-домену. Ссылки всех пользователей изменятся.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="316" />
            <source>The one port clients connect to in port-443 mode.</source>
            <translation>Единственный порт, к которому подключаются клиенты в режиме порта 443.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="325" />
            <source>Where connections that are not a proxy user's go, so a probe sees a real site.</source>
            <translation>Куда уходят подключения не от пользователей прокси, чтобы проверяющий увидел настоящий сайт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="336" />
            <source>The Docker image each proxy runs (e.g. nineseconds/mtg:2.2.8).</source>
            <translation>Docker-образ, который запускает каждый прокси (например, nineseconds/mtg:2.2.8).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="342" />
            <source>Revert</source>
            <translation>Отменить правки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="344" />
            <source>Drop your edits and show the server's values again</source>
            <translation>Отбросить ваши правки и снова показать значения сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="348" />
            <source>Write the changed fields to the server</source>
            <translation>Записать изменённые поля на сервер</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="370" />
            <source>Maintenance</source>
            <translation>Обслуживание</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="373" />
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="742" />
            <source>Reconcile</source>
            <translation>Синхронизировать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="375" />
            <source>Make the server match its saved settings</source>
            <translation>Привести сервер в соответствие с сохранёнными настройками</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="377" />
            <source>Take over the users of the old web panel on this server</source>
            <translation>Перенести пользователей старой веб-панели на этом сервере</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="385" />
            <source>Reconcile makes the server match what mtpm has saved for it: it starts missing proxies, removes containers no user owns and updates the firewall. It changes no link and is safe to run at any time, e.g. after someone changed the server by hand.</source>
            <translation>Синхронизация приводит сервер в соответствие с тем, что mtpm сохранил для него: запускает недостающие прокси, удаляет контейнеры без владельца и обновляет брандмауэр. Ссылки не меняются; запускать можно в любой момент, например после ручных изменений на сервере.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="395" />
            <source>Counters</source>
            <translation>Счётчики</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="400" />
            <source>Set every user's traffic this period to zero (can be undone for a few seconds)</source>
            <translation>Обнулить трафик всех пользователей за период (несколько секунд можно отменить)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="576" />
            <source>The server's settings changed meanwhile; updated: {fields}.</source>
            <translation>Настройки на сервере тем временем изменились; обновлено: {fields}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="583" />
            <source>Changed on the server while you were editing: {fields}. Your values are kept; Apply writes them over the server's, Revert takes the server's.</source>
            <translation>Изменено на сервере, пока вы редактировали: {fields}. Ваши значения сохранены; «Применить» запишет их поверх серверных, «Отменить правки» вернёт серверные.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="614" />
            <source>Nothing changed.</source>
            <translation>Ничего не изменилось.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="659" />
            <source>Port 443 preview</source>
            <translation>Предпросмотр режима 443</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="673" />
            <source>(every user's port changes to the listen port)</source>
            <translation>(у всех пользователей порт сменится на порт приёма)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="675" />
            <source>These users' links will change; send them the new links:
{names}

Apply?</source>
            <translation>Ссылки этих пользователей изменятся; отправьте им новые:
{names}

Применить?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="696" />
            <source>Apply settings</source>
            <translation>Применение настроек</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="701" />
            <source>Settings applied.</source>
            <translation>Настройки применены.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="705" />
            <source>Settings applied on {server}</source>
            <translation>Настройки применены на {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="714" />
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="721" />
            <source>Reset counters</source>
            <translation>Сброс счётчиков</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="715" />
            <source>Reset the traffic counters of every user on {server} to zero?</source>
            <translation>Сбросить счётчики трафика всех пользователей на {server}?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="716" />
            <source>Reset all counters</source>
            <translation>Сбросить все счётчики</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="724" />
            <source>Counters of {server} reset</source>
            <translation>Счётчики {server} сброшены</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="732" />
            <source>Import from the old panel</source>
            <translation>Импорт из старой панели</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="223" />
            <source>Off</source>
            <translation>Выкл.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="226" />
            <source>A small TCP MSS splits clients' TLS handshakes into small packets against DPI, but it multiplies the packet rate: one provider null-routed a node at about 51k packets/s.</source>
            <translation>Малый TCP MSS дробит TLS-рукопожатия клиентов на мелкие пакеты против DPI, но многократно увеличивает скорость пакетов: один провайдер заблокировал узел примерно при 51 тыс. пакетов/с.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="232" />
            <source>Client TCP MSS:</source>
            <translation>TCP MSS клиентов:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="626" />
            <source>Checking DNS</source>
            <translation>Проверка DNS</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="636" />
            <source>The domain's DNS records are not ready:
{problems}

Apply it anyway?</source>
            <translation>DNS-записи домена не готовы:
{problems}

Всё равно применить?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="639" />
            <source>Server domain</source>
            <translation>Домен сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="158" />
            <source>Give every user a subdomain of its own</source>
            <translation>Дать каждому пользователю собственный поддомен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="165" />
            <source>Each user's fake-TLS name becomes a short random name under the server domain (needs an A record for *.domain). Every user's link changes; switching it off brings the old links back.</source>
            <translation>Имя fake-TLS каждого пользователя становится коротким случайным именем под доменом сервера (нужна A-запись для *.домена). Ссылки всех пользователей меняются; при выключении возвращаются прежние ссылки.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_settings.py" line="648" />
            <source>Subdomains preview</source>
            <translation>Предпросмотр поддоменов</translation>
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="35" />
            <source>Share: {name}</source>
            <translation>Поделиться: {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="45" />
            <source>Scan with the phone's camera; Telegram opens the proxy</source>
            <translation>Отсканируйте камерой телефона — Telegram откроет прокси</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="50" />
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="52" />
            <source>Copy</source>
            <translation>Копировать</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="56" />
            <source>Link (opens in any browser):</source>
            <translation>Ссылка (открывается в любом браузере):</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="59" />
            <source>Link for the Telegram app:</source>
            <translation>Ссылка для приложения Telegram:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="69" />
            <source>Copy invitation</source>
            <translation>Копировать приглашение</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="72" />
            <source>Copy QR image</source>
            <translation>Копировать QR-код</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="82" />
            <source>Invitation to send:</source>
            <translation>Приглашение для отправки:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="101" />
            <source>Hi! Here is your own proxy for Telegram:
{link}

Open the link on the device with Telegram and tap “Connect proxy”.
Or in Telegram: Settings → Data and Storage → Proxy → Add proxy, and paste the link.</source>
            <translation>Привет! Вот твой личный прокси для Telegram:
{link}

Открой ссылку на устройстве с Telegram и нажми «Подключить прокси».
Или в Telegram: Настройки → Данные и память → Прокси → Добавить прокси, и вставь ссылку.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="111" />
            <source>t.me link for {name} copied</source>
            <translation>Ссылка t.me для {name} скопирована</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="115" />
            <source>tg:// link for {name} copied</source>
            <translation>Ссылка tg:// для {name} скопирована</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="120" />
            <source>Invitation for {name} copied</source>
            <translation>Приглашение для {name} скопировано</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="125" />
            <source>QR code of {name} copied</source>
            <translation>QR-код {name} скопирован</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_share.py" line="130" />
            <source>Copied ✓</source>
            <translation>Скопировано ✓</translation>
        </message>
    </context>
    <context>
        <name>SudoPasswordDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="42" />
            <source>Sudo password for {server}</source>
            <translation>Пароль `sudo` для {server}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="51" />
            <source>sudo on {host} asks {user} for a password. Enter it to store it in the system keyring and try again.</source>
            <translation>`sudo` на {host} запрашивает пароль пользователя {user}. Введите его: он сохранится в системной связке ключей, и попытка повторится.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="61" />
            <source>Sudo password:</source>
            <translation>Пароль `sudo`:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="67" />
            <source>Store and retry</source>
            <translation>Сохранить и повторить</translation>
        </message>
    </context>
    <context>
        <name>TelegramAlertsBox</name>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="42" />
            <source>Telegram alerts from the server</source>
            <translation>Оповещения в Telegram от сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="46" />
            <source>The server itself sends the same alerts to a Telegram chat of yours, so they reach you while this computer is off. Make a bot with @BotFather, write to it once, then give its token and your chat id here.</source>
            <translation>Сервер сам отправляет те же оповещения в ваш чат Telegram, поэтому они доходят, даже когда этот компьютер выключен. Создайте бота у @BotFather, напишите ему один раз и укажите здесь его токен и ID вашего чата.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="57" />
            <source>Kept in this computer's keyring and in one file on the server only</source>
            <translation>Хранится только в связке ключей этого компьютера и в одном файле на сервере</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="60" />
            <source>-1001234567890 or @channel</source>
            <translation>-1001234567890 или @канал</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="61" />
            <source>The chat's number (getUpdates shows it; groups are negative)</source>
            <translation>Номер чата (его показывает getUpdates; у групп он отрицательный)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="67" />
            <source>Leave it empty for Telegram's own; a Bot API server of yours if the server cannot reach it</source>
            <translation>Оставьте пустым для сервера самого Telegram; укажите свой сервер Bot API, если сервер не может до него достучаться</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="70" />
            <source>Bot token:</source>
            <translation>Токен бота:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="71" />
            <source>Chat id:</source>
            <translation>ID чата:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="72" />
            <source>Bot API:</source>
            <translation>Bot API:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="73" />
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="111" />
            <source>Not checked yet.</source>
            <translation>Ещё не проверено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="78" />
            <source>Check</source>
            <translation>Проверить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="79" />
            <source>Ask the server whether its alerts are on</source>
            <translation>Спросить сервер, включены ли его оповещения</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="81" />
            <source>Turn on</source>
            <translation>Включить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="84" />
            <source>Send a test message</source>
            <translation>Отправить проверочное сообщение</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="86" />
            <source>Turn off</source>
            <translation>Выключить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="87" />
            <source>Remove the token from the server and from this computer</source>
            <translation>Удалить токен с сервера и с этого компьютера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="125" />
            <source>Off: the server sends no Telegram alerts.</source>
            <translation>Выключено: сервер не отправляет оповещений в Telegram.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="127" />
            <source>On: chat {chat}, language: {language}, via {api}.</source>
            <translation>Включено: чат {chat}, язык: {language}, через {api}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="131" />
            <source>Alerts sent so far: {n}.</source>
            <translation>Уже отправлено оповещений: {n}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="164" />
            <source>Telegram alerts</source>
            <translation>Оповещения в Telegram</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="182" />
            <source>Turn on Telegram alerts</source>
            <translation>Включение оповещений в Telegram</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="190" />
            <source>Test message sent: look in the chat.</source>
            <translation>Проверочное сообщение отправлено: посмотрите в чате.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="192" />
            <source>Test Telegram alert</source>
            <translation>Проверка оповещений в Telegram</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/telegram_alerts_box.py" line="196" />
            <source>Turn off Telegram alerts</source>
            <translation>Выключение оповещений в Telegram</translation>
        </message>
    </context>
    <context>
        <name>TrafficPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="88" />
            <source>Day</source>
            <translation>День</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="89" />
            <source>Week</source>
            <translation>Неделя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="90" />
            <source>Month</source>
            <translation>Месяц</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="118" />
            <source>User:</source>
            <translation>Пользователь:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="120" />
            <source>Range:</source>
            <translation>Период:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="146" />
            <source>Limit</source>
            <translation>Лимит</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="196" />
            <source>All users</source>
            <translation>Все пользователи</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="271" />
            <source>Loading history…</source>
            <translation>Загрузка истории…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="283" />
            <source>Traffic history</source>
            <translation>История трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="91" />
            <source>Year</source>
            <translation>Год</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="92" />
            <source>Custom</source>
            <translation>Свой период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="97" />
            <source>Download / upload</source>
            <translation>Загрузка / отдача</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="98" />
            <source>Top {n} users</source>
            <translation>Топ-{n} пользователей</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="99" />
            <source>The top users view stacks the busiest users of the server</source>
            <translation>Вид «топ пользователей» складывает столбики самых активных пользователей сервера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="108" />
            <source>From:</source>
            <translation>С:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="109" />
            <source>to:</source>
            <translation>по:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="144" />
            <source>Used in the quota period</source>
            <translation>Израсходовано за расчётный период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="157" />
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="301" />
            <source>No history yet</source>
            <translation>Истории пока нет</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="246" />
            <source>Live rate of {user}</source>
            <translation>Скорость {user} сейчас</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="248" />
            <source>Live rate of the server</source>
            <translation>Скорость сервера сейчас</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="251" />
            <source>{who}: {rate}</source>
            <translation>{who}: {rate}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="253" />
            <source>{who}: measuring…</source>
            <translation>{who}: измеряется…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="310" />
            <source>Download</source>
            <translation>Загрузка</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="311" />
            <source>Upload</source>
            <translation>Отдача</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="334" />
            <source>per hour</source>
            <translation>за час</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="334" />
            <source>per day</source>
            <translation>за день</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="338" />
            <source>{total} in this range; {used} in the quota period</source>
            <translation>{total} за выбранный период; {used} за расчётный период</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="355" />
            <source>Others</source>
            <translation>Остальные</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="455" />
            <source>Download: {n}</source>
            <translation>Загрузка: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_traffic.py" line="456" />
            <source>Upload: {n}</source>
            <translation>Отдача: {n}</translation>
        </message>
    </context>
    <context>
        <name>TrayNotifier</name>
        <message>
            <location filename="../../mtpm_desktop/ui/notifications.py" line="67" />
            <source>{server}: not checked yet</source>
            <translation>{server}: ещё не проверен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/notifications.py" line="69" />
            <source>{server}: unreachable</source>
            <translation>{server}: недоступен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/notifications.py" line="73" />
            <source>{server}: running {running}/{total}</source>
            <translation>{server}: запущено {running}/{total}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/notifications.py" line="91" />
            <source>Show mtpm</source>
            <translation>Показать mtpm</translation>
        </message>
    </context>
    <context>
        <name>UndoBar</name>
        <message>
            <location filename="../../mtpm_desktop/ui/undo.py" line="100" />
            <source>Undo</source>
            <translation>Отменить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/undo.py" line="102" />
            <source>Nothing has been sent to the server yet</source>
            <translation>На сервер ещё ничего не отправлено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/undo.py" line="124" />
            <source>{text} (+{n} more waiting)</source>
            <translation>{text} (ещё в ожидании: {n})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/undo.py" line="126" />
            <source>{text} · undo within {s} s</source>
            <translation>{text} · отменить можно {s} с</translation>
        </message>
    </context>
    <context>
        <name>UserSettingsDialog</name>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="181" />
            <source>User settings: {name}</source>
            <translation>Настройки пользователя: {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="190" />
            <source> GB</source>
            <translation> ГБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="191" />
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="200" />
            <source>server default</source>
            <translation>как на сервере</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="193" />
            <source>Unlimited (ignore the server's limit)</source>
            <translation>Без лимита (не учитывать лимит сервера)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="199" />
            <source> Mbit/s</source>
            <translation> Мбит/с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="202" />
            <source>Expires</source>
            <translation>Истекает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="212" />
            <source>Regenerate the secret (the old link stops working)</source>
            <translation>Создать новый секрет (старая ссылка перестанет работать)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="213" />
            <source>Name:</source>
            <translation>Имя:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="214" />
            <source>Fake-TLS domain:</source>
            <translation>Домен Fake-TLS:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="215" />
            <source>Traffic limit:</source>
            <translation>Лимит трафика:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="217" />
            <source>Throttle speed:</source>
            <translation>Ограничение скорости:</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/dlg_user.py" line="220" />
            <source>Changing the domain or the secret changes the user's link.</source>
            <translation>При смене домена или секрета ссылка пользователя меняется.</translation>
        </message>
    </context>
    <context>
        <name>UsersModel</name>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="106" />
            <source>Name</source>
            <translation>Имя</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="107" />
            <source>Port</source>
            <translation>Порт</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="108" />
            <source>SNI domain</source>
            <translation>Домен SNI</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="109" />
            <source>State</source>
            <translation>Состояние</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="110" />
            <source>Traffic</source>
            <translation>Трафик</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="111" />
            <source>Expires</source>
            <translation>Истекает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="112" />
            <source>Created</source>
            <translation>Создан</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="113" />
            <source>Link check</source>
            <translation>Проверка ссылки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="114" />
            <source>Online</source>
            <translation>В сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="115" />
            <source>Last seen</source>
            <translation>Был в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="116" />
            <source>Devices</source>
            <translation>Устройства</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="152" />
            <source>online</source>
            <translation>в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="153" />
            <source>offline</source>
            <translation>не в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="300" />
            <source>disabled, not checked</source>
            <translation>отключён, не проверялся</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="305" />
            <source>{ms} ms</source>
            <translation>{ms} мс</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="353" />
            <location filename="../../mtpm_desktop/ui/models.py" line="372" />
            <source>no limit</source>
            <translation>без лимита</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="355" />
            <source>This period: {used} of {limit}
Lifetime: {life}</source>
            <translation>За период: {used} из {limit}
За всё время: {life}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="364" />
            <source>Online: {n} connection(s) open</source>
            <translation>В сети: открыто соединений — {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="367" />
            <source>Offline</source>
            <translation>Не в сети</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="374" />
            <source>Devices now: {now} (limit {limit})
Last 24 h: {day} · last 30 days: {month}</source>
            <translation>Устройств сейчас: {now} (лимит {limit})
За 24 ч: {day} · за 30 дней: {month}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="378" />
            <source>{n} connection(s) from new devices refused over the limit</source>
            <translation>Отклонено соединений с новых устройств сверх лимита: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/models.py" line="383" />
            <source>Checked at {time}</source>
            <translation>Проверено в {time}</translation>
        </message>
    </context>
    <context>
        <name>UsersPage</name>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="78" />
            <source>Add user…</source>
            <translation>Добавить пользователя…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="79" />
            <source>Share…</source>
            <translation>Поделиться…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="81" />
            <source>Delete</source>
            <translation>Удалить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="83" />
            <source>Enable</source>
            <translation>Включить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="84" />
            <source>Disable</source>
            <translation>Отключить</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="85" />
            <source>Settings…</source>
            <translation>Настройки…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="86" />
            <source>QR code…</source>
            <translation>QR-код…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="88" />
            <source>Copy tg:// link</source>
            <translation>Копировать ссылку tg://</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="91" />
            <source>Copy t.me link</source>
            <translation>Копировать ссылку t.me</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="93" />
            <source>Test link</source>
            <translation>Проверить ссылку</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="94" />
            <source>Test all links</source>
            <translation>Проверить все ссылки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="95" />
            <source>Reset traffic…</source>
            <translation>Обнулить трафик…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="96" />
            <source>Traffic history</source>
            <translation>История трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="97" />
            <source>Show logs</source>
            <translation>Показать журнал</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="98" />
            <source>Devices…</source>
            <translation>Устройства…</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="137" />
            <source>Filter by name, port, domain or state</source>
            <translation>Фильтр по имени, порту, домену или состоянию</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="290" />
            <source>No user matches “{text}”.</source>
            <translation>Нет пользователей по запросу «{text}».</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="292" />
            <source>No users yet. Press "Add user…" to create the first proxy link.</source>
            <translation>Пользователей пока нет. Нажмите «Добавить пользователя…», чтобы создать первую ссылку на прокси.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="384" />
            <source>Add user {name}</source>
            <translation>Добавление пользователя {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="388" />
            <source>User {name} added</source>
            <translation>Пользователь {name} добавлен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="405" />
            <source>Delete users</source>
            <translation>Удаление пользователей</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="406" />
            <source>Delete {names}?
Their links stop working and their counters are lost.</source>
            <translation>Удалить {names}?
Их ссылки перестанут работать, а счётчики будут потеряны.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="420" />
            <source>Delete {name}</source>
            <translation>Удаление {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="412" />
            <source>Delete {n} users</source>
            <translation>Удалить пользователей: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="417" />
            <source>{name} deleted</source>
            <translation>{name} удалён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="419" />
            <source>{n} users deleted</source>
            <translation>Удалено пользователей: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="422" />
            <source>User {name} deleted</source>
            <translation>Пользователь {name} удалён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="434" />
            <source>Reset traffic</source>
            <translation>Обнуление трафика</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="435" />
            <source>Set the traffic this period of {names} to zero?</source>
            <translation>Обнулить трафик за период у {names}?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="436" />
            <source>Reset {name}</source>
            <translation>Обнулить {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="438" />
            <source>Reset {n} users</source>
            <translation>Обнулить пользователей: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="443" />
            <location filename="../../mtpm_desktop/ui/page_users.py" line="448" />
            <source>Traffic of {name} reset</source>
            <translation>Трафик {name} обнулён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="445" />
            <source>Traffic of {n} users reset</source>
            <translation>Трафик обнулён у пользователей: {n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="446" />
            <source>Reset traffic of {name}</source>
            <translation>Обнуление трафика {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="483" />
            <source>Enable {name}</source>
            <translation>Включение {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="483" />
            <source>Disable {name}</source>
            <translation>Отключение {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="484" />
            <source>{name} enabled</source>
            <translation>{name} включён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="484" />
            <source>{name} disabled</source>
            <translation>{name} отключён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="506" />
            <source>Settings of {name}</source>
            <translation>Настройки {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="513" />
            <location filename="../../mtpm_desktop/ui/page_users.py" line="577" />
            <source>t.me link for {name} copied</source>
            <translation>Ссылка t.me для {name} скопирована</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="514" />
            <source>QR code of {name} copied</source>
            <translation>QR-код {name} скопирован</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="530" />
            <source>Devices of {name}</source>
            <translation>Устройства {name}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="575" />
            <source>tg:// link for {name} copied</source>
            <translation>Ссылка tg:// для {name} скопирована</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="603" />
            <source>No enabled user to test</source>
            <translation>Нет включённых пользователей для проверки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="620" />
            <source>{ok}/{n} links accepted</source>
            <translation>Ссылки приняты: {ok}/{n}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="623" />
            <source>Test links</source>
            <translation>Проверка ссылок</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/page_users.py" line="410" />
            <source>Delete {name}</source>
            <comment>confirm button</comment>
            <translation>Удалить {name}</translation>
        </message>
    </context>
    <context>
        <name>confirm</name>
        <message>
            <location filename="../../mtpm_desktop/ui/confirm.py" line="30" />
            <source>Unapplied settings</source>
            <translation>Неприменённые настройки</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/confirm.py" line="31" />
            <source>The Settings page has changes that are not applied. Discard them?</source>
            <translation>На странице «Настройки» есть неприменённые изменения. Отбросить их?</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/confirm.py" line="34" />
            <source>Discard changes</source>
            <translation>Отбросить изменения</translation>
        </message>
    </context>
    <context>
        <name>fmt</name>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="11" />
            <source>B</source>
            <translation>Б</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="12" />
            <source>KB</source>
            <translation>КБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="13" />
            <source>MB</source>
            <translation>МБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="14" />
            <source>GB</source>
            <translation>ГБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="15" />
            <source>TB</source>
            <translation>ТБ</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="41" />
            <source>{size}/s</source>
            <translation>{size}/с</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="47" />
            <source>{n} s ago</source>
            <translation>{n} с назад</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="49" />
            <source>{n} min ago</source>
            <translation>{n} мин назад</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="51" />
            <source>{n} h ago</source>
            <translation>{n} ч назад</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="52" />
            <source>{n} d ago</source>
            <translation>{n} дн. назад</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="81" />
            <source>running</source>
            <translation>работает</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="82" />
            <source>stopped</source>
            <translation>остановлен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="83" />
            <source>missing</source>
            <translation>нет контейнера</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="84" />
            <source>disabled</source>
            <translation>отключён</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="85" />
            <source>expired</source>
            <translation>истёк</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="86" />
            <source>unknown</source>
            <translation>неизвестно</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="87" />
            <source>accepted</source>
            <translation>принята</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="88" />
            <source>refused</source>
            <translation>отклонена</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="89" />
            <source>unreachable</source>
            <translation>недоступен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="90" />
            <source>throttled</source>
            <translation>замедлен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="91" />
            <source>device limit</source>
            <translation>лимит устройств</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="116" />
            <source>{n} d</source>
            <translation>{n} дн.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="118" />
            <source>{n} h</source>
            <translation>{n} ч</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="120" />
            <source>{n} min</source>
            <translation>{n} мин</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="122" />
            <source>in {amount}</source>
            <translation>через {amount}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="123" />
            <source>expired {amount} ago</source>
            <translation>истёк {amount} назад</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="130" />
            <source>never</source>
            <translation>никогда</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/fmt.py" line="132" />
            <source>now</source>
            <translation>сейчас</translation>
        </message>
    </context>
    <context>
        <name>jobs</name>
        <message>
            <location filename="../../mtpm_desktop/ui/jobs.py" line="60" />
            <location filename="../../mtpm_desktop/ui/jobs.py" line="166" />
            <source>Cancelled.</source>
            <translation>Отменено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/ui/jobs.py" line="109" />
            <source>Unexpected error ({kind}): {text}</source>
            <translation>Непредвиденная ошибка ({kind}): {text}</translation>
        </message>
    </context>
</TS>
