<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation>等待原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>等待起始</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Order {order_no} cannot be allocated: only orders released by customs (800) and not yet allocated are.</source>
        <translation>订单 {order_no} 不能分配：只有海关已放行（800）且尚未分配的订单才能分配。</translation>
    </message>
    <message>
        <source>There is no wave {wave}.</source>
        <translation>没有波次 {wave}。</translation>
    </message>
    <message>
        <source>A manifest needs the vehicle&apos;s plate (at most 20 characters).</source>
        <translation>交接单需要车牌号（最多 20 个字符）。</translation>
    </message>
    <message>
        <source>No packed, released parcel of carrier {carrier} waits for a manifest.</source>
        <translation>承运商 {carrier} 没有已包装且已放行、等待交接单的包裹。</translation>
    </message>
    <message>
        <source>Parcels not released by customs (800) may not go on a manifest or leave the zone; nothing was changed.</source>
        <translation>海关未放行（800）的包裹不能上交接单，也不能出区；未作任何更改。</translation>
    </message>
    <message>
        <source>It already left the zone: it cannot gate out twice.</source>
        <translation>已经出区：不能重复出区。</translation>
    </message>
    <message>
        <source>There is no manifest or gate pass {manifest}.</source>
        <translation>没有交接单或核放单 {manifest}。</translation>
    </message>
    <message>
        <source>Nothing is known by {key}: not a waybill, order, batch, SSCC, declaration, container, manifest or gate pass number.</source>
        <translation>查不到 {key}：它不是运单号、订单号、批次号、SSCC 箱码、报关单号、集装箱号、交接单号或核放单号。</translation>
    </message>
    <message>
        <source>There is no lot {lot}: give a batch number, DECLARATION/BATCH or an SSCC.</source>
        <translation>没有批次 {lot}：请输入批次号、报关单号/批次号或 SSCC 箱码。</translation>
    </message>
    <message>
        <source>This batch entered more than once: name the lot as DECLARATION/BATCH.</source>
        <translation>该批次多次入区：请以“报关单号/批次号”指定批次。</translation>
    </message>
    <message>
        <source>There is no packed parcel with waybill {waybill}.</source>
        <translation>没有运单号为 {waybill} 的已包装包裹。</translation>
    </message>
