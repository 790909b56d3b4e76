<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchJob</name>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>完成当前批次后停止…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>已完成 %1 / %2</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>海关状态</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>This rejected record was already dealt with.</source>
        <translation>这条被拒记录已经处理过了。</translation>
    </message>
    <message>
        <source>Order {order_no} is already cancelled.</source>
        <translation>订单 {order_no} 已经撤销。</translation>
    </message>
    <message>
        <source>Order {order_no} has left or is on its way: it cannot be cancelled (a parcel that left comes back as a return).</source>
        <translation>订单 {order_no} 已出区或正在出区，不能撤销（已出区的包裹按退货处理）。</translation>
    </message>
    <message>
        <source>Order number {order_no} exists on several platforms.</source>
        <translation>订单编号 {order_no} 在多个电商平台都存在。</translation>
    </message>
    <message>
        <source>Only an order rejected by customs can be declared again.</source>
        <translation>只有被海关退单的订单才能重新申报。</translation>
    </message>
    <message>
        <source>Order {order_no} is not declared yet: there is no inventory list to print.</source>
        <translation>订单 {order_no} 尚未申报，没有可打印的清单。</translation>
    </message>
    <message>
        <source>The warehouse&apos;s customs identity is missing: import it first.</source>
        <translation>缺少仓库的海关备案信息，请先导入。</translation>
    </message>
    <message>
        <source>The folder {path} cannot be used (missing or not writable).</source>
        <translation>文件夹 {path} 无法使用（不存在或不可写）。</translation>
    </message>
    <message>
        <source>The key file for buyers&apos; data ({path}) is missing on this workstation: copy it from the workstation that created it.</source>
        <translation>本工作站缺少订购人数据的密钥文件（{path}），请从创建它的工作站复制过来。</translation>
    </message>
    <message>
        <source>This workstation&apos;s key file does not open this database&apos;s buyer data: every workstation must use the same key file.</source>
        <translation>本工作站的密钥文件无法解密此数据库中的订购人数据：所有工作站必须使用同一个密钥文件。</translation>
    </message>
    <message>
        <source>The key file {path} is not a valid key.</source>
        <translation>密钥文件 {path} 不是有效的密钥。</translation>
    </message>
    <message>
        <source>The bonded balance is too short to declare this order again.</source>
        <translation>保税余量不足，无法重新申报此订单。</translation>
    </message>
    <message>
        <source>Country of origin {origin} has no customs code.</source>
        <translation>原产国 {origin} 没有对应的海关代码。</translation>
    </message>
    <message>
        <source>The setting {setting} is not set: set it in the warehouse settings first. Nothing was written.</source>
        <translation>设置 {setting} 尚未填写：请先在仓库设置中填写。未写出任何文件。</translation>
    </message>
    <message>
        <source>The {message_type} message breaks its schema at {element} ({rule}): nothing was sent.</source>
        <translation>{message_type} 报文在 {element} 处不符合报文格式（{rule}）：未发送。</translation>
    </message>
    <message>
        <source>Carrier {carrier} of order {order_no} is not a known carrier: import the carriers file.</source>
        <translation>订单 {order_no} 的承运商 {carrier} 不在承运商资料中：请导入承运商文件。</translation>
    </message>
    <message>
        <source>Product {sku} has no declaration elements: add them to the products file.</source>
        <translation>商品 {sku} 没有规范申报要素：请在商品文件中补充。</translation>
    </message>
    <message>
        <source>Unknown cancellation reason {reason}.</source>
        <translation>未知的撤销原因 {reason}。</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>电商平台</translation>
    </message>
    <message>
        <source>Customs status</source>
        <translation>海关状态</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Enterprise order no. / list no.</source>
        <translation>企业内部编号 / 清单编号</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Customs says</source>
        <translation>海关回执说明</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>订购人</translation>
    </message>
    <message>
        <source>Buyer ID number</source>
        <translation>订购人证件号码</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Buyer phone</source>
        <translation>订购人电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>收件地址</translation>
    </message>
    <message>
        <source>Goods + freight − discount</source>
        <translation>货值 + 运费 − 折扣</translation>
    </message>
    <message>
        <source>Tax declared / computed</source>
        <translation>申报税款 / 计算税款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Rejection</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Cancel order %1?</source>
        <translation>撤销订单 %1？</translation>
    </message>
    <message>
        <source>It was declared: a cancellation request (CEB623) goes to customs; its bonded quantity stays held until customs agrees.</source>
        <translation>该订单已申报：将向海关发送撤销申请（CEB623）；在海关同意之前，其保税数量仍被占用。</translation>
    </message>
    <message>
        <source>It is already allocated: its pick tasks are cancelled, a packed parcel must be opened and its goods put back into storage.</source>
        <translation>该订单已分配库存：其拣货任务将被取消；已打包的包裹须拆开，货物放回储位。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>撤销订单</translation>
    </message>
    <message>
        <source>Open parcel %1 and take its goods out.</source>
        <translation>请拆开包裹 %1，取出货物。</translation>
    </message>
    <message>
        <source>Manifest %1 had no other parcel and is withdrawn: its gate pass is void.</source>
        <translation>交接单 %1 已无其他包裹，已撤销：其核放单作废。</translation>
    </message>
    <message>
        <source>It came off manifest %1: its manifest and gate pass are printed again.</source>
        <translation>该包裹已从交接单 %1 移除：交接单和核放单将重新打印。</translation>
    </message>
    <message>
        <source>%1 × %2 batch %3 at %4</source>
        <translation>%1 × %2 批次 %3（位于 %4）</translation>
    </message>
    <message>
        <source>Put back into storage with the put-away station: %1.</source>
        <translation>请用上架工作站放回储位：%1。</translation>
    </message>
    <message>
        <source>%1 units not picked yet are free again.</source>
        <translation>尚未拣货的 %1 件已释放，可再次分配。</translation>
    </message>
    <message>
        <source>%1 pick tasks cancelled.</source>
        <translation>已取消 %1 个拣货任务。</translation>
    </message>
    <message>
        <source>Reveal ID number (Ctrl+I)</source>
        <translation>显示证件号码 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Reveal phone (Ctrl+T)</source>
        <translation>显示电话 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Cancel order… (Ctrl+Del)</source>
        <translation>撤销订单… (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Inventory list… (F8)</source>
        <translation>申报清单… (F8)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税款</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Select an order to see its customs history.</source>
        <translation>选择一个订单以查看其海关记录。</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>full tax</source>
        <translation>全额征税</translation>
    </message>
    <message>
        <source>chosen for inspection</source>
        <translation>被海关布控查验</translation>
    </message>
    <message>
        <source>Shown in clear for %1 seconds; this was recorded in the audit log.</source>
        <translation>明文显示 %1 秒；此操作已记入审计日志。</translation>
    </message>
    <message>
        <source>Order %1 cancelled.</source>
        <translation>订单 %1 已撤销。</translation>
    </message>
    <message>
        <source>Its cancellation request waits for customs&apos; list number and goes out then.</source>
        <translation>其撤销申请等待海关清单编号，编号到达后发出。</translation>
    </message>
    <message>
        <source>Cancellation request %1 written to the outbox.</source>
        <translation>撤销申请 %1 已写入发件箱。</translation>
    </message>
    <message>
        <source>customs time %1 UTC</source>
        <translation>海关时间 %1 UTC</translation>
    </message>
    <message>
        <source> (not yet in the outbox)</source>
        <translation>（尚未写入发件箱）</translation>
    </message>
</context>
<context>
    <name>OrderImport</name>
    <message>
        <source>Order files</source>
        <translation>订单文件</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>%1: %2 orders accepted, %3 rejected.</source>
        <translation>%1：接受订单 %2 个，拒绝 %3 个。</translation>
    </message>
    <message>
        <source>%1 orders were already imported exactly so: unchanged.</source>
        <translation>%1 个订单此前已原样导入：未改变。</translation>
    </message>
    <message>
        <source>Cancelled: what was checked before is kept; the rest of the file was not read.</source>
        <translation>已取消：之前已校验的订单保留，文件其余部分未读取。</translation>
    </message>
</context>
<context>
    <name>OrderImportScreen</name>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>JSON Lines (one order a line) or CSV/XLSX (one row per order line). Each order is accepted or rejected on its own; rejected orders wait on the rejection workbench. Cancel stops after the current batch and keeps what was checked.</source>
        <translation>JSON Lines（每行一个订单）或 CSV/XLSX（每个订单商品一行）。每个订单单独接受或拒绝；被拒订单进入拒单处理台。取消会在当前批次完成后停止，并保留已校验的订单。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>path of the order file, then Enter</source>
        <translation>订单文件路径，然后按回车</translation>
    </message>
    <message>
        <source>Choose file… (Ctrl+O)</source>
        <translation>选择文件… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>OrderWords</name>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>file sent</source>
        <translation>发出文件</translation>
    </message>
    <message>
        <source>file received</source>
        <translation>收到文件</translation>
    </message>
    <message>
        <source>customs receipt</source>
        <translation>海关回执</translation>
    </message>
    <message>
        <source>customs ledger</source>
        <translation>海关账册</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>OrdersScreen</name>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>货主(&amp;W)</translation>
    </message>
    <message>
        <source>order no., waybill, copNo, full ID number or its last digits</source>
        <translation>订单编号、运单号、企业内部编号、完整身份证号或其末几位</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Record as received</source>
        <translation>收到的原始记录</translation>
    </message>
    <message>
        <source>Record (write the whole order as JSON)</source>
        <translation>记录（以 JSON 写出完整订单）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行第 %2 列：%3</translation>
    </message>
    <message>
        <source>the record must be one JSON object { … }</source>
        <translation>记录必须是一个 JSON 对象 { … }</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Dismiss</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Dismiss the rejected record of order %1 without importing it? Note:</source>
        <translation>作废订单 %1 的被拒记录而不导入？备注：</translation>
    </message>
</context>
<context>
    <name>WorkbenchScreen</name>
    <message>
        <source>Rejection workbench</source>
        <translation>拒单处理台</translation>
    </message>
    <message>
        <source>Re-validate (Ctrl+Enter)</source>
        <translation>重新校验 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Declare again (F9)</source>
        <translation>重新申报 (F9)</translation>
    </message>
    <message>
        <source>Re-import a corrected file… (Ctrl+O)</source>
        <translation>重新导入更正后的文件… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation>没有待处理的记录。</translation>
    </message>
    <message>
        <source>Select a record to fix it.</source>
        <translation>选择一条记录进行更正。</translation>
    </message>
    <message>
        <source>From %1 · %2</source>
        <translation>来源 %1 · %2</translation>
    </message>
    <message>
        <source>copNo %1 · customs status %2 · %3</source>
        <translation>企业内部编号 %1 · 海关状态 %2 · %3</translation>
    </message>
    <message>
        <source>The record is not valid JSON: %1</source>
        <translation>记录不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Accepted: order %1 is now an order.</source>
        <translation>已接受：%1 已成为订单。</translation>
    </message>
    <message>
        <source>Still rejected: %1 — %2</source>
        <translation>仍被拒绝：%1 — %2</translation>
    </message>
    <message>
        <source>Dismissed.</source>
        <translation>已作废。</translation>
    </message>
    <message>
        <source>Order %1 will be declared again at the next export.</source>
        <translation>订单 %1 将在下次申报时重新申报。</translation>
    </message>
    <message>
        <source>Re-import a corrected file</source>
        <translation>重新导入更正后的文件</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
</TS>
