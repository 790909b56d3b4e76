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
    <name>AuditLogScreen</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>user, action or record (start)</source>
        <translation>用户、操作或记录（开头）</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>The audit chain is intact (entries verified: %1).</source>
        <translation>审计链完好（已校验 %1 条）。</translation>
    </message>
    <message>
        <source>The audit chain is BROKEN at entry %1: %2</source>
        <translation>审计链在第 %1 条处断裂：%2</translation>
    </message>
</context>
<context>
    <name>ChecksScreen</name>
    <message>
        <source>Warehouse checks</source>
        <translation>仓库校验</translation>
    </message>
    <message>
        <source>Run the checks</source>
        <translation>运行校验</translation>
    </message>
    <message>
        <source>Invariant</source>
        <translation>校验项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>BROKEN</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Every invariant holds.</source>
        <translation>所有校验项均通过。</translation>
    </message>
    <message>
        <source>Broken invariants: %1</source>
        <translation>未通过的校验项：%1</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Item</source>
        <translation>料号</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
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
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
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
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>托盘/箱号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Pick sequence</source>
        <translation>拣货顺序</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Units in stock</source>
        <translation>库存数量</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>商品条码 (GTIN)</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文品名</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Filed price</source>
        <translation>备案单价</translation>
    </message>
    <message>
        <source>Account-book item</source>
        <translation>账册料号</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsScreen</name>
    <message>
        <source>Devices of this workstation</source>
        <translation>本工作站的设备</translation>
    </message>
    <message>
        <source>Serial scanner (empty: keyboard only)</source>
        <translation>串口扫描枪（留空：仅键盘扫描枪）</translation>
    </message>
    <message>
        <source>Keyboard scanner key gap</source>
        <translation>键盘扫描枪按键间隔</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Document printer (empty: ask)</source>
        <translation>文档打印机（留空：每次询问）</translation>
    </message>
    <message>
        <source>Scan a test barcode</source>
        <translation>扫描测试条码</translation>
    </message>
    <message>
        <source>Read a weight</source>
        <translation>读取重量</translation>
    </message>
    <message>
        <source>Print a test label</source>
        <translation>打印测试标签</translation>
    </message>
    <message>
        <source>Save for this workstation</source>
        <translation>保存到本工作站</translation>
    </message>
    <message>
        <source>Saved for workstation %1.</source>
        <translation>已保存到工作站 %1。</translation>
    </message>
    <message>
        <source>Scan any barcode now (serial or keyboard scanner)…</source>
        <translation>请现在扫描任意条码（串口或键盘扫描枪）…</translation>
    </message>
    <message>
        <source>Scanned: %1</source>
        <translation>已扫描：%1</translation>
    </message>
    <message>
        <source>No scan arrived. %1</source>
        <translation>未收到扫描。%1</translation>
    </message>
    <message>
        <source>No scale is set for this workstation.</source>
        <translation>本工作站未设置电子秤。</translation>
    </message>
    <message>
        <source>Reading the scale…</source>
        <translation>正在读取电子秤…</translation>
    </message>
    <message>
        <source>Weight: %1 kg</source>
        <translation>重量：%1 千克</translation>
    </message>
    <message>
        <source>No label printer is set (or its address is not understood).</source>
        <translation>未设置标签打印机（或无法识别其地址）。</translation>
    </message>
    <message>
        <source>Printing a test label on %1…</source>
        <translation>正在 %1 上打印测试标签…</translation>
    </message>
    <message>
        <source>The test label went to the printer.</source>
        <translation>测试标签已发送到打印机。</translation>
    </message>
    <message>
        <source>The test label was not printed: %1</source>
        <translation>测试标签未打印：%1</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <source>labels waiting</source>
        <translation>张标签等待中</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>Printed on %1</source>
        <translation>已在 %1 上打印</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>File refused</source>
        <translation>文件被拒绝</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The operation failed.</source>
        <translation>操作失败。</translation>
    </message>
    <message>
        <source>The operation was refused; nothing was changed.</source>
        <translation>操作被拒绝，未作任何更改。</translation>
    </message>
    <message>
        <source>It was not found; nothing was changed.</source>
        <translation>未找到，未作任何更改。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {permission}. Nothing was changed.</source>
        <translation>您的角色（{role}）无权{permission}，未作任何更改。</translation>
    </message>
    <message>
        <source>Unknown user or wrong password.</source>
        <translation>用户不存在或密码错误。</translation>
    </message>
    <message>
        <source>The database cannot be reached or opened.</source>
        <translation>无法连接或打开数据库。</translation>
    </message>
    <message>
        <source>The database was made by another version of Bonded WMS (schema {current}, this version needs {head}). Run “bwms init” to migrate it; no data is dropped.</source>
        <translation>该数据库由其他版本的保税仓储管理系统创建（结构版本 {current}，本版本需要 {head}）。请运行“bwms init”进行迁移，不会删除任何数据。</translation>
    </message>
    <message>
        <source>The database is empty. Run “bwms init” first.</source>
        <translation>数据库为空，请先运行“bwms init”。</translation>
    </message>
    <message>
        <source>The file was refused and nothing was imported. Every problem is listed with its line and column.</source>
        <translation>文件被拒绝，未导入任何数据。下面列出了每个问题所在的行和列。</translation>
    </message>
    <message>
        <source>The password is too short (at least 8 characters).</source>
        <translation>密码太短（至少 8 个字符）。</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>未知角色。</translation>
    </message>
    <message>
        <source>A user name may use letters, digits, “.”, “-” and “_” (at most 40 characters).</source>
        <translation>用户名只能包含字母、数字、“.”、“-”和“_”（最多 40 个字符）。</translation>
    </message>
    <message>
        <source>A user with this name already exists.</source>
        <translation>该用户名已存在。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The quantity must be a positive whole number.</source>
        <translation>数量必须是正整数。</translation>
    </message>
    <message>
        <source>Only {free} of lot {lot} are free there; {asked} were asked.</source>
        <translation>该处批次 {lot} 仅有 {free} 件可用，请求了 {asked} 件。</translation>
    </message>
    <message>
        <source>There is no such setting.</source>
        <translation>没有这个设置项。</translation>
    </message>
    <message>
        <source>This value is not valid for the setting.</source>
        <translation>该值对此设置项无效。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未作任何更改。</translation>
    </message>
    <message>
        <source>An unexpected error happened; nothing was changed.</source>
        <translation>发生意外错误，未作任何更改。</translation>
    </message>