</context>
<context>
    <name>FeedbackText</name>
    <message>
        <source>Empty scan: scan again</source>
        <translation>扫描为空：请重新扫描</translation>
    </message>
    <message>
        <source>Unknown barcode: not a product, location, order or command</source>
        <translation>无法识别的条码：不是商品、库位、订单或指令</translation>
    </message>
    <message>
        <source>The barcode cannot be read as a label: scan another one</source>
        <translation>无法按标签读取该条码：请换一个扫描</translation>
    </message>
    <message>
        <source>The product barcode has a wrong check digit</source>
        <translation>商品条码校验位错误</translation>
    </message>
    <message>
        <source>Already scanned: this scan was counted before, nothing changed</source>
        <translation>已扫描过：此次扫描之前已计入，未作更改</translation>
    </message>
    <message>
        <source>Your role may not do this: nothing was changed</source>
        <translation>您的角色无权执行此操作：未作任何更改</translation>
    </message>
    <message>
        <source>No product has GTIN {gtin}</source>
        <translation>没有商品的条码为 {gtin}</translation>
    </message>
    <message>
        <source>There is no location {location}</source>
        <translation>没有库位 {location}</translation>
    </message>
    <message>
        <source>Scan the wave or choose it above, then each location and every unit</source>
        <translation>请扫描波次或在上方选择，再扫描每个库位和每件商品</translation>
    </message>
    <message>
        <source>There is no wave {wave}</source>
        <translation>没有波次 {wave}</translation>
    </message>
    <message>
        <source>Wave {wave}: go to {location} and scan the location</source>
        <translation>波次 {wave}：请到 {location} 并扫描库位</translation>
    </message>
    <message>
        <source>Wave {wave} is fully picked</source>
        <translation>波次 {wave} 已全部拣完</translation>
    </message>
    <message>
        <source>Scan the location first, then the goods</source>
        <translation>请先扫描库位，再扫描商品</translation>
    </message>
    <message>
        <source>Scan a location, a product or the short command</source>
        <translation>请扫描库位、商品或短拣指令</translation>
    </message>
    <message>
        <source>At {location}: pick {what}</source>
        <translation>在 {location}：拣 {what}</translation>
    </message>
    <message>
        <source>Wrong location: nothing to pick at {location} in wave {wave}</source>
        <translation>库位错误：波次 {wave} 在 {location} 没有要拣的货</translation>
    </message>
    <message>
        <source>Wrong product: {sku} is not to be picked here</source>
        <translation>商品错误：此处不拣 {sku}</translation>
    </message>
    <message>
        <source>Wrong lot: batch {batch} is not the one to pick here</source>
        <translation>批次错误：此处不拣批次 {batch}</translation>
    </message>
    <message>
        <source>Too many: only {left} × {sku} are left to pick here</source>
        <translation>数量过多：此处只剩 {left} × {sku} 待拣</translation>
    </message>
    <message>
        <source>Picked {qty} × {sku} (batch {batch}) → {to}; {left_here} more here</source>
        <translation>已拣 {qty} × {sku}（批次 {batch}）→ {to}；此处还剩 {left_here}</translation>
    </message>
    <message>
        <source>Picked {qty} × {sku} (batch {batch}) → {to}; {location} is done</source>
        <translation>已拣 {qty} × {sku}（批次 {batch}）→ {to}；{location} 已拣完</translation>
    </message>
    <message>
        <source>Short at {location}? Press F6 again to record what is missing</source>
        <translation>{location} 缺货？再按一次 F6 登记缺少的数量</translation>
    </message>
    <message>
        <source>Short at {location}: {what} frozen for a stock count. {outcomes}</source>
        <translation>缺货：{location} 的 {what} 已冻结待盘点。{outcomes}</translation>
    </message>
    <message>
        <source>Nothing is left to pick at {location}: no short to record</source>
        <translation>{location} 已无待拣商品：无需登记短拣</translation>
    </message>
    <message>
        <source>{location} is not a packing location</source>
        <translation>{location} 不是包装库位</translation>
    </message>
    <message>
        <source>There is no packing location</source>
        <translation>没有包装库位</translation>
    </message>
    <message>
        <source>Scan the order or waybill, then every unit</source>
        <translation>请先扫描订单或运单，再逐件扫描商品</translation>
    </message>
    <message>
        <source>Order {order_no}, waybill {waybill}: scan its {units} units (about {computed_weight} kg)</source>
        <translation>订单 {order_no}，运单 {waybill}：请逐件扫描 {units} 件商品（约 {computed_weight} 千克）</translation>
    </message>
    <message>
        <source>PULL FOR INSPECTION: order {order_no} is under customs inspection</source>
        <translation>查验拦截：订单 {order_no} 被海关布控查验</translation>
    </message>
    <message>
        <source>Order {order_no} is already packed</source>
        <translation>订单 {order_no} 已经包装</translation>
    </message>
    <message>
        <source>Not released by customs (800): it may not be packed or leave the zone</source>
        <translation>海关未放行（800）：不能包装，也不能出区</translation>
    </message>
    <message>
        <source>Order {order_no} is not fully picked: pick it first</source>
        <translation>订单 {order_no} 尚未拣完：请先拣货</translation>
    </message>
    <message>
        <source>No order or waybill {order}</source>
        <translation>没有订单或运单 {order}</translation>
    </message>
    <message>
        <source>{order} names several orders: scan the order number</source>
        <translation>{order} 对应多个订单：请扫描订单号</translation>
    </message>
    <message>
        <source>GTIN {gtin} does not belong in this parcel now (another order&apos;s unit, a wrong lot or one too many): put it back</source>
        <translation>条码 {gtin} 现在不属于此包裹（其他订单的商品、批次错误或多扫了一件）：请放回</translation>
    </message>
    <message>
        <source>Order {order_no} is being packed: scan its units and weigh it first</source>
        <translation>订单 {order_no} 正在包装：请先扫完商品并称重</translation>
    </message>
    <message>
        <source>{checked} of {units} units checked</source>
        <translation>已核对 {checked} / {units} 件</translation>
    </message>
    <message>
        <source>All {units} units checked: weigh the parcel</source>
        <translation>全部 {units} 件已核对：请称重</translation>
    </message>
    <message>
        <source>Last scan undone (GTIN {gtin})</source>
        <translation>已撤销上一次扫描（条码 {gtin}）</translation>
    </message>
    <message>
        <source>No unit scanned yet for this parcel</source>
        <translation>此包裹还没有扫描商品</translation>
    </message>
    <message>
        <source>Scan an order or waybill number first</source>
        <translation>请先扫描订单号或运单号</translation>
    </message>
    <message>
        <source>No weight: put the parcel on the scale or type its weight</source>
        <translation>没有重量：请把包裹放到秤上，或输入重量</translation>
    </message>
    <message>
        <source>The scale is not connected: check its cable, or type the weight (F7)</source>
        <translation>电子秤未连接：请检查连接线，或手工输入重量 (F7)</translation>
    </message>
    <message>
        <source>The scale did not settle: let the parcel rest on it and weigh again, or type the weight (F7)</source>
        <translation>电子秤读数不稳定：请放稳包裹后重新称重，或手工输入重量 (F7)</translation>
    </message>
    <message>
        <source>The scale does not answer: check its cable and settings, or type the weight (F7)</source>
        <translation>电子秤无应答：请检查连接线和设置，或手工输入重量 (F7)</translation>
    </message>
    <message>
        <source>The scale is overloaded: take the parcel off and weigh again</source>
        <translation>电子秤超载：请取下包裹后重新称重</translation>
    </message>
    <message>
        <source>The scale reads below zero: empty it, zero it and weigh again</source>
        <translation>电子秤读数低于零：请清空秤台、归零后重新称重</translation>
    </message>
    <message>
        <source>Parcel {waybill} packed: {pieces} units, {weight} kg; label printing</source>
        <translation>包裹 {waybill} 已包装：{pieces} 件，{weight} 千克；面单正在打印</translation>
    </message>
    <message>
        <source>Weight {weight} kg is too far from the computed {computed} kg: check the contents and weigh again</source>
        <translation>重量 {weight} 千克与计算重量 {computed} 千克相差过大：请检查内件后重新称重</translation>
    </message>
    <message>
        <source>That is not a weight in kilograms (above 0, to the gram)</source>
        <translation>这不是以千克计的重量（须大于 0，精确到克）</translation>
    </message>
    <message>
        <source>Not every unit of order {order_no} is scanned yet</source>
        <translation>订单 {order_no} 的商品尚未全部扫描</translation>
    </message>
    <message>
        <source>Parcel put aside: scan the next order or waybill</source>
        <translation>包裹已放到一边：请扫描下一个订单或运单</translation>
    </message>
    <message>
        <source>Scan the manifest or gate pass, then each parcel</source>
        <translation>请先扫描交接单或核放单，再逐个扫描包裹</translation>
    </message>
    <message>
        <source>Scan the manifest or gate pass first</source>
        <translation>请先扫描交接单或核放单</translation>
    </message>
    <message>
        <source>Manifest {manifest}: scan each of its {parcels} parcels as it is loaded</source>
        <translation>交接单 {manifest}：装车时逐个扫描它的 {parcels} 个包裹</translation>
    </message>
    <message>
        <source>Manifest {manifest} already left the zone</source>
        <translation>交接单 {manifest} 已经出区</translation>
    </message>
    <message>
        <source>Parcel {waybill} is not on this manifest: keep it back</source>
        <translation>包裹 {waybill} 不在此交接单上：请留下</translation>
    </message>
    <message>
        <source>Already left the zone: it cannot leave twice</source>
        <translation>已经出区：不能重复出区</translation>
    </message>
    <message>
        <source>Parcel {waybill} out ({units} units); {left} still to pass</source>
        <translation>包裹 {waybill} 已出区（{units} 件）；还有 {left} 个待过卡</translation>
    </message>
    <message>
        <source>Parcel {waybill} out: manifest {manifest} is complete, the vehicle may leave</source>
        <translation>包裹 {waybill} 已出区：交接单 {manifest} 已完成，车辆可以离开</translation>
    </message>
    <message>
        <source>Parcel {waybill} loaded; {left} of {parcels} still to load</source>
        <translation>包裹 {waybill} 已装车；{parcels} 件中还有 {left} 件待装</translation>
    </message>
    <message>
        <source>All {parcels} parcels loaded: pass the vehicle (weights, IC card, F9)</source>
        <translation>{parcels} 件包裹已全部装车：车辆过卡放行（重量、IC卡，F9）</translation>
    </message>
    <message>
        <source>Parcel {waybill} is already on the vehicle</source>
        <translation>包裹 {waybill} 已在车上</translation>
    </message>
    <message>
        <source>The vehicle may not pass: {left} parcels still to load ({what})</source>
        <translation>车辆不能过卡：还有 {left} 件包裹未装车（{what}）</translation>
    </message>
    <message>
        <source>Press F9 again: the vehicle passes, its {parcels} parcels leave the zone</source>
        <translation>再按一次 F9：车辆过卡，车上 {parcels} 件包裹出区</translation>
    </message>
    <message>
        <source>No manifest or gate pass {manifest}</source>
        <translation>没有交接单或核放单 {manifest}</translation>
    </message>
    <message>
        <source>Press F9 again: every parcel still on {manifest} leaves the zone, loaded or not</source>
        <translation>再按一次 F9：{manifest} 上剩余的包裹全部出区（无论是否已扫描装车）</translation>
    </message>
    <message>
        <source>Manifest {manifest} left the zone: {parcels} parcels, {units} units</source>
        <translation>交接单 {manifest} 已出区：{parcels} 个包裹，{units} 件</translation>
    </message>
    <message>
        <source>Give both the gross and the tare weight, or neither; the loaded vehicle weighs more than the empty one</source>
        <translation>总重和车辆自重须同时填写或都不填；装载后的车辆须比空车重</translation>
    </message>
    <message>
        <source>An IC card number is up to 32 letters and digits</source>
        <translation>IC 卡号最多 32 位字母和数字</translation>
    </message>
    <message>
        <source>One vehicle passes the gate at a time: these manifests name several vehicles</source>
        <translation>一次只能一辆车过卡口：这些交接单属于多辆车</translation>
    </message>
    <message>
        <source>Manifest {manifest} may not leave: some of its parcels are not released by customs (800)</source>
        <translation>交接单 {manifest} 不能出区：其中有包裹尚未获海关放行（800）</translation>
    </message>
    <message>
        <source>Type the waybill or select the loaded parcel in the list, then press F4</source>
        <translation>请输入运单号或在列表中选择已装车的包裹，然后按 F4</translation>
    </message>
    <message>
        <source>Press F4 again: parcel {waybill} comes off the vehicle {vehicle} and its manifest</source>
        <translation>再按 F4：包裹 {waybill} 将从车辆 {vehicle} 及其交接单上卸下</translation>
    </message>
    <message>
        <source>TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it is off manifest {manifest} (printed again) and waits, packed, for a later one; {to_load} of {parcels} parcels still to load</source>
        <translation>请将包裹 {waybill} 从车辆 {vehicle} 上卸下：已从交接单 {manifest} 撤下（交接单已重新打印），包裹保持已包装状态，等待后续交接单；{parcels} 件中还有 {to_load} 件待装车</translation>
    </message>
    <message>
        <source>TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it is off manifest {manifest} (printed again); its other {parcels} parcels are loaded: the vehicle may pass (F9)</source>
        <translation>请将包裹 {waybill} 从车辆 {vehicle} 上卸下：已从交接单 {manifest} 撤下（交接单已重新打印）；其余 {parcels} 件均已装车，车辆可以过卡（F9）</translation>
    </message>
    <message>
        <source>TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it was the last parcel of manifest {manifest}, which is withdrawn (its gate pass is void)</source>
        <translation>请将包裹 {waybill} 从车辆 {vehicle} 上卸下：它是交接单 {manifest} 的最后一件，该交接单已撤销（其核放单作废）</translation>
    </message>
    <message>
        <source>Parcel {waybill} is not loaded on a vehicle: there is nothing to take off</source>
        <translation>包裹 {waybill} 未装车：无需卸下</translation>
    </message>
    <message>
        <source>There is no parcel with waybill {waybill}</source>
        <translation>没有运单号为 {waybill} 的包裹</translation>
    </message>
