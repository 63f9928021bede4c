<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>'users' in the state file must be a list, not {kind}; fix it by hand.</source>
            <translation>'users' в файле состояния должен быть списком, а не {kind}; исправьте его вручную.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' has no dot: use a full host name such as www.example.com.</source>
            <translation>В '{domain}' нет точки: укажите полное имя хоста, например www.example.com.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' is longer than {limit} bytes; Telegram clients cut it short. Use a shorter domain.</source>
            <translation>'{domain}' длиннее {limit} байт: клиенты Telegram его обрезают. Выберите домен покороче.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' is longer than {limit} characters.</source>
            <translation>'{domain}' длиннее {limit} символов.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' is not a bare host name: drop the scheme, port and path (e.g. www.example.com).</source>
            <translation>'{domain}' — не просто имя хоста: уберите схему, порт и путь (например, www.example.com).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' is not a valid host name: each part between dots must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen.</source>
            <translation>'{domain}' — недопустимое имя хоста: каждая часть между точками должна состоять из 1-63 латинских букв, цифр или дефисов и не может начинаться или заканчиваться дефисом.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' is not a valid host name: the part '{label}' cannot be converted to punycode.</source>
            <translation>'{domain}' — недопустимое имя хоста: часть '{label}' не удаётся преобразовать в punycode.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{domain}' looks like an IP address; a FakeTLS domain must be a host name.</source>
            <translation>'{domain}' похож на IP-адрес; домен FakeTLS должен быть именем хоста.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>'{name}' is another user's id; choose another name.</source>
            <translation>'{name}' — это id другого пользователя; выберите другое имя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>'{secret}' is not a FakeTLS secret: it must start with 'ee' (hex) or '7' (base64).</source>
            <translation>'{secret}' — не секрет FakeTLS: он должен начинаться с 'ee' (hex) или '7' (base64).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{value}' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).</source>
            <translation>'{value}' — не дата: используйте формат YYYY-MM-DD или YYYY-MM-DDTHH:MM:SSZ (UTC).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>'{value}' is out of the range of dates mtpm can handle.</source>
            <translation>'{value}' выходит за пределы дат, с которыми может работать mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>A FakeTLS key is {expected} bytes, got {length}; the secret is damaged.</source>
            <translation>Ключ FakeTLS занимает {expected} байт, а получено {length}; секрет повреждён.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>A domain must be text, not {kind}.</source>
            <translation>Домен должен быть текстом, а не {kind}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>A secret must be text, not {kind}.</source>
            <translation>Секрет должен быть текстом, а не {kind}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>A user name must be text, not {kind}.</source>
            <translation>Имя пользователя должно быть текстом, а не {kind}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>A user named '{name}' already exists; choose another name.</source>
            <translation>Пользователь с именем '{name}' уже есть; выберите другое имя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>All {count} SNI domains are used by enabled users. Add custom domains (any popular HTTPS site, e.g. in the server settings under custom_domains), or disable a user.</source>
            <translation>Все домены SNI ({count}) уже заняты включёнными пользователями. Добавьте свои домены (любой популярный HTTPS-сайт, например в настройках сервера в custom_domains) или отключите пользователя.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/user_ports.py" />
            <source>Cannot use {reason}; choose another port.</source>
            <translation>Этот порт использовать нельзя: {reason}; выберите другой порт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>In port-443 mode each user needs its own domain, and '{name}' already uses {domain}; pick another (e.g. {free}).</source>
            <translation>В режиме порта 443 каждому пользователю нужен свой домен, а {domain} уже использует '{name}'; выберите другой (например, {free}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>In port-443 mode each user needs its own domain, and '{name}' already uses {domain}; pick another: add a custom domain first.</source>
            <translation>В режиме порта 443 каждому пользователю нужен свой домен, а {domain} уже использует '{name}'; чтобы выбрать другой, сначала добавьте свой домен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/ports.py" />
            <source>No free port is left between {low} and {high}; remove some users.</source>
            <translation>Между {low} и {high} не осталось свободных портов; удалите часть пользователей.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/links.py" />
            <source>No server address given: pass the server's domain or IP address.</source>
            <translation>Не указан адрес сервера: укажите домен или IP-адрес сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>No user has the id '{id}'; it may have been deleted meanwhile.</source>
            <translation>Нет пользователя с id '{id}'; возможно, его тем временем удалили.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>No user has the id or name '{ref}'; list users to see their names and ids.</source>
            <translation>Нет пользователя с id или именем '{ref}'; посмотрите список пользователей, чтобы узнать их имена и id.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>Port {port!r} is not a number.</source>
            <translation>Порт {port!r} — не число.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>Port {port!r} is not a whole number.</source>
            <translation>Порт {port!r} — не целое число.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/user_ports.py" />
            <source>Port {port} is already used by user '{name}'; choose another port.</source>
            <translation>Порт {port} уже занят пользователем '{name}'; выберите другой порт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>Port {port} is out of range: use a port between 1024 and 65535.</source>
            <translation>Порт {port} вне допустимого диапазона: используйте порт от 1024 до 65535.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/fleet.py" />
            <source>Proxy links for {person}: add all of them in Telegram; when one stops working, another still does.</source>
            <translation>Ссылки на прокси для {person}: добавьте в Telegram их все; если одна перестанет работать, другая продолжит.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>Quota period {value!r} is not understood: use lifetime, or monthly with a day from 1 to 31.</source>
            <translation>Период квоты {value!r} не распознан: используйте lifetime или monthly с днём от 1 до 31.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>Several users are named '{name}'; address one by its id ({ids}).</source>
            <translation>Имя '{name}' носят несколько пользователей; укажите нужного по id ({ids}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/backup_format.py" />
            <source>The backup file is damaged ({detail}): nothing was restored. Use another copy of the backup.</source>
            <translation>Файл резервной копии повреждён ({detail}): ничего не восстановлено. Возьмите другую копию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/backup_format.py" />
            <source>The backup passphrase is empty: give the passphrase the backup was made with.</source>
            <translation>Пароль резервной копии пуст: укажите пароль, с которым она была сделана.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The base64 secret has an impossible length; part of it is missing.</source>
            <translation>У секрета в base64 невозможная длина; часть его потеряна.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>The bundled domain pool is missing or damaged ({error}); reinstall mtpm.</source>
            <translation>Встроенный пул доменов отсутствует или повреждён ({error}); переустановите mtpm.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The device limit must be a whole number from 0 (unlimited) to {max}, not {value!r}.</source>
            <translation>Лимит устройств должен быть целым числом от 0 (без лимита) до {max}, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The domain '{domain}' is not ASCII; use its punycode form (xn--...) in the secret.</source>
            <translation>Домен '{domain}' содержит не-ASCII символы; используйте в секрете его форму punycode (xn--...).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The domain inside the secret ('{domain}') is not in canonical lower-case form; create a new secret.</source>
            <translation>Домен внутри секрета ('{domain}') записан не в каноническом виде строчными буквами; создайте новый секрет.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The domain inside the secret is not plain ASCII; the secret is damaged.</source>
            <translation>Домен внутри секрета содержит не-ASCII символы; секрет повреждён.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The domain inside the secret is not valid: {error}</source>
            <translation>Домен внутри секрета недопустим: {error}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The domain is empty: type a host name such as www.cloudflare.com.</source>
            <translation>Домен не указан: введите имя хоста, например www.cloudflare.com.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The domain is too long to fit a 517-byte ClientHello.</source>
            <translation>Домен слишком длинный и не помещается в ClientHello длиной 517 байт.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The domain is {length} bytes; Telegram clients use at most {limit}. Choose a shorter domain.</source>
            <translation>Длина домена — {length} байт, а клиенты Telegram используют не больше {limit}. Выберите домен покороче.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The hex secret has an odd number of characters; part of it is missing.</source>
            <translation>В hex-секрете нечётное число символов; часть его потеряна.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>The monthly reset day must be a whole number from 1 to 31, not {day!r}.</source>
            <translation>День ежемесячного сброса должен быть целым числом от 1 до 31, а не {day!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/backup_format.py" />
            <source>The passphrase does not open this backup: type the passphrase the backup was made with.</source>
            <translation>Этот пароль не открывает резервную копию: введите пароль, с которым она была сделана.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The secret has characters that are neither hex nor URL-safe base64.</source>
            <translation>В секрете есть символы, которые не относятся ни к hex, ни к URL-safe base64.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The secret has no domain; FakeTLS needs one to send as SNI.</source>
            <translation>В секрете нет домена; FakeTLS нужен домен, чтобы отправлять его как SNI.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The secret is empty.</source>
            <translation>Секрет пуст.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>The secret is too short: after 'ee' it needs {count} key bytes and then the domain.</source>
            <translation>Секрет слишком короткий: после 'ee' должны идти {count} байт ключа, а затем домен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The server answered with a TLS alert: it did not accept the secret.</source>
            <translation>Сервер ответил TLS-предупреждением (alert): он не принял секрет.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/links.py" />
            <source>The server has neither a domain nor an IP address set, so no link can be made: set server_ip (or server_domain) in the server settings.</source>
            <translation>У сервера не задан ни домен, ни IP-адрес, поэтому ссылку создать нельзя: укажите server_ip (или server_domain) в настройках сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The server sent an oversized TLS record ({length} bytes).</source>
            <translation>Сервер прислал слишком большую TLS-запись ({length} байт).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The server's answer is not TLS (bad record version).</source>
            <translation>Ответ сервера — не TLS (неверная версия записи).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The server's answer is not a FakeTLS reply (record type 0x{found:02x}, expected 0x{expected:02x}).</source>
            <translation>Ответ сервера — не ответ FakeTLS (тип записи 0x{found:02x}, ожидался 0x{expected:02x}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/server_move.py" />
            <source>The source server has no user with id {ids}.</source>
            <translation>На исходном сервере нет пользователя с id {ids}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>The state file is not UTF-8 text; restore a backup.</source>
            <translation>Файл состояния — не текст в UTF-8; восстановите резервную копию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>The state file is not a state file (nested too deeply or a number too long); restore a backup.</source>
            <translation>Это не файл состояния (слишком глубокая вложенность или слишком длинное число); восстановите резервную копию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>The state file is not valid JSON (line {line}, column {column}: {error}); fix it by hand or restore a backup.</source>
            <translation>Файл состояния — некорректный JSON (строка {line}, столбец {column}: {error}); исправьте его вручную или восстановите резервную копию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>The state file must hold a JSON object, not {kind}.</source>
            <translation>Файл состояния должен содержать JSON-объект, а не {kind}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/server_move.py" />
            <source>The target server already has another user named {name!r}: rename one of them first.</source>
            <translation>На новом сервере уже есть другой пользователь с именем {name!r}: сначала переименуйте одного из них.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/faketls.py" />
            <source>The timestamp {timestamp} does not fit the 4 bytes FakeTLS carries.</source>
            <translation>Метка времени {timestamp} не помещается в 4 байта, отведённые под неё в FakeTLS.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The user name contains a control character (U+{code:04X}); remove it.</source>
            <translation>Имя пользователя содержит управляющий символ (U+{code:04X}); удалите его.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The user name is empty: type a name such as 'Phone' or 'Anna'.</source>
            <translation>Имя пользователя не указано: введите имя, например 'Телефон' или 'Анна'.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The user name is {length} characters long; use at most {limit}.</source>
            <translation>Длина имени пользователя — {length} символов; допускается не больше {limit}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} cannot be negative ({value!r}); use 0 for the default.</source>
            <translation>Значение «{what}» не может быть отрицательным ({value!r}); укажите 0 для значения по умолчанию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} is far too large ({start}...).</source>
            <translation>Значение «{what}» слишком велико ({start}...).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} must be a finite number, not {value!r}.</source>
            <translation>Значение «{what}» должно быть конечным числом, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} must be a number, not '{value}'.</source>
            <translation>Значение «{what}» должно быть числом, а не '{value}'.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} must be a number, not {kind}.</source>
            <translation>Значение «{what}» должно быть числом, а не {kind}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>The {what} must be a number, not {value!r}.</source>
            <translation>Значение «{what}» должно быть числом, а не {value!r}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/backup_format.py" />
            <source>This backup has format version {version}, which this mtpm cannot read (it reads version {supported}): update mtpm and restore again.</source>
            <translation>У этой резервной копии формат версии {version}, который эта версия mtpm не читает (она читает версию {supported}): обновите mtpm и восстановите снова.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/backup_format.py" />
            <source>This file is not an mtpm backup (it lacks the mtpm-backup header): choose the backup file.</source>
            <translation>Это не резервная копия mtpm (нет заголовка mtpm-backup): выберите файл резервной копии.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>This is a 'dd' (random padding) secret, not a FakeTLS one; mtpm's proxies need an 'ee' secret. Create a new one with `mtpm secret new --domain DOMAIN`.</source>
            <translation>Это секрет 'dd' (со случайным дополнением), а не FakeTLS; прокси mtpm нужен секрет 'ee'. Создайте новый командой `mtpm secret new --domain DOMAIN`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>This is a plain 32-character secret, not a FakeTLS one; mtpm's proxies need an 'ee' secret. Create a new one with `mtpm secret new --domain DOMAIN`.</source>
            <translation>Это обычный секрет из 32 символов, а не FakeTLS; прокси mtpm нужен секрет 'ee'. Создайте новый командой `mtpm secret new --domain DOMAIN`.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/secret.py" />
            <source>This looks like standard base64 (it has '+', '/' or '='); Telegram links need the URL-safe form: replace '+' with '-', '/' with '_' and drop the '=' at the end, or paste the hex form.</source>
            <translation>Похоже на стандартный base64 (есть '+', '/' или '='); ссылкам Telegram нужна URL-safe форма: замените '+' на '-', '/' на '_' и уберите '=' в конце или вставьте секрет в виде hex.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>This state file was written by a newer mtpm (schema {version}; this one knows {known}). Update mtpm before managing this server.</source>
            <translation>Этот файл состояния записан более новой версией mtpm (схема {version}; эта версия знает схему {known}). Обновите mtpm, прежде чем управлять этим сервером.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>a plaintext password from the old panel's install was dropped</source>
            <translation>удалён пароль в открытом виде, оставшийся от установки старой панели</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>another user has the id {old!r}; this one got the new id {new!r}</source>
            <translation>у другого пользователя тот же id {old!r}; этому пользователю выдан новый id {new!r}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>another user has the same name; renamed to '{name}' so names stay unique</source>
            <translation>у другого пользователя то же имя; переименован в '{name}', чтобы имена не повторялись</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>device limit</source>
            <translation>лимит устройств</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>did not match the secret's domain; set to {domain}</source>
            <translation>не совпадал с доменом секрета; установлен {domain}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>expected a list of domains, found {value!r}; ignored</source>
            <translation>ожидался список доменов, найдено {value!r}; пропущено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>expected a size, found {value!r}; dropped</source>
            <translation>ожидался размер, найдено {value!r}; значение удалено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>expected text, found {value!r}; using {default!r}</source>
            <translation>ожидался текст, найдено {value!r}; используется {default!r}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>expected true or false, found {value!r}; using {default}</source>
            <translation>ожидалось true или false, найдено {value!r}; используется {default}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>in port-443 mode users need distinct domains, but '{other}' also uses {domain}; give one of them a new domain</source>
            <translation>в режиме порта 443 у пользователей должны быть разные домены, но {domain} использует и '{other}'; дайте одному из них новый домен</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>missing or invalid id {id!r}; a new one was given</source>
            <translation>id отсутствует или недопустим ({id!r}); выдан новый</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>port {port} is also used by '{name}'</source>
            <translation>порт {port} также занят пользователем '{name}'</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/ports.py" />
            <source>port {port} is outside {low}-{high}</source>
            <translation>порт {port} вне диапазона {low}-{high}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/ports.py" />
            <source>port {port} is reserved (80, 443, the port-443 router and metrics port {metrics})</source>
            <translation>порт {port} зарезервирован (80, 443, маршрутизатор режима порта 443 и порт метрик {metrics})</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>the old panel's port {guess} is taken; moved to port {port} (this user's link changes)</source>
            <translation>порт {guess}, выданный старой панелью, занят; пользователь перенесён на порт {port} (его ссылка меняется)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>the subdomain label {old!r} was invalid or another user's; it is now {new!r}</source>
            <translation>метка поддомена {old!r} была неверной или принадлежала другому пользователю; теперь она {new!r}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>the user had no secret; a new one was made (send them the new link)</source>
            <translation>у пользователя не было секрета; создан новый (отправьте пользователю новую ссылку)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>throttle speed (Mbit/s)</source>
            <translation>скорость сверх лимита (Мбит/с)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>traffic limit (GB)</source>
            <translation>лимит трафика (ГБ)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>users[{index}] in the state file is {value!r}, not an object; fix it by hand (mtpm does not drop users).</source>
            <translation>users[{index}] в файле состояния — {value!r}, а не объект; исправьте вручную (mtpm не удаляет пользователей).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>{domain} is this server's own domain; in port-443 mode a user needs another one (e.g. {free}).</source>
            <translation>{domain} — собственный домен этого сервера; в режиме порта 443 пользователю нужен другой (например, {free}).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/domains.py" />
            <source>{domain} is this server's own domain; in port-443 mode a user needs another one: add a custom domain first.</source>
            <translation>{domain} — собственный домен этого сервера; в режиме порта 443 пользователю нужен другой: сначала добавьте свой домен.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Ignored.</source>
            <translation>{error} Пропущено.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Moved to port {port} (this user's link changes).</source>
            <translation>{error} Пользователь перенесён на порт {port} (его ссылка меняется).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Renamed to '{name}'.</source>
            <translation>{error} Пользователь переименован в '{name}'.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} The secret was kept as it is.</source>
            <translation>{error} Секрет оставлен без изменений.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} The user was left without an expiry.</source>
            <translation>{error} Срок действия пользователя не задан.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Using the server's default.</source>
            <translation>{error} Используется значение сервера по умолчанию.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Using the server's period.</source>
            <translation>{error} Используется период сервера.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{error} Using {default}.</source>
            <translation>{error} Используется {default}.</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{reason}; moved to port {port} (this user's link changes)</source>
            <translation>{reason}; пользователь перенесён на порт {port} (его ссылка меняется)</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{revision!r} is not a revision number; using 0</source>
            <translation>{revision!r} — не номер ревизии; используется 0</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/users.py" />
            <source>{text!r} is not a quota period: use lifetime, monthly:DAY (DAY 1-31) or inherit (the server's).</source>
            <translation>{text!r} — не период квоты: используйте lifetime, monthly:DAY (DAY от 1 до 31) или inherit (период сервера).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{value!r} is not 92, 128 or off; MSS clamping is off</source>
            <translation>{value!r} — не 92, 128 и не off; ограничение MSS выключено</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/validation.py" />
            <source>{value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).</source>
            <translation>{value!r} — не дата: используйте формат YYYY-MM-DD или YYYY-MM-DDTHH:MM:SSZ (UTC).</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{value!r} is not one of {choices}; using {default}</source>
            <translation>{value!r} — не одно из значений {choices}; используется {default}</translation>
        </message>
        <message>
            <location filename="../../mtpm_desktop/core/state.py" />
            <source>{version!r} is not a version number; read as an old panel file</source>
            <translation>{version!r} — не номер версии; файл прочитан как файл старой панели</translation>
        </message>
    </context>
</TS>
