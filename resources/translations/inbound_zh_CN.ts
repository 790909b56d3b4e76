<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeclarationsScreen</name>
    <message>
        <source>Entry no.</source>
        <translation>进境编号</translation>
    </message>
    <message>
        <source>Bill of lading</source>
        <translation>提单号</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>集装箱号</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>封条号</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到货日期</translation>
    </message>
    <message>
        <source>Tally began</source>
        <translation>理货开始</translation>
    </message>
    <message>
        <source>Tally closed</source>
        <translation>理货结束</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结束人</translation>
    </message>
    <message>
        <source>Staged at</source>
        <translation>暂存库位</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>放行时间</translation>
    </message>
    <message>
        <source>Inbound declarations</source>
        <translation>入库申报单</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>货主(&amp;W)</translation>
    </message>
    <message>
        <source>Tally report (F8)</source>
        <translation>理货报告 (F8)</translation>
    </message>
    <message>
        <source>Put-away list (Shift+F8)</source>
        <translation>上架单 (Shift+F8)</translation>
    </message>
    <message>
        <source>Carton labels (Ctrl+F8)</source>
        <translation>箱标签 (Ctrl+F8)</translation>
    </message>
    <message>
        <source>Close tally (F9)</source>
        <translation>结束理货 (F9)</translation>
    </message>
    <message>
        <source>Receive station (F2)</source>
        <translation>收货工位 (F2)</translation>
    </message>
    <message>
        <source>Release (Ctrl+R)</source>
        <translation>海关放行 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Close entry (Ctrl+E)</source>
        <translation>结案 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Declaration %1</source>
        <translation>申报单 %1</translation>
    </message>
    <message>
        <source>No declaration yet: import one.</source>
        <translation>还没有申报单：请先导入。</translation>
    </message>
    <message>
        <source>Customs release</source>
        <translation>海关放行</translation>
    </message>
    <message>
        <source>Release declaration %1? Its lots become available and the customs ledger records what entered.</source>
        <translation>放行申报单 %1？其批次将变为可用，海关账册将记录实际入区数量。</translation>
    </message>
    <message>
        <source>Declaration %1 released: %2 units available, %3 damaged. Customs ledger: %4.</source>
        <translation>申报单 %1 已放行：%2 件可用，%3 件残损。海关账册：%4。</translation>
    </message>
    <message>
        <source>Declaration %1 closed.</source>
        <translation>申报单 %1 已结案。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The tally of this declaration is not closed yet: close it before the release. Nothing was changed.</source>
        <translation>该申报单的理货尚未结束：请先结束理货再放行。未作任何更改。</translation>
    </message>
    <message>
        <source>This declaration was already released. Nothing was changed.</source>
        <translation>该申报单已经放行。未作任何更改。</translation>
    </message>
    <message>
        <source>The goods are on inspection hold: the declaration is not released by customs yet. Nothing was moved.</source>
        <translation>货物处于查验暂扣状态：申报单尚未经海关放行。未移动任何货物。</translation>
    </message>
    <message>
        <source>No pallet or carton of this declaration is in stock: close its tally first.</source>
        <translation>该申报单没有在库的托盘或箱：请先结束理货。</translation>
    </message>