</context>
<context>
    <name>GateScreen</name>
    <message>
        <source>Gate station</source>
        <translation>卡口站</translation>
    </message>
    <message>
        <source>scan the manifest or gate pass, then each parcel</source>
        <translation>先扫描交接单或核放单，再逐个扫描包裹</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Weight kg</source>
        <translation>重量（千克）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Loaded / left at</source>
        <translation>装车/出区时间</translation>
    </message>
    <message>
        <source>Pass the vehicle, press twice</source>
        <translation>车辆过卡放行（按两次）</translation>
    </message>
    <message>
        <source>Take the parcel off, press twice</source>
        <translation>从车上卸下包裹（按两次）</translation>
    </message>
    <message>
        <source>&amp;IC card</source>
        <translation>IC卡(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Gross kg</source>
        <translation>总重 kg(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tare kg</source>
        <translation>车辆自重 kg(&amp;T)</translation>
    </message>
    <message>
        <source>%1 of %2 parcels loaded, %3 out (%4)</source>
        <translation>已装车 %1 / %2 个包裹，已出区 %3（%4）</translation>
    </message>
    <message>
        <source>Refused at the gate:</source>
        <translation>卡口拒绝：</translation>
    </message>
    <message>
        <source>if any</source>
        <translation>如有</translation>
    </message>
    <message>
        <source>weighbridge</source>
        <translation>地磅读数</translation>
    </message>
    <message>
        <source>Scan the manifest or the gate pass of the vehicle</source>
        <translation>请扫描车辆的交接单或核放单</translation>
    </message>
    <message>
        <source>%1 · vehicle %2 · %3 · gate pass %4</source>
        <translation>%1 · 车辆 %2 · %3 · 核放单 %4</translation>
    </message>
</context>
<context>
    <name>OutboundWords</name>
    <message>
        <source>waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>SSCC</source>
        <translation>SSCC 箱码</translation>
    </message>
    <message>
        <source>declaration or container</source>
        <translation>报关单或集装箱号</translation>
    </message>
    <message>
        <source>manifest or gate pass</source>
        <translation>交接单或核放单号</translation>
    </message>
    <message>
        <source>single-unit</source>
        <translation>单件</translation>
    </message>
    <message>
        <source>multi-unit</source>
        <translation>多件</translation>
    </message>
</context>
<context>
    <name>PackScreen</name>
    <message>
        <source>Pack station</source>
        <translation>包装站</translation>
    </message>
    <message>
        <source>scan the order or waybill, then every unit</source>
        <translation>先扫描订单或运单，再逐件扫描商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>In the order</source>
        <translation>订单数量</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已核对</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&amp;Typed weight (kg, F7):</source>
        <translation>手输重量（千克，F7）(&amp;T)：</translation>
    </message>
    <message>
        <source>empty: the scale&apos;s</source>
        <translation>留空则用电子秤读数</translation>
    </message>
    <message>
        <source>Weigh and pack</source>
        <translation>称重并包装</translation>
    </message>
    <message>
        <source>Undo last unit</source>
        <translation>撤销上一件</translation>
    </message>
    <message>
        <source>Put parcel aside</source>
        <translation>包裹放一边</translation>
    </message>
    <message>
        <source>Reprint label</source>
        <translation>补打面单</translation>
    </message>
    <message>
        <source>Scale: none at this workstation — type the weight</source>
        <translation>电子秤：本工作站没有 —— 请输入重量</translation>
    </message>
    <message>
        <source>Scale: not connected — type the weight</source>
        <translation>电子秤：未连接 —— 请输入重量</translation>
    </message>
    <message>
        <source>Scale (stable weight):</source>
        <translation>电子秤（稳定重量）：</translation>
    </message>
    <message>
        <source>Scan the order or waybill number</source>
        <translation>请扫描订单号或运单号</translation>
    </message>
    <message>
        <source>Packed %1 — scan the next order</source>
        <translation>已包装 %1 —— 请扫描下一个订单</translation>
    </message>
    <message>
        <source>Order %1 · waybill %2 · %3</source>
        <translation>订单 %1 · 运单 %2 · %3</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <source>Pick station</source>
        <translation>拣货站</translation>
    </message>
    <message>
        <source>&amp;Wave:</source>
        <translation>波次(&amp;W)：</translation>
    </message>
    <message>
        <source>Short pick, press twice</source>
        <translation>短拣（按两次）</translation>
    </message>
    <message>
        <source>Change wave</source>
        <translation>更换波次</translation>
    </message>
    <message>
        <source>scan the wave, then each location and every unit</source>
        <translation>先扫描波次，再扫描每个库位和每件商品</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>To pick</source>
        <translation>待拣</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>scan or choose a wave…</source>
        <translation>扫描或选择波次…</translation>
    </message>
    <message>
        <source>Scan or choose a wave</source>
        <translation>请扫描或选择波次</translation>
    </message>
    <message>
        <source>Wave %1 is fully picked</source>
        <translation>波次 %1 已全部拣完</translation>
    </message>
    <message>
        <source>Take the goods to packing, then press F2 for the next wave.</source>
        <translation>请把货送到包装区，然后按 F2 开始下一个波次。</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>已到 %1</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>请到 %1</translation>
    </message>
    <message>
        <source>Take %1 × %2 %3 — batch %4</source>
        <translation>拣 %1 × %2 %3 —— 批次 %4</translation>
    </message>
    <message>
        <source>Wave %1 (%2, %3): %4 units picked, %5 to pick in %6 tasks</source>
        <translation>波次 %1（%2，%3）：已拣 %4 件，还有 %6 个任务共 %5 件待拣</translation>
    </message>
</context>
<context>
    <name>PullScreen</name>
    <message>
        <source>PULL FOR INSPECTION</source>
        <translation>查验拦截</translation>
    </message>
    <message>
        <source>Order %1 is under customs inspection (500)</source>
        <translation>订单 %1 被海关布控查验（500）</translation>
    </message>
    <message>
        <source>scan the order or waybill again</source>
        <translation>再次扫描订单号或运单号</translation>
    </message>
    <message>
        <source>Do not pack it. Take its goods to the inspection area, then scan the order or waybill again to confirm.</source>
        <translation>不要包装。请把货物送到查验区，然后再次扫描订单号或运单号确认。</translation>
    </message>
</context>
<context>
    <name>ShippingScreen</name>
    <message>
        <source>Manifests and gate passes</source>
        <translation>交接单与核放单</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>承运商(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Vehicle plate:</source>
        <translation>车牌号(&amp;V)：</translation>
    </message>
    <message>
        <source>e.g. 浙A12345</source>
        <translation>例如：浙A12345</translation>
    </message>
    <message>
        <source>Create manifest (F9)</source>
        <translation>生成交接单 (F9)</translation>
    </message>
    <message>
        <source>Print manifest (F8)</source>
        <translation>打印交接单 (F8)</translation>
    </message>
    <message>
        <source>Print gate pass (Shift+F8)</source>
        <translation>打印核放单 (Shift+F8)</translation>
    </message>
    <message>
        <source>Print pull list (Ctrl+F8)</source>
        <translation>打印查验拦截清单 (Ctrl+F8)</translation>
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
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>包裹数</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>已出区</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>毛重（千克）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>%1 — %2 packed parcels, %3 kg</source>
        <translation>%1 —— %2 个已包装包裹，%3 千克</translation>
    </message>
    <message>
        <source>no packed parcel waits for a manifest</source>
        <translation>没有等待交接单的已包装包裹</translation>
    </message>
    <message>
        <source>No packed parcel waits for a manifest.</source>
        <translation>没有等待交接单的已包装包裹。</translation>
    </message>
    <message>
        <source>Type the vehicle&apos;s plate first.</source>
        <translation>请先输入车牌号。</translation>
    </message>
    <message>
        <source>A manifest takes every packed parcel of the carrier that customs released; parcels under inspection stay behind.</source>
        <translation>交接单收入该承运商所有已包装且海关已放行的包裹；查验中的包裹留下。</translation>
    </message>
    <message>
        <source>Manifest %1 (gate pass %2): %3 parcels, %4 kg; manifest and gate pass queued for printing.</source>
        <translation>交接单 %1（核放单 %2）：%3 个包裹，%4 千克；交接单和核放单已加入打印队列。</translation>
    </message>
    <message>
        <source>Held back: %1</source>
        <translation>留下：%1</translation>
    </message>
</context>
<context>
    <name>VehicleColumns</name>
    <message>
        <source>Gate pass</source>
        <translation>核放单号</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>IC card</source>
        <translation>IC卡</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>总重 kg</translation>
    </message>
    <message>
        <source>Tare kg</source>
        <translation>车辆自重 kg</translation>
    </message>
    <message>
        <source>Load kg</source>
        <translation>货重 kg</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>包裹数</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>过卡时间</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>交接单</translation>
    </message>
</context>
<context>
    <name>VehiclePassesScreen</name>
    <message>
        <source>Vehicle passes</source>
        <translation>车辆核放单</translation>
    </message>
    <message>
        <source>A vehicle leaves the zone in one gate-out: its parcels, every manifest it carries, the weighbridge&apos;s gross and tare. Load = gross − tare.</source>
        <translation>一辆车一次过卡出区：车上全部包裹和交接单、地磅总重和自重。货重 = 总重 − 自重。</translation>
    </message>
    <message>
        <source>Gate pass…</source>
        <translation>核放单…</translation>
    </message>
</context>
<context>
    <name>WavesScreen</name>
    <message>
        <source>Allocation and waves</source>
        <translation>分配与波次</translation>
    </message>
    <message>
        <source>Run allocation (F9)</source>
        <translation>运行分配 (F9)</translation>
    </message>
    <message>
        <source>Print pick list (F8)</source>
        <translation>打印拣货单 (F8)</translation>
    </message>
    <message>
        <source>&amp;Orders:</source>
        <translation>订单(&amp;O)：</translation>
    </message>
    <message>
        <source>waiting for stock</source>
        <translation>等待库存</translation>
    </message>
    <message>
        <source>allocated, to pick</source>
        <translation>已分配，待拣</translation>
    </message>
    <message>
        <source>picked, to pack</source>
        <translation>已拣，待包装</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>已包装</translation>
    </message>
    <message>
        <source>Waves (newest first)</source>
        <translation>波次（最新在前）</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
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
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Pick tasks of %1 in walk order</source>
        <translation>%1 的拣货任务（按行走顺序）</translation>
    </message>
    <message>
        <source>Allocating the released orders (FEFO) and making waves…</source>
        <translation>正在按先到期先出（FEFO）分配已放行订单并生成波次…</translation>
    </message>
    <message>
        <source>Run allocation</source>
        <translation>运行分配</translation>
    </message>
    <message>
        <source>Allocation cancelled: nothing was changed.</source>
        <translation>分配已取消：未作任何更改。</translation>
    </message>
    <message>
        <source>F9 allocates every order customs released (800) from sellable stock, earliest expiry first, and groups them into waves.</source>
        <translation>按 F9 用可售库存分配所有海关已放行（800）的订单，先到期先出，并分组为波次。</translation>
    </message>
    <message>
        <source>%1 orders allocated (%2 units), %3 waiting, waves: %4</source>
        <translation>已分配 %1 个订单（%2 件），%3 个等待，波次：%4</translation>
    </message>
</context>
</TS>
