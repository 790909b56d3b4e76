"""The sentences of order rejections, of orders waiting for stock, of what a short pick did to each order and of why
a customs inbox file was refused, as English and Chinese templates (app.domain.vocabulary fills them from the form
and values the deciding code gives, stored with each rejection, wait and refused file)."""

from __future__ import annotations

from app.domain.vocabulary.terms import Term

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

# -- what a short pick did to each order, in either language --------------------------------------------------------
# app.outbound.picking.reallocate returns its form and values ({"form": …, "order_no": …}); a waiting order's `why` is
# the wait's own params (WAIT_DETAILS above). The English template is the sentence the scan's text and audit carry.
SHORT_PICK_OUTCOMES: dict[str, Term] = {
    "reallocated": ("{order_no} re-allocated ({units} units added to {wave})", "{order_no} 已重新分配（{units} 件加入 {wave}）"),
    "not_released": ("{order_no} left waiting: its inventory list is no longer released (800)",
                     "{order_no} 转为等待：其清单已不是放行状态（800）"),
    "waiting": ("{order_no} left waiting: {why}", "{order_no} 转为等待：{why}"),
}

# -- why a customs inbox file was refused, in either language -------------------------------------------------------
# app.formats.customs.receipts.ReceiptFileProblem (and app.customs.receipts for a file too large or unreadable) gives
# a form and its values; the form is kind.variant, its kind named by the "receipt_problem" terms. The English template
# is the sentence `bwms customs receipts` prints, word for word (tests/customs/test_receipt_refusal_words.py); a value
# quoted there is kept quoted (`'GBK'`). The Chinese leaves out what only the English parser can say (its message).
RECEIPT_PROBLEMS: dict[str, Term] = {
    "too_large": ("refused: the file is {size_mb} MB, more than the {max_mb} MB a receipt file may be",
                  "文件有 {size_mb} MB，超过回执文件上限 {max_mb} MB"),
    "unreadable": ("cannot read: {error}", "文件无法读取"),
    "unsafe_xml.encoding": ("refused: the XML declares encoding {encoding}; customs receipts are UTF-8",
                            "XML 声明的编码是 {encoding}，海关回执须为 UTF-8"),
    "unsafe_xml.external_entity": ("refused: the XML declares an external entity (never fetched)",
                                   "XML 声明了外部实体（不会读取）"),
    "unsafe_xml.entities": ("refused: the XML declares entities (entity expansion is not allowed)",
                            "XML 声明了实体（不允许展开实体）"),
    "unsafe_xml.external_reference": ("refused: the XML refers to an external entity or DTD",
                                      "XML 引用了外部实体或 DTD"),
    "unsafe_xml.other": ("refused: unsafe XML ({error})", "不安全的 XML"),
    "not_xml": ("not well-formed XML: {error}", "XML 格式错误（第 {line} 行第 {column} 列）"),
    "not_xml.unreadable": ("not readable XML: {error}", "XML 无法读取"),
    "not_receipt": ("not a customs receipt: root element {root} (CEB622Message, CEB624Message, CEB626Message or "
                    "CEB900Message expected)",
                    "不是海关回执：根元素是 {root}（应为 CEB622Message、CEB624Message、CEB626Message 或 CEB900Message）"),
    "bad_values.no_element": ("{message} without any {element} element", "{message} 中没有 {element} 元素"),
    "bad_values.no_guid": ("CEB900 receipt without the guid of the message it answers",
                           "CEB900 回执缺少所答复报文的 guid"),
    "bad_values.missing": ("{message} receipt without {element}", "{message} 回执缺少{element}"),
    "bad_values.status": ("returnStatus {value} is not a status code", "回执状态 {value} 不是状态代码"),
    "bad_values.time": ("time {value} is not YYYYMMDDhhmmssfff nor ISO 8601",
                        "时间 {value} 既不是 YYYYMMDDhhmmssfff 也不是 ISO 8601 格式"),
    "bad_values.year": ("time {value} is not between the years 2000 and 2099", "时间 {value} 不在 2000 年至 2099 年之间"),
    "bad_csv.header": ("the header must be exactly: {lists} (lists; optionally a fifth column invt_no), {returns} "
                       "(returns) or {checklists} (exit checklists)",
                       "表头必须是：{lists}（清单，可加第五列 invt_no）、{returns}（退货）或 {checklists}（核注清单）"),
    "bad_csv.row": ("line {line}: expected {header} with a numeric status", "第 {line} 行：应为 {header}，状态须为数字"),
    "bad_csv.invt_no": ("line {line}, invt_no: {value} is not a customs list number (up to 18 letters and digits)",
                        "第 {line} 行 invt_no：{value} 不是海关清单编号（最多 18 位字母和数字）"),
    "bad_csv.time": ("line {line}: time {value} is not YYYYMMDDhhmmssfff nor ISO 8601",
                     "第 {line} 行：时间 {value} 既不是 YYYYMMDDhhmmssfff 也不是 ISO 8601 格式"),
    "bad_csv.year": ("line {line}: time {value} is not between the years 2000 and 2099",
                     "第 {line} 行：时间 {value} 不在 2000 年至 2099 年之间"),
    "bad_csv.encoding": ("{file}:{line}: not UTF-8 or GB18030 text: bad byte 0x{byte} (save the file as UTF-8)",
                         "第 {line} 行不是 UTF-8 或 GB18030 文本：无法识别的字节 0x{byte}（请将文件另存为 UTF-8）"),
    "bad_csv.not_csv": ("not valid CSV: {error}", "不是有效的 CSV"),
}

