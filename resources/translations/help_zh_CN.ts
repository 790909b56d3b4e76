<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Guide</name>
    <message>
        <source>The &lt;b&gt;Overview&lt;/b&gt; shows the day: orders by stage, waves to pick, parcels waiting, alerts. Press a figure to open its list.</source>
        <translation>&lt;b&gt;总览&lt;/b&gt;显示当天情况：各环节订单、待拣波次、待出区包裹、预警。点击数字即可打开对应列表。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Receive&lt;/b&gt;: choose the declaration (F2), scan every carton; F6 before a damaged one; F9 closes the tally.</source>
        <translation>&lt;b&gt;收货&lt;/b&gt;：选择报关单（F2），逐箱扫描；残损箱先按 F6；F9 结束理货。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Put away&lt;/b&gt;: scan the carton (or the product), then the location label.</source>
        <translation>&lt;b&gt;上架&lt;/b&gt;：扫描箱码（或商品），再扫描库位标签。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pick&lt;/b&gt;: choose the wave (F2), scan the location, then each unit.</source>
        <translation>&lt;b&gt;拣货&lt;/b&gt;：选择波次（F2），扫描库位，再逐件扫描。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pack&lt;/b&gt;: scan the order or waybill, every unit, then weigh (F9); a parcel for inspection is pulled aside: put it in the inspection area.</source>
        <translation>&lt;b&gt;包装&lt;/b&gt;：扫描订单或运单，逐件扫描，再称重（F9）；布控查验的包裹会被拦下：放到查验区。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gate&lt;/b&gt;: scan the manifest, then every parcel loaded on the vehicle.</source>
        <translation>&lt;b&gt;卡口&lt;/b&gt;：扫描交接单，再逐个扫描装车的包裹。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Count&lt;/b&gt;: choose the count (F2), scan each location&apos;s label, then every unit or carton there; the book quantity is never shown; F9 closes the count.</source>
        <translation>&lt;b&gt;盘点&lt;/b&gt;：选择盘点单（F2），扫描每个库位标签，再扫描该处每件货物或每箱；不显示账面数量；F9 结束盘点。</translation>
    </message>
    <message>
        <source>Start on the &lt;b&gt;Overview&lt;/b&gt;: holds and alerts first (red and amber), then orders waiting at each stage. Every figure opens its list.</source>
        <translation>从&lt;b&gt;总览&lt;/b&gt;开始：先看扣留和预警（红色、琥珀色），再看各环节待处理订单。每个数字都可打开对应列表。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inbound declarations&lt;/b&gt;: import the declaration, follow the tally, close it; after customs releases it, print the put-away list and close the entry when put away.</source>
        <translation>&lt;b&gt;入区报关单&lt;/b&gt;：导入报关单，跟踪理货并结束理货；海关放行后打印上架单，上架完成后结案。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Orders&lt;/b&gt;: import them, send the inventory lists (Customs exchange), apply the receipts; rejections go to the &lt;b&gt;Rejection workbench&lt;/b&gt;.</source>
        <translation>&lt;b&gt;订单&lt;/b&gt;：导入订单，发送清单（海关报文交换），处理回执；被拒订单进入&lt;b&gt;退单工作台&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Allocation and waves&lt;/b&gt;: allocate released orders, print the pick lists.</source>
        <translation>&lt;b&gt;分配与波次&lt;/b&gt;：为已放行订单分配库存，打印拣货单。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Manifests&lt;/b&gt;: make a manifest per vehicle; the gate station lets it out.</source>
        <translation>&lt;b&gt;交接单&lt;/b&gt;：每辆车一张交接单；由卡口工位放行出区。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stock counts&lt;/b&gt;: count a location prefix or some SKUs (the locations freeze until the count closes), print the blind stocktake sheet, then recount the variances or approve them with a reason: the stock becomes what was counted.</source>
        <translation>&lt;b&gt;盘点&lt;/b&gt;：按库位前缀或商品创建盘点（盘点结束前库位冻结），打印盲盘盘点单，再复盘差异或填写原因审批：库存即调整为实盘数。</translation>
    </message>
    <message>
        <source>Alerts: lots near expiry or their storage-time limit, orders with no customs receipt, holds that last too long (thresholds in Warehouse settings).</source>
        <translation>预警：临近效期或仓储期限的批次、未收到海关回执的订单、扣留时间过长（阈值在仓库设置中）。</translation>
    </message>
    <message>
        <source>The &lt;b&gt;Overview&lt;/b&gt; shows declarations, orders by stage, holds under inspection and releases against shipments over 14 days.</source>
        <translation>&lt;b&gt;总览&lt;/b&gt;显示报关单、各环节订单、查验扣留，以及 14 天内放行与出区对比。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inbound declarations&lt;/b&gt;: release a tallied entry (the held lots become available, the ledger records the entry).</source>
        <translation>&lt;b&gt;入区报关单&lt;/b&gt;：放行已理货的报关单（扣留批次变为可用，账册记录入区）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Customs ledger&lt;/b&gt; and &lt;b&gt;Account book&lt;/b&gt;: entered, pre-decreased, decreased and the balance of every item.</source>
        <translation>&lt;b&gt;海关账册台账&lt;/b&gt;与&lt;b&gt;账册&lt;/b&gt;：每个料号的入区、预核扣、核扣和结余。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stock counts&lt;/b&gt;: confirm an approved count&apos;s surpluses and shortages of bonded goods; until then the ledger shows them apart, as adjustments pending.</source>
        <translation>&lt;b&gt;盘点&lt;/b&gt;：确认已审批盘点中保税货物的盘盈盘亏；确认前台账将其单列为待海关确认调整。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trace and batch record&lt;/b&gt;: scan a waybill, order, batch, carton or manifest to follow it both ways; print the batch record.</source>
        <translation>&lt;b&gt;追溯与批次记录&lt;/b&gt;：扫描运单、订单、批次、箱码或交接单，双向追溯；打印批次记录。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audit log&lt;/b&gt; and &lt;b&gt;Warehouse checks&lt;/b&gt;: who did what, and whether the invariants hold. Revealing a buyer&apos;s data is audited.</source>
        <translation>&lt;b&gt;审计日志&lt;/b&gt;与&lt;b&gt;仓库校验&lt;/b&gt;：谁做了什么，以及各项不变量是否成立。查看买家明文信息会被审计。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Users&lt;/b&gt;: add one account per person; a lost password is reset here or with &lt;code&gt;bwms user reset-password NAME&lt;/code&gt;.</source>
        <translation>&lt;b&gt;用户&lt;/b&gt;：每人一个账号；遗忘的密码可在此重置，或使用 &lt;code&gt;bwms user reset-password 用户名&lt;/code&gt;。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warehouse settings&lt;/b&gt;: limits, alert thresholds, customs folders, key file, daily backup. &lt;code&gt;bwms where&lt;/code&gt; shows where the database and key file are.</source>
        <translation>&lt;b&gt;仓库设置&lt;/b&gt;：限额、预警阈值、海关目录、密钥文件、每日备份。&lt;code&gt;bwms where&lt;/code&gt; 显示数据库和密钥文件的位置。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Products&lt;/b&gt; and &lt;b&gt;Locations&lt;/b&gt;: import the master data (CSV or XLSX).</source>
        <translation>&lt;b&gt;商品&lt;/b&gt;与&lt;b&gt;库位&lt;/b&gt;：导入主数据（CSV 或 XLSX）。</translation>
    </message>
    <message>
        <source>Keep the backups and the key file in two places (&lt;code&gt;bwms backup&lt;/code&gt;, &lt;code&gt;bwms keys export&lt;/code&gt;).</source>
        <translation>备份和密钥文件要分两处保存（&lt;code&gt;bwms backup&lt;/code&gt;、&lt;code&gt;bwms keys export&lt;/code&gt;）。</translation>
    </message>
    <message>
        <source>Guide for the %1</source>
        <translation>%1使用指南</translation>
    </message>
    <message>
        <source>Keys at every scan station</source>
        <translation>各扫描工位的按键</translation>
    </message>
    <message>
        <source>The same key does the same thing at every station (%1).</source>
        <translation>同一按键在每个工位作用相同（%1）。</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Command barcodes (on the printed command sheet)</source>
        <translation>指令条码（见打印的指令表）</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+9 open the screens of the navigation; F5 reloads a list; Shift+F1 opens this guide.</source>
        <translation>Ctrl+1 … Ctrl+9 打开导航中的界面；F5 刷新列表；Shift+F1 打开本指南。</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>使用指南</translation>
    </message>
</context>
</TS>
