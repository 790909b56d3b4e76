<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountBookScreen</name>
    <message>
        <source>Account book</source>
        <translation>账册</translation>
    </message>
    <message>
        <source>The customs balance is the sum of the ledger&apos;s actual entries; pre-decreased units are declared for orders but have not left the gate yet.</source>
        <translation>海关结余为账册台账实际记录之和；预扣减数量已为订单申报，但尚未出区。</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>item or HS code (start), or part of the name</source>
        <translation>料号或 HS 编码（开头），或名称的一部分</translation>
    </message>
</context>
<context>
    <name>BatchRecordView</name>
    <message>
        <source>&amp;Lot:</source>
        <translation>批次(&amp;L)：</translation>
    </message>
    <message>
        <source>batch, DECLARATION/BATCH or SSCC</source>
        <translation>批次号、报关单号/批次号或 SSCC 箱码</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Preview PDF (F8)</source>
        <translation>预览 PDF (F8)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Batch record %1</source>
        <translation>批次记录 %1</translation>
    </message>
    <message>
        <source>entered %1 − shipped %2 − other %3 = on hand %4</source>
        <translation>入区 %1 − 出区 %2 − 其他 %3 = 在库 %4</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>货主</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Made / expiry</source>
        <translation>生产日期 / 到期日</translation>
    </message>
    <message>
        <source>Account book / item / HS</source>
        <translation>账册 / 料号 / 税号</translation>
    </message>
    <message>
        <source>Declaration / line / declared</source>
        <translation>报关单 / 行号 / 申报数量</translation>
    </message>
    <message>
        <source>Container / seal / B/L</source>
        <translation>集装箱 / 封志 / 提单</translation>
    </message>
    <message>
        <source>Tally: good / damaged / closed</source>
        <translation>理货：完好 / 残损 / 完成</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <source>Entries and exits</source>
        <translation>进出记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单证</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Qty ±</source>
        <translation>数量 ±</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Put-away</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Allocations (the batch split)</source>
        <translation>分配（批次拆分）</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短拣</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Parcels and exit</source>
        <translation>包裹与出区</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Inventory list</source>
        <translation>申报清单</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>包装时间</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>交接单</translation>
    </message>
    <message>
        <source>Gate pass</source>
        <translation>核放单</translation>
    </message>
    <message>
        <source>Left the zone</source>
        <translation>出区时间</translation>
    </message>
</context>
<context>
    <name>BookColumns</name>
    <message>
        <source>Account-book item</source>
        <translation>账册料号</translation>
    </message>
    <message>
        <source>Δ physical</source>
        <translation>Δ 实物</translation>
    </message>
    <message>
        <source>Δ customs</source>
        <translation>Δ 海关账</translation>
    </message>
    <message>
        <source>Pending adj.</source>
        <translation>待确认盘盈亏</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>入区</translation>
    </message>
    <message>
        <source>Decreased</source>
        <translation>出区核减</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已核扣</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退货入区</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>盘盈亏</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>销毁/退运</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>实物</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>海关账</translation>
    </message>
</context>
<context>
    <name>BooksScreen</name>
    <message>
        <source>Period books and three-ledger comparison</source>
        <translation>账册进出存与三账比对</translation>
    </message>
    <message>
        <source>Closing = opening + entered − decreased + returned + adjusted − disposed. Physical is what stock holds now (held, damaged and reserved units included); Δ physical = closing − physical, Δ customs = closing − customs&apos; balance. Rows that differ are shaded. Posted: decreases on an exit checklist customs has posted.</source>
        <translation>期末 = 期初 + 入区 − 出区核减 + 退货入区 + 盘盈亏 − 销毁/退运。实物为当前库存（含冻结、残次和已预占）；Δ 实物 = 期末 − 实物，Δ 海关账 = 期末 − 海关账册余额。有差异的行以底色标出。已核扣：海关已核扣的核注清单上的出区数量。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Compare with customs&apos; balances…</source>
        <translation>与海关账册余额比对…</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>只看差异</translation>
    </message>
    <message>
        <source>Ledger report…</source>
        <translation>进出存报表…</translation>
    </message>
    <message>
        <source>Customs&apos; balances (CSV item_no,balance)</source>
        <translation>海关账册余额（CSV item_no,balance）</translation>
    </message>
    <message>
        <source>Balances (*.csv *.xlsx)</source>
        <translation>余额文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Items: %1 · closing %2 · physical %3 · differing from stock: %4</source>
        <translation>料号：%1 · 期末 %2 · 实物 %3 · 与实物不符：%4</translation>
    </message>
    <message>
        <source>differing from customs (%1): %2</source>
        <translation>与海关账不符（%1）：%2</translation>
    </message>