# -- the warehouse checks (app.admin.checks, `bwms check`) --------------------------------------------------------
# Each invariant by the name `bwms check` gives it (its JSON "invariant"): the screen's English and its Chinese.
INVARIANTS: dict[str, Term] = {
    "1 no negative stock, reserved ≤ quantity": (
        "1 No stock is negative; reserved never exceeds the quantity", "1 库存无负数，预占不超过数量"),
    "2 movements sum to stock": ("2 The movements add up to every stock row", "2 库存流水合计等于每一行库存"),
    "3 customs ledger balances against bonded stock": (
        "3 The customs ledger balances against bonded stock", "3 海关账册与保税库存相符"),
    "3b ledger = entered − decreased + returned − disposed": (
        "3b Each ledger item = entered − decreased + returned − disposed", "3b 每个账册项号 = 入区 − 核减 + 退货 − 处置"),
    "4 shipped units released (800) and traced to their lot": (
        "4 Every unit shipped was released (800) and traces to its lot", "4 出区商品均已放行 (800) 且可追溯到批次"),
    "5 allocations within stock, reserved = open allocations": (
        "5 Allocations stay within stock; reserved = open allocations", "5 分配不超过库存，预占 = 未完成分配"),
    "7 audit chain verifies": ("7 The audit chain verifies", "7 审计链校验通过"),
    "8 a released inventory list never moves back": (
        "8a A released inventory list never moves back", "8a 已放行的清单状态不会倒退"),
    "8 no open rejection for an order that is accepted": (
        "8b No open rejection for an order that was accepted", "8b 已接受的订单没有未处理的退单记录"),
    "8 each owner's goods kept apart (lots, allocations, parcels)": (
        "8c Each owner's goods are kept apart (lots, allocations, parcels)", "8c 各货主货物分开管理（批次、分配、包裹）"),
    "9 a cancelled order never has an active list without its cancellation": (
        "9 A cancelled order never keeps an active list without its cancellation",
        "9 已取消的订单不会留有未撤销的有效清单"),
    "10 frozen locations belong to an open stock count": (
        "10 Frozen locations belong to an open stock count", "10 冻结的库位都属于进行中的盘点"),
    "11 key files are private (mode 0600)": (
        "11 The key files are private (mode 0600)", "11 密钥文件仅限本人读取（权限 0600）"),
    "12 parcels loaded at the gate leave with their vehicle": (
        "12 Parcels loaded at the gate leave with their vehicle", "12 卡口装车的包裹随车出区"),
}