</context>
<context>
    <name>FeedbackBanner</name>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
    <message>
        <source>Import account book…</source>
        <translation>导入账册…</translation>
    </message>
    <message>
        <source>Import locations…</source>
        <translation>导入库位…</translation>
    </message>
    <message>
        <source>Import products…</source>
        <translation>导入商品…</translation>
    </message>
    <message>
        <source>Import positive list…</source>
        <translation>导入正面清单…</translation>
    </message>
    <message>
        <source>Import warehouse file…</source>
        <translation>导入仓库信息文件…</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>%1: %2 new, %3 changed, %4 unchanged.</source>
        <translation>%1：新增 %2，更新 %3，未变 %4。</translation>
    </message>
    <message>
        <source>Account-book items made from the filings: %1.</source>
        <translation>根据备案新建账册料号：%1 个。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>Invariants</name>
    <message>
        <source>1 No stock is negative; reserved never exceeds the quantity</source>
        <translation>1 库存不为负，预留不超过数量</translation>
    </message>
    <message>
        <source>2 The movements add up to every stock row</source>
        <translation>2 库存流水合计与每条库存一致</translation>
    </message>
    <message>
        <source>3 The customs ledger balances against bonded stock</source>
        <translation>3 海关账册与保税库存平衡</translation>
    </message>
    <message>
        <source>7 The audit chain verifies</source>
        <translation>7 审计链校验通过</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LocationsScreen</name>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>location code starts with…</source>
        <translation>库位编码开头…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Bonded WMS — sign in</source>
        <translation>保税仓储管理系统 — 登录</translation>
    </message>
    <message>
        <source>Bonded WMS</source>
        <translation>保税仓储管理系统</translation>
    </message>
    <message>
        <source>Workstation: %1</source>
        <translation>工作站：%1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在验证密码…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bonded WMS</source>
        <translation>保税仓储管理系统</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Bonded WMS</source>
        <translation>关于保税仓储管理系统(&amp;A)</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1（%2），工作站 %3</translation>
    </message>
    <message>
        <source>About Bonded WMS</source>
        <translation>关于保税仓储管理系统</translation>
    </message>
    <message>
        <source>Bonded WMS — warehouse management for customs bonded warehouses (cross-border e-commerce, bonded import 1210).</source>
        <translation>保税仓储管理系统 — 面向海关保税仓库的仓储管理（跨境电商保税进口 1210）。</translation>
    </message>
