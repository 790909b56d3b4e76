"""The warehouse's one vocabulary: the English and Chinese name of every code it stores or shows.

Statuses, customs receipt codes and units, reasons, roles, audit operations, record fields and settings are
stored as codes (`put_away`, `500`, `142`, `buyer.id_type`); nobody should read one. Screens ask
`ui.vocabulary.term(kind, code)` for the name in the screen's language; documents ask `name(kind, code, lang)`
or `both(kind, code)` ("已放行 released") for their bilingual lines. A code the vocabulary does not know is shown
as it is (never lost), and tests/domain/test_vocabulary.py fails on it: every code source of the product (the
tables' CHECK lists, the status tuples, the customs code lists, the audit calls) must have both names here.

Pure: no database, no GUI. Customs units come from resources/customs_units.csv (both names per code).
"""

from __future__ import annotations

import csv
import re
import string
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from app.domain.returns import DISPOSAL_REASONS, RETURN_REASONS

_RESOURCES = Path(__file__).resolve().parents[2] / "resources"

Term = tuple[str, str]  # (English, Chinese)

_VOCABULARY: dict[str, dict[str, Term]] = {
    "role": {
        "clerk": ("clerk", "仓管员"), "supervisor": ("supervisor", "主管"),
        "customs": ("customs officer", "海关关员"), "admin": ("administrator", "管理员"),
    },
    "permission": {
        "view": ("view", "查看"), "master_data": ("change master data", "修改主数据"),
        "user_admin": ("manage users", "管理用户"), "settings": ("change business settings", "修改业务设置"),
        "scan_operations": ("scan at a station", "在工作站扫描作业"),
        "inbound_declaration": ("manage inbound declarations", "管理入区申报"),
        "release_entry": ("release customs entries", "办理海关放行"), "supervise": ("supervise", "执行主管操作"),
        "customs_exchange": ("exchange customs files", "收发海关报文"), "orders": ("import orders", "导入订单"),
        "reveal_pii": ("reveal personal data", "查看个人信息明文"), "audit": ("audit", "审计"), "print": ("print", "打印"),
        "backup": ("back up the database", "备份数据库"), "restore": ("restore the database", "恢复数据库"),
        "key_export": ("export the key files", "导出密钥文件"), "approve_disposal": ("approve disposals", "批准销毁处置"),
        "confirm_adjustment": ("confirm count adjustments", "确认盘点调整"),
    },
    # consumer_order.status: the customs side (orders.ORDER_STATUSES) and the outbound side (ORDER_OUTBOUND_STATUSES)
    "order_status": {
        "accepted": ("accepted, not declared", "已接受，未申报"), "declared": ("declared", "已申报"),
        "inspection": ("under inspection", "查验中"), "detained": ("detained", "扣留"),
        "released": ("released, not allocated", "已放行，未分配"), "customs_rejected": ("rejected by customs", "海关退单"),
        "cancelled": ("cancelled", "已取消"), "rejected": ("rejected at import", "导入时被拒"),
        "allocated": ("allocated", "已分配"), "short": ("short, waiting for stock", "短拣，等待库存"),
        "picked": ("picked", "已拣货"), "packed": ("packed", "已包装"), "manifested": ("on a manifest", "已上交接单"),
        "shipped": ("shipped", "已出区"),
    },
    "flow_stage": {
        "accepted": ("accepted", "已接单"), "declared": ("declared", "已申报"),
        "released": ("released, to allocate", "已放行，待分配"), "allocated": ("allocated", "已分配"),
        "picked": ("picked", "已拣货"), "packed": ("packed", "已包装"), "shipped": ("shipped", "已出区"),
        "rejected": ("rejected by customs", "海关退单"), "inspection": ("inspection", "查验"),
        "cancelled": ("cancelled", "已撤销"),
    },
    # inventory_list.status: the name of its latest receipt (app.customs.receipts.CUSTOMS_STATUS)
    "customs_status": {
        "declared": ("declared, no answer yet", "已申报，尚无回执"), "draft": ("draft", "暂存"),
        "sending": ("sending", "申报中"), "sent": ("sent", "发出"), "send_failed": ("sending failed", "发送失败"),
        "rejected": ("rejected (100)", "退单 (100)"), "accepted": ("accepted (120)", "入库成功 (120)"),
        "review": ("under review (300)", "人工审核 (300)"), "concluded": ("review concluded (399)", "审核结束 (399)"),
        "await_arrival": ("awaiting arrival (400)", "待运抵 (400)"), "inspection": ("inspection (500)", "查验 (500)"),
        "detained": ("detained (501–599)", "扣留 (501–599)"), "suspended": ("suspended (600)", "挂起 (600)"),
        "return_abroad": ("return abroad (700)", "退运 (700)"), "released": ("released (800)", "放行 (800)"),
        "closed": ("closed (899)", "结关 (899)"),
    },
    # the customs receipt codes themselves (inventory_list.return_status, return receipts)
    "receipt": {
        "1": ("draft (1)", "暂存 (1)"), "2": ("sending (2)", "申报中 (2)"), "3": ("sent (3)", "发送成功 (3)"),
        "4": ("sending failed (4)", "发送失败 (4)"), "100": ("rejected (100)", "退单 (100)"),
        "120": ("accepted (120)", "入库成功 (120)"), "300": ("under review (300)", "人工审核 (300)"),
        "399": ("review concluded (399)", "审结 (399)"), "400": ("awaiting arrival (400)", "待运抵 (400)"),
        "500": ("inspection (500)", "查验 (500)"), "501": ("detained (501)", "扣留移送通关 (501)"),
        "502": ("detained (502)", "扣留移送缉私 (502)"), "503": ("detained (503)", "扣留移送法规 (503)"),
        "599": ("detained (599)", "其他扣留 (599)"), "600": ("suspended (600)", "挂起 (600)"),
        "700": ("return abroad (700)", "退运 (700)"), "800": ("released (800)", "放行 (800)"),
        "899": ("closed (899)", "结关 (899)"), "CEB900": ("format error (CEB900)", "报文格式错误 (CEB900)"),
    },
    "cancel_state": {
        "waiting": ("cancellation waiting (for customs' list number)", "撤销待发（等待海关清单编号）"),
        "requested": ("cancellation requested (CEB623 sent)", "已申请撤销（已发出 CEB623）"),
        "cancelled": ("cancellation confirmed by customs", "海关已同意撤销"),
        "refused": ("cancellation refused by customs", "海关不同意撤销"),
    },
    "cancel_reason": {
        "1": ("the consumer cancelled the order", "消费者取消订单"), "2": ("goods out of stock", "商品缺货"),
        "3": ("the declaration's data is wrong", "申报信息有误"), "4": ("goods damaged", "商品破损"),
        "5": ("declared twice", "重复申报"), "9": ("another reason", "其他原因"),
    },
    "declaration_status": {
        "expected": ("expected", "待到货"), "tallying": ("tallying", "理货中"), "tallied": ("tallied", "已理货"),
        "released": ("released", "已放行"), "put_away": ("put away", "已上架"), "closed": ("closed", "已关闭"),
    },
    "stock_status": {
        "hold": ("inspection hold", "查验暂扣"), "available": ("available", "可用"), "damaged": ("damaged", "残损"),
        "frozen": ("frozen (near expiry)", "冻结（临期）"), "expired": ("expired", "过期"),
    },
    "location_kind": {
        "dock": ("dock", "月台"), "storage": ("bonded storage", "保税存储区"), "inspection": ("inspection area", "查验区"),
        "damaged": ("damaged / quarantine", "残损/隔离区"), "returns": ("returns", "退货区"),
        "packing": ("packing", "打包区"), "shipping": ("shipping lane", "发运道口"),
    },
    "handling_unit": {"pallet": ("pallet", "托盘"), "carton": ("carton", "箱")},
    "wave_status": {"open": ("open", "进行中"), "picked": ("picked", "已拣完")},
    "wave_kind": {"single": ("single-unit", "单件"), "multi": ("multi-unit", "多件")},
    "pick_status": {"open": ("to pick", "待拣"), "picked": ("picked", "已拣"), "short": ("short", "缺货"),
                    "cancelled": ("cancelled", "已取消")},
    "parcel_status": {"packed": ("packed", "已打包"), "manifested": ("on a manifest", "已交接"),
                      "loaded": ("loaded on the vehicle", "已装车"), "shipped": ("shipped", "已出区")},
    "manifest_status": {"created": ("loading", "装车中"), "exiting": ("partly out", "部分出区"),
                        "exited": ("left the zone", "已出区")},
    "allocation_state": {"open": ("reserved", "已预占"), "shipped": ("shipped", "已出区"),
                         "released": ("released (freed)", "已释放")},
    "ledger_state": {"PRE": ("pre-decreased", "预扣减"), "ACTUAL": ("booked", "已核注"),
                     "PENDING": ("waiting for customs to confirm", "待海关确认")},
    "ledger_biz": {
        "IN": ("entered", "入区"), "PRE_DECREASE": ("pre-decrease", "预扣减"), "PRE_RELEASE": ("pre-decrease released", "预扣释放"),
        "OUT": ("decreased (left the zone)", "核扣出区"), "RETURN_IN": ("returned", "退货入区"),
        "ADJ_PLUS": ("count surplus", "盘盈"), "ADJ_MINUS": ("count shortage", "盘亏"), "DESTROY": ("destroyed", "销毁"),
        "RETURN_ABROAD": ("returned abroad", "退运出境"),
    },
    "print_status": {"queued": ("queued", "排队中"), "sending": ("sending", "发送中"), "sent": ("printed", "已打印"),
                     "failed": ("failed", "失败"), "cancelled": ("cancelled", "已取消")},
    "content_type": {"zpl": ("label (ZPL)", "标签 (ZPL)"), "pdf": ("document (PDF)", "文档 (PDF)")},
    "direction": {"in": ("received", "收到"), "out": ("sent", "发出")},
    "rejection_state": {"open": ("open", "待处理"), "resolved": ("resolved", "已解决"),
                        "dismissed": ("dismissed", "已驳回")},
    "workbench_kind": {"import": ("import", "导入"), "customs": ("customs", "海关"),
                       "cancel_refused": ("cancellation", "撤销")},
    # the buyer's ID type of an order record (buyer.id_type, CEB621 buyerIdType: 1 ID card, 2 other; only 1 accepted)
    "id_type": {"1": ("ID card", "身份证"), "2": ("other ID", "其他证件")},
    "return_status": {
        "requested": ("requested", "已申请"), "declared": ("declared (CEB625 sent)", "已申报"),
        "accepted": ("accepted by customs (120)", "海关已接收 (120)"), "approved": ("approved (800)", "海关已同意 (800)"),
        "rejected": ("rejected by customs (100)", "海关退单 (100)"), "received": ("received", "已收货"),
        "returned": ("returned to stock", "已退回入库"),
    },
    "checklist_status": {"declared": ("declared", "已申报"), "posted": ("posted", "已核扣"),
                         "rejected": ("rejected by customs", "海关退单")},
    # the posting receipt of an exit checklist (its VrfdedMarkcd; app.customs.checklist)
    "checklist_receipt": {"0": ("not posted yet (0)", "未核扣 (0)"), "1": ("pre-posted (1)", "预核扣 (1)"),
                          "2": ("posted (2)", "已核扣 (2)"), "3": ("written off (3)", "已核销 (3)"),
                          "100": ("rejected (100)", "海关退单 (100)")},
    "count_status": {"open": ("counting", "盘点中"), "closed": ("closed, variances found", "已结束，待审批"),
                     "recounted": ("recounted", "已复盘"), "approved": ("approved, adjusted", "已审批调整"),
                     "confirmed": ("confirmed by customs", "海关已确认")},
    "disposal_status": {"requested": ("requested", "已申请"), "approved": ("approved by customs", "海关已批准"),
                        "executed": ("executed", "已执行")},
    "disposal_method": {"destroy": ("destruction", "销毁"), "return_abroad": ("return abroad", "退运出境")},
    "hold_kind": {"customs_hold": ("awaiting release", "待海关放行"), "inspection": ("orders in inspection", "查验中订单"),
                  "pulled": ("parcels pulled", "已拦截包裹")},
    "alert_kind": {"expiry": ("near expiry", "临近效期"), "storage_limit": ("storage-time limit", "仓储期限"),
                   "no_receipt": ("no customs receipt", "无海关回执"), "hold": ("hold too long", "扣留过久"),
                   "return": ("return due back", "退货待返回")},
    "pull": {"pulled": ("pulled at packing", "打包时已拦截"), "waiting": ("not pulled yet", "尚未拦截")},
    "movement": {
        "receive": ("received", "收货"), "putaway": ("put away", "上架"), "pick": ("picked", "拣货"),
        "pack": ("packed", "打包"), "ship": ("shipped", "出区"), "move": ("moved", "移库"),
        "return_in": ("returned", "退货入库"), "destroy": ("destroyed", "销毁"), "dispose": ("disposed", "处置"),
        "return_abroad": ("returned abroad", "退运出境"), "adjust": ("adjusted", "调整"),
        "putback": ("put back", "返架"), "release": ("released", "放行"),
        "return_release": ("released after a return", "退货放行"), "ADJ_PLUS": ("count surplus", "盘盈"),
        "ADJ_MINUS": ("count shortage", "盘亏"), "count_release": ("freed after a count", "盘点后解冻"), "short_pick": ("found short at picking", "拣货缺货"),
    },
    "outcome": {"ok": ("done", "完成"), "refused": ("refused", "被拒绝")},
    # the customs archive's message types: customs' own names (CEB621…) stay as they are; INVALID is ours
    "message_type": {"INVALID": ("unreadable file", "无法识别的文件")},
    # why an inbox file was refused (app.formats.customs.receipts.problem_kind)
    "receipt_problem": {
        "too_large": ("file too large", "文件过大"), "unreadable": ("file cannot be read", "文件无法读取"),
        "unsafe_xml": ("unsafe XML", "不安全的 XML"), "not_xml": ("malformed XML", "XML 格式错误"),
        "not_receipt": ("not a customs receipt", "不是海关回执"), "bad_csv": ("bad CSV", "CSV 格式错误"),
        "bad_values": ("missing or wrong values", "缺少数据或数据有误"),
        "other": ("unknown content", "内容无法识别"),
    },
    # order rejection codes (import checks, customs) — app/orders/checks.py, app/formats/order_records.py
    "rejection": {
        "malformed": ("unreadable record", "记录无法读取"), "bad_quantity": ("bad quantity", "数量错误"),
        "bad_id_type": ("wrong ID type", "证件类型错误"), "bonded_balance_short": ("bonded balance short", "保税余量不足"),
        "duplicate_order": ("duplicate order number", "订单编号重复"), "duplicate_waybill": ("duplicate waybill", "运单号重复"),
        "goods_value_mismatch": ("goods value differs from the lines", "货值与商品明细不符"),
        "id_checksum": ("ID number checksum wrong", "身份证号校验位错误"), "missing_waybill": ("waybill missing", "缺少运单号"),
        "not_on_positive_list": ("not on the positive list", "不在正面清单内"),
        "over_annual_limit": ("over the annual limit", "超过年度限值"), "over_order_limit": ("over the order limit", "超过单次限值"),
        "payer_not_buyer": ("payer is not the buyer", "支付人不是订购人"),
        "payment_mismatch": ("payment does not add up", "支付金额不符"), "tax_mismatch": ("tax differs", "税款不符"),
        "unknown_sku": ("unknown SKU", "未知商品编码"), "unknown_seller": ("seller is no owner of this warehouse", "电商企业不是本仓货主"),
        "unknown_carrier": ("unknown carrier", "未知承运商"),
        "waybill_pattern": ("waybill number does not fit the carrier", "运单号不符合承运商规则"),
        "field_too_long": ("field too long for the customs list", "字段超出清单长度"),
        "field_pattern": ("field not in the form customs requires", "字段格式不符合海关要求"),
        "return_abroad": ("customs orders a return abroad (700)", "海关要求退运（700）"),
        "customs_rejected": ("rejected by customs", "海关退单"),
        "cancel_refused": ("cancellation refused by customs", "海关不同意撤销"),
    },
    # the order record's fields, as the workbench and its rejection reasons name them
    "field": {
        "order_no": ("order number", "订单编号"), "platform_code": ("platform code", "电商平台代码"),
        "platform_name": ("platform", "电商平台"), "seller_code": ("seller code", "电商企业代码"),
        "seller_name": ("seller", "电商企业"), "order_time": ("order time", "下单时间"),
        "goods_value": ("goods value", "商品价格"), "freight": ("freight", "运费"), "discount": ("discount", "优惠"),
        "tax": ("tax", "税款"), "actual_paid": ("amount paid", "实付金额"), "currency": ("currency", "币制"),
        "note": ("note", "备注"), "lines": ("order lines", "订单明细"),
        "buyer.name": ("buyer's name", "订购人姓名"), "buyer.id_type": ("buyer's ID type", "订购人证件类型"),
        "buyer.id_number": ("buyer's ID number", "订购人证件号码"), "buyer.phone": ("buyer's phone", "订购人电话"),
        "buyer.account": ("buyer's account", "订购人注册号"),
        "consignee.name": ("consignee's name", "收货人姓名"), "consignee.phone": ("consignee's phone", "收货人电话"),
        "consignee.province": ("province", "省"), "consignee.city": ("city", "市"), "consignee.district": ("district", "区"),
        "consignee.address": ("address", "收货地址"),
        "payment.company_code": ("payment company code", "支付企业代码"),
        "payment.company_name": ("payment company", "支付企业"),
        "payment.transaction_id": ("payment transaction", "支付交易编号"), "payment.amount": ("amount paid", "支付金额"),
        "payment.payer_name": ("payer's name", "支付人姓名"), "payment.payer_id_number": ("payer's ID number", "支付人证件号码"),
        "payment.pay_time": ("payment time", "支付时间"),
        "logistics.carrier_code": ("carrier", "物流企业"), "logistics.waybill_no": ("waybill number", "运单号"),
        "sku": ("SKU", "商品货号"), "qty": ("quantity", "数量"), "unit_price": ("unit price", "单价"),
        "ordered_at": ("order time", "下单时间"), "insurance": ("insurance", "保费"),
        # what the customs list is checked on (app/orders/checks.py message_fields)
        "consignee province+city+district+address": ("consignee's full address", "收货人完整地址（省市区及详细地址）"),
        "account-book item": ("account-book item", "账册料号"), "product name": ("product name", "商品名称"),
    },
    # why a record is not JSON: the parser's own words (json.JSONDecodeError.msg, app/formats/order_records.py), and
    # "syntax error" for words this vocabulary does not know
    "json_error": {
        "Expecting value": ("Expecting value", "应为一个值"),
        "Expecting ',' delimiter": ("Expecting ',' delimiter", "应为逗号“,”"),
        "Expecting ':' delimiter": ("Expecting ':' delimiter", "应为冒号“:”"),
        "Expecting property name enclosed in double quotes": ("Expecting property name enclosed in double quotes",
                                                              "应为双引号括起的字段名"),
        "Extra data": ("Extra data", "记录结束后还有多余内容"),
        "Unterminated string starting at": ("Unterminated string starting at", "字符串从此处开始，没有结束引号"),
        "Invalid control character at": ("Invalid control character at", "字符串中有控制字符"),
        "Invalid \\escape": ("Invalid \\escape", "无效的转义序列（反斜杠后的字符）"),
        "Invalid \\uXXXX escape": ("Invalid \\uXXXX escape", "无效的 \\u 转义序列（其后应为 4 位十六进制数）"),
        "Illegal trailing comma before end of object": ("Illegal trailing comma before end of object",
                                                        "对象结束前多了一个逗号"),
        "Illegal trailing comma before end of array": ("Illegal trailing comma before end of array",
                                                       "数组结束前多了一个逗号"),
        "nested too deeply": ("nested too deeply", "嵌套层数过多"),
        "syntax error": ("syntax error", "语法错误"),
    },
    # what a value must look like, in a rejection's detail (app/orders/checks.py message_fields)
    "value_form": {
        "enterprise_code": ("a customs enterprise code (10 capital letters or digits) or an 18-character credit code",
                            "海关企业代码（10位大写字母或数字）或18位统一社会信用代码"),
    },
    "setting": {
        "inbound_min_shelf_life_fraction": ("minimum shelf life left at receipt", "收货最低剩余保质期比例"),
        "sale_lock_days": ("sale lock (days before expiry)", "禁售期（到期前天数）"),
        "expiry_warning_days": ("expiry warning (days)", "临期预警（天）"),
        "storage_limit_warning_days": ("storage-limit warning (days)", "存储期限预警（天）"),
        "receipt_overdue_hours": ("receipt overdue after (hours)", "回执超时（小时）"),
        "hold_alert_hours": ("hold alert after (hours)", "扣留预警（小时）"),
        "return_warning_days": ("return warning (days)", "退货预警（天）"),
        "order_limit_cny": ("per-order limit (CNY)", "单次交易限额（元）"),
        "annual_limit_cny": ("annual limit (CNY)", "年度交易限额（元）"),
        "tax_discount_factor": ("tax discount factor", "税款折扣系数"),
        "tax_tolerance_cny": ("tax tolerance (CNY)", "税款容差（元）"),
        "weight_tolerance_fraction": ("weight tolerance", "称重容差"),
        "return_apply_days": ("return request within (days)", "退货申请期限（天）"),
        "return_arrive_days": ("return arrival within (days)", "退货运抵期限（天）"),
        "disposal_company": ("disposal company", "销毁处置企业"),
        "max_wave_orders": ("orders per wave (at most)", "每波次最多订单数"),
        "gs1_company_prefix": ("GS1 company prefix", "GS1 厂商识别代码"),
        "key_file": ("key file", "密钥文件"), "audit_key_file": ("audit chain key file", "审计链密钥文件"), "customs_outbox": ("customs outbox folder", "海关发送目录"),
        "customs_inbox": ("customs inbox folder", "海关回执目录"), "dxp_id": ("DXP id", "DXP 编号"),
        "assure_code": ("guarantee enterprise code", "担保企业代码"), "traf_mode": ("transport mode", "运输方式"),
        "wrap_type": ("package type", "包装种类"), "backup_daily": ("daily backup", "每日备份"),
        "backup_keep": ("backups kept", "保留备份数"), "backup_folder": ("backup folder", "备份目录"),
    },
    # audit: what was done (the sentence's verb) …
    "audit_action": {
        "allocate": ("allocated", "分配了"), "backup": ("backed up", "备份了"),
        "backup_daily_claim": ("took the daily backup of", "认领每日备份"),
        "customs_export": ("declared to customs", "向海关申报"),
        "customs_export_returns": ("sent return requests to customs", "向海关申报退货"),
        "customs_receipts": ("applied customs receipts", "导入海关回执"),
        "declaration_close": ("closed", "关闭了"), "declaration_import": ("imported", "导入了"),
        "declaration_release": ("released", "放行了"), "disposal_approve": ("approved", "批准了"),
        "disposal_execute": ("executed", "执行了"), "disposal_request": ("requested", "申请了"),
        "gate_out": ("let out through the gate", "放行出卡口"), "gate_scan": ("scanned at the gate", "卡口扫描"),
        "gate_load": ("loaded onto the vehicle at the gate", "卡口装车"),
        "gate_unload": ("took a parcel off the vehicle at the gate", "卡口卸车"),
        "inspection_pull": ("pulled for inspection", "拦截查验"), "key_export": ("exported", "导出了"),
        "count_create": ("started", "开始了"), "count_recount": ("ordered a recount of", "安排复盘"),
        "count_undo": ("undid a count in", "撤销盘点扫描"), "count_close": ("closed", "结束了"),
        "count_approve": ("approved the adjustments of", "审批调整"), "count_confirm": ("confirmed the adjustments of", "确认调整"),
        "exit_checklist": ("gathered the exit checklist", "汇总出区核注清单"), "login": ("signed in", "登录"), "permission_denied": ("was refused", "被拒绝操作"), "manifest_create": ("created", "创建了"),
        "manifest_withdraw": ("withdrew a parcel from", "从交接单撤下"), "order_cancel": ("cancelled", "取消了"),
        "order_cancel_outbound": ("took back from outbound", "撤回出库"), "order_requeue": ("declared again", "重新申报"),
        "orders_import": ("imported", "导入了"), "pack": ("packed", "打包了"), "pick": ("picked", "拣货"),
        "pii_reveal": ("revealed the personal data of", "查看了个人信息"), "print": ("printed", "打印了"),
        "print_cancel": ("cancelled the print of", "取消打印"), "print_enqueue": ("queued for printing", "加入打印队列"),
        "print_interrupted": ("had an interrupted print of", "打印中断"), "print_reprint": ("reprinted", "重新打印了"),
        "putaway": ("put away", "上架"), "rejection_dismiss": ("dismissed", "驳回了"),
        "rejection_reimport": ("imported again", "重新导入了"), "rejection_resubmit": ("corrected and resubmitted", "修正并重新提交了"),
        "rejections_revalidate": ("checked again", "重新校验了"), "restore": ("restored", "恢复了"),
        "return_booked": ("booked the return of", "登记退货"), "return_request": ("requested", "申请了"),
        "return_unit": ("received a unit of", "退货收货扫描"), "return_close": ("closed the receipt of", "结束退货收货"),
        "return_parcel": ("scanned the parcel of", "扫描退货包裹"),  # audited when refused (no open return, late)
        "setting_change": ("changed", "修改了"), "short_pick": ("reported short", "报告缺货"),
        "tally_close": ("closed the tally of", "关闭理货"), "tally_scan": ("counted", "理货扫描"),
        "tally_undo": ("undid a count of", "撤销理货扫描"), "user_add": ("added", "添加了"),
        "user_change": ("changed", "修改了"), "password_reset": ("reset the password of", "重置了密码"),
        "password_recovery": ("recovered the password of", "找回了密码"),
        "import_warehouse": ("imported the warehouse file", "导入仓库文件"),
        "import_locations": ("imported locations", "导入库位"), "import_products": ("imported products", "导入商品"),
        "import_positive_list": ("imported the positive list", "导入正面清单"),
        "import_account_book": ("imported the account book", "导入账册"), "import_owners": ("imported owners", "导入货主"),
        "import_tariffs": ("imported tariffs", "导入税率"), "import_carriers": ("imported carriers", "导入承运商"),
    },
    # … and to what
    "audit_entity": {
        "RETURN_IN": ("return receipt", "退货入库"), "allocation_run": ("allocation run", "分配批次"),
        "database": ("database", "数据库"), "disposal": ("disposal", "销毁处置"),
        "inbound_declaration": ("declaration", "入区申报"), "inventory_list": ("inventory list", "申报清单"),
        "keys": ("key files", "密钥文件"), "location": ("location", "库位"), "lot": ("batch", "批次"),
        "manifest": ("manifest", "交接单"), "order": ("order", "订单"), "order_file": ("order file", "订单文件"),
        "order_rejection": ("rejected record", "拒收记录"), "parcel": ("parcel", "包裹"),
        "print_job": ("print job", "打印任务"), "receipt_files": ("receipt files", "回执文件"),
        "stock_count": ("stock count", "盘点单"), "exit_checklist": ("exit checklist", "出区核注清单"), "return": ("return", "退货"), "setting": ("setting", "设置"), "user": ("user", "用户"), "wave": ("wave", "波次"),
        "warehouse": ("warehouse", "仓库"), "locations": ("locations", "库位"), "products": ("products", "商品"),
        "positive list": ("positive list", "正面清单"), "account-book": ("account book", "账册"),
        "owners": ("owners", "货主"), "tariffs": ("tariffs", "税率"), "carriers": ("carriers", "承运商"),
    },
}

