<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>托盘/箱号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>&amp;SKU</source>
        <translation>商品编码(&amp;S)</translation>
    </message>
    <message>
        <source>L&amp;ocation</source>
        <translation>库位(&amp;O)</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>货主(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批次(&amp;B)</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <source>starts with…</source>
        <translation>开头为…</translation>
    </message>
    <message>
        <source>any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
</TS>