</context>
<context>
    <name>FeedbackText</name>
    <message>
        <source>Empty scan: nothing was read</source>
        <translation>空扫描：未读到任何内容</translation>
    </message>
    <message>
        <source>Unknown barcode: not a carton label, product, location or command</source>
        <translation>无法识别的条码：不是箱标签、商品、库位或指令条码</translation>
    </message>
    <message>
        <source>Malformed barcode: it cannot be read as a carton, product or location label</source>
        <translation>条码格式错误：无法作为箱标签、商品或库位标签读取</translation>
    </message>
    <message>
        <source>Wrong check digit: the barcode is misprinted or misread; scan it again</source>
        <translation>校验位错误：条码印刷或读取有误，请重新扫描</translation>
    </message>
    <message>
        <source>No product has GTIN {gtin}: unknown product</source>
        <translation>没有商品的条码为 {gtin}：未知商品</translation>
    </message>
    <message>
        <source>No location {location}</source>
        <translation>库位 {location} 不存在</translation>
    </message>
    <message>
        <source>Your role may not scan at this station; nothing was changed</source>
        <translation>您的角色无权在本工位扫描，未作任何更改</translation>
    </message>
    <message>
        <source>Scan the declaration number, or pick it with F2</source>
        <translation>请扫描申报单号，或按 F2 选择</translation>
    </message>
    <message>
        <source>Declaration {declaration}: scan the cartons</source>
        <translation>申报单 {declaration}：请扫描箱标签</translation>
    </message>
    <message>
        <source>{sku} batch {batch}: +{quantity} on line {line_no}. {counted} of {expected} counted, {remaining} still expected</source>
        <translation>{sku} 批次 {batch}：第 {line_no} 行 +{quantity}。已清点 {counted}/{expected}，尚缺 {remaining}</translation>
    </message>
    <message>
        <source>{sku} batch {batch}: +{quantity} DAMAGED on line {line_no}. {counted} of {expected} counted, {remaining} still expected</source>
        <translation>{sku} 批次 {batch}：第 {line_no} 行 +{quantity}（残损）。已清点 {counted}/{expected}，尚缺 {remaining}</translation>
    </message>
    <message>
        <source>{sku} batch {batch}: +{quantity} on line {line_no}. {counted} of {expected}: {over} over the declared quantity</source>
        <translation>{sku} 批次 {batch}：第 {line_no} 行 +{quantity}。已清点 {counted}/{expected}：超出申报数量 {over}</translation>
    </message>
    <message>
        <source>{sku} batch {batch}: +{quantity} DAMAGED on line {line_no}. {counted} of {expected}: {over} over the declared quantity</source>
        <translation>{sku} 批次 {batch}：第 {line_no} 行 +{quantity}（残损）。已清点 {counted}/{expected}：超出申报数量 {over}</translation>
    </message>
    <message>
        <source>{sku}: batch {batch} is not declared on line {line_no}; counted and flagged. {counted} of {expected}</source>
        <translation>{sku}：批次 {batch} 未在第 {line_no} 行申报；已计数并标记。{counted}/{expected}</translation>
    </message>
    <message>
        <source>{sku}: batch {batch} is not declared on line {line_no}; counted DAMAGED and flagged. {counted} of {expected}</source>
        <translation>{sku}：批次 {batch} 未在第 {line_no} 行申报；已按残损计数并标记。{counted}/{expected}</translation>
    </message>
    <message>
        <source>Undone: −{quantity} {sku} batch {batch} on line {line_no}. {counted} of {expected} counted, {remaining} still expected</source>
        <translation>已撤销：第 {line_no} 行 {sku} 批次 {batch} −{quantity}。已清点 {counted}/{expected}，尚缺 {remaining}</translation>
    </message>
    <message>
        <source>Undone: −{quantity} damaged {sku} batch {batch} on line {line_no}. {counted} of {expected} counted, {remaining} still expected</source>
        <translation>已撤销：第 {line_no} 行残损 {sku} 批次 {batch} −{quantity}。已清点 {counted}/{expected}，尚缺 {remaining}</translation>
    </message>
    <message>
        <source>Tally of {declaration} closed: {short_units} units short, {over_units} over, {damaged_units} damaged. The goods wait on inspection hold at {staging}</source>
        <translation>申报单 {declaration} 理货结束：短少 {short_units} 件，溢余 {over_units} 件，残损 {damaged_units} 件。货物在 {staging} 查验暂扣待放行</translation>
    </message>
    <message>
        <source>The next carton scanned is counted as DAMAGED</source>
        <translation>下一件扫描的货物计为残损</translation>
    </message>
    <message>
        <source>At close the goods are staged at {location}</source>
        <translation>结束理货时货物暂存于 {location}</translation>
    </message>
    <message>
        <source>Already scanned: this scan was counted before, nothing was counted again</source>
        <translation>已扫描过：该次扫描之前已计数，未重复计数</translation>
    </message>
    <message>
        <source>Declaration {declaration} is {status}: its tally is closed, nothing more can be counted</source>
        <translation>申报单 {declaration} 状态为{status}：理货已结束，不能再计数</translation>
    </message>
    <message>
        <source>SSCC {sscc} alone does not say what the carton holds: scan its product label</source>
        <translation>仅凭 SSCC {sscc} 无法得知箱内货物：请扫描其商品标签</translation>
    </message>
    <message>
        <source>The tally of this declaration is closed: nothing more can be counted or undone</source>
        <translation>该申报单理货已结束：不能再计数或撤销</translation>
    </message>
    <message>
        <source>No declaration {declaration}: import it first</source>
        <translation>申报单 {declaration} 不存在：请先导入</translation>
    </message>
    <message>
        <source>No declaration {declaration}</source>
        <translation>申报单 {declaration} 不存在</translation>
    </message>
    <message>
        <source>{sku} (GTIN {gtin}) is not on this declaration: not counted</source>
        <translation>{sku}（条码 {gtin}）不在本申报单上：未计数</translation>
    </message>
    <message>
        <source>Carton SSCC {sscc} was already counted</source>
        <translation>箱 SSCC {sscc} 已经计数过</translation>
    </message>
    <message>
        <source>Batch {batch} of {sku} expires {expiry}: too little shelf life left for receipt; not counted</source>
        <translation>{sku} 批次 {batch} 于 {expiry} 到期：剩余保质期不足，不予收货；未计数</translation>
    </message>
    <message>
        <source>Nothing to undo: this station has no counted scan on this declaration</source>
        <translation>没有可撤销的：本工位在该申报单上没有计数记录</translation>
    </message>
    <message>
        <source>Nothing was counted yet: scan the cartons before closing</source>
        <translation>尚未计数：请先扫描箱标签再结束理货</translation>
    </message>
    <message>
        <source>No inspection or dock location to stage the goods: import the locations</source>
        <translation>没有可暂存货物的查验区或月台库位：请导入库位</translation>
    </message>
    <message>
        <source>Damaged units were counted but there is no damaged location: import one</source>
        <translation>已清点残损件，但没有残损库位：请导入一个</translation>
    </message>
    <message>
        <source>{location} is a {kind} location: received goods wait in an inspection or dock location</source>
        <translation>{location} 是{kind}库位：收货的货物应暂存在查验区或月台库位</translation>
    </message>
    <message>
        <source>Scan the goods (carton, pallet or product label), then the location</source>
        <translation>请先扫描货物（箱、托盘或商品标签），再扫描库位</translation>
    </message>
    <message>
        <source>{quantity} × {sku} batch {batch} from {from}: put it at {suggested}, then scan the location</source>
        <translation>{quantity} × {sku} 批次 {batch}，来自 {from}：请放到 {suggested}，然后扫描库位</translation>
    </message>
    <message>
        <source>{quantity} × {sku} batch {batch} from {from}: no empty storage location is left; scan a location</source>
        <translation>{quantity} × {sku} 批次 {batch}，来自 {from}：已没有空的存储库位；请扫描一个库位</translation>
    </message>
    <message>
        <source>{quantity} × {sku} batch {batch} moved {from} → {to}</source>
        <translation>{quantity} × {sku} 批次 {batch} 已移库 {from} → {to}</translation>
    </message>
    <message>
        <source>Cleared: scan the goods (carton, pallet or product)</source>
        <translation>已清除：请扫描货物（箱、托盘或商品）</translation>
    </message>
    <message>
        <source>Already scanned: this was done before, nothing was moved again</source>
        <translation>已扫描过：之前已完成，未重复移库</translation>
    </message>
    <message>
        <source>{declaration}: {moves} moves, {units} units put away, {unplaced} not placed</source>
        <translation>{declaration}：移库 {moves} 次，上架 {units} 件，{unplaced} 项未安置</translation>
    </message>
    <message>
        <source>The database did not answer: the scan may not be saved. Press F5 to send it again (it is never done twice)</source>
        <translation>数据库无响应：该次扫描可能未保存。请按 F5 重新发送（不会重复执行）</translation>
    </message>
    <message>
        <source>Scan the goods (carton, pallet or product label) first</source>
        <translation>请先扫描货物（箱、托盘或商品标签）</translation>
    </message>
    <message>
        <source>These goods do not wait for put-away at an inspection, dock or packing location</source>
        <translation>这些货物不在查验区、月台或打包区等待上架</translation>
    </message>
    <message>
        <source>{sku} batch {batch} is on inspection hold: declaration {declaration} is not released by customs yet, so it may not go into bonded storage</source>
        <translation>{sku} 批次 {batch} 处于查验暂扣：申报单 {declaration} 尚未经海关放行，不得进入保税存储区</translation>
    </message>
    <message>
        <source>Several batches of {sku} wait for put-away: scan a carton label that carries the batch</source>
        <translation>{sku} 有多个批次等待上架：请扫描带批次的箱标签</translation>
    </message>
    <message>
        <source>Fewer units of {sku} wait for put-away than the scan says ({asked})</source>
        <translation>等待上架的 {sku} 少于扫描所示数量（{asked}）</translation>
    </message>
    <message>
        <source>No goods carry SSCC {sscc}</source>
        <translation>没有货物带有 SSCC {sscc}</translation>
    </message>
    <message>
        <source>{location} is a {kind} location: put-away goes to a bonded storage location</source>
        <translation>{location} 是{kind}库位：上架应放到保税存储库位</translation>
    </message>
    <message>
        <source>{location} already holds batch {batch} of {sku}: two lots of one SKU are not mixed. Choose another location, or allow mixing</source>
        <translation>{location} 已存放 {sku} 的批次 {batch}：同一商品的两个批次不混放。请选择其他库位，或允许混放</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
    <message>
        <source>Import declaration…</source>
        <translation>导入申报单…</translation>
    </message>
