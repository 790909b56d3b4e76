<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Disposal</name>
    <message>
        <source>past its shelf life</source>
        <translation>超过保质期</translation>
    </message>
    <message>
        <source>damaged or defective</source>
        <translation>包装破损或残次</translation>
    </message>
    <message>
        <source>banned or recalled</source>
        <translation>禁止销售或召回</translation>
    </message>
    <message>
        <source>brand or quality problem</source>
        <translation>品牌或质量问题</translation>
    </message>
    <message>
        <source>unsellable</source>
        <translation>无法销售</translation>
    </message>
    <message>
        <source>force majeure</source>
        <translation>不可抗力</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>destruction</source>
        <translation>销毁</translation>
    </message>
    <message>
        <source>return abroad</source>
        <translation>退运出境</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>approved by customs</source>
        <translation>海关已批准</translation>
    </message>
    <message>
        <source>executed</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
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
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>执行时间</translation>
    </message>
</context>
<context>
    <name>DisposalScreen</name>
    <message>
        <source>Disposal: destruction and return abroad</source>
        <translation>销毁处置：销毁与退运出境</translation>
    </message>
    <message>
        <source>Lot (batch)</source>
        <translation>批次（批号）</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <source>Disposal company</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <source>(empty: the setting “%1”)</source>
        <translation>（留空：取设置项“%1”）</translation>
    </message>
    <message>
        <source>Request a disposal</source>
        <translation>申请销毁处置</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Approve (customs)</source>
        <translation>批准（海关）</translation>
    </message>
    <message>
        <source>Witnesses, separated by commas</source>
        <translation>见证人，用逗号分隔</translation>
    </message>
    <message>
        <source>Execute before the witnesses</source>
        <translation>在见证人监督下执行</translation>
    </message>
    <message>
        <source>Declaration form</source>
        <translation>处置申报表</translation>
    </message>
    <message>
        <source>Execution record</source>
        <translation>执行记录</translation>
    </message>
    <message>
        <source>Disposal %1 requested: customs approves it</source>
        <translation>处置申请 %1 已提交：等待海关批准</translation>
    </message>
    <message>
        <source>Disposal %1 approved</source>
        <translation>处置申请 %1 已批准</translation>
    </message>
    <message>
        <source>Disposal %1 executed: the units left the warehouse and the account book</source>
        <translation>处置申请 %1 已执行：货物已出库并从账册核减</translation>
    </message>
</context>
<context>
    <name>FeedbackText</name>
    <message>
        <source>Return {return}: scan each unit</source>
        <translation>退货 {return}：请逐件扫描</translation>
    </message>
    <message>
        <source>{qty} × {sku} back (good): held at the returns location until customs approves</source>
        <translation>{qty} × {sku} 已退回（完好）：海关批准前暂存退货库位</translation>
    </message>
    <message>
        <source>{qty} × {sku} back (damaged): to the damaged location</source>
        <translation>{qty} × {sku} 已退回（残损）：放入残损库位</translation>
    </message>
    <message>
        <source>Return {return} closed: {received} units ({status})</source>
        <translation>退货 {return} 已结束：{received} 件（{status}）</translation>
    </message>
    <message>
        <source>Return {return} closed short: {received} of {expected} units</source>
        <translation>退货 {return} 已结束，短少：{received}/{expected} 件</translation>
    </message>
    <message>
        <source>The next unit scanned is graded damaged</source>
        <translation>下一件扫描计为残损</translation>
    </message>
    <message>
        <source>{sku} was not in this parcel: put it aside</source>
        <translation>{sku} 不在本包裹中：请放到一边</translation>
    </message>
    <message>
        <source>Only {left} more {sku} belong to this return</source>
        <translation>本退货只剩 {left} 件 {sku}</translation>
    </message>
    <message>
        <source>Too late: the parcel had to be back by {arrive_by}; refuse it</source>
        <translation>已超时：包裹须在 {arrive_by} 前退回；请拒收</translation>
    </message>
    <message>
        <source>Customs rejected this return: the parcel may not come back in</source>
        <translation>海关已驳回此退货：包裹不得退回区内</translation>
    </message>
    <message>
        <source>No requested or approved return waits for this parcel</source>
        <translation>没有已申请或已批准的退货对应此包裹</translation>
    </message>
    <message>
        <source>This return was received and closed already</source>
        <translation>此退货已收货并结束</translation>
    </message>
    <message>
        <source>Scan the units before closing the parcel</source>
        <translation>请先扫描货物再结束包裹</translation>
    </message>
    <message>
        <source>Return {return} is open: scan its units or close it (F9) first</source>
        <translation>退货 {return} 尚未结束：请扫描货物或先结束（F9）</translation>
    </message>
    <message>
        <source>No parcel is open: scan the return number or the waybill</source>
        <translation>没有打开的包裹：请扫描退货单号或运单号</translation>
    </message>
    <message>
        <source>Scan the return number or the parcel&apos;s original waybill</source>
        <translation>请扫描退货单号或包裹的原运单号</translation>
    </message>
</context>
<context>
    <name>ReturnStationScreen</name>
    <message>
        <source>Return receiving station</source>
        <translation>退货收货工位</translation>
    </message>
    <message>
        <source>Next unit damaged</source>
        <translation>下一件残损</translation>
    </message>
    <message>
        <source>Close the parcel</source>
        <translation>结束包裹</translation>
    </message>
    <message>
        <source>Next unit: damaged</source>
        <translation>下一件：残损</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>商品条码</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应退</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>残损</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>declared (CEB625 sent)</source>
        <translation>已申报（CEB625 已发送）</translation>
    </message>
    <message>
        <source>accepted by customs</source>
        <translation>海关已接收</translation>
    </message>
    <message>
        <source>approved by customs</source>
        <translation>海关已批准</translation>
    </message>
    <message>
        <source>rejected by customs</source>
        <translation>海关已驳回</translation>
    </message>
    <message>
        <source>received, waiting for approval</source>
        <translation>已收货，等待批准</translation>
    </message>
    <message>
        <source>returned (booked)</source>
        <translation>已退货（已入账）</translation>
    </message>
    <message>
        <source>seven-day no-reason return</source>
        <translation>七天无理由退货</translation>
    </message>
    <message>
        <source>quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <source>damaged in transit</source>
        <translation>运输途中破损</translation>
    </message>
    <message>
        <source>wrong goods sent</source>
        <translation>错发商品</translation>
    </message>
    <message>
        <source>not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货单号</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Request by</source>
        <translation>申请截止</translation>
    </message>
    <message>
        <source>Back by</source>
        <translation>退回截止</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>海关回执</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>Consumer returns</source>
        <translation>消费者退货</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Request a return (a shipped order, within 30 days of its release)</source>
        <translation>申请退货（已出区订单，放行后 30 天内）</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Only these units</source>
        <translation>仅退这些商品</translation>
    </message>
    <message>
        <source>SKU:QTY SKU:QTY … (empty: the whole order)</source>
        <translation>SKU:数量 SKU:数量 …（留空：整单退货）</translation>
    </message>
    <message>
        <source>Request the return</source>
        <translation>申请退货</translation>
    </message>
    <message>
        <source>%1 of %2 returns shown</source>
        <translation>显示 %1 / %2 条退货</translation>
    </message>
    <message>
        <source>Return %1 requested: the CEB625 goes with the next customs export; the parcel must be back by %2.</source>
        <translation>退货 %1 已申请：CEB625 将随下次海关申报发送；包裹须在 %2 前退回。</translation>
    </message>
</context>
</TS>
