<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Select an entry to see its detail.</source>
        <translation>选择一条记录查看详情。</translation>
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
    <name>BackupStatus</name>
    <message>
        <source>no backup yet</source>
        <translation>尚无备份</translation>
    </message>
    <message>
        <source>less than an hour ago</source>
        <translation>不到一小时前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>Last backup: %1</source>
        <translation>上次备份：%1</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
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
        <source>What happened</source>
        <translation>发生了什么</translation>
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
        <source>Outcome</source>
        <translation>结果</translation>
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
        <source>Filed price</source>
        <translation>备案单价</translation>
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
    <name>ImportAction</name>
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
        <source>Import carriers…</source>
        <translation>导入承运商…</translation>
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
    <message>
        <source>DXP id</source>
        <translation>DXP 编号</translation>
    </message>
    <message>
        <source>The data-exchange id of the enterprise that sends the customs messages (e.g. DXPENT0000458763). Lists are not exported without it.</source>
        <translation>发送海关报文的企业数据交换编号（如 DXPENT0000458763）。未设置时不导出清单。</translation>
    </message>
    <message>
        <source>Guarantee enterprise code</source>
        <translation>担保企业编码</translation>
    </message>
    <message>
        <source>Customs code of the enterprise that guarantees the tax (assureCode). Empty: each order&apos;s e-commerce enterprise.</source>
        <translation>为税款提供担保的企业海关编码（assureCode）。留空：各订单的电商企业。</translation>
    </message>
    <message>
        <source>Transport mode</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>How parcels leave the zone (trafMode; 4 = road).</source>
        <translation>包裹出区的运输方式（trafMode；4 = 公路运输）。</translation>
    </message>
    <message>
        <source>Package type</source>
        <translation>包装种类</translation>
    </message>
    <message>
        <source>Package of a parcel (wrapType): 1 wooden case, 2 carton, 3 drum, 4 bulk, 5 pallet, 6 bag, 7 other.</source>
        <translation>包裹的包装种类（wrapType）：1 木箱、2 纸箱、3 桶装、4 散装、5 托盘、6 包、7 其它。</translation>
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