</context>
<context>
    <name>InboundColumns</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>SSCC</source>
        <translation>SSCC 箱码</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议库位</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>残损</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短少</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>溢余</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>申报单号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>货主</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>集装箱号</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到货日期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已清点</translation>
    </message>
</context>
<context>
    <name>PutawayStationScreen</name>
    <message>
        <source>Put-away station</source>
        <translation>上架工位</translation>
    </message>
    <message>
        <source>Put it at</source>
        <translation>请放到</translation>
    </message>
    <message>
        <source>Allow two lots of one SKU in one location</source>
        <translation>允许同一商品的两个批次放在同一库位</translation>
    </message>
    <message>
        <source>Forget the goods</source>
        <translation>放下手中的货物</translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation>全部按建议上架</translation>
    </message>
    <message>
        <source>Waiting for put-away</source>
        <translation>等待上架</translation>
    </message>
    <message>
        <source>Goods and suggested locations</source>
        <translation>货物和建议库位</translation>
    </message>
    <message>
        <source>%1 × %2 batch %3 from %4</source>
        <translation>%1 × %2 批次 %3，来自 %4</translation>
    </message>
    <message>
        <source>%1 × %2 batch %3 moved to %4</source>
        <translation>%1 × %2 批次 %3 已移到 %4</translation>
    </message>
