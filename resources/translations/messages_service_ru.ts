<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>messages</name>
        <message>
            <location filename="../../mtpm_desktop/ui/service_backend.py" line="294" />
            <source>{title} failed: {error} {remedy}</source>
            <translation>Шаг «{title}» не выполнен: {error} {remedy}</translation>
        </message>
    </context>
</TS>
