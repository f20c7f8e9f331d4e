<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandModel</name>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="217" />
        <source>Issued</source>
        <translation>下达时间</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="217" />
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="217" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="217" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="241" />
        <source>{0}
Command id {1}</source>
        <translation>{0}
指令编号 {1}</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../console/shell/status.py" line="67" />
        <source>OFFLINE — {0} unreachable</source>
        <translation>离线 — {0} 无法连接</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="69" />
        <source> since {0}</source>
        <translation>，自 {0} 起</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="72" />
        <source>; showing the last known picture ({0} old). Orders are queued and sent when the link returns.</source>
        <translation>；显示最后已知态势（{0} 前）。指令已排队，链路恢复后发送。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="79" />
        <source>STALE — no fresh data for: {0}</source>
        <translation>数据陈旧 — 以下图层无新数据：{0}</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="144" />
        <source>Read-only: this workstation may not dispatch units (role or replay).</source>
        <translation>只读：本席位无权调派警力（角色或回放模式）。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="165" />
        <source>No incident selected</source>
        <translation>未选择警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="166" />
        <source>Select an incident to see which units to send.</source>
        <translation>选择一个警情以查看可调派的警力。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="169" />
        <source>{0}: no longer in the picture</source>
        <translation>{0}：已不在态势中</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="171" />
        <source>Nothing to dispatch to.</source>
        <translation>没有可调派的目标。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="176" />
        <source>No available unit with a known position.</source>
        <translation>没有位置已知的可用警力。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="182" />
        <source>{0} · {1} · {2} · {3}</source>
        <translation>{0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="191" />
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="193" />
        <source>Already assigned: {0}</source>
        <translation>已指派：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="218" />
        <source>Dispatch selected ({0})</source>
        <translation>调派所选（{0}）</translation>
    </message>
</context>
<context>
    <name>IncidentActionBar</name>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="56" />
        <source>New priority (P1 is the most urgent)</source>
        <translation>新优先级（P1 最紧急）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="61" />
        <source>New category</source>
        <translation>新类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="62" />
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="64" />
        <source>Send the new priority and category to the CAD</source>
        <translation>将新的优先级和类别发送至接处警系统</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="70" />
        <source>Add a note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="71" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="73" />
        <source>Add the note to the incident (Enter)</source>
        <translation>为警情添加备注（回车）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="75" />
        <source>Dispatch…</source>
        <translation>调派…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="77" />
        <source>Choose units to send to this incident</source>
        <translation>选择派往该警情的警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="78" />
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="80" />
        <source>Close the incident (asks for confirmation)</source>
        <translation>结束警情（需确认）</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPanel</name>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="72" />
        <location filename="../../widgets/incidents/detail.py" line="201" />
        <source>No incident selected</source>
        <translation>未选择警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="131" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="132" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="133" />
        <source>Reported</source>
        <translation>报警时间</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="134" />
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="135" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="136" />
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="137" />
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="149" />
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="150" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="151" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="205" />
        <source>Incident {0} was removed: it is no longer in the situation picture.</source>
        <translation>警情 {0} 已移除：不再在态势中。</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="237" />
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="249" />
        <source>{0} ({1} ago)</source>
        <translation>{0}（{1} 前）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="257" />
        <source>no SLA clock running</source>
        <translation>无时限计时</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="260" />
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="260" />
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="262" />
        <source>{0}: {1} left of {2} — {3}</source>
        <translation>{0}：{2} 目标剩余 {1} — {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="264" />
        <source>{0}: {1} over the {2} target — {3}</source>
        <translation>{0}：超出 {2} 目标 {1} — {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="333" />
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="334" />
        <source>Close incident {0}?</source>
        <translation>结束警情 {0}？</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="335" />
        <source>Closed incidents leave the queue.</source>
        <translation>结束的警情将离开队列。</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="38" />
        <location filename="../../widgets/incidents/detail_sections.py" line="44" />
        <location filename="../../widgets/incidents/detail_sections.py" line="78" />
        <source>{0} · {1}</source>
        <extracomment>How each kind of assignment line looks (colours from the shared theme).</extracomment>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="39" />
        <source>unknown unit</source>
        <translation>未知警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="49" />
        <source>NOT ACKNOWLEDGED {0} s — order may not have arrived</source>
        <translation>未确认 {0} 秒 — 指令可能未送达</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="55" />
        <source>awaiting acknowledgement {0} s</source>
        <translation>等待确认 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="63" />
        <source>confirmed by phone after {0} s</source>
        <translation>{0} 秒后电话确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="67" />
        <source>acknowledged manually after {0} s</source>
        <translation>{0} 秒后人工确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="71" />
        <source>acknowledged by terminal after {0} s</source>
        <translation>{0} 秒后终端确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="75" />
        <source>acknowledged via {1} after {0} s</source>
        <translation>{0} 秒后经 {1} 确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="93" />
        <source>No unit assigned</source>
        <translation>未指派警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="139" />
        <source>{0}  {1}</source>
        <translation>{0}  {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="162" />
        <source>No notes</source>
        <translation>无备注</translation>
    </message>
</context>
<context>
    <name>IncidentFilterBar</name>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="44" />
        <source>Search id, summary, address…</source>
        <translation>搜索编号、摘要、地址…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="76" />
        <source>Show incidents with these statuses</source>
        <translation>显示以下状态的警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="86" />
        <source>All but closed</source>
        <translation>除已结束外全部</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="92" />
        <source>All districts</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="93" />
        <source>Show one district only</source>
        <translation>只显示一个辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="98" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="99" />
        <source>Show one category only</source>
        <translation>只显示一个类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="104" />
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="107" />
        <source>Show one priority only</source>
        <translation>只显示一个优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="112" />
        <source>{0} shown / {1} open</source>
        <translation>显示 {0} / 未结 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="171" />
        <source>Status: all but closed</source>
        <translation>状态：除已结束外</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="173" />
        <source>Status: all</source>
        <translation>状态：全部</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="175" />
        <source>Status: none</source>
        <translation>状态：无</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="178" />
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="22" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="23" />
        <source>Pri</source>
        <translation>级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="24" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="25" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="26" />
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="27" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="28" />
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="29" />
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="30" />
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="103" />
        <source>SLA: met or no longer running</source>
        <translation>时限：已达成或不再计时</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="105" />
        <source>Dispatch target {0}: {1}</source>
        <translation>调派目标 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="107" />
        <source>On-scene target {0}: {1}</source>
        <translation>到场目标 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="111" />
        <source>The incident feed is stale: this may be old.</source>
        <translation>警情数据陈旧：此信息可能已过时。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/shell/main_window.py" line="101" />
        <source>Incidents</source>
        <extracomment>dock object name -&gt; (panel attribute, default area)</extracomment>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="102" />
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="103" />
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="104" />
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="105" />
        <source>Orders to the field</source>
        <translation>下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="162" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="168" />
        <source>Find incident</source>
        <translation>查找警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="169" />
        <source>Dispatch selected incident</source>
        <translation>调派所选警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="170" />
        <source>Show units</source>
        <translation>显示警力</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="173" />
        <source>Show orders to the field</source>
        <translation>显示下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="177" />
        <source>Mute priority-1 alert sound</source>
        <translation>一级警情提示音静音</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="178" />
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="180" />
        <source>&amp;Desk</source>
        <translation>席位(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="214" />
        <source>Command Centre — {0} ({1})</source>
        <translation>指挥中心 — {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="238" />
        <source>This workstation may not create incidents</source>
        <translation>本席位无权新建警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="256" />
        <source>No camera within 1 km</source>
        <translation>1 公里内没有摄像头</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="297" />
        <source>New priority-1 incident {0}</source>
        <translation>新的一级警情 {0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="305" />
        <source>Alert sound off</source>
        <translation>提示音已关闭</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="305" />
        <source>Alert sound on</source>
        <translation>提示音已开启</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="385" />
        <source>{0} order(s) NOT acknowledged by the field terminal — see Orders to the field (Ctrl+O)</source>
        <translation>{0} 条指令未获一线终端确认 — 见“下达一线的指令”（Ctrl+O）</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../widgets/map/view.py" line="147" />
        <source>Fit open incidents</source>
        <translation>显示未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="148" />
        <source>Zoom to every open incident</source>
        <translation>缩放至全部未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="150" />
        <source>Follow selected unit</source>
        <translation>跟随所选警力</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="176" />
        <source>Incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="177" />
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="178" />
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="179" />
        <source>Opinion alerts</source>
        <translation>舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="180" />
        <source>Incident density</source>
        <translation>警情密度</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="181" />
        <source>Districts</source>
        <translation>辖区边界</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="182" />
        <source>New incident here…</source>
        <translation>在此新建警情…</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="183" />
        <source>Cameras near here</source>
        <translation>附近摄像头</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="184" />
        <source>Fit all open incidents</source>
        <translation>显示全部未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="185" />
        <source>stale position fix</source>
        <translation>定位陈旧</translation>
    </message>
</context>
<context>
    <name>NewIncidentDialog</name>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="26" />
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="37" />
        <source>What the caller reports</source>
        <translation>报警人所述</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="39" />
        <source>Street and number, landmark…</source>
        <translation>街道门牌、地标…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="41" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="42" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="43" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="44" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="45" />
        <source>Location</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>OrderModel</name>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="122" />
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="123" />
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="124" />
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="125" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="126" />
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="127" />
        <source>Waited</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="163" />
        <source>Dispatched from another desk or by CAD; recorded at {0}</source>
        <translation>由其他席位或接处警系统调派；记录于 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="168" />
        <source>The field terminal has not confirmed this order: it may not have arrived. Reach the unit by radio or phone.</source>
        <translation>一线终端未确认该指令：可能未送达。请通过电台或电话联系该警力。</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="95" />
        <source>Orders to the field</source>
        <translation>下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="100" />
        <source>My commands</source>
        <translation>我的指令</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/orders.py" line="187" />
        <source>%n order(s) NOT ACKNOWLEDGED — call: {0}</source>
        <extracomment>Orders escalated right now (unacknowledged past the store's threshold).</extracomment>
        <translation><numerusform>%n 条指令未确认 — 请联系：{0}</numerusform></translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="80" />
        <location filename="../../widgets/dispatch/orders_model.py" line="210" />
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="88" />
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="98" />
        <source>{0} by terminal</source>
        <translation>{0} 终端确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="99" />
        <source>{0} by phone</source>
        <translation>{0} 电话确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="100" />
        <source>{0} confirmed by the operator</source>
        <translation>{0} 席位人工确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="104" />
        <source>{0} via {1}</source>
        <translation>{0} 经 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="109" />
        <source>NOT ACKNOWLEDGED {0} — call the unit</source>
        <translation>未确认 {0} — 请联系该警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="112" />
        <source>awaiting acknowledgement ({0})</source>
        <translation>等待确认（{0}）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="183" />
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="184" />
        <source>Update incident</source>
        <translation>更新警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="185" />
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="186" />
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="187" />
        <source>Set unit status</source>
        <translation>设置警力状态</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="188" />
        <source>Acknowledge alert</source>
        <translation>确认舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="189" />
        <source>Link alert</source>
        <translation>关联舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="192" />
        <source>(earlier session)</source>
        <translation>（先前会话）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="198" />
        <source>refused: {0} — {1}</source>
        <translation>被拒绝：{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="199" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="203" />
        <source>accepted {0}</source>
        <translation>已受理 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="207" />
        <source>sent {0}</source>
        <translation>已发送 {0}</translation>
    </message>
</context>
<context>
    <name>RecommendationModel</name>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="36" />
        <source>{0} km</source>
        <translation>{0} 公里</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="42" />
        <source>{0} m/s</source>
        <translation>{0} 米/秒</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="48" />
        <source>stale fix</source>
        <translation>定位陈旧</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="50" />
        <source>fatigued</source>
        <translation>疲劳</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="56" />
        <source>{0} × {1} road ÷ {2} = {3}</source>
        <translation>{0} × 道路系数 {1} ÷ {2} = {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="63" />
        <source>; fix age unknown</source>
        <translation>；定位时间未知</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="65" />
        <source>; fix {0} old</source>
        <translation>；定位于 {0} 前</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="69" />
        <source>; stale fix: + {0} penalty, ranked as {1}</source>
        <translation>；定位陈旧：加罚 {0}，按 {1} 排序</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="73" />
        <source>; crew fatigued (long shift)</source>
        <translation>；人员疲劳（长时间值勤）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="82" />
        <source>Callsign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="83" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="84" />
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="85" />
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="86" />
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="87" />
        <source>Fix age</source>
        <translation>定位时长</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="88" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="89" />
        <source>Why</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>ServiceIndicator</name>
    <message>
        <location filename="../../console/shell/status.py" line="109" />
        <source>● {0} {1} · data {2}</source>
        <translation>● {0} {1} · 数据 {2}</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../console/shell/status.py" line="157" />
        <source>role unknown</source>
        <translation>角色未知</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="158" />
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
</context>
<context>
    <name>UnitBoardPanel</name>
    <message>
        <location filename="../../widgets/units/board.py" line="62" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="71" />
        <source>Search callsign, unit, station, incident…</source>
        <translation>搜索呼号、警力、派出所、警情…</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="73" />
        <source>Show off duty</source>
        <translation>显示下班警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="99" />
        <source>Grouped by station, then callsign</source>
        <translation>按派出所、再按呼号分组</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="198" />
        <source>{0} of {1} units shown</source>
        <translation>显示 {0} / {1} 个警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="204" />
        <source>All stations</source>
        <translation>全部派出所</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="207" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
</context>
<context>
    <name>UnitSummaryStrip</name>
    <message>
        <location filename="../../widgets/units/summary.py" line="64" />
        <source>{0} {1}</source>
        <extracomment>The order of the strip: from "ready to send" to "not working".</extracomment>
        <translation>{0} {1}</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../widgets/units/cells.py" line="40" />
        <source>Callsign</source>
        <extracomment>Columns whose text changes with the clock alone (adjacent: one ``dataChanged`` a tick).</extracomment>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="41" />
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="42" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="43" />
        <source>Station</source>
        <translation>派出所</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="44" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="45" />
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="46" />
        <source>In status</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="47" />
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="48" />
        <source>Last fix</source>
        <translation>最近定位</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="96" />
        <source>{0} h</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="120" />
        <source>Data for this unit is stale: its feed or its position fix is old.</source>
        <translation>该警力数据陈旧：数据流或定位已过时。</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="125" />
        <source>District {0}</source>
        <translation>辖区 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="130" />
        <source>Not known yet: no status change seen since the console started.</source>
        <translation>尚不可知：控制台启动以来未见状态变化。</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="134" />
        <source>In this status since {0}</source>
        <translation>自 {0} 起处于此状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="139" />
        <source>Fatigue: on duty longer than {0} h</source>
        <translation>疲劳：在岗超过 {0} 小时</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="145" />
        <source>No position reported</source>
        <translation>未上报位置</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="147" />
        <source>Stale fix at {0}: the unit may be elsewhere</source>
        <translation>{0} 的定位已陈旧：警力可能已不在此处</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="150" />
        <source>Fix at {0}</source>
        <translation>定位于 {0}</translation>
    </message>
</context>
<context>
    <name>category</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="45" />
        <source>Theft</source>
        <translation>盗窃</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="46" />
        <source>Burglary</source>
        <translation>入室盗窃</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="47" />
        <source>Traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="48" />
        <source>Assault</source>
        <translation>伤害</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="49" />
        <source>Fraud</source>
        <translation>诈骗</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="50" />
        <source>Fire</source>
        <translation>火情</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="51" />
        <source>Dispute</source>
        <translation>纠纷</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="52" />
        <source>Missing person</source>
        <translation>人员走失</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="53" />
        <source>Noise</source>
        <translation>噪音扰民</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="54" />
        <source>Suspicious person</source>
        <translation>可疑人员</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="55" />
        <source>Medical</source>
        <translation>医疗救助</translation>
    </message>
</context>
<context>
    <name>command-centre</name>
    <message>
        <location filename="../../console/app.py" line="61" />
        <source>command-centre: {0}</source>
        <translation>command-centre：{0}</translation>
    </message>
</context>
<context>
    <name>connection</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="66" />
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="67" />
        <source>live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="68" />
        <source>resyncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="69" />
        <source>OFFLINE</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="70" />
        <source>UNAUTHORIZED</source>
        <translation>未授权</translation>
    </message>
</context>
<context>
    <name>kind</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="34" />
        <source>Patrol car</source>
        <translation>巡逻车</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="35" />
        <source>Motorbike</source>
        <translation>摩托车</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="36" />
        <source>Foot patrol</source>
        <translation>步巡</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="37" />
        <source>Community officer</source>
        <translation>社区民警</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="38" />
        <source>Drone</source>
        <translation>无人机</translation>
    </message>
</context>
<context>
    <name>priority</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="61" />
        <source>P{0}</source>
        <translation>{0}级</translation>
    </message>
</context>
<context>
    <name>sla</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="77" />
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="78" />
        <source>near target</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="79" />
        <source>BREACHED</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="80" />
        <source>met</source>
        <translation>已达成</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="10" />
        <source>New</source>
        <translation>新警情</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="11" />
        <location filename="../../widgets/common/labels.py" line="23" />
        <source>Dispatched</source>
        <translation>已调派</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="12" />
        <location filename="../../widgets/common/labels.py" line="24" />
        <source>En route</source>
        <translation>途中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="13" />
        <location filename="../../widgets/common/labels.py" line="25" />
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="14" />
        <source>Resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="15" />
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="22" />
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="26" />
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="27" />
        <source>Off duty</source>
        <translation>下班</translation>
    </message>
</context>
</TS>