# What a check found, as a form and its values (app.admin.checks.Found); the English is the sentence `bwms check`
# prints, word for word. A value named in CHECK_CODED is a code, named in Chinese by its vocabulary kind.
CHECK_PROBLEMS: dict[str, Term] = {
    "key_file_open": ("the {key_file} file {path} has mode {mode}: chmod 600 {path}",
                      "{key_file}文件 {path} 的权限是 {mode}：请执行 chmod 600 {path}"),
    "list_moved_back": ("list {cop_no}: released, now {receipt}", "清单 {cop_no}：已放行，现为 {receipt}"),
    "negative_stock": ("stock row {row}: quantity {quantity}, reserved {reserved}",
                       "库存行 {row}：数量 {quantity}，预占 {reserved}"),
    "movements_differ": ("location {location} lot {lot} lpn {lpn} {stock_status}: movements − stock = {difference}",
                         "库位 {location} 批次 {lot} 托盘/箱号 {lpn}（{stock_status}）：流水 − 库存 = {difference}"),
    "ledger_negative": ("account-book item {item} of owner {owner}: customs balance {balance} is negative",
                        "货主 {owner} 的账册项号 {item}：海关余额 {balance} 为负数"),
    "ledger_unequal": ("account-book item {item} of owner {owner}: customs balance {balance} ≠ bonded stock {stock}",
                       "货主 {owner} 的账册项号 {item}：海关余额 {balance} ≠ 保税库存 {stock}"),
    "ledger_unequal.pending": (
        "account-book item {item} of owner {owner}: customs balance {balance} + pending adjustments {pending} ≠ "
        "bonded stock {stock}",
        "货主 {owner} 的账册项号 {item}：海关余额 {balance} + 待确认调整 {pending} ≠ 保税库存 {stock}"),
    "owner_lot": ("lot {lot} is owner {owner}'s, its declaration {declaration_no} owner {declaration_owner}'s",
                  "批次 {lot} 属于货主 {owner}，其入区申报 {declaration_no} 却属于货主 {declaration_owner}"),
    "owner_allocation": ("order {order_no} (owner {owner}) is allocated lot {lot} of owner {lot_owner}",
                         "订单 {order_no}（货主 {owner}）分配了货主 {lot_owner} 的批次 {lot}"),
    "owner_parcel": ("parcel {waybill_no} (owner {owner}) holds lot {lot} of owner {lot_owner}",
                     "包裹 {waybill_no}（货主 {owner}）装有货主 {lot_owner} 的批次 {lot}"),
    "ledger_parts": ("account-book item {item}: balance {balance} ≠ entered {entered} − decreased {decreased} + "
                     "returned {returned} − disposed {disposed} + adjusted {adjusted}",
                     "账册项号 {item}：余额 {balance} ≠ 入区 {entered} − 核减 {decreased} + 退货 {returned} − "
                     "处置 {disposed} + 调整 {adjusted}"),
    "ledger_returns": ("account-book item {item}: RETURN_IN {returned} ≠ units of booked returns {booked}",
                       "账册项号 {item}：退货入区 (RETURN_IN) {returned} ≠ 已核增退货数量 {booked}"),
    "ledger_disposals": ("account-book item {item}: DESTROY + RETURN_ABROAD {disposed} ≠ units of executed "
                         "disposals {executed}",
                         "账册项号 {item}：销毁 + 退运 (DESTROY + RETURN_ABROAD) {disposed} ≠ 已执行处置数量 {executed}"),
    "audit_unlinked": ("entry {entry} does not link to the entry before it (entries were deleted or inserted)",
                       "第 {entry} 条记录与前一条记录链接不上（有记录被删除或插入）"),
    "audit_altered": ("entry {entry} ({action}) was altered after it was written",
                      "第 {entry} 条记录（{action}）写入后被修改"),
    "audit_truncated": ("the audit log ends at entry {head} but the anchor {anchor} written {written} names entry "
                        "{entry}: the newest entries were deleted",
                        "审计日志止于第 {head} 条，但 {written} 写入的锚点 {anchor} 记的是第 {entry} 条：最新的记录被删除"),
    "audit_rewritten": ("entry {entry} is not the entry anchored in {anchor} (written {written}): the log was rewritten",
                        "第 {entry} 条记录不是锚点 {anchor}（{written} 写入）所记的那一条：日志被改写"),
    "shipped_unreleased": ("parcel {waybill_no} left at {shipped_at} but its list was not released before (released "
                           "{released_at}, latest receipt {receipt})",
                           "包裹 {waybill_no} 于 {shipped_at} 出区，但其清单此前未放行（放行时间 {released_at}，"
                           "最新回执 {receipt}）"),
    "shipped_differs": ("waybill {waybill_no} lot {lot}: units shipped − units in the parcel = {difference}",
                        "运单 {waybill_no} 批次 {lot}：出区数量 − 包裹内数量 = {difference}"),
    "lot_untraced": ("lot {lot} names no declaration line", "批次 {lot} 没有对应的申报表体行"),
    "reserved_differs": ("location {location} lot {lot} lpn {lpn}: open allocations − reserved = {difference}",
                         "库位 {location} 批次 {lot} 托盘/箱号 {lpn}：未完成分配 − 预占 = {difference}"),
    "reserved_not_available": ("stock row {row} ({stock_status}) holds a reservation of {reserved}",
                               "库存行 {row}（{stock_status}）有 {reserved} 件预占"),
    "over_allocated": ("lot {lot}: open allocations exceed its available units by {excess}",
                       "批次 {lot}：未完成分配比可用数量多 {excess}"),
    "rejection_open.stored": ("rejection {rejection} ({code}) of order {order_no} is still open, but the order is "
                              "stored exactly so: `orders revalidate` (or dismiss it on the rejection workbench)",
                              "订单 {order_no} 的退单记录 {rejection}（{code}）仍未处理，但该订单已原样保存：请运行 "
                              "`orders revalidate`（或在退单工作台上忽略它）"),
    "rejection_open.accepted": ("rejection {rejection} ({code}) of order {order_no} is still open, but the order was "
                                "accepted after it: `orders revalidate` (or dismiss it on the rejection workbench)",
                                "订单 {order_no} 的退单记录 {rejection}（{code}）仍未处理，但该订单之后已被接受：请运行 "
                                "`orders revalidate`（或在退单工作台上忽略它）"),
    "cancel_missing": ("order {order_no} is cancelled but its list {cop_no} is {list_status} with no cancellation "
                       "(CEB623) queued: cancel it with customs (`bwms orders cancel` cannot: the order is cancelled "
                       "already)",
                       "订单 {order_no} 已取消，但其清单 {cop_no} 为“{list_status}”，且没有待发的撤销申请 (CEB623)："
                       "请向海关撤销（`bwms orders cancel` 不能再撤：订单已取消）"),
    "cancel_missing.state": ("order {order_no} is cancelled but its list {cop_no} is {list_status} with no "
                             "cancellation (CEB623) {cancel_state}: cancel it with customs (`bwms orders cancel` "
                             "cannot: the order is cancelled already)",
                             "订单 {order_no} 已取消，但其清单 {cop_no} 为“{list_status}”，撤销申请 (CEB623) "
                             "为“{cancel_state}”：请向海关撤销（`bwms orders cancel` 不能再撤：订单已取消）"),
    "frozen_no_count": ("location {location} is frozen by count {count}, which is not one",
                        "库位 {location} 被盘点单 {count} 冻结，但没有这张盘点单"),
    "frozen_count_ended": ("location {location} is frozen by count {count}, which is {count_status}",
                           "库位 {location} 被盘点单 {count} 冻结，而该盘点单为“{count_status}”"),
    "frozen_not_counted": ("location {location} is frozen by count {count}, which is open but does not count it",
                           "库位 {location} 被盘点单 {count} 冻结，该盘点单进行中但不盘这个库位"),
    "loaded_no_manifest": ("parcel {waybill_no} was loaded at the gate but is on no manifest",
                           "包裹 {waybill_no} 已在卡口装车，但不在任何交接单上"),
    "left_behind": ("parcel {waybill_no} is still inside ({parcel_status}) but the vehicle of its manifest "
                    "{manifest_no} passed the gate",
                    "包裹 {waybill_no} 仍在区内（{parcel_status}），但其交接单 {manifest_no} 的车辆已过卡口"),
}