# what an audit entry's detail says (the keyword arguments of audit.record)
_VOCABULARY["detail"] = {
    "accepted": ("accepted", "接受"), "allocated": ("allocated", "已分配"), "applied": ("applied", "已应用"),
    "available": ("available", "可用"), "batch": ("batch", "批次"), "before": ("before", "修改前"),
    "cancellation_request": ("cancellation request", "撤单申请"), "cancellation_waiting": ("cancellation waiting", "撤单等待"),
    "carrier": ("carrier", "承运商"), "code": ("code", "代码"), "computed": ("computed", "计算值"),
    "container_no": ("container", "集装箱"), "cop_nos": ("lists", "清单"), "damaged": ("damaged", "残损"),
    "doc_no": ("document", "单证号"), "doc_type": ("document type", "单证类型"), "document": ("document", "单证"),
    "duplicates": ("duplicates", "重复"), "field": ("field", "字段"), "file": ("file", "文件"), "files": ("files", "文件"),
    "fingerprint": ("fingerprint", "指纹"), "folder": ("folder", "目录"), "gate_pass": ("gate pass", "核放单"),
    "gross_kg": ("gross weight (kg)", "总重(千克)"), "tare_kg": ("tare weight (kg)", "车辆自重(千克)"),
    "ic_card": ("IC card", "IC卡"), "manifests": ("manifests", "交接单"),
    "loaded": ("parcels loaded at the gate", "卡口装车包裹"), "left": ("still to load", "待装车"),
    "take_off_vehicle": ("take off the vehicle", "需从车上卸下"),
    "loaded_at": ("loaded at", "装车时间"), "loaded_by": ("loaded by", "装车人"),
    "manifest_withdrawn": ("manifest withdrawn", "交接单已撤销"), "to_load": ("parcels still to load", "待装车包裹"),
    "held": ("held", "扣留"), "items": ("items", "项目"), "labels": ("labels", "标签"), "ledger": ("ledger", "账册"),
    "line_no": ("line", "行号"), "lines": ("lines", "行数"), "location": ("location", "库位"), "lot": ("lot", "批次"),
    "made_at": ("made at", "生成时间"), "method": ("method", "方式"), "migrated_from": ("migrated from", "迁移自"),
    "note": ("note", "备注"), "order_no": ("order", "订单"), "orders": ("orders", "订单数"), "outcome": ("outcome", "结果"),
    "outcome_now": ("outcome now", "当前结果"), "outcomes": ("outcomes", "结果"), "owner_id": ("owner", "货主"),
    "parcels": ("parcels", "包裹"), "permission": ("permission", "权限"), "pieces": ("pieces", "件数"),
    "previous": ("previous", "之前"), "quantity": ("quantity", "数量"), "reason": ("reason", "原因"),
    "refused": ("refused", "拒绝"), "rejected": ("rejected", "拒收"), "rejections_resolved": ("rejections resolved", "已解决拒收"),
    "replaced_kept_as": ("replaced file kept as", "被替换文件保存为"), "reprint_of": ("reprint of", "重印自"),
    "return_nos": ("returns", "退货单"), "role": ("role", "角色"), "scan_id": ("scan", "扫描编号"),
    "scheduled": ("scheduled", "计划"), "schema": ("schema", "数据库版本"), "sha256": ("checksum (SHA-256)", "校验和 (SHA-256)"),
    "shorts": ("short", "缺货"), "size": ("size", "大小"), "sku": ("SKU", "商品"), "still_rejected": ("still rejected", "仍被拒收"),
    "taken": ("taken", "已取"), "target": ("printed to", "打印到"), "to": ("to", "至"), "unchanged": ("unchanged", "未变"),
    "units": ("units", "件数"), "value": ("value", "值"), "vehicle": ("vehicle", "车牌"), "waiting": ("waiting", "等待"),
    "was": ("was", "原值"), "waves": ("waves", "波次"), "waybill": ("waybill", "运单"), "weight": ("weight", "重量"),
    "witnesses": ("witnesses", "见证人"), "reprint": ("reprint", "重印"), "declaration": ("declaration", "报关单"),
    "staging": ("staged at", "暂存库位"), "short_lines": ("short lines", "短少行数"), "short_units": ("short units", "短少件数"),
    "over_lines": ("over lines", "溢余行数"), "over_units": ("over units", "溢余件数"),
    "damaged_lines": ("damaged lines", "残损行数"), "damaged_units": ("damaged units", "残损件数"),
    "from": ("from", "从"), "lpn": ("pallet / carton", "托盘 / 箱"), "operator": ("operator", "操作员"),
    "username": ("user", "用户"), "station": ("workstation", "工作站"), "kind": ("kind", "类型"),
    "first": ("from", "起始"), "last": ("to", "截止"), "lists": ("inventory lists", "清单数"), "entries": ("entries", "条目"), "locations": ("locations", "库位数"), "movements": ("movements", "移动"),
    "expected": ("expected", "应收"), "received": ("received", "实收"), "grade": ("condition", "状况"),
    "good": ("good", "完好"), "lots": ("batches", "批次"), "status": ("status", "状态"),
    "recount_of": ("recount of", "复盘自"), "scope": ("scope", "范围"), "variances": ("variances", "差异"),
    "audit_fingerprint": ("audit key fingerprint", "审计密钥指纹"), "why": ("why", "原因"), "created": ("created", "新建"), "updated": ("updated", "更新"), "path": ("file", "文件"), "key": ("setting", "设置"),
}

