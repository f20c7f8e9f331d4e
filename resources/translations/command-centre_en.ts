<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>OrdersPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/orders.py" line="187"/>
        <source>%n order(s) NOT ACKNOWLEDGED — call: {0}</source>
        <extracomment>Orders escalated right now (unacknowledged past the store&apos;s threshold).</extracomment>
        <translation>
            <numerusform>%n order NOT ACKNOWLEDGED — call: {0}</numerusform>
            <numerusform>%n orders NOT ACKNOWLEDGED — call: {0}</numerusform>
        </translation>
    </message>
</context>
</TS>
