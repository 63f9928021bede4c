<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="49"/>
        <source>Add user</source>
        <translation>Добавить пользователя</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="53"/>
        <source>e.g. alice-phone</source>
        <translation>например, alice-phone</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="57"/>
        <source>automatic</source>
        <translation>автоматически</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="61"/>
        <source>server default</source>
        <translation>как на сервере</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="62"/>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="63"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="64"/>
        <source>Fake-TLS domain:</source>
        <translation>Домен Fake-TLS:</translation>
    </message>
</context>
<context>
    <name>BootstrapWizard</name>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="98"/>
        <source>Set up server {name}</source>
        <translation>Настройка сервера {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="114"/>
        <source>Send the proxy image from this computer (registry blocked)</source>
        <translation>Передать образ прокси с этого компьютера (реестр заблокирован)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="115"/>
        <source>detected</source>
        <translation>определяется автоматически</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="116"/>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="118"/>
        <source>next free from the base port</source>
        <translation>следующий свободный от начального порта</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="120"/>
        <source>Registry mirror</source>
        <translation>Зеркало реестра</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="122"/>
        <source>Server IP</source>
        <translation>IP сервера</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="123"/>
        <source>Domain</source>
        <translation>Домен</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="124"/>
        <source>First user</source>
        <translation>Первый пользователь</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="125"/>
        <source>First user&apos;s port</source>
        <translation>Порт первого пользователя</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="140"/>
        <source>Ready. Steps already done on the server are skipped.</source>
        <translation>Готово к запуску. Шаги, уже выполненные на сервере, будут пропущены.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="147"/>
        <source>Set up</source>
        <translation>Настроить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="149"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="199"/>
        <source>Setting up…</source>
        <translation>Настройка…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="227"/>
        <source> (already done)</source>
        <translation> (уже сделано)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="228"/>
        <source> — failed</source>
        <translation> — ошибка</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="243"/>
        <source>Run again</source>
        <translation>Запустить снова</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="245"/>
        <source>The setup could not start.</source>
        <translation>Настройку не удалось запустить.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="251"/>
        <source>Step “{title}” failed: {error}. {remedy}</source>
        <translation>Шаг «{title}» не выполнен: {error}. {remedy}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="261"/>
        <source>The server is set up.</source>
        <translation>Сервер настроен.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/bootstrap_wizard.py" line="261"/>
        <source>The server was already set up.</source>
        <translation>Сервер уже был настроен.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../mtpm_desktop/ui/controller.py" line="101"/>
        <source>Loading the server list</source>
        <translation>Загрузка списка серверов</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/controller.py" line="126"/>
        <source>Removing the server&apos;s passwords</source>
        <translation>Удаление паролей сервера</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="39"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="46"/>
        <source>Users:</source>
        <translation>Пользователи:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="47"/>
        <source>Port range:</source>
        <translation>Диапазон портов:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="48"/>
        <source>Traffic this period:</source>
        <translation>Трафик за период:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="49"/>
        <source>Clock offset:</source>
        <translation>Расхождение часов:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="52"/>
        <source>Top users this period</source>
        <translation>Самые активные за период</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="56"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="56"/>
        <source>Traffic</source>
        <translation>Трафик</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="56"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="61"/>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="122"/>
        <source>Start all</source>
        <translation>Запустить все</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="62"/>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="123"/>
        <source>Stop all</source>
        <translation>Остановить все</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="63"/>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="124"/>
        <source>Restart all</source>
        <translation>Перезапустить все</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="78"/>
        <source>No data yet</source>
        <translation>Данных пока нет</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="84"/>
        <source>Running {running}/{total}</source>
        <translation>Работает {running}/{total}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="88"/>
        <source>{total} ({enabled} enabled)</source>
        <translation>{total} (включено: {enabled})</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="96"/>
        <source>{offset:+.2f} s</source>
        <translation>{offset:+.2f} с</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="99"/>
        <source>the server clock is off: links stop working past 3 s. Sync it (NTP).</source>
        <translation>часы сервера сбиты: после 3 с ссылки перестают работать. Синхронизируйте их (NTP).</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="114"/>
        <source>Stop all proxies</source>
        <translation>Остановить все прокси</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_dashboard.py" line="116"/>
        <source>Stop every proxy on {server}? All users are disconnected until you start them.</source>
        <translation>Остановить все прокси на {server}? Все пользователи будут отключены, пока вы их не запустите.</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="45"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="48"/>
        <source>Follow</source>
        <translation>Следить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="50"/>
        <source>Load</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="54"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="56"/>
        <source>Lines:</source>
        <translation>Строк:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="77"/>
        <source>All users</source>
        <translation>Все пользователи</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_logs.py" line="117"/>
        <source>Logs</source>
        <translation>Журналы</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py"/>
        <source>&amp;Move users to another server…</source>
        <translation>&amp;Перенести пользователей на другой сервер…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py"/>
        <source>Restore from &amp;backup…</source>
        <translation>Восстановить из &amp;резервной копии…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py"/>
        <source>Restoring from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py"/>
        <source>Moving users to {server}</source>
        <translation>Перенос пользователей на {server}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="72"/>
        <source>mtpm — MTProto proxy manager</source>
        <translation>mtpm — менеджер прокси MTProto</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="92"/>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="93"/>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="94"/>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="101"/>
        <source>Servers</source>
        <translation>Серверы</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="126"/>
        <location filename="../../mtpm_desktop/ui/window.py" line="194"/>
        <source>Dashboard</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="127"/>
        <location filename="../../mtpm_desktop/ui/window.py" line="194"/>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="128"/>
        <location filename="../../mtpm_desktop/ui/window.py" line="194"/>
        <source>Traffic</source>
        <translation>Трафик</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="129"/>
        <location filename="../../mtpm_desktop/ui/window.py" line="194"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="130"/>
        <location filename="../../mtpm_desktop/ui/window.py" line="194"/>
        <source>Logs</source>
        <translation>Журналы</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="156"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="181"/>
        <source>&amp;Server</source>
        <translation>&amp;Сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="182"/>
        <source>&amp;Add server…</source>
        <translation>&amp;Добавить сервер…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="183"/>
        <source>&amp;Edit server…</source>
        <translation>&amp;Изменить сервер…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="184"/>
        <source>&amp;Remove server</source>
        <translation>&amp;Убрать сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="185"/>
        <source>&amp;Set up server (Docker, proxy image, first user)…</source>
        <translation>&amp;Настроить сервер (Docker, образ прокси, первый пользователь)…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="186"/>
        <source>&amp;Uninstall mtpm from server…</source>
        <translation>&amp;Удалить mtpm с сервера…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="188"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="189"/>
        <source>Refresh &amp;all</source>
        <translation>Обновить &amp;все</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="191"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="192"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="198"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="201"/>
        <source>System</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="206"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="207"/>
        <source>&amp;About mtpm</source>
        <translation>&amp;О программе mtpm</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="224"/>
        <source>The language changes when mtpm is started again.</source>
        <translation>Язык сменится при следующем запуске mtpm.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="229"/>
        <source>About mtpm</source>
        <translation>О программе mtpm</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="230"/>
        <source>mtpm {version}
Runs Telegram MTProto proxies on your servers over SSH.</source>
        <translation>mtpm {version}
Запускает прокси Telegram MTProto на ваших серверах через SSH.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="265"/>
        <source>not refreshed yet</source>
        <translation>ещё не обновлялся</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="268"/>
        <source>unreachable · data from {age}</source>
        <translation>недоступен · данные: {age}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="271"/>
        <source>Running {running}/{total} · {time}</source>
        <translation>Работает {running}/{total} · {time}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="282"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="320"/>
        <source>No server yet. Press &quot;Add…&quot; to add your first server.</source>
        <translation>Серверов пока нет. Нажмите «Добавить…», чтобы добавить первый сервер.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="324"/>
        <source>{server} is unreachable; showing data from {age}. Reason: {reason}</source>
        <translation>{server} недоступен; показаны данные, полученные {age}. Причина: {reason}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="326"/>
        <source>{server} is unreachable and there is no earlier data. Reason: {reason}</source>
        <translation>{server} недоступен, и более ранних данных нет. Причина: {reason}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="364"/>
        <source>Saving the server</source>
        <translation>Сохранение сервера</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="399"/>
        <source>Uninstall mtpm</source>
        <translation>Удаление mtpm</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="401"/>
        <source>Remove every proxy, the traffic agent with its counters, mtpm&apos;s firewall rules and files from {server}? All users&apos; links stop working. Docker stays installed. The server is then removed from this list.</source>
        <translation>Удалить с сервера {server} все прокси, агент трафика вместе со счётчиками, правила файрвола и файлы mtpm? Ссылки всех пользователей перестанут работать. Docker останется установленным. Затем сервер будет убран из этого списка.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="410"/>
        <source>Uninstalling mtpm</source>
        <translation>Удаление mtpm</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="427"/>
        <source>Remove server</source>
        <translation>Убрать сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="428"/>
        <source>Remove {server} from this list? Nothing on the server is changed.</source>
        <translation>Убрать {server} из списка? На самом сервере ничего не изменится.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/window.py" line="490"/>
        <source>Storing the sudo password</source>
        <translation>Сохранение пароля `sudo`</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="47"/>
        <source>QR code: {name}</source>
        <translation>QR-код: {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="60"/>
        <source>Copy image</source>
        <translation>Копировать изображение</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="61"/>
        <source>Copy link</source>
        <translation>Копировать ссылку</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="62"/>
        <source>Save PNG…</source>
        <translation>Сохранить PNG…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="63"/>
        <source>Save SVG…</source>
        <translation>Сохранить SVG…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="87"/>
        <source>PNG image (*.png)</source>
        <translation>Изображение PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="87"/>
        <source>SVG image (*.svg)</source>
        <translation>Изображение SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_qr.py" line="88"/>
        <source>Save QR code</source>
        <translation>Сохранить QR-код</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="141"/>
        <source>Edit server</source>
        <translation>Изменить сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="141"/>
        <source>Add server</source>
        <translation>Добавить сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="150"/>
        <source>Use alias</source>
        <translation>Взять из алиаса</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="165"/>
        <source>Key file</source>
        <translation>Файл ключа</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="166"/>
        <source>SSH agent</source>
        <translation>SSH-агент</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="167"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="171"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="184"/>
        <source>Forget</source>
        <translation>Забыть</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="186"/>
        <source>Remove the stored sudo password from the keyring on Save</source>
        <translation>При сохранении удалить сохранённый пароль `sudo` из связки ключей</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="194"/>
        <source>Only for a login other than root, and only if sudo asks this user for a password. Kept in the system keyring.</source>
        <translation>Нужен, только если вход не под `root` и `sudo` запрашивает у этого пользователя пароль. Хранится в системной связке ключей.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="200"/>
        <source>(stored in the keyring; leave empty to keep)</source>
        <translation>(хранится в связке ключей; оставьте пустым, чтобы не менять)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="209"/>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="210"/>
        <source>SSH config alias:</source>
        <translation>Алиас из ~/.ssh/config:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="211"/>
        <source>Host:</source>
        <translation>Хост:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="212"/>
        <source>SSH port:</source>
        <translation>Порт SSH:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="213"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="214"/>
        <source>Login with:</source>
        <translation>Вход по:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="215"/>
        <source>Key file:</source>
        <translation>Файл ключа:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="216"/>
        <source>Key passphrase:</source>
        <translation>Пароль ключа:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="217"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="218"/>
        <source>Sudo password:</source>
        <translation>Пароль `sudo`:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="228"/>
        <source>Install folder on the server:</source>
        <translation>Папка установки на сервере:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="230"/>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="233"/>
        <source>Trust this key</source>
        <translation>Доверять этому ключу</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="288"/>
        <source>(removed from the keyring on Save)</source>
        <translation>(будет удалён из связки ключей при сохранении)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="293"/>
        <source>SSH private key</source>
        <translation>Закрытый ключ SSH</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="391"/>
        <source>Connecting to {host}…</source>
        <translation>Подключение к {host}…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="414"/>
        <source>This server&apos;s host key is not known yet.
{type} key fingerprint:
{fp}
Compare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the server, then press &quot;Trust this key&quot;.</source>
        <translation>Ключ этого сервера ещё неизвестен.
Отпечаток ключа {type}:
{fp}
Сравните его с выводом `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` на сервере и нажмите «Доверять этому ключу».</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="421"/>
        <source>WARNING: the host key of this server has CHANGED (now {fp}). Nothing was sent to it. If the server was not reinstalled, someone may be intercepting the connection.</source>
        <translation>ВНИМАНИЕ: ключ этого сервера ИЗМЕНИЛСЯ (теперь {fp}). Ему ничего не отправлено. Если сервер не переустанавливали, соединение может перехватываться.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="436"/>
        <source>Connected: {system}. Docker works through sudo.</source>
        <translation>Подключено: {system}. Docker работает через `sudo`.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="438"/>
        <source>Connected: {system}. Docker works.</source>
        <translation>Подключено: {system}. Docker работает.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="444"/>
        <source>Connected: {system}, but Docker cannot be used: {error}</source>
        <translation>Подключено: {system}, но Docker недоступен: {error}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="452"/>
        <source>Connected: {system}. {error}</source>
        <translation>Подключено: {system}. {error}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_server.py" line="473"/>
        <source>A server named {name} already exists.</source>
        <translation>Сервер с именем {name} уже есть.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="45"/>
        <source>Addresses and ports</source>
        <translation>Адреса и порты</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="48"/>
        <source>proxy.example.com (optional)</source>
        <translation>proxy.example.com (необязательно)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="57"/>
        <source>Prefer IPv4</source>
        <translation>Предпочитать IPv4</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="58"/>
        <source>Prefer IPv6</source>
        <translation>Предпочитать IPv6</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="59"/>
        <source>IPv4 only</source>
        <translation>Только IPv4</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="60"/>
        <source>IPv6 only</source>
        <translation>Только IPv6</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="64"/>
        <source>Server domain:</source>
        <translation>Домен сервера:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="65"/>
        <source>Server IP:</source>
        <translation>IP сервера:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="66"/>
        <source>Base port:</source>
        <translation>Начальный порт:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="67"/>
        <source>Default fake-TLS domain:</source>
        <translation>Домен Fake-TLS по умолчанию:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="68"/>
        <source>Prefer IP:</source>
        <translation>Предпочитать IP:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="71"/>
        <source>Limits</source>
        <translation>Лимиты</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="75"/>
        <source> GB</source>
        <translation> ГБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="76"/>
        <source>no limit</source>
        <translation>без лимита</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="79"/>
        <source> Mbit/s</source>
        <translation> Мбит/с</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="81"/>
        <source>Lifetime</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="82"/>
        <source>Monthly</source>
        <translation>Ежемесячно</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="85"/>
        <source>on day </source>
        <translation>в день </translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="90"/>
        <source>Traffic limit per user:</source>
        <translation>Лимит трафика на пользователя:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="91"/>
        <source>Throttle speed over the limit:</source>
        <translation>Скорость сверх лимита:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="92"/>
        <source>Quota period:</source>
        <translation>Период квоты:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="95"/>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="225"/>
        <source>Port 443 mode</source>
        <translation>Режим порта 443</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="97"/>
        <source>Route every user through one port by SNI</source>
        <translation>Все пользователи через один порт (маршрутизация по SNI)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="101"/>
        <source>host:port of a real website, empty = close</source>
        <translation>хост:порт настоящего сайта, пусто = закрывать</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="103"/>
        <source>Listen port:</source>
        <translation>Порт приёма:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="104"/>
        <source>Decoy upstream:</source>
        <translation>Сайт-приманка:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="107"/>
        <source>Engine</source>
        <translation>Движок</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="110"/>
        <source>Proxy image:</source>
        <translation>Образ прокси:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="114"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="117"/>
        <source>Reset all counters…</source>
        <translation>Сбросить все счётчики…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="119"/>
        <source>Import from the old web panel…</source>
        <translation>Импорт из старой веб-панели…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="121"/>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="272"/>
        <source>Reconcile</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="204"/>
        <source>Nothing changed.</source>
        <translation>Ничего не изменилось.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="212"/>
        <source>Port 443 preview</source>
        <translation>Предпросмотр режима 443</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="221"/>
        <source>(every user&apos;s port changes to the listen port)</source>
        <translation>(у всех пользователей порт сменится на порт приёма)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="222"/>
        <source>These users&apos; links will change; send them the new links:
{names}

Apply?</source>
        <translation>Ссылки этих пользователей изменятся; отправьте им новые:
{names}

Применить?</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="240"/>
        <source>Apply settings</source>
        <translation>Применение настроек</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="243"/>
        <source>Settings applied.</source>
        <translation>Настройки применены.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="250"/>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="255"/>
        <source>Reset counters</source>
        <translation>Сброс счётчиков</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="250"/>
        <source>Reset the traffic counters of every user to zero?</source>
        <translation>Обнулить счётчики трафика всех пользователей?</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_settings.py" line="262"/>
        <source>Import from the old panel</source>
        <translation>Импорт из старой панели</translation>
    </message>
</context>
<context>
    <name>SudoPasswordDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="42"/>
        <source>Sudo password for {server}</source>
        <translation>Пароль `sudo` для {server}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="51"/>
        <source>sudo on {host} asks {user} for a password. Enter it to store it in the system keyring and try again.</source>
        <translation>`sudo` на {host} запрашивает пароль пользователя {user}. Введите его: он сохранится в системной связке ключей, и попытка повторится.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="61"/>
        <source>Sudo password:</source>
        <translation>Пароль `sudo`:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_sudo.py" line="67"/>
        <source>Store and retry</source>
        <translation>Сохранить и повторить</translation>
    </message>
</context>
<context>
    <name>TrafficPage</name>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="38"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="39"/>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="40"/>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="41"/>
        <source>Load</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="49"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="51"/>
        <source>Range:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="60"/>
        <source>Traffic (cumulative)</source>
        <translation>Трафик (нарастающим итогом)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="62"/>
        <source>Limit</source>
        <translation>Лимит</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="72"/>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="104"/>
        <source>All users</source>
        <translation>Все пользователи</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="125"/>
        <source>Live rate: {rate}</source>
        <translation>Скорость сейчас: {rate}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="127"/>
        <source>Live rate: measuring…</source>
        <translation>Скорость сейчас: измеряется…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="136"/>
        <source>Loading history…</source>
        <translation>Загрузка истории…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="139"/>
        <source>Traffic history</source>
        <translation>История трафика</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_traffic.py" line="163"/>
        <source>{n} buckets, {total} in this range</source>
        <translation>интервалов: {n}, всего за период: {total}</translation>
    </message>
</context>
<context>
    <name>UserSettingsDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="91"/>
        <source>User settings: {name}</source>
        <translation>Настройки пользователя: {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="100"/>
        <source> GB</source>
        <translation> ГБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="101"/>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="110"/>
        <source>server default</source>
        <translation>как на сервере</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="103"/>
        <source>Unlimited (ignore the server&apos;s limit)</source>
        <translation>Без лимита (не учитывать лимит сервера)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="109"/>
        <source> Mbit/s</source>
        <translation> Мбит/с</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="112"/>
        <source>Expires</source>
        <translation>Истекает</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="122"/>
        <source>Regenerate the secret (the old link stops working)</source>
        <translation>Создать новый секрет (старая ссылка перестанет работать)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="123"/>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="124"/>
        <source>Fake-TLS domain:</source>
        <translation>Домен Fake-TLS:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="125"/>
        <source>Traffic limit:</source>
        <translation>Лимит трафика:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="127"/>
        <source>Throttle speed:</source>
        <translation>Ограничение скорости:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_user.py" line="130"/>
        <source>Changing the domain or the secret changes the user&apos;s link.</source>
        <translation>При смене домена или секрета ссылка пользователя меняется.</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="75"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="76"/>
        <source>Port</source>
        <translation>Порт</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="77"/>
        <source>SNI domain</source>
        <translation>Домен SNI</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="78"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="79"/>
        <source>Traffic</source>
        <translation>Трафик</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="80"/>
        <source>Expires</source>
        <translation>Истекает</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="81"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="82"/>
        <source>Link check</source>
        <translation>Проверка ссылки</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="236"/>
        <source>{ms} ms</source>
        <translation>{ms} мс</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="270"/>
        <source>no limit</source>
        <translation>без лимита</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/models.py" line="272"/>
        <source>This period: {used} of {limit}
Lifetime: {life}</source>
        <translation>За период: {used} из {limit}
За всё время: {life}</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="51"/>
        <source>Add user…</source>
        <translation>Добавить пользователя…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="53"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="55"/>
        <source>Enable</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="56"/>
        <source>Disable</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="57"/>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="58"/>
        <source>QR code…</source>
        <translation>QR-код…</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="60"/>
        <source>Copy tg:// link</source>
        <translation>Копировать ссылку tg://</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="63"/>
        <source>Copy t.me link</source>
        <translation>Копировать ссылку t.me</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="65"/>
        <source>Test link</source>
        <translation>Проверить ссылку</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="66"/>
        <source>Test all links</source>
        <translation>Проверить все ссылки</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="83"/>
        <source>Filter by name, port, domain or state</source>
        <translation>Фильтр по имени, порту, домену или состоянию</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="206"/>
        <source>Add user {name}</source>
        <translation>Добавление пользователя {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="217"/>
        <source>Delete users</source>
        <translation>Удаление пользователей</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="219"/>
        <source>Delete {n} user(s): {names}?
Their links stop working and their counters are lost.</source>
        <translation>Удалить пользователей ({n}): {names}?
Их ссылки перестанут работать, а счётчики будут потеряны.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="227"/>
        <source>Delete {name}</source>
        <translation>Удаление {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="237"/>
        <source>Enable {name}</source>
        <translation>Включение {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="237"/>
        <source>Disable {name}</source>
        <translation>Отключение {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="254"/>
        <source>Settings of {name}</source>
        <translation>Настройки {name}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/page_users.py" line="298"/>
        <source>Test links</source>
        <translation>Проверка ссылок</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="13"/>
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="14"/>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="15"/>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="16"/>
        <source>GB</source>
        <translation>ГБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="17"/>
        <source>TB</source>
        <translation>ТБ</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="28"/>
        <source>{size}/s</source>
        <translation>{size}/с</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="34"/>
        <source>{n} s ago</source>
        <translation>{n} с назад</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="36"/>
        <source>{n} min ago</source>
        <translation>{n} мин назад</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="38"/>
        <source>{n} h ago</source>
        <translation>{n} ч назад</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="39"/>
        <source>{n} d ago</source>
        <translation>{n} дн. назад</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="68"/>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="69"/>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="70"/>
        <source>missing</source>
        <translation>нет контейнера</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="71"/>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="72"/>
        <source>expired</source>
        <translation>истёк</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="73"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="74"/>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="75"/>
        <source>refused</source>
        <translation>отклонена</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="76"/>
        <source>unreachable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/fmt.py" line="77"/>
        <source>throttled</source>
        <translation>замедлен</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../mtpm_desktop/ui/jobs.py" line="60"/>
        <location filename="../../mtpm_desktop/ui/jobs.py" line="166"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/jobs.py" line="109"/>
        <source>Unexpected error ({kind}): {text}</source>
        <translation>Непредвиденная ошибка ({kind}): {text}</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>Move users to another server</source>
        <translation>Перенести пользователей на другой сервер</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>New server:</source>
        <translation>Новый сервер:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>Users:</source>
        <translation>Пользователи:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>Stop their proxies on {server} once every new link works (nothing is deleted)</source>
        <translation>Остановить их прокси на {server}, когда все новые ссылки заработают (ничего не удаляется)</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>The new server is set up first if needed. Every user keeps its secret; each link is checked from this computer before anything changes here.</source>
        <translation>Новый сервер сначала настраивается, если нужно. Каждый пользователь сохраняет свой секрет; каждая ссылка проверяется с этого компьютера, прежде чем здесь что-то изменится.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>Restore from backup</source>
        <translation>Восстановить из резервной копии</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>Rebuild the users and settings of a backup on {server}:</source>
        <translation>Восстановить пользователей и настройки из резервной копии на {server}:</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>{when}  —  {server}</source>
        <translation>{when}  —  {server}</translation>
    </message>
    <message>
        <location filename="../../mtpm_desktop/ui/dlg_migrate.py"/>
        <source>No automatic backups on this computer yet.</source>
        <translation>На этом компьютере пока нет автоматических резервных копий.</translation>
    </message>
</context>
</TS>