# the reasons of consumer returns and disposals carry both names where they are declared (app.domain.returns)
_VOCABULARY["return_reason"] = {r.code: (r.name_en, r.name_cn) for r in RETURN_REASONS.values()}
_VOCABULARY["disposal_reason"] = {r.code: (r.name_en, r.name_cn) for r in DISPOSAL_REASONS.values()}

# what a setting means, in Chinese, for the settings whose meaning the screens do not word themselves (the English
# is the settings registry's own help: app.settings)
SETTING_MEANINGS_ZH = {
    "expiry_warning_days": "批次进入禁售期前这么多天发出预警（bwms alerts、概览）",
    "storage_limit_warning_days": "批次达到其账册料号仓储期限前这么多天发出预警",
    "receipt_overdue_hours": "订单向海关申报后超过这么多小时仍无回执时发出预警",
    "hold_alert_hours": "扣留（待海关放行的货物、查验、拦截的包裹）超过这么多小时时发出预警",
    "return_warning_days": "消费者退货包裹须在这么多天内返回而尚未到达时发出预警",
    "return_apply_days": "放行后这么多天内可申请退货（CEB625）",
    "return_arrive_days": "退货须在放行后这么多天内返回区内",
    "disposal_company": "销毁货物的单位（填在销毁处置申报表上）",
    "gs1_company_prefix": "仓库为托盘和箱生成 SSCC 所用的 GS1 厂商识别代码",
    "audit_key_file": "为审计链签名的密钥文件路径（默认：数据库旁的 bwms-audit.key）",
    "backup_daily": "开启：运行中的工作站每天备份一次数据库（所有工作站合计一次）",
    "backup_keep": "备份目录中保留的每日备份份数（更早的删除）",
    "backup_folder": "备份目录（默认：数据目录下的 backups/）",
}