</context>
<context>
    <name>ReceiveStationScreen</name>
    <message>
        <source>Receive station</source>
        <translation>收货工位</translation>
    </message>
    <message>
        <source>Declaration:</source>
        <translation>申报单：</translation>
    </message>
    <message>
        <source>No declaration chosen.</source>
        <translation>尚未选择申报单。</translation>
    </message>
    <message>
        <source>Container %1 · seal %2 · B/L %3 · %4</source>
        <translation>集装箱 %1 · 封条 %2 · 提单 %3 · %4</translation>
    </message>
    <message>
        <source>Expected %1 · received %2 · damaged %3 · short %4 · over %5</source>
        <translation>应收 %1 · 实收 %2 · 残损 %3 · 短少 %4 · 溢余 %5</translation>
    </message>
    <message>
        <source>Next carton: DAMAGED</source>
        <translation>下一件：残损</translation>
    </message>
    <message>
        <source>Staged at close: %1</source>
        <translation>结束后暂存于：%1</translation>
    </message>
    <message>
        <source>Close tally</source>
        <translation>结束理货</translation>
    </message>
    <message>
        <source>Choose declaration</source>
        <translation>选择申报单</translation>
    </message>
    <message>
        <source>Undo last scan</source>
        <translation>撤销上次扫描</translation>
    </message>
    <message>
        <source>Next carton damaged</source>
        <translation>下一件残损</translation>
    </message>
    <message>
        <source>Tally report</source>
        <translation>理货报告</translation>
    </message>
    <message>
        <source>Close the tally of %1? Lots are made and the goods wait on inspection hold; nothing more can be counted.</source>
        <translation>结束 %1 的理货？将生成批次，货物查验暂扣待放行；之后不能再计数。</translation>
    </message>
</context>
</TS>
