<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DispatchPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/panel.py" line="288"/>
        <source>%n units in one order: {0}</source>
        <translation>
            <numerusform>%n unit in one order: {0}</numerusform>
            <numerusform>%n units in one order: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/orders.py" line="310"/>
        <source>%n order(s) NOT ACKNOWLEDGED — call: {0}</source>
        <translation>
            <numerusform>%n order NOT ACKNOWLEDGED — call: {0}</numerusform>
            <numerusform>%n orders NOT ACKNOWLEDGED — call: {0}</numerusform>
        </translation>
    </message>
</context>
</TS>