# what an audit entry counts when its key is a number of things ("3 orders")
_VOCABULARY["count"] = {
    "orders": ("orders", "个订单"), "lists": ("inventory lists", "份清单"), "files": ("files", "个文件"),
    "returns": ("returns", "个退货"),
}
# … and what one of them is called ("1 file", not "1 files")
_VOCABULARY["count_one"] = {
    "orders": ("order", "个订单"), "lists": ("inventory list", "份清单"), "files": ("file", "个文件"),
    "returns": ("return", "个退货"),
}

# the tables' CHECK lists: (table, column) → the kind that names its values (tests/domain/test_vocabulary.py)
COLUMNS: dict[tuple[str, str], str] = {
    ("app_user", "role"): "role", ("customs_message", "direction"): "direction",
    ("location", "kind"): "location_kind", ("manifest", "status"): "manifest_status", ("wave", "status"): "wave_status",
    ("customs_ledger_entry", "state"): "ledger_state", ("inbound_declaration", "status"): "declaration_status",
    ("print_job", "content_type"): "content_type", ("print_job", "status"): "print_status",
    ("order_rejection", "state"): "rejection_state", ("parcel", "status"): "parcel_status",
    ("return_case", "status"): "return_status", ("lot", "status"): "stock_status", ("stock", "status"): "stock_status",
    ("disposal", "method"): "disposal_method", ("disposal", "status"): "disposal_status",
    ("handling_unit", "kind"): "handling_unit", ("pick_task", "status"): "pick_status",
    ("allocation", "state"): "allocation_state", ("stock_count", "status"): "count_status",
    ("exit_checklist", "status"): "checklist_status",
}

