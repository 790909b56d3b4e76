<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OverviewCharts</name>
    <message>
        <source>Orders received per hour today</source>
        <translation>今日每小时收到的订单</translation>
    </message>
    <message>
        <source>Released by customs and shipped, 14 days</source>
        <translation>14 天内海关放行与出区</translation>
    </message>
    <message>
        <source>Units in stock by status</source>
        <translation>各状态库存件数</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>released</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>出区</translation>
    </message>
    <message>
        <source>units</source>
        <translation>件数</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Orders by flow stage</source>
        <translation>各环节订单</translation>
    </message>
    <message>
        <source>Inbound declarations</source>
        <translation>入区报关单</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Parcels waiting to leave</source>
        <translation>待出区包裹</translation>
    </message>
    <message>
        <source>Holds (oldest)</source>
        <translation>扣留（最久）</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>as of %1 · F5 reloads</source>
        <translation>截至 %1 · F5 刷新</translation>
    </message>
    <message>
        <source>open waves</source>
        <translation>进行中波次</translation>
    </message>
    <message>
        <source>%1 of %2 units picked</source>
        <translation>已拣 %1 / %2 件</translation>
    </message>
    <message>
        <source>on manifests</source>
        <translation>已上交接单</translation>
    </message>
    <message>
        <source>packed, no manifest</source>
        <translation>已包装，未上交接单</translation>
    </message>
    <message>
        <source>on vehicles</source>
        <translation>其中已装车待过卡</translation>
    </message>
    <message>
        <source>manifests not yet out</source>
        <translation>未出区交接单</translation>
    </message>
    <message>
        <source>oldest %1 h</source>
        <translation>最久 %1 小时</translation>
    </message>
    <message>
        <source>Alerts (%1): %2</source>
        <translation>预警（%1）：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>预警（%1）</translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation>暂无到期事项。</translation>
    </message>
    <message>
        <source>… and %1 more (bwms alerts lists them all)</source>
        <translation>……另有 %1 条（bwms alerts 列出全部）</translation>
    </message>
</context>
<context>
    <name>OverviewWords</name>
    <message>
        <source>{sku} lot {batch}: {qty} units expire on {due} ({days} days)</source>
        <translation>{sku} 批次 {batch}：{qty} 件将于 {due} 到期（剩 {days} 天）</translation>
    </message>
    <message>
        <source>{sku} lot {batch}: {qty} units expire on {due} ({days} days) — in the sale lock, no longer allocated</source>
        <translation>{sku} 批次 {batch}：{qty} 件将于 {due} 到期（剩 {days} 天）——已进入禁售期，不再分配</translation>
    </message>
    <message>
        <source>{sku} lot {batch} (item {item}): {qty} units reach the {limit}-day storage limit on {due}</source>
        <translation>{sku} 批次 {batch}（料号 {item}）：{qty} 件将于 {due} 达到 {limit} 天仓储期限</translation>
    </message>
    <message>
        <source>Order {order_no} declared {hours} h ago: no customs receipt yet</source>
        <translation>订单 {order_no} 已申报 {hours} 小时：尚无海关回执</translation>
    </message>
    <message>
        <source>Return {return_no} of order {order_no}: the parcel must be back by {due} ({days} days)</source>
        <translation>订单 {order_no} 的退货 {return_no}：包裹须于 {due} 前返回（剩 {days} 天）</translation>
    </message>
    <message>
        <source>Declaration {key}: {units} units held {hours} h awaiting customs release</source>
        <translation>报关单 {key}：{units} 件已扣留 {hours} 小时，等待海关放行</translation>
    </message>
    <message>
        <source>Order {key} under customs inspection for {hours} h</source>
        <translation>订单 {key} 海关查验中，已 {hours} 小时</translation>
    </message>
    <message>
        <source>Order {key}: parcel pulled for inspection {hours} h ago</source>
        <translation>订单 {key}：包裹 {hours} 小时前被拦下待查验</translation>
    </message>
</context>
</TS>