</context>
<context>
    <name>ChecklistColumns</name>
    <message>
        <source>declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已核扣</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>退单</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>核注清单号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>清单数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>制单时间</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>核扣时间</translation>
    </message>
    <message>
        <source>Customs&apos; answer</source>
        <translation>海关回执说明</translation>
    </message>
</context>
<context>
    <name>ChecklistsScreen</name>
    <message>
        <source>Exit checklists</source>
        <translation>出区核注清单</translation>
    </message>
    <message>
        <source>An exit checklist (核注清单, list type 8) writes the inventory lists that left the zone in a period off the account book, one line per account-book item. A list is on one checklist only. Customs&apos; posting receipt (CSV checklist_no,status,time,info) marks it posted.</source>
        <translation>出区核注清单（清单类型 8 保税电商）把一段期间内出区的申报清单从账册核减，每个账册料号一行。一张清单只会进入一张核注清单。海关的核扣回执（CSV checklist_no,status,time,info）将其标为已核扣。</translation>
    </message>
    <message>
        <source>Lists that left from</source>
        <translation>出区清单，从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Gather exit checklist</source>
        <translation>汇总生成核注清单</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Exit checklist %1: %2 lists, %3 units; written to the outbox.</source>
        <translation>出区核注清单 %1：%2 张清单，%3 件；已写入发送目录。</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Item</source>
        <translation>料号</translation>
    </message>
    <message>
        <source>Storage limit (days)</source>
        <translation>存储期限（天）</translation>
    </message>
    <message>
        <source>Customs balance</source>
        <translation>海关结余</translation>
    </message>
    <message>
        <source>Pre-decreased</source>
        <translation>预扣减</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Business no.</source>
        <translation>业务编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态说明</translation>
    </message>
</context>
<context>
    <name>CustomsExchange</name>
    <message>
        <source>in the outbox since %1</source>
        <translation>自 %1 起在发件箱中</translation>
    </message>
    <message>
        <source>waiting to be written to the outbox</source>
        <translation>等待写入发件箱</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>已拒收：%1</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>已存档</translation>
    </message>