LANGUAGES = ("en", "zh")


@cache
def _units() -> dict[str, Term]:
    with open(_RESOURCES / "customs_units.csv", encoding="utf-8") as fh:
        return {row["code"]: (row["name_en"], row["name_cn"]) for row in csv.DictReader(fh)}


def kinds() -> list[str]:
    return [*_VOCABULARY, "unit"]


def table(kind: str) -> dict[str, Term]:
    """Every code of `kind` with its (English, Chinese) names."""
    return _units() if kind == "unit" else _VOCABULARY[kind]


def known(kind: str, code: str) -> bool:
    return code in table(kind)


def term(kind: str, code: object) -> Term | None:
    """The (English, Chinese) names of `code`, or None when the vocabulary does not know it."""
    return table(kind).get(str(code)) if code is not None else None


def name(kind: str, code: object, lang: str = "en") -> str:
    """`code`'s name in `lang` ('en', or 'zh'/'zh_CN'); an unknown code as it is, an empty one empty."""
    if code is None or code == "":
        return ""
    found = term(kind, code)
    if found is None:
        return str(code)
    return found[1] if lang.startswith("zh") else found[0]


def both(kind: str, code: object) -> str:
    """The bilingual name a document prints: "已放行 released" (Chinese first, as on customs forms)."""
    found = term(kind, code)
    if found is None:
        return "" if code is None else str(code)
    return f"{found[1]} {found[0]}"