</context>
<context>
    <name>PrintQueueScreen</name>
    <message>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <source>This workstation only</source>
        <translation>仅本工作站</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Send waiting labels now</source>
        <translation>立即发送等待中的标签</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Reprint of</source>
        <translation>补打自</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>interrupted — check</source>
        <translation>已中断 — 请检查</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Choose the job to reprint.</source>
        <translation>请选择要补打的任务。</translation>
    </message>
    <message>
        <source>Job %1 queued as a reprint.</source>
        <translation>任务 %1 已作为补打加入队列。</translation>
    </message>
    <message>
        <source>Choose the job to cancel.</source>
        <translation>请选择要取消的任务。</translation>
    </message>
    <message>
        <source>Job %1 cancelled.</source>
        <translation>任务 %1 已取消。</translation>
    </message>
    <message>
        <source>This workstation has no label printer: set one under Devices.</source>
        <translation>本工作站没有标签打印机：请在“设备”中设置。</translation>
    </message>
</context>
<context>
    <name>ProductFiling</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>商品条码 (GTIN)</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文品名</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Positive list</source>
        <translation>正面清单</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Transaction unit</source>
        <translation>成交单位</translation>
    </message>
    <message>
        <source>First legal unit</source>
        <translation>第一法定单位</translation>
    </message>
    <message>
        <source>Second legal unit</source>
        <translation>第二法定单位</translation>
    </message>
    <message>
        <source>Filed unit price</source>
        <translation>备案单价</translation>
    </message>
    <message>
        <source>Net / gross weight (kg)</source>
        <translation>净重 / 毛重（千克）</translation>
    </message>
    <message>
        <source>Shelf life (days)</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <source>Account-book item</source>
        <translation>账册料号</translation>
    </message>
    <message>
        <source>Storage limit (days)</source>
        <translation>存储期限（天）</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>增值税率</translation>
    </message>
    <message>
        <source>Consumption-tax rate</source>
        <translation>消费税率</translation>
    </message>
    <message>
        <source>MFN tariff rate</source>
        <translation>最惠国关税税率</translation>
    </message>
    <message>
        <source>%1 × %2 per %3</source>
        <translation>%1 × %2（每%3）</translation>
    </message>
    <message>
        <source>not on the imported positive list</source>
        <translation>不在已导入的正面清单中</translation>
    </message>
