"""The one key map and the command barcodes of every scan station (receive, put-away, pick, pack, gate, and the
stations still to come): the same key does the same thing on every station, and the command sheet prints it.

Pure data: the GUI's station base binds the keys (`ui.widgets.station`), the printed command sheet lists keys and
commands (`printing.inbound_docs.command_sheet_pdf`). `action` is the name of the station screen's method a key
calls; `stations` says where the key does something of its own (help, retry and clear work everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

# station → its name on the sheet (Chinese, English)
STATIONS: dict[str, tuple[str, str]] = {
    "receive": ("收货", "Receive"),
    "putaway": ("上架", "Put-away"),
    "pick": ("拣货", "Pick"),
    "pack": ("包装", "Pack"),
    "gate": ("卡口", "Gate"),
    "returns": ("退货收货", "Return receiving"),
    "count": ("盘点", "Stock count"),
}
EVERY_STATION = tuple(STATIONS)


@dataclass(frozen=True)
class Key:
    """A key of the map: the key (as Qt's QKeySequence writes it), the action it calls, and its words."""

    key: str
    action: str
    name_zh: str
    name: str
    meaning_zh: str
    meaning: str


@dataclass(frozen=True)
class StationKey(Key):
    """A key of the stations; `stations` where it does something of its own."""

    stations: tuple[str, ...] = EVERY_STATION


STATION_KEYS: tuple[StationKey, ...] = (
    StationKey("F1", "show_help", "帮助", "Help", "显示本工位的按键与指令条码。",
               "Shows this station's keys and command barcodes."),
    StationKey("F2", "choose", "选择", "Choose", "选择报关单（收货）、换波次（拣货）或选择盘点单（盘点）。",
               "Choose the declaration (receive), change the wave (pick) or choose the count (stock count).",
               ("receive", "pick", "count")),
    StationKey("F4", "undo", "撤销", "Undo", "撤销上一次扫描：计数（收货、盘点）、货物（上架）、件（包装）；"
               "将扫描栏中或所选的已装车包裹从车上卸下，主管，按两次（卡口）。",
               "Undoes the last scan: the count (receive, stock count), the goods in hand (put-away), the unit "
               "(pack); takes the loaded parcel typed in the scan field or selected off the vehicle, supervisor, "
               "press twice (gate).", ("receive", "putaway", "pack", "count", "gate")),
    StationKey("F5", "send_again", "重发", "Send again", "重发数据库未确认的扫描（不会重复计数）。",
               "Sends again the scans the database did not answer (never counted twice)."),
    StationKey("F6", "flag", "异常", "Flag the goods", "下一件计为残损（收货、退货收货）；短拣，按两次（拣货）。",
               "The next carton is damaged (receive, return receiving); short pick, press twice (pick).",
               ("receive", "pick", "returns")),
    StationKey("F7", "by_hand", "手工录入", "Type by hand", "手工输入重量（包装）。",
               "Type the weight by hand (pack).", ("pack",)),
    StationKey("F8", "document", "单据", "Document", "理货报告（收货）；重打面单（包装）。",
               "The tally report (receive); reprint the waybill label (pack).", ("receive", "pack")),
    StationKey("F9", "finish", "完成", "Finish",
               "结束理货（收货）；全部按建议上架，主管（上架）；称重并包装（包装）；全部包裹装车后车辆过卡放行，按两次；主管可整单出卡口（卡口）；"
               "结束本包裹（退货收货）；结束盘点（盘点）。",
               "Close the tally (receive); accept every suggestion, supervisor (put-away); weigh and pack (pack); "
               "pass the vehicle once every parcel is loaded, press twice; a supervisor may send the whole manifest out "
               "(gate); end the parcel (return receiving); close the count (stock count).",
               ("receive", "putaway", "pack", "gate", "returns", "count")),
    StationKey("Alt+M", "allow_mixing", "混批", "Allow mixing", "允许同一库位存放同一SKU的两个批次（上架）。",
               "Allow two lots of one SKU in one location (put-away).", ("putaway",)),
    StationKey("Esc", "clear", "清除", "Clear", "清空扫描栏；栏空时放下手中的货物（上架）或放下包裹（包装、退货收货）。",
               "Clears the scan field; when it is empty, forgets the goods in hand (put-away) or puts the parcel "
               "aside (pack, return receiving)."),
)
KEY_OF = {k.action: k.key for k in STATION_KEYS}


@dataclass(frozen=True)
class OfficeKey(Key):
    """A key of the office screens (lists, workbench, waves, manifests…): `action` names what it does there;
    `like` is the station action the same key has (the same key, the same kind of thing: F5 reloads a list as it
    sends a station's scans again, F8 gives a document, F9 finishes a step), "" for a key no station uses."""

    like: str = ""


OFFICE_KEYS: tuple[OfficeKey, ...] = (
    OfficeKey("F2", "choose", "选择", "Choose", "在所选报关单上打开收货工位（入库申报单）。",
              "Open the receive station on the selected declaration (inbound declarations).", "choose"),
    OfficeKey("F3", "find", "查找", "Find", "转到查找栏（追溯）。", "Go to the search field (trace)."),
    OfficeKey("F5", "refresh", "刷新", "Refresh", "重新读取列表；立即读取海关回执（海关数据交换）。",
              "Reads the list again; reads customs' receipts now (customs exchange).", "send_again"),
    OfficeKey("F8", "document", "单据", "Document", "预览所选记录的单据：理货报告、拣货单、交接单、清单、批次记录。",
              "Previews the selected record's document: tally report, pick list, manifest, inventory list, batch "
              "record.", "document"),
    OfficeKey("Shift+F8", "document_2", "第二种单据", "Second document", "上架单（入库申报单）；核放单（交接单）。",
              "The put-away list (declarations); the gate pass (manifests)."),
    OfficeKey("Ctrl+F8", "document_3", "第三种单据", "Third document", "箱标签（入库申报单）；待查验包裹清单（交接单）。",
              "The carton labels (declarations); the pull list (manifests)."),
    OfficeKey("F9", "finish", "完成", "Finish the step", "结束理货；运行分配；生成交接单；立即申报；重新申报（拒单）。",
              "Close the tally; run the allocation; create the manifest; export now; declare again (rejections).",
              "finish"),
    OfficeKey("Esc", "clear", "清除", "Clear", "清空查找栏。", "Clears the search field.", "clear"),
    OfficeKey("Down", "to_list", "到列表", "To the list", "从查找栏移到列表。", "From the search field to the list."),
    OfficeKey("Ctrl+PgDown", "next_tab", "下一页签", "Next tab", "订单的下一个页签。", "The next tab of the orders."),
    OfficeKey("Ctrl+PgUp", "previous_tab", "上一页签", "Previous tab", "订单的上一个页签。", "The previous tab of the orders."),
    OfficeKey("Ctrl+Return", "revalidate", "重新校验", "Re-validate", "重新校验所选被拒订单（拒单处理台）。",
              "Re-validates the selected rejected order (rejection workbench)."),
    OfficeKey("Ctrl+O", "open_file", "打开文件", "Open a file", "选择要导入的文件。", "Chooses a file to import."),
    OfficeKey("Ctrl+P", "print", "打印", "Print", "直接打印（批次记录）。", "Prints at once (batch record)."),
    OfficeKey("Ctrl+S", "save", "保存", "Save as PDF", "保存为PDF（批次记录）。", "Saves as PDF (batch record)."),
    OfficeKey("Ctrl+R", "release", "海关放行", "Release", "海关放行所选报关单。", "Customs releases the selected declaration."),
    OfficeKey("Ctrl+E", "close_entry", "结案", "Close entry", "结案所选报关单。", "Closes the selected declaration's entry."),
    OfficeKey("Ctrl+I", "reveal_id", "显示证件号", "Show the ID number", "显示订购人完整证件号（记入审计日志）。",
              "Shows the buyer's whole ID number (audited)."),
    OfficeKey("Ctrl+T", "reveal_phone", "显示电话", "Show the phone", "显示订购人完整电话（记入审计日志）。",
              "Shows the buyer's whole phone number (audited)."),
    OfficeKey("Ctrl+Del", "cancel_order", "撤销订单", "Cancel the order", "撤销所选订单（已出区的不可撤销）。",
              "Cancels the selected order (not once it left the zone)."),
)
OFFICE_KEY_OF = {k.action: k.key for k in OFFICE_KEYS}


@dataclass(frozen=True)
class StationCommand:
    """A command barcode (Code 128) of the command sheet, and the stations that take it."""

    barcode: str
    name_zh: str
    name: str
    meaning_zh: str
    meaning: str
    stations: tuple[str, ...]


STATION_COMMANDS: tuple[StationCommand, ...] = (
    StationCommand("CMD:DAMAGED", "残损", "DAMAGED", "下一件扫描计为残损。", "The next carton scanned is counted as "
                   "damaged.", ("receive", "returns")),
    StationCommand("CMD:UNDO", "撤销", "UNDO", "撤销本工位上一次计数（收货、盘点）；放下手中货物（上架）；撤销上一件（包装）。",
                   "Reverses this station's last count (receive, stock count); forgets the goods in hand (put-away); "
                   "the last unit checked (pack).", ("receive", "putaway", "pack", "count")),
    StationCommand("CMD:CLOSE", "结束理货", "CLOSE TALLY", "结束理货：生成批次，货物待海关放行（收货）；结束退货包裹（退货收货）；结束盘点（盘点）。",
                   "Closes the tally: lots are made and held for customs (receive); ends the returned parcel (return "
                   "receiving); closes the count (stock count).", ("receive", "returns", "count")),
    StationCommand("CMD:SHORT", "短拣", "SHORT PICK", "本库位剩余待拣货物不在：记录短拣。", "What is left to pick at "
                   "this location is not there: records a short pick.", ("pick",)),
)


def keys_of(station: str) -> list[StationKey]:
    """The keys that do something of their own at `station` (help, retry and clear included)."""
    return [k for k in STATION_KEYS if station in k.stations]


def commands_of(station: str) -> list[StationCommand]:
    return [c for c in STATION_COMMANDS if station in c.stations]