def how_many(n: int, noun: str, lang: str = "en") -> str:
    """A count in words: "1 file", "3 files" ("1 个文件" in Chinese); `noun` is the plural the audit key writes."""
    return f"{n} {name('count_one' if n == 1 else 'count', noun, lang)}"


# how a stock count's locations were chosen, as app.counts stores it ("prefix B-01", "sku A, B", "recount of count 1")
_COUNT_SCOPES: dict[str, Term] = {"prefix": ("locations starting {}", "以 {} 开头的库位"),
                                  "sku": ("locations holding {}", "存放 {} 的库位"),
                                  "recount of count": ("recount of count {}", "复盘盘点单 {}")}


def count_scope(scope: str, lang: str = "en") -> str:
    """A count's scope in words ('prefix B-01' → 'locations starting B-01'); lang 'both': Chinese, then English
    (as a document prints it). A scope of no known form as it is."""
    for head, (en, zh) in _COUNT_SCOPES.items():
        if scope.startswith(head + " "):
            rest = scope[len(head) + 1:]
            if lang == "both":
                return f"{zh.format(rest)} {en.format(rest)}"
            return (zh if lang.startswith("zh") else en).format(rest)
    return scope


def unit(code: object, lang: str = "en") -> str:
    """A customs unit: 142 → "个" in Chinese, "piece" in English."""
    return name("unit", code, lang)


_FIELD_PATH = re.compile(r"\b([a-z]+(?:\.[a-z_]+|_[a-z_]+)+)\b")


def field_names(text: str, lang: str = "en") -> str:
    """A reason written with field paths ("field buyer.id_type is missing") with each known path named."""
    return _FIELD_PATH.sub(lambda m: name("field", m.group(1), lang) if known("field", m.group(1)) else m.group(1),
                           text)