</context>
<context>
    <name>ProductsScreen</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>SKU, GTIN or HS code (start), or part of a name</source>
        <translation>商品编码、条码或 HS 编码（开头），或名称的一部分</translation>
    </message>
    <message>
        <source>Customs filing</source>
        <translation>海关备案信息</translation>
    </message>
    <message>
        <source>Select a product to see its customs filing.</source>
        <translation>选择一个商品以查看其海关备案信息。</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <source>Account book</source>
        <translation>账册</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Warehouse checks</source>
        <translation>仓库校验</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Put away</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>海关</translation>
    </message>
    <message>
        <source>Waves and picking</source>
        <translation>波次与拣货</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>打包</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发运</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>库存管理</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Warehouse settings</source>
        <translation>仓库设置</translation>
    </message>
    <message>
        <source>Devices of this workstation</source>
        <translation>本工作站的设备</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <source>Inbound declarations</source>
        <translation>入库申报单</translation>
    </message>
    <message>
        <source>Receive station</source>
        <translation>收货工位</translation>
    </message>
    <message>
        <source>Put-away station</source>
        <translation>上架工位</translation>
    </message>
    <message>
        <source>Customs ledger</source>
        <translation>海关账册台账</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Rejection workbench</source>
        <translation>拒单处理台</translation>
    </message>
    <message>
        <source>Customs exchange</source>
        <translation>海关数据交换</translation>
    </message>
    <message>
        <source>Allocation and waves</source>
        <translation>分配与波次</translation>
    </message>
    <message>
        <source>Pick station</source>
        <translation>拣货站</translation>
    </message>
    <message>
        <source>Pack station</source>
        <translation>包装站</translation>
    </message>
    <message>
        <source>Manifests and gate passes</source>
        <translation>交接单与核放单</translation>
    </message>
    <message>
        <source>Gate station</source>
        <translation>卡口站</translation>
    </message>
    <message>
        <source>Trace and batch record</source>
        <translation>追溯与批次记录</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Minimum shelf life left at receipt (fraction)</source>
        <translation>收货时最低剩余保质期（比例）</translation>
    </message>
    <message>
        <source>A batch is refused at receipt when less than this fraction of its shelf life remains.</source>
        <translation>剩余保质期低于该比例的批次在收货时拒收。</translation>
    </message>
    <message>
        <source>Sale lock before expiry (days)</source>
        <translation>临期禁售天数</translation>
    </message>
    <message>
        <source>Lots with fewer days than this to expiry are not allocated to orders.</source>
        <translation>距到期天数少于此值的批次不分配给订单。</translation>
    </message>
    <message>
        <source>Per-order limit (CNY)</source>
        <translation>单笔订单限额（元）</translation>
    </message>
    <message>
        <source>The dutiable value one order may have.</source>
        <translation>单个订单完税价格的上限。</translation>
    </message>
    <message>
        <source>Annual limit per buyer (CNY)</source>
        <translation>个人年度交易限额（元）</translation>
    </message>
    <message>
        <source>What one buyer may import in a calendar year.</source>
        <translation>每位购买人一个自然年内可进口的金额。</translation>
    </message>
    <message>
        <source>Tax discount factor</source>
        <translation>税款折扣系数</translation>
    </message>
    <message>
        <source>Share of VAT and consumption tax that is levied.</source>
        <translation>增值税和消费税的实际征收比例。</translation>
    </message>
    <message>
        <source>Tax tolerance (CNY)</source>
        <translation>税款容差（元）</translation>
    </message>
    <message>
        <source>Allowed gap between the declared and the computed tax.</source>
        <translation>申报税款与计算税款之间允许的差额。</translation>
    </message>
    <message>
        <source>Parcel weight tolerance (fraction)</source>
        <translation>包裹重量容差（比例）</translation>
    </message>
    <message>
        <source>A parcel whose weight differs more from its computed gross weight is held.</source>
        <translation>实际重量与计算毛重差异超过该比例的包裹将被扣留。</translation>
    </message>
    <message>
        <source>Largest wave (orders)</source>
        <translation>最大波次（订单数）</translation>
    </message>
    <message>
        <source>The most orders one wave may hold.</source>
        <translation>一个波次最多包含的订单数。</translation>
    </message>
    <message>
        <source>Personal-data key file</source>
        <translation>个人信息密钥文件</translation>
    </message>
    <message>
        <source>The key file that encrypts buyers&apos; personal data.</source>
        <translation>用于加密购买人个人信息的密钥文件。</translation>
    </message>
    <message>
        <source>Customs outbox folder</source>
        <translation>海关发件箱目录</translation>
    </message>
    <message>
        <source>The declaration client picks CEB621 files up here.</source>
        <translation>申报客户端从此目录读取 CEB621 文件。</translation>
    </message>
    <message>
        <source>Customs inbox folder</source>
        <translation>海关收件箱目录</translation>
    </message>
    <message>
        <source>Customs receipts (CEB622) arrive here.</source>
        <translation>海关回执（CEB622）存放于此目录。</translation>
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
<context>
    <name>Tables</name>
    <message>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
    <message>
        <source>Rows loaded: %1 (counting…)</source>
        <translation>已加载 %1 行（正在计数…）</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Selected user</source>
        <translation>所选用户</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>(select a user in the list)</source>
        <translation>（请在列表中选择用户）</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 的角色已改为%2。</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 已重新启用，可以登录。</translation>
    </message>
    <message>
        <source>%1 is disabled and cannot sign in.</source>
        <translation>%1 已停用，无法登录。</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>%1 的密码已更改。</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>clerk</source>
        <translation>仓管员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>customs officer</source>
        <translation>海关关员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>inspection hold</source>
        <translation>查验暂扣</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>残损</translation>
    </message>
    <message>
        <source>frozen (near expiry)</source>
        <translation>冻结（临期）</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>dock</source>
        <translation>月台</translation>
    </message>
    <message>
        <source>bonded storage</source>
        <translation>保税存储区</translation>
    </message>
    <message>
        <source>inspection area</source>
        <translation>查验区</translation>
    </message>
    <message>
        <source>damaged / quarantine</source>
        <translation>残损/隔离区</translation>
    </message>
    <message>
        <source>returns</source>
        <translation>退货区</translation>
    </message>
    <message>
        <source>packing</source>
        <translation>打包区</translation>
    </message>
    <message>
        <source>shipping lane</source>
        <translation>发运道口</translation>
    </message>
    <message>
        <source>view</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>change master data</source>
        <translation>修改主数据</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>change business settings</source>
        <translation>修改业务设置</translation>
    </message>
    <message>
        <source>scan at a station</source>
        <translation>在工作站扫描作业</translation>
    </message>
    <message>
        <source>manage inbound declarations</source>
        <translation>管理入区申报</translation>
    </message>
    <message>
        <source>release customs entries</source>
        <translation>办理海关放行</translation>
    </message>
    <message>
        <source>supervise</source>
        <translation>执行主管操作</translation>
    </message>
    <message>
        <source>exchange customs files</source>
        <translation>收发海关报文</translation>
    </message>
    <message>
        <source>import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>reveal personal data</source>
        <translation>查看个人信息明文</translation>
    </message>
    <message>
        <source>audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>WarehouseIdentity</name>
    <message>
        <source>Warehouse</source>
        <translation>仓库名称</translation>
    </message>
    <message>
        <source>In-zone enterprise code</source>
        <translation>区内企业编码</translation>
    </message>
    <message>
        <source>In-zone enterprise</source>
        <translation>区内企业名称</translation>
    </message>
    <message>
        <source>Account book (emsNo)</source>
        <translation>账册编号 (emsNo)</translation>
    </message>
    <message>
        <source>Customs office</source>
        <translation>主管海关</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>口岸</translation>
    </message>
    <message>
        <source>Declaring agent code</source>
        <translation>申报企业编码</translation>
    </message>
    <message>
        <source>Declaring agent</source>
        <translation>申报企业名称</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
</context>
<context>
    <name>WarehouseScreen</name>
    <message>
        <source>Warehouse settings</source>
        <translation>仓库设置</translation>
    </message>
    <message>
        <source>The warehouse as customs knows it</source>
        <translation>海关备案的仓库信息</translation>
    </message>
    <message>
        <source>No warehouse identity yet: import the warehouse file (TOML).</source>
        <translation>尚无仓库信息：请导入仓库信息文件（TOML）。</translation>
    </message>
    <message>
        <source>Business settings (shared by every workstation)</source>
        <translation>业务设置（所有工作站共用）</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved: %1 = %2</source>
        <translation>已保存：%1 = %2</translation>
    </message>
</context>
</TS>