# Why a device is not working, as a form and its values (app.devices.problems.DeviceProblem): the English is what
# the command line prints; `cause` is an OS error's code ("os_error" names it) or, for one the vocabulary does not
# know, the system's own words; `problems` a printer's problem codes ("printer_problem").
DEVICE_PROBLEMS: dict[str, Term] = {
    "cannot_open": ("cannot open {port}: {cause}", "无法打开 {port}：{cause}"),
    "disconnected": ("{port} disconnected: {cause}", "{port} 已断开：{cause}"),
    "not_connected": ("{port} is not connected", "{port} 未连接"),
    "printer_unreachable": ("printer {address} is not reachable: {cause}", "无法连接打印机 {address}：{cause}"),
    "printer_silent": ("printer {address} did not answer the status query within {seconds} s",
                       "打印机 {address} 在 {seconds} 秒内没有回应状态查询"),
    "printer_silent.cause": ("printer {address} did not answer the status query: {cause}",
                             "打印机 {address} 没有回应状态查询：{cause}"),
    "printer_garbled": ("printer {address}: {cause}", "打印机 {address} 的状态回应无法识别：{cause}"),
    "printer_cannot_open": ("printer {address} cannot be opened: {cause}", "无法打开打印机 {address}：{cause}"),
    "printer_stopped": ("printer {address} stopped taking data: {cause}", "打印机 {address} 中途停止接收数据：{cause}"),
    "printer_not_ready": ("printer {address}: {problems}", "打印机 {address}：{problems}"),
    "folder_missing": ("folder {folder} does not exist", "目录 {folder} 不存在"),
    "target_failed": ("{target}: {cause}", "{target}：{cause}"),
    "print_interrupted": ("interrupted while sending at {at} UTC: it may or may not have printed; check the printer "
                          "and reprint if it is missing",
                          "发送于 {at} UTC 中断：可能已打印，也可能没有；请检查打印机，缺少时重新打印"),
}