# -- the detail of an order rejection, in either language --------------------------------------------------------
# Each check that refuses an order (app/domain/customs_rules.py, app/orders/checks.py, app/formats/order_records.py,
# app/formats/order_table.py, app/orders/importing.py) gives a code, an English sentence and the sentence's values
# (its params, stored beside the code: order_rejection.params). The form names the sentence: the code, or
# code.variant where one code has several sentences. The English template is the sentence the check writes, word
# for word; tests/orders/test_rejection_details.py drives the checks and fails on a form without both templates,
# or on a template whose placeholders are not exactly the params the check gave. A param that is a list is a list
# of values each shown with the template "form:param", joined.
REJECTION_DETAILS: dict[str, Term] = {
    # reading the record (app/formats/order_records.py, order_table.py; app/orders/importing.py)
    "malformed.json": ("not valid JSON: {error}", "不是有效的 JSON：{error}"),
    "malformed.json_at": ("not valid JSON: {error}: character {position}",
                          "不是有效的 JSON（第 {position} 个字符）：{error}"),
    "malformed.not_object": ("a record must be a JSON object", "一条记录必须是一个 JSON 对象"),
    "malformed.missing": ("field {field} is missing", "缺少字段“{field}”"),
    "malformed.not_text": ("field {field} must be text, got {type}", "字段“{field}”必须是文本，实际为 {type}"),
    "malformed.formula": ("field {field} starts with '=' (a spreadsheet would run it as a formula)",
                          "字段“{field}”以“=”开头（电子表格会把它当作公式执行）"),
    "malformed.surrogate": ("field {field} contains a lone surrogate (U+{char}) at character {position}",
                            "字段“{field}”第 {position} 个字符是孤立的代理字符（U+{char}）"),
    "malformed.bidi": ("field {field} contains a bidirectional override (U+{char}) at character {position}",
                       "字段“{field}”第 {position} 个字符是双向文本控制符（U+{char}）"),
    "malformed.invisible": ("field {field} contains an invisible character (U+{char}) at character {position}",
                            "字段“{field}”第 {position} 个字符是不可见字符（U+{char}）"),
    "malformed.control": ("field {field} contains a control character (U+{char}) at character {position}",
                          "字段“{field}”第 {position} 个字符是控制字符（U+{char}）"),
    "malformed.empty": ("field {field} is empty", "字段“{field}”为空"),
    "field_too_long": ("field {field} is {length} characters, longer than {max_length}",
                       "字段“{field}”有 {length} 个字符，超过 {max_length} 个"),
    "malformed.not_amount": ("field {field} must be an amount, got {value}", "字段“{field}”必须是金额，实际为 {value}"),
    "malformed.amount_form": ("field {field}: {value} is not an amount like 269.00",
                              "字段“{field}”：{value} 不是 269.00 这样的金额"),
    "malformed.amount_range": ("field {field}: {value} is out of range (0 to {max})",
                               "字段“{field}”：{value} 超出范围（0 至 {max}）"),
    "malformed.decimals": ("field {field}: {value} has more than two decimals", "字段“{field}”：{value} 超过两位小数"),
    "malformed.amount_invalid": ("field {field}: {value} is out of range", "字段“{field}”：{value} 超出范围"),
    "bad_quantity": ("{field} must be a whole number, got {value}", "“{field}”必须是整数，实际为 {value}"),
    "bad_quantity.not_positive": ("{field} must be positive, got {value}", "“{field}”必须大于 0，实际为 {value}"),
    "bad_quantity.absurd": ("{field} = {value} is absurd (more than {max})", "“{field}” = {value} 不合理（超过 {max}）"),
    "malformed.no_lines": ("field lines must be a non-empty list", "字段“订单明细”必须是非空列表"),
    "malformed.too_many_lines": ("an order may have at most {max} lines, this has {count}",
                                 "一个订单最多 {max} 行明细，本单有 {count} 行"),
    "malformed.line_not_object": ("{field} must be an object", "“{field}”必须是一个 JSON 对象"),
    "malformed.bad_time": ("field ordered_at: {value} is not a date and time (2026-11-25T09:49:00+08:00)",
                           "字段“下单时间”：{value} 不是日期时间（格式如 2026-11-25T09:49:00+08:00）"),
    "malformed.time_range": ("field ordered_at: {value} is not between the years {first} and {last}",
                             "字段“下单时间”：{value} 不在 {first} 年至 {last} 年之间"),
    "malformed.line_too_long": ("the line is longer than {max_bytes} bytes (an order takes a few kB): not kept",
                                "该行超过 {max_bytes} 字节（一个订单只需几 kB）：未保存"),
    "malformed.not_utf8": ("the line is not UTF-8 text", "该行不是 UTF-8 文本"),
    "malformed.no_order_no": ("column {column} is empty", "“{column}”列为空"),
    "malformed.row_differs": ("line {line}: column {column} differs from the order's first row (line {first_line})",
                              "第 {line} 行：“{column}”列与该订单第一行（第 {first_line} 行）不同"),
    # the rules (app/orders/checks.py, app/domain/customs_rules.py)
    "bad_id_type": ("buyer ID type must be 1 (resident ID card), got {id_type}",
                    "订购人证件类型必须为 1（居民身份证），实际为 {id_type}"),
    "duplicate_order": ("order {order_no} of platform {platform} was already accepted",
                        "电商平台 {platform} 的订单 {order_no} 已被接受"),
    "missing_waybill": ("the waybill number is missing", "缺少运单号"),
    "duplicate_waybill": ("waybill {waybill} of carrier {carrier} is already used by another order",
                          "承运商 {carrier} 的运单号 {waybill} 已被其他订单使用"),
    "id_checksum": ("the buyer's ID number is not a valid 18-character resident ID (GB 11643 check character wrong)",
                    "订购人证件号码不是有效的 18 位居民身份证号码（GB 11643 校验码错误）"),
    "payer_not_buyer": ("the payer is not the buyer (the payer's ID number differs)",
                        "支付人不是订购人（支付人证件号码不同）"),
    "unknown_carrier": ("carrier {carrier} is not a known carrier (`bwms import carriers FILE`)",
                        "承运商 {carrier} 未登记（先导入承运商文件：bwms import carriers FILE）"),
    "waybill_pattern": ("waybill {waybill} does not match carrier {carrier}'s pattern {pattern}",
                        "运单号 {waybill} 不符合承运商 {carrier} 的运单号规则 {pattern}"),
    "payment_mismatch": ("payment {paid} differs from goods {goods} + freight {freight} + tax {tax} − discount "
                         "{discount} = {expected}",
                         "支付金额 {paid} 不等于商品价格 {goods} + 运费 {freight} + 税款 {tax} − 优惠 {discount} = "
                         "{expected}"),
    "unknown_seller": ("seller {seller} is no owner of this warehouse (owners' customs codes: {owners})",
                       "电商企业 {seller} 不是本仓货主（货主的海关编码：{owners}）"),
    "unknown_seller.no_owners": ("seller {seller} is no owner of this warehouse (owners' customs codes: none)",
                                 "电商企业 {seller} 不是本仓货主（尚无货主海关编码）"),
    "unknown_sku": ("unknown SKU {sku}", "未知商品编码 {sku}"),
    "field_too_long.list": ("{field} is {length} characters: the list's {element} allows at most {max_length}",
                            "“{field}”有 {length} 个字符：清单的 {element} 最多 {max_length} 个"),
    "field_pattern": ("{field} {value} cannot be the list's {element}: it must be {what}",
                      "“{field}” {value} 不能作为清单的 {element}：必须是{what}"),
    "not_on_positive_list": ("HS code {hs_code} of SKU {sku} is not on the positive list",
                             "商品 {sku} 的 HS 编码 {hs_code} 不在正面清单内"),
    "goods_value_mismatch": ("goods value {goods} differs from the lines' total {total}",
                             "商品价格 {goods} 与明细合计 {total} 不符"),
    "over_order_limit": ("dutiable total {total} is over the {limit} CNY order limit (allowed only for one unit of "
                         "one item)", "完税价格合计 {total} 超过单次交易限值 {limit} 元（仅单件单品可超过）"),
    "tax_mismatch": ("declared tax {declared} differs from the computed cross-border retail tax {computed} by more "
                     "than {tolerance}", "申报税款 {declared} 与计算的跨境电商综合税 {computed} 相差超过 {tolerance}"),
    "tax_mismatch.per_order": ("declared tax {declared} differs from the computed cross-border retail tax {computed} "
                               "(rounded per order: {per_order}) by more than {tolerance}",
                               "申报税款 {declared} 与计算的跨境电商综合税 {computed}（按订单取整：{per_order}）相差超过 "
                               "{tolerance}"),
    "tax_mismatch.full": ("declared tax {declared} differs from the computed full tax (over the order limit) "
                          "{computed} by more than {tolerance}",
                          "申报税款 {declared} 与按全额计征（超过单次限值）计算的税款 {computed} 相差超过 {tolerance}"),
    "tax_mismatch.full_per_order": ("declared tax {declared} differs from the computed full tax (over the order "
                                    "limit) {computed} (rounded per order: {per_order}) by more than {tolerance}",
                                    "申报税款 {declared} 与按全额计征（超过单次限值）计算的税款 {computed}（按订单取整："
                                    "{per_order}）相差超过 {tolerance}"),
    "over_annual_limit": ("the buyer's {year} total would be {total} ({so_far} already accepted + {this_order}), "
                          "over the {limit} CNY annual limit",
                          "订购人 {year} 年度累计将为 {total}（已接受 {so_far} + 本单 {this_order}），超过年度限值 "
                          "{limit} 元"),
    "bonded_balance_short": ("bonded balance short on account-book item {short}", "账册料号保税余量不足：{short}"),
    "bonded_balance_short:short": ("{item}: {available} available, {needed} needed",
                                   "{item}：可用 {available}，需要 {needed}"),
}
_FIELD_PARAMS = ("field", "column")  # named in the language (a record field's path, a file's column)


