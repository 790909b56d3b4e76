<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>货主</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
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
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>Pages: %1</source>
        <translation>页数：%1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Send to the &amp;label printer (Ctrl+L)</source>
        <translation>发送到标签打印机(&amp;L) (Ctrl+L)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>Queued for the label printer as print job %1.</source>
        <translation>已作为打印任务 %1 加入标签打印机队列。</translation>
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
        <source>The database was made by a newer version of Bonded WMS (schema {current}; this version knows up to {head}). Install the newer version; a database is never migrated down.</source>
        <translation>数据库由更新版本的保税仓库管理系统创建（结构版本 {current}；本版本最高支持 {head}）。请安装新版本；数据库从不降级迁移。</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {reason}. No backup was made; the database is untouched.</source>
        <translation>无法将备份写入 {folder}：{reason}。未生成备份；数据库未受影响。</translation>
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
    <message>
        <source>There is no owner {owner}; nothing was changed.</source>
        <translation>没有货主 {owner}；未做任何更改。</translation>
    </message>
    <message>
        <source>The audit key file ({path}) is missing on this workstation: copy it from the workstation that created the database (or from the administrator&apos;s key export). Nothing was changed.</source>
        <translation>本工作站缺少审计密钥文件（{path}）：请从创建数据库的工作站复制（或使用管理员导出的密钥）。未做任何更改。</translation>
    </message>
    <message>
        <source>The audit key file {path} is not this database&apos;s audit key: every workstation must use the same file. Nothing was changed.</source>
        <translation>审计密钥文件 {path} 不是本数据库的审计密钥：所有工作站必须使用同一个文件。未做任何更改。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not search by a full ID number: whether a person has ordered is personal data. Search by order no., waybill or the masked ID instead.</source>
        <translation>您的角色（{role}）不能按完整身份证号搜索：某人是否下过单属于个人信息。请改用订单编号、运单号或脱敏的身份证号搜索。</translation>
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
    <name>FeedbackText</name>
    <message>
        <source>The database did not answer: the scan may not be saved. Press F5 to send it again (it is never counted twice)</source>
        <translation>数据库无响应：该次扫描可能未保存。请按 F5 重新发送（不会重复计数）</translation>
    </message>
    <message>
        <source>{key} does nothing at this station: press F1 for its keys</source>
        <translation>{key} 在本工位无作用：按 F1 查看本工位按键</translation>
    </message>
    <message>
        <source>Nothing to send again: every scan was answered</source>
        <translation>没有需要重新发送的扫描：每次扫描都已得到应答</translation>
    </message>
    <message>
        <source>Unknown command barcode</source>
        <translation>无法识别的指令条码</translation>
    </message>
</context>
<context>
    <name>ImportAction</name>
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
    <name>InboundColumns</name>
    <message>
        <source>Name</source>
        <translation>品名</translation>
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
        <source>&amp;Guide for my role</source>
        <translation>本角色使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>Save a &amp;report…</source>
        <translation>保存支持报告(&amp;R)…</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1（%2），工作站 %3</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>程序：%1</translation>
    </message>
    <message>
        <source>Qt: %1 (PySide6 %2)</source>
        <translation>Qt 版本：%1（PySide6 %2）</translation>
    </message>
    <message>
        <source>Python: %1</source>
        <translation>Python 版本：%1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>SQLite library: %1</source>
        <translation>SQLite 库：%1</translation>
    </message>
    <message>
        <source>Schema: %1 (this program: %2)</source>
        <translation>数据库结构：%1（本程序：%2）</translation>
    </message>
    <message>
        <source>About Bonded WMS</source>
        <translation>关于保税仓储管理系统</translation>
    </message>
    <message>
        <source>Save a report for support</source>
        <translation>保存支持报告</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>报告已保存：%1</translation>
    </message>
    <message>
        <source>Bonded WMS — warehouse management for customs bonded warehouses (cross-border e-commerce, bonded import 1210).</source>
        <translation>保税仓储管理系统 — 面向海关保税仓库的仓储管理（跨境电商保税进口 1210）。</translation>
    </message>
</context>
<context>
    <name>OwnerFilter</name>
    <message>
        <source>any owner</source>
        <translation>全部货主</translation>
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
    <name>Screens</name>
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
        <source>Today</source>
        <translation>今日</translation>
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
        <source>Returns and disposal</source>
        <translation>退货与销毁</translation>
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
        <source>Consumer returns</source>
        <translation>消费者退货</translation>
    </message>
    <message>
        <source>Return receiving station</source>
        <translation>退货收货工位</translation>
    </message>
    <message>
        <source>Disposal</source>
        <translation>销毁处置</translation>
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
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Count station</source>
        <translation>盘点工位</translation>
    </message>
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
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
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
        <source>Vehicle passes</source>
        <translation>车辆核放单</translation>
    </message>
    <message>
        <source>Trace and batch record</source>
        <translation>追溯与批次记录</translation>
    </message>
    <message>
        <source>Period books</source>
        <translation>账册进出存</translation>
    </message>
    <message>
        <source>Exit checklists</source>
        <translation>出区核注清单</translation>
    </message>
</context>
<context>
    <name>StationHelp</name>
    <message>
        <source>Station keys</source>
        <translation>工位按键</translation>
    </message>
    <message>
        <source>This list of keys</source>
        <translation>本按键列表</translation>
    </message>
    <message>
        <source>Empty the scan field</source>
        <translation>清空扫描栏</translation>
    </message>
    <message>
        <source>— (nothing at this station)</source>
        <translation>—（本工位无作用）</translation>
    </message>
    <message>
        <source>Command barcodes: %1</source>
        <translation>指令条码：%1</translation>
    </message>
    <message>
        <source>No command barcodes at this station.</source>
        <translation>本工位没有指令条码。</translation>
    </message>
</context>
<context>
    <name>StationKeys</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Flag the goods</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Type by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Allow mixing</source>
        <translation>允许混批</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>At this station</source>
        <translation>在本工位</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Scan here (the scanner types into this field)</source>
        <translation>在此扫描（扫描枪会输入到此栏）</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>上次扫描：%1</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
    <message>
        <source>Rows loaded: %1 (more as you scroll)</source>
        <translation>已加载 %1 行（向下滚动加载更多）</translation>
    </message>
    <message>
        <source>Rows loaded: %1 (counting…)</source>
        <translation>已加载 %1 行（正在计数…）</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
</TS>
