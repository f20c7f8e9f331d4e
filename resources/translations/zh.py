"""Chinese for every string of the console: `python resources/translations/zh.py` refreshes
the .ts from the sources (pyside6-lupdate), fills it from this table, and compiles the .qm
(pyside6-lrelease). Strings missing here stay English and are listed on the way."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    'Sources: {0}': '来源：{0}',
    ' (offline)': '（离线）',
    '(choose a view)': '（选择视图）',
    '1 + 5': '1 + 5',
    '1 × 1': '1 × 1',
    '2 × 2': '2 × 2',
    '3 × 3': '3 × 3',
    '4 × 4': '4 × 4',
    'A panel failed to update ({0}: {1}); the log has the details.': '有面板更新失败（{0}：{1}）；详情见日志。',
    'Acknowledge': '确认',
    'Acknowledge warning': '确认预警',
    'Alert {0} has no location': '舆情 {0} 没有位置',
    "Alert {0} is hidden by the feed's filters or gone": '舆情 {0} 被筛选条件隐藏或已不存在',
    'All platforms': '全部平台',
    'All topics': '全部话题',
    'Any severity': '任意级别',
    'Back to the desk': '回到席位',
    'Busiest topics': '最热话题',
    'CONNECTING': '连接中',
    'CONNECTING…': '连接中…',
    'Centre the map on the alert': '地图居中到该舆情',
    'Critical': '紧急',
    'Delete view': '删除视图',
    'Detach to screen': '分离到屏幕',
    'Dismiss': '关闭',
    'Douyin': '抖音',
    'Drop a camera here': '将摄像头拖放到此处',
    'Early warnings: none': '预警：无',
    'Early warnings: {0} unacknowledged': '预警：{0} 条未确认',
    'Excerpt': '摘录',
    'Follow new priority-1 incidents': '跟随新的一级警情',
    'Follow the selected incident': '跟随所选警情',
    'I have seen this warning': '我已看到此预警',
    'Incident id': '警情编号',
    'Incidents nearby:': '附近警情：',
    'Incidents per hour, by category': '每小时警情数（按类别）',
    'Info': '提示',
    'LIVE': '实时',
    'LOCAL CACHE NOT WRITABLE — {0}. New orders are NOT queued on disk: they are sent only while this console runs and is online.': '本地缓存不可写 — {0}。新指令未保存到磁盘：仅在本控制台运行且在线时发送。',
    'Layout': '布局',
    'Link': '关联',
    'Link the alert to the incident typed here': '将舆情关联到此处输入的警情',
    'Link the alert to this incident': '将舆情关联到此警情',
    'Link {0} · {1} · {2} m · {3} min': '关联 {0} · {1} · {2} 米 · {3} 分钟',
    'Link {0} · {1} · {2} min': '关联 {0} · {1} · {2} 分钟',
    'Local forum': '本地论坛',
    'NO SIGNAL': '无信号',
    'NOT queued: {0}': '未排队：{0}',
    'Name of the view': '视图名称',
    'No linked opinion alert': '没有关联的舆情',
    'Opinion': '舆情',
    'Opinion sources QUIET: {0}': '舆情来源静默：{0}',
    'Opinion trends': '舆情趋势',
    'Opinion warning: {0}': '舆情预警：{0}',
    'Platform': '平台',
    'Posts per 10 min, by topic': '每 10 分钟帖子数（按话题）',
    'Posts/10 min': '帖子/10 分钟',
    'RTSP/HTTP stream': 'RTSP/HTTP 视频流',
    'Save view': '保存视图',
    'Save view…': '保存视图…',
    'Screen {0}': '屏幕 {0}',
    'Search cameras': '搜索摄像头',
    'Search topic, excerpt, district…': '搜索话题、摘录、辖区…',
    'Sentiment': '情绪',
    'Sentiment (mean ± spread)': '情绪（均值 ± 离散度）',
    'Severity': '级别',
    'Show alerts of this severity and above': '显示此级别及以上的舆情',
    'Show on map': '在地图上显示',
    'Show opinion alerts': '显示舆情',
    'Show the video wall': '显示视频墙',
    'Sources:': '来源：',
    'Tell the opinion service it has been seen': '告知舆情系统已查看',
    'The disk of the local cache {0} is full ({1}): nothing new is saved until room is made.': '本地缓存 {0} 所在磁盘已满（{1}）：腾出空间前不会保存新数据。',
    'The local cache could not store this command: it is sent while this console runs and is online, and lost if the console closes before it is answered. It is not in the local audit log.': '本地缓存无法保存此指令：它会在本控制台运行且在线时发送；若在收到答复前关闭控制台，该指令将丢失。它不在本地审计日志中。',
    'The local cache was damaged ({0}) and was moved aside to {1}; the console started with an empty cache.': '本地缓存已损坏（{0}），已移至 {1}；控制台以空缓存启动。',
    'The local cache {0} could not be used ({1}): the console started without one and saves nothing.': '本地缓存 {0} 无法使用（{1}）：控制台在无缓存状态下启动，不保存任何数据。',
    'The local cache {0} is read-only ({1}): the last saved picture is shown and nothing new is saved.': '本地缓存 {0} 为只读（{1}）：显示最后保存的态势，不保存新数据。',
    'The video wall is on screen {0}': '视频墙在屏幕 {0} 上',
    'This alert has no location': '此舆情没有位置',
    'Time': '时间',
    'Topic': '话题',
    'Video wall': '视频墙',
    'Video wall — {0}': '视频墙 — {0}',
    'View': '视图',
    'Warning': '预警',
    'Watch': '关注',
    'WeChat': '微信',
    'Weibo': '微博',
    'acknowledged': '已确认',
    'acknowledging…': '确认中…',
    'an unknown district': '未知辖区',
    'going on for {0}': '已持续 {0}',
    'last frame {0}': '最后一帧 {0}',
    'last frame {0} ago, at {1}': '最后一帧在 {0} 前，{1}',
    'linking to {0}…': '正在关联到 {0}…',
    'no frame received': '未收到画面',
    'no frame yet': '尚无画面',
    'over': '超时',
    'peak {0} posts': '峰值 {0} 帖',
    'queuing…': '排队中…',
    'refused: {0}': '被拒绝：{0}',
    'sentiment {0}': '情绪 {0}',
    'the camera is offline': '摄像头离线',
    '{0} QUIET {1}': '{0} 静默 {1}',
    '{0} and above': '{0} 及以上',
    '{0} critical opinion warning(s) NOT acknowledged — {1} — see Opinion (Ctrl+Shift+O)': '{0} 条紧急舆情预警未确认 — {1} — 见舆情（Ctrl+Shift+O）',
    '{0} in {1}: {2} posts/{3} min, {4}σ above baseline': '{1}{0}：{2} 帖/{3} 分钟，高于基线 {4}σ',
    '{0} not heard yet': '{0} 尚无消息',
    '{0} shown / {1}': '显示 {0} / {1}',
    '{0} unanswered command(s) recovered from it will be sent.': '从中恢复的 {0} 条未答复指令将被发送。',
    '{0} {1}/min · {2} ago': '{0} {1}/分钟 · {2} 前',
    '{0} · {1} · {2} posts/10 min · {3}': '{0} · {1} · {2} 帖/10 分钟 · {3}',
    '→ {0}': '→ {0}',
    "Issued": "下达时间", "Command": "指令", "Summary": "摘要", "State": "状态",
    "{0}\nCommand id {1}": "{0}\n指令编号 {1}",
    "OFFLINE — {0} unreachable": "离线 — {0} 无法连接",
    " since {0}": "，自 {0} 起",
    "; showing the last known picture ({0} old). Orders are queued and sent when the link "
    "returns.": "；显示最后已知态势（{0} 前）。指令已排队，链路恢复后发送。",
    "STALE — no fresh data for: {0}": "数据陈旧 — 以下图层无新数据：{0}",
    "Read-only: this workstation may not dispatch units (role or replay).":
        "只读：本席位无权调派警力（角色或回放模式）。",
    "No incident selected": "未选择警情",
    "Select an incident to see which units to send.": "选择一个警情以查看可调派的警力。",
    "{0}: no longer in the picture": "{0}：已不在态势中",
    "Nothing to dispatch to.": "没有可调派的目标。",
    "No available unit with a known position.": "没有位置已知的可用警力。",
    "Already assigned: {0}": "已指派：{0}",
    "Dispatch selected ({0})": "调派所选（{0}）",
    "New priority (P1 is the most urgent)": "新优先级（P1 最紧急）",
    "New category": "新类别", "Apply": "应用",
    "Send the new priority and category to the CAD": "将新的优先级和类别发送至接处警系统",
    "Add a note…": "添加备注…", "Add note": "添加备注",
    "Add the note to the incident (Enter)": "为警情添加备注（回车）",
    "Dispatch…": "调派…", "Choose units to send to this incident": "选择派往该警情的警力",
    "Close incident": "结束警情", "Close the incident (asks for confirmation)": "结束警情（需确认）",
    "Category": "类别", "Source": "来源", "Reported": "报警时间", "SLA": "时限",
    "Address": "地址", "District": "辖区", "Location": "位置", "Units": "警力",
    "Timeline": "时间线", "Notes": "备注",
    "Incident {0} was removed: it is no longer in the situation picture.":
        "警情 {0} 已移除：不再在态势中。",
    "{0} ({1} ago)": "{0}（{1} 前）", "no SLA clock running": "无时限计时",
    "Dispatch": "调派", "On scene": "到场",
    "{0}: {1} left of {2} — {3}": "{0}：{2} 目标剩余 {1} — {3}",
    "{0}: {1} over the {2} target — {3}": "{0}：超出 {2} 目标 {1} — {3}",
    "Close incident {0}?": "结束警情 {0}？", "Closed incidents leave the queue.": "结束的警情将离开队列。",
    "unknown unit": "未知警力",
    "NOT ACKNOWLEDGED {0} s — order may not have arrived": "未确认 {0} 秒 — 指令可能未送达",
    "awaiting acknowledgement {0} s": "等待确认 {0} 秒",
    "confirmed by phone after {0} s": "{0} 秒后电话确认",
    "acknowledged manually after {0} s": "{0} 秒后人工确认",
    "acknowledged by terminal after {0} s": "{0} 秒后终端确认",
    "acknowledged via {1} after {0} s": "{0} 秒后经 {1} 确认",
    "No unit assigned": "未指派警力", "No notes": "无备注",
    "Search id, summary, address…": "搜索编号、摘要、地址…",
    "Show incidents with these statuses": "显示以下状态的警情",
    "All but closed": "除已结束外全部", "All districts": "全部辖区",
    "Show one district only": "只显示一个辖区", "All categories": "全部类别",
    "Show one category only": "只显示一个类别", "Any priority": "任意优先级",
    "Show one priority only": "只显示一个优先级", "{0} shown / {1} open": "显示 {0} / 未结 {1}",
    "Status: all but closed": "状态：除已结束外", "Status: all": "状态：全部",
    "Status: none": "状态：无", "Status: {0}": "状态：{0}",
    "ID": "编号", "Pri": "级", "Status": "状态", "Age": "时长",
    "SLA: met or no longer running": "时限：已达成或不再计时",
    "Dispatch target {0}: {1}": "调派目标 {0}：{1}", "On-scene target {0}: {1}": "到场目标 {0}：{1}",
    "The incident feed is stale: this may be old.": "警情数据陈旧：此信息可能已过时。",
    "Incident": "警情详情", "Orders to the field": "下达一线的指令",
    "&View": "视图(&V)", "Find incident": "查找警情", "Dispatch selected incident": "调派所选警情",
    "Show units": "显示警力", "Show orders to the field": "显示下达一线的指令",
    "Mute priority-1 alert sound": "一级警情提示音静音", "Reset layout": "重置布局",
    "&Desk": "席位(&D)", "Command Centre — {0} ({1})": "指挥中心 — {0}（{1}）",
    "New priority-1 incident {0}": "新的一级警情 {0}",
    "Alert sound off": "提示音已关闭", "Alert sound on": "提示音已开启",
    "{0} order(s) NOT acknowledged by the field terminal — see Orders to the field (Ctrl+O)":
        "{0} 条指令未获一线终端确认 — 见“下达一线的指令”（Ctrl+O）",
    "Unit": "警力", "Sent": "已发送", "Accepted": "已受理", "Acknowledged": "已确认",
    "Waited": "等待",
    "Dispatched from another desk or by CAD; recorded at {0}": "由其他席位或接处警系统调派；记录于 {0}",
    "The field terminal has not confirmed this order: it may not have arrived. Reach the unit "
    "by radio or phone.": "一线终端未确认该指令：可能未送达。请通过电台或电话联系该警力。",
    "My commands": "我的指令",
    "%n order(s) NOT ACKNOWLEDGED — call: {0}": "%n 条指令未确认 — 请联系：{0}",
    "queued": "排队中", "refused": "被拒绝", "{0} by terminal": "{0} 终端确认",
    "{0} by phone": "{0} 电话确认", "{0} confirmed by the operator": "{0} 席位人工确认",
    "{0} via {1}": "{0} 经 {1}", "NOT ACKNOWLEDGED {0} — call the unit": "未确认 {0} — 请联系该警力",
    "awaiting acknowledgement ({0})": "等待确认（{0}）",
    "Update incident": "更新警情", "New incident": "新建警情", "Set unit status": "设置警力状态",
    "Confirm order": "确认指令", "Acknowledge alert": "确认舆情预警", "Link alert": "关联舆情预警",
    "(earlier session)": "（先前会话）", "refused: {0} — {1}": "被拒绝：{0} — {1}", "error": "错误",
    "accepted {0}": "已受理 {0}", "sent {0}": "已发送 {0}",
    "stale fix": "定位陈旧", "fatigued": "疲劳",
    "{0} × {1} road ÷ {2} = {3}": "{0} × 道路系数 {1} ÷ {2} = {3}",
    "; fix age unknown": "；定位时间未知", "; fix {0} old": "；定位于 {0} 前",
    "; stale fix: + {0} penalty, ranked as {1}": "；定位陈旧：加罚 {0}，按 {1} 排序",
    "; crew fatigued (long shift)": "；人员疲劳（长时间值勤）",
    "Callsign": "呼号", "Kind": "类型", "ETA": "预计到达", "Distance": "距离", "Speed": "速度",
    "Fix age": "定位时长", "Flags": "标记", "Why": "依据",
    "● {0} {1} · data {2}": "● {0} {1} · 数据 {2}", "role unknown": "角色未知",
    "All statuses": "全部状态", "Search callsign, unit, station, incident…": "搜索呼号、警力、派出所、警情…",
    "Show off duty": "显示下班警力", "Grouped by station, then callsign": "按派出所、再按呼号分组",
    "{0} of {1} units shown": "显示 {0} / {1} 个警力", "All stations": "全部派出所",
    "All kinds": "全部类型", "Station": "派出所", "In status": "状态时长", "On duty": "在岗",
    "Last fix": "最近定位", "{0} h": "{0} 小时",
    "Data for this unit is stale: its feed or its position fix is old.": "该警力数据陈旧：数据流或定位已过时。",
    "District {0}": "辖区 {0}",
    "Not known yet: no status change seen since the console started.": "尚不可知：控制台启动以来未见状态变化。",
    "In this status since {0}": "自 {0} 起处于此状态",
    "Fatigue: on duty longer than {0} h": "疲劳：在岗超过 {0} 小时",
    "No position reported": "未上报位置", "Stale fix at {0}: the unit may be elsewhere": "{0} 的定位已陈旧：警力可能已不在此处",
    "Fix at {0}": "定位于 {0}",
    "Theft": "盗窃", "Burglary": "入室盗窃", "Traffic accident": "交通事故", "Assault": "伤害",
    "Fraud": "诈骗", "Fire": "火情", "Dispute": "纠纷", "Missing person": "人员走失", "Noise": "噪音扰民",
    "Suspicious person": "可疑人员", "Medical": "医疗救助",
    "command-centre: {0}": "command-centre：{0}",
    "connecting": "连接中", "live": "在线", "resyncing": "同步中", "OFFLINE": "离线",
    "UNAUTHORIZED": "未授权",
    "Patrol car": "巡逻车", "Motorbike": "摩托车", "Foot patrol": "步巡", "Community officer": "社区民警",
    "Drone": "无人机", "{0} km": "{0} 公里", "{0} m/s": "{0} 米/秒", "P{0}": "{0}级", "on time": "按时", "near target": "临近时限", "BREACHED": "已超时",
    "met": "已达成", "New": "新警情", "Dispatched": "已调派", "En route": "途中", "Resolved": "已处置",
    "Closed": "已结束", "Available": "可用", "Busy": "忙碌", "Off duty": "下班",
    "Cameras": "摄像头", "Cameras near here": "附近摄像头", "Districts": "辖区边界",
    "Fit all open incidents": "显示全部未结警情", "Fit open incidents": "显示未结警情",
    "Follow selected unit": "跟随所选警力", "Incident density": "警情密度",
    "Incidents": "警情列表", "New incident here…": "在此新建警情…",
    "No camera within 1 km": "1 公里内没有摄像头", "Opinion alerts": "舆情预警",
    "Priority": "优先级", "Street and number, landmark…": "街道门牌、地标…",
    "This workstation may not create incidents": "本席位无权新建警情",
    "What the caller reports": "报警人所述", "Zoom to every open incident": "缩放至全部未结警情",
    "stale position fix": "定位陈旧",
}

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main() -> int:
    ts = HERE / "command-centre_zh.ts"
    sources = subprocess.run(["git", "ls-files", "console/*.py", "widgets/*.py"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["pyside6-lupdate", "-no-obsolete", *sources, "-ts", str(ts)], cwd=ROOT,
                   check=True, capture_output=True)
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "zh_CN")
    missing = set()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in ZH:
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                translation.text = None
                for child in list(translation):
                    translation.remove(child)
                ET.SubElement(translation, "numerusform").text = ZH[source]
            else:
                translation.text = ZH[source]
        elif not source.strip("{}0123456789 ·,—:()"):
            translation.attrib.pop("type", None)
            translation.text = source  # pure placeholders: the same in every language
        else:
            missing.add(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(HERE / "command-centre_zh.qm")],
                   check=True, capture_output=True)
    for source in sorted(missing):
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