def json_problem(words: object, lang: str = "en") -> str:
    """The JSON parser's words (json.JSONDecodeError.msg) in `lang`; in Chinese, words the vocabulary does not know
    (another Python's parser) are a syntax error, not an English sentence."""
    if lang.startswith("zh") and not known("json_error", str(words)):
        words = "syntax error"
    return name("json_error", words, lang)


# params whose values are codes, named in the language (English too)
_CODED_PARAMS: dict[str, Callable[[object, str], str]] = {"what": lambda code, lang: name("value_form", code, lang),
                                                         "error": json_problem}
_LINE_FIELD = re.compile(r"lines\[(\d+)\](?:\.(\w+))?")
_OF_LINE = re.compile(r"(.+) of lines\[(\d+)\]")


def field_label(path: str, lang: str = "en") -> str:
    """A record field (buyer.id_type, lines[2].qty, "product name of lines[2]") by its name in `lang`."""
    line = _LINE_FIELD.fullmatch(path)
    of_line = _OF_LINE.fullmatch(path)
    if line or of_line:
        number, what = (line[1], line[2] or "") if line else (of_line[2], of_line[1])  # type: ignore[index]
        named = name("field", what, lang) if what else ""
        if lang.startswith("zh"):
            return f"第 {number} 行{named}"
        return f"line {number} {named}".strip()
    return name("field", path, lang)


def detail_form(code: str, variant: str = "") -> str:
    return f"{code}.{variant}" if variant else code


def template_fields(template: str) -> set[str]:
    """The placeholders of a template."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def rejection_detail(params: Mapping[str, Any] | None, lang: str = "en", *, name_fields: bool = False) -> str | None:
    """A rejection's detail from its stored params ({"form": …, values …}) in `lang`; None when there are none
    (a rejection stored before they were kept, or a customs text) or their form has no template. Record fields are
    named in Chinese; in English as the check wrote them (buyer.id_type), or by name with `name_fields` (screens)."""
    if not params or (form := params.get("form")) not in REJECTION_DETAILS:
        return None
    values = {key: value for key, value in params.items() if key != "form"}
    try:
        return _fill(str(form), values, lang, name_fields or lang.startswith("zh"))
    except (KeyError, IndexError, ValueError):  # params of another version: the stored text says it
        return None


def _fill(form: str, values: Mapping[str, Any], lang: str, name_fields: bool) -> str:
    zh = lang.startswith("zh")
    shown: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, list):
            shown[key] = ("；" if zh else "; ").join(_fill(f"{form}:{key}", item, lang, name_fields) for item in value)
        elif key in _CODED_PARAMS:
            shown[key] = _CODED_PARAMS[key](value, lang)
        elif key in _FIELD_PARAMS and name_fields:
            shown[key] = field_label(str(value), lang)
        else:
            shown[key] = str(value)
    return REJECTION_DETAILS[form][1 if zh else 0].format_map(shown)


# -- why a released order waits for stock, in either language ----------------------------------------------------
# app/outbound/allocation.py keeps each waiting order's form and values beside the English sentence
# (order_wait.params); the English template is that sentence word for word (tests/outbound/test_wait_details.py).
WAIT_DETAILS: dict[str, Term] = {
    "no_stock": ("no {sku} free in bonded storage ({needed} needed)", "保税仓内没有可用的 {sku}（需要 {needed} 件）"),
    "short": ("not enough {sku}: {needed} needed, {free} free and sellable in bonded storage",
              "{sku} 不足：需要 {needed} 件，保税仓内可售的空闲库存 {free} 件"),
    "short_locked": ("not enough {sku}: {needed} needed, {free} free and sellable in bonded storage ({locked} more "
                     "within the {days}-day sale lock)",
                     "{sku} 不足：需要 {needed} 件，保税仓内可售的空闲库存 {free} 件（另有 {locked} 件在到期前 {days} 天的"
                     "禁售期内）"),
}


def wait_detail(params: Mapping[str, Any] | None, lang: str = "en") -> str | None:
    """Why an order waits, from its stored params ({"form": …, values …}) in `lang`; None when there are none (a
    wait stored before they were kept: its stored sentence says it) or they do not fit a template."""
    if not params or (form := params.get("form")) not in WAIT_DETAILS:
        return None
    try:
        return WAIT_DETAILS[str(form)][1 if lang.startswith("zh") else 0].format_map(
            {key: value for key, value in params.items() if key != "form"})
    except (KeyError, IndexError, ValueError):  # params of another version: the stored text says it
        return None


def _english_pattern(template: str) -> re.Pattern[str]:
    return re.compile("".join(re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
                              for literal, field, _, _ in string.Formatter().parse(template)))


_WAIT_SENTENCES = {form: _english_pattern(english) for form, (english, _) in WAIT_DETAILS.items()}


def wait_params_of(sentence: str) -> dict[str, Any] | None:
    """The form and values of a wait's English sentence (WAIT_DETAILS read backwards), for a reason handed on in
    words (a short pick's outcome); None for a sentence of no known form."""
    for form, pattern in _WAIT_SENTENCES.items():
        if found := pattern.fullmatch(sentence):
            return {"form": form, **found.groupdict()}
    return None
