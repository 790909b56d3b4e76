<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CountStationScreen</name>
    <message>
        <source>Count station</source>
        <translation>盘点工位</translation>
    </message>
    <message>
        <source>Count:</source>
        <translation>盘点单：</translation>
    </message>
    <message>
        <source>Blind count: count what is there; the books&apos; quantities are not shown.</source>
        <translation>盲盘：只清点实物，不显示账面数量。</translation>
    </message>
    <message>
        <source>Choose the count</source>
        <translation>选择盘点单</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>撤销上一次扫描</translation>
    </message>
    <message>
        <source>Close the count</source>
        <translation>结束盘点</translation>
    </message>
    <message>
        <source>choose an open count…</source>
        <translation>选择进行中的盘点单…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 locations</source>
        <translation>%1 · %2 · %3 个库位</translation>
    </message>
    <message>
        <source>%1 · %2 · 1 location</source>
        <translation>%1 · %2 · 1 个库位</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Counted here</source>
        <translation>本工位已盘</translation>
    </message>
    <message>
        <source>open (locations frozen)</source>
        <translation>盘点中（库位已冻结）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>recounted</source>
        <translation>已复盘</translation>
    </message>
    <message>
        <source>approved (customs to confirm)</source>
        <translation>已审批（待海关确认）</translation>
    </message>
    <message>
        <source>confirmed by customs</source>
        <translation>海关已确认</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位数</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已盘库位</translation>
    </message>
    <message>
        <source>Variances</source>
        <translation>差异数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>海关确认人</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
</context>
<context>
    <name>CountsScreen</name>
    <message>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Count the locations</source>
        <translation>盘点库位</translation>
    </message>
    <message>
        <source>Prefix or SKUs</source>
        <translation>前缀或商品编码</translation>
    </message>
    <message>
        <source>whose code starts with…</source>
        <translation>库位编码以…开头</translation>
    </message>
    <message>
        <source>holding these SKUs (separated by commas)…</source>
        <translation>存放以下商品（逗号分隔）…</translation>
    </message>
    <message>
        <source>e.g. A-01, or A2P-900, SWS-VC60</source>
        <translation>例如 A-01，或 A2P-900、SWS-VC60</translation>
    </message>
    <message>
        <source>New count: the locations freeze until it closes</source>
        <translation>新建盘点：盘点结束前库位冻结</translation>
    </message>
    <message>
        <source>Create the count</source>
        <translation>创建盘点单</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Recount the varying locations</source>
        <translation>复盘差异库位</translation>
    </message>
    <message>
        <source>Reason for the adjustments</source>
        <translation>调整原因</translation>
    </message>
    <message>
        <source>Approve the adjustments</source>
        <translation>审批调整</translation>
    </message>
    <message>
        <source>Confirm (customs)</source>
        <translation>确认（海关）</translation>
    </message>
    <message>
        <source>Stocktake sheet</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Variance report</source>
        <translation>差异报告</translation>
    </message>
    <message>
        <source>Count %1 is open: its variances are known when it closes</source>
        <translation>盘点单 %1 进行中：结束后才有差异</translation>
    </message>
    <message>
        <source>Variances of count %1: %2 · surplus %3 · shortage %4</source>
        <translation>盘点单 %1 的差异：%2 条 · 盘盈 %3 · 盘亏 %4</translation>
    </message>
    <message>
        <source>Count %1 created: %2 locations frozen until it closes</source>
        <translation>盘点单 %1 已创建：%2 个库位冻结至盘点结束</translation>
    </message>
    <message>
        <source>Count %1 created to recount %2 locations</source>
        <translation>盘点单 %1 已创建，复盘 %2 个库位</translation>
    </message>
    <message>
        <source>Count %1 closed: %2 variances</source>
        <translation>盘点单 %1 已结束：%2 条差异</translation>
    </message>
    <message>
        <source>Count %1 approved: the stock equals what was counted; %2 ledger adjustments wait for customs</source>
        <translation>盘点单 %1 已审批：库存已按实盘调整；%2 条账册调整待海关确认</translation>
    </message>
    <message>
        <source>Count %1 confirmed: its adjustments are in the customs balance</source>
        <translation>盘点单 %1 已确认：调整已计入账册结余</translation>
    </message>
</context>
<context>
    <name>FeedbackText</name>
    <message>
        <source>At {location}: count everything here</source>
        <translation>在 {location}：清点此处全部货物</translation>
    </message>
    <message>
        <source>Counted {qty} × {sku} at {location} ({counted_here} counted here)</source>
        <translation>已盘 {qty} × {sku}，库位 {location}（此处已盘 {counted_here}）</translation>
    </message>
    <message>
        <source>Undone: {qty} × {sku} at {location}</source>
        <translation>已撤销：{qty} × {sku}，库位 {location}</translation>
    </message>
    <message>
        <source>Count {count} closed: the supervisor reviews it</source>
        <translation>盘点单 {count} 已结束：由主管审核</translation>
    </message>
    <message>
        <source>Location {location} is not in count {count}: count only the locations on its sheet</source>
        <translation>库位 {location} 不在盘点单 {count} 中：只盘点单上的库位</translation>
    </message>
    <message>
        <source>Scan the location&apos;s label first</source>
        <translation>请先扫描库位标签</translation>
    </message>
    <message>
        <source>Count {count} is {status}: nothing more is counted on it</source>
        <translation>盘点单 {count} 状态为 {status}：不能再盘点</translation>
    </message>
    <message>
        <source>{sku} never entered the warehouse: set the goods aside and call the supervisor</source>
        <translation>{sku} 从未入库：请将货物放到一边并通知主管</translation>
    </message>
    <message>
        <source>Nothing to undo: this station has counted nothing on this count</source>
        <translation>无可撤销：本工位在此盘点单上尚未盘点</translation>
    </message>
    <message>
        <source>Not every location was counted: {locations}</source>
        <translation>尚有库位未盘点：{locations}</translation>
    </message>
    <message>
        <source>This label names no product: scan the carton&apos;s GS1 label with its count, or each unit</source>
        <translation>此标签没有商品信息：请扫描带数量的箱标 GS1 条码，或逐件扫描</translation>
    </message>
    <message>
        <source>Choose an open count (F2)</source>
        <translation>请选择进行中的盘点单（F2）</translation>
    </message>
    <message>
        <source>Count {count}: scan a location&apos;s label</source>
        <translation>盘点单 {count}：请扫描库位标签</translation>
    </message>
    <message>
        <source>At {location}: scan every unit, or each carton&apos;s label; then the next location</source>
        <translation>在 {location}：逐件扫描，或扫描每箱的标签；然后扫下一个库位</translation>
    </message>
    <message>
        <source>A count scan counts at least one unit</source>
        <translation>一次盘点扫描至少计一件</translation>
    </message>
    <message>
        <source>There is no stock count {count}</source>
        <translation>没有盘点单 {count}</translation>
    </message>
</context>
</TS>