</context>
<context>
    <name>ExchangeScreen</name>
    <message>
        <source>Customs exchange</source>
        <translation>海关数据交换</translation>
    </message>
    <message>
        <source>Outbox (files to customs):</source>
        <translation>发件箱（发往海关的文件）：</translation>
    </message>
    <message>
        <source>Inbox (receipts from customs):</source>
        <translation>收件箱（海关回执）：</translation>
    </message>
    <message>
        <source>Declare now (F9)</source>
        <translation>立即申报 (F9)</translation>
    </message>
    <message>
        <source>Read receipts now (F5)</source>
        <translation>立即读取回执 (F5)</translation>
    </message>
    <message>
        <source>&amp;Watch the inbox and apply new receipts</source>
        <translation>监视收件箱并自动处理新回执(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Direction</source>
        <translation>方向(&amp;D)</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>类型(&amp;Y)</translation>
    </message>
    <message>
        <source>sent and received</source>
        <translation>发出和收到</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>What the inbox watcher did</source>
        <translation>收件箱监视记录</translation>
    </message>
    <message>
        <source>Inventory-list printout</source>
        <translation>清单打印</translation>
    </message>
    <message>
        <source>&amp;Order no.</source>
        <translation>订单编号(&amp;O)</translation>
    </message>
    <message>
        <source>scan or type, then Enter</source>
        <translation>扫描或输入后按回车</translation>
    </message>
    <message>
        <source>Preview… (F8)</source>
        <translation>预览… (F8)</translation>
    </message>
    <message>
        <source>Select a message to see its file; Enter shows it.</source>
        <translation>选择一条报文以查看其文件；按回车显示文件内容。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256 校验值：%1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>拒收原因：%1</translation>
    </message>
    <message>
        <source>Declaring inventory lists</source>
        <translation>正在申报清单</translation>
    </message>
    <message>
        <source>Reading receipts</source>
        <translation>正在读取回执</translation>
    </message>
</context>
<context>
    <name>ExchangeTexts</name>
    <message>
        <source>%1 inventory lists declared into %2.</source>
        <translation>已申报 %1 份清单，文件写入 %2。</translation>
    </message>
    <message>
        <source>%1 earlier files written to the outbox again.</source>
        <translation>另有 %1 个以前的文件重新写入发件箱。</translation>
    </message>
    <message>
        <source>Not declared: %1.</source>
        <translation>未申报：%1。</translation>
    </message>
    <message>
        <source>Cancelled: the lists declared before are kept.</source>
        <translation>已取消：之前申报的清单保留。</translation>
    </message>
    <message>
        <source>%1 receipts applied, %2 duplicates, %3 for unknown lists, %4 files refused.</source>
        <translation>已处理回执 %1 条，重复 %2 条，找不到清单 %3 条，拒收文件 %4 个。</translation>
    </message>
    <message>
        <source>Cancelled: the files read before are kept.</source>
        <translation>已取消：之前读取的文件保留。</translation>
    </message>
    <message>
        <source>%1: order %2, customs %3 → %4</source>
        <translation>%1：订单 %2，海关 %3 → %4</translation>
    </message>
    <message>
        <source>(older than %1, kept in the history)</source>
        <translation>（早于“%1”，仅记入历史）</translation>
    </message>
    <message>
        <source>%1: no list for %2 (status %3)</source>
        <translation>%1：找不到 %2 的清单（状态 %3）</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 被拒收：%2</translation>
    </message>
    <message>
        <source>%1 receipts were already applied before</source>
        <translation>%1 条回执以前已经处理过</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
    <message>
        <source>Import account book…</source>
        <translation>导入账册…</translation>
    </message>
</context>
<context>
    <name>InboundColumns</name>
    <message>
        <source>Account-book item</source>
        <translation>账册料号</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>入区</translation>
    </message>
    <message>
        <source>Pre-decreased</source>
        <translation>预扣减</translation>
    </message>
    <message>
        <source>Decreased</source>
        <translation>已核减</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退货入区</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>销毁/退运</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>盘盈亏调整</translation>
    </message>
    <message>
        <source>Adjustments pending</source>
        <translation>待海关确认调整</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结余</translation>
    </message>
</context>
<context>
    <name>LedgerScreen</name>
    <message>
        <source>Customs ledger</source>
        <translation>海关账册台账</translation>
    </message>
    <message>
        <source>Balance = entered − decreased + returned − disposed + adjusted. Pre-decreased units are declared on inventory lists but have not left the gate yet; adjustments pending are stock-count differences customs has not confirmed yet (not in the balance).</source>
        <translation>结余 = 入区 − 核减 + 退货入区 − 销毁/退运 + 盘盈亏调整。预扣减为已申报清单但尚未出卡口的数量；待海关确认调整为海关尚未确认的盘点差异（不计入结余）。</translation>
    </message>
    <message>
        <source>Items: %1 · entered %2 · pre-decreased %3 · decreased %4 · balance %5</source>
        <translation>料号：%1 · 入区 %2 · 预扣减 %3 · 已核减 %4 · 结余 %5</translation>
    </message>
</context>
<context>
    <name>TraceScreen</name>
    <message>
        <source>Trace and batch record</source>
        <translation>追溯与批次记录</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>号码(&amp;C)：</translation>
    </message>
    <message>
        <source>waybill, order, batch, SSCC, declaration, container, manifest or gate pass number (F3)</source>
        <translation>运单号、订单号、批次号、SSCC 箱码、报关单号、集装箱号、交接单号或核放单号（F3）</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <source>Batch record</source>
        <translation>批次记录</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Enter a code: the tree shows where the goods came from and where they went.</source>
        <translation>输入一个号码：树状图显示货物从哪里来、到哪里去。</translation>
    </message>
    <message>
        <source>%1 is a %2: %3, %4, %5, %6</source>
        <translation>%1 是%2：%3，%4，%5，%6</translation>
    </message>
    <message>
        <source>%1 · %2 of this lot · %3 · manifest %4 · gate pass %5 · left %6</source>
        <translation>%1 · 本批次 %2 · %3 · 交接单 %4 · 核放单 %5 · 出区 %6</translation>
    </message>
    <message>
        <source>(only the first %1 parcels are listed)</source>
        <translation>（只列出前 %1 个包裹）</translation>
    </message>
    <message>
        <source>Container / declaration</source>
        <translation>集装箱 / 报关单</translation>
    </message>
    <message>
        <source>Lot (batch)</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Orders not allocated yet</source>
        <translation>尚未分配的订单</translation>
    </message>
    <message>
        <source>owner %1 · container %2 · seal %3 · B/L %4 · entry %5 · released %6</source>
        <translation>货主 %1 · 集装箱 %2 · 封志 %3 · 提单 %4 · 报关单号 %5 · 放行 %6</translation>
    </message>
    <message>
        <source>%1 %2 · expiry %3 · declaration line %4</source>
        <translation>%1 %2 · 到期 %3 · 报关单第 %4 行</translation>
    </message>
    <message>
        <source>%1 · waybill %2 · inventory list %3, receipt %4</source>
        <translation>%1 · 运单 %2 · 申报清单 %3，回执 %4</translation>
    </message>
</context>
</TS>
