<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressSearch</name>
    <message>
        <location filename="../../widgets/incidents/address_search.py" line="54"/>
        <source>police station area</source>
        <translation>派出所辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/address_search.py" line="55"/>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/address_search.py" line="56"/>
        <source>landmark</source>
        <translation>地标</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/address_search.py" line="63"/>
        <source>{zh} {en} — {kind}, {district}</source>
        <translation>{zh} — {kind}，{district}</translation>
    </message>
</context>
<context>
    <name>AlertActionBar</name>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="24"/>
        <source>Link {0} · {1} · {2} min</source>
        <translation>关联 {0} · {1} · {2} 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="27"/>
        <source>Link {0} · {1} · {2} m · {3} min</source>
        <translation>关联 {0} · {1} · {2} 米 · {3} 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="54"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="56"/>
        <source>Tell the opinion service it has been seen</source>
        <translation>告知舆情系统已查看</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="58"/>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="63"/>
        <source>Incident id</source>
        <translation>警情编号</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="66"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="68"/>
        <source>Link the alert to the incident typed here</source>
        <translation>将舆情关联到此处输入的警情</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="70"/>
        <source>Incidents nearby:</source>
        <translation>附近警情：</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="110"/>
        <source>Centre the map on the alert</source>
        <translation>地图居中到该舆情</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/actions.py" line="112"/>
        <source>This alert has no location</source>
        <translation>此舆情没有位置</translation>
    </message>
</context>
<context>
    <name>AlertFilterBar</name>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="30"/>
        <source>Show alerts of this severity and above</source>
        <translation>显示此级别及以上的舆情</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="31"/>
        <source>Any severity</source>
        <translation>任意级别</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="34"/>
        <source>{0} and above</source>
        <translation>{0} 及以上</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="36"/>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="37"/>
        <source>All districts</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="38"/>
        <source>All topics</source>
        <translation>全部话题</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="46"/>
        <source>Search topic, excerpt, district…</source>
        <translation>搜索话题、摘录、辖区…</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/filter_bar.py" line="123"/>
        <source>{0} shown / {1}</source>
        <translation>显示 {0} / {1}</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="44"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="45"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="46"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="47"/>
        <source>Topic</source>
        <translation>话题</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="48"/>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="49"/>
        <source>Posts/10 min</source>
        <translation>帖子/10 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="50"/>
        <source>Sentiment</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="51"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="52"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="74"/>
        <source>acknowledging…</source>
        <translation>确认中…</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="78"/>
        <source>linking to {0}…</source>
        <translation>正在关联到 {0}…</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="82"/>
        <source>refused: {0}</source>
        <translation>被拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="87"/>
        <source>→ {0}</source>
        <translation>→ {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/cells.py" line="89"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>BackendProcess</name>
    <message>
        <location filename="../../console/embedded.py" line="146"/>
        <source>it exited with status {0}</source>
        <translation>其进程以状态 {0} 退出</translation>
    </message>
    <message>
        <location filename="../../console/embedded.py" line="153"/>
        <source>it did not listen within {0} s</source>
        <translation>{0} 秒内未开始监听</translation>
    </message>
    <message>
        <location filename="../../console/embedded.py" line="168"/>
        <source>{0}; the end of {1}:
{2}</source>
        <translation>{0}；{1} 的末尾：
{2}</translation>
    </message>
    <message>
        <location filename="../../console/embedded.py" line="169"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>CacheBanner</name>
    <message>
        <location filename="../../console/shell/status.py" line="218"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="233"/>
        <source>The local cache was damaged ({0}) and was moved aside to {1}; the console started with an empty cache.</source>
        <translation>本地缓存已损坏（{0}），已移至 {1}；控制台以空缓存启动。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="238"/>
        <source>The disk of the local cache {0} is full ({1}): nothing new is saved until room is made.</source>
        <translation>本地缓存 {0} 所在磁盘已满（{1}）：腾出空间前不会保存新数据。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="243"/>
        <source>The local cache {0} is read-only ({1}): the last saved picture is shown and nothing new is saved.</source>
        <translation>本地缓存 {0} 为只读（{1}）：显示最后保存的态势，不保存新数据。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="248"/>
        <source>The local cache {0} could not be used ({1}): the console started without one and saves nothing.</source>
        <translation>本地缓存 {0} 无法使用（{1}）：控制台在无缓存状态下启动，不保存任何数据。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="253"/>
        <source>{0} unanswered command(s) recovered from it will be sent.</source>
        <translation>从中恢复的 {0} 条未答复指令将被发送。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="273"/>
        <source>LOCAL CACHE NOT WRITABLE — {0}. New orders are NOT queued on disk: they are sent only while this console runs and is online.</source>
        <translation>本地缓存不可写 — {0}。新指令未保存到磁盘：仅在本控制台运行且在线时发送。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="282"/>
        <source>The local cache reached its size cap ({0} MB): the oldest history was removed to keep the disk from filling; history is kept from {1}.</source>
        <translation>本地缓存已达容量上限（{0} MB）：为防止磁盘写满已删除最早的历史；现保留自 {1} 起的历史。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="288"/>
        <source>LOCAL CACHE OVER ITS SIZE CAP — {0} MB used of {1} MB even with all history removed: raise [cache] max_mb in the configuration.</source>
        <translation>本地缓存超出容量上限 — 即使删除全部历史仍占用 {0} MB（上限 {1} MB）：请在配置中调高 [cache] max_mb。</translation>
    </message>
</context>
<context>
    <name>CameraListModel</name>
    <message>
        <location filename="../../widgets/video/camera_list.py" line="58"/>
        <source> (offline)</source>
        <translation>（离线）</translation>
    </message>
    <message>
        <location filename="../../widgets/video/camera_list.py" line="61"/>
        <source>RTSP/HTTP stream</source>
        <translation>RTSP/HTTP 视频流</translation>
    </message>
</context>
<context>
    <name>CameraListView</name>
    <message>
        <location filename="../../widgets/video/camera_list.py" line="148"/>
        <source>Search cameras</source>
        <translation>搜索摄像头</translation>
    </message>
    <message>
        <location filename="../../widgets/video/camera_list.py" line="175"/>
        <source>All districts</source>
        <translation>全部辖区</translation>
    </message>
</context>
<context>
    <name>CommandModel</name>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="336"/>
        <source>Issued</source>
        <translation>下达时间</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="336"/>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="336"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="336"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="360"/>
        <source>{0}
Command id {1}</source>
        <translation>{0}
指令编号 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="365"/>
        <source>The local cache could not store this command: it is sent while this console runs and is online, and lost if the console closes before it is answered. It is not in the local audit log.</source>
        <translation>本地缓存无法保存此指令：它会在本控制台运行且在线时发送；若在收到答复前关闭控制台，该指令将丢失。它不在本地审计日志中。</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../console/shell/status.py" line="130"/>
        <source>OFFLINE — {0}</source>
        <extracomment>why a service is down, from its status (state and detail) the services down now: their outage (first loss, cause)</extracomment>
        <translation>离线 — {0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="134"/>
        <source>. Showing the last known picture ({0} old). Orders are queued and sent when the link returns.</source>
        <translation>。显示最后已知态势（{0}前）。指令已排队，链路恢复后发送。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="141"/>
        <source>STALE — no fresh data for: {0}</source>
        <translation>数据陈旧 — 以下图层无新数据：{0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="166"/>
        <source>{0}: token refused — ask the administrator for a valid token (since {1})</source>
        <translation>{0}：令牌被拒绝 — 请向管理员索取有效令牌（自 {1} 起）</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="170"/>
        <source>{0}: TLS failure since {1} ({2})</source>
        <translation>{0}：自 {1} 起 TLS 失败（{2}）</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="172"/>
        <source>{0}: protocol error since {1} ({2})</source>
        <translation>{0}：自 {1} 起协议错误（{2}）</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="174"/>
        <source>{0}: not connected yet (trying since {1})</source>
        <translation>{0}：尚未连接（自 {1} 起尝试）</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="175"/>
        <source>{0} unreachable since {1}</source>
        <translation>{0} 自 {1} 起无法连接</translation>
    </message>
</context>
<context>
    <name>CoverageStrip</name>
    <message>
        <location filename="../../widgets/opinion/coverage_view.py" line="56"/>
        <source>Sources: {0}</source>
        <extracomment>each platform&apos;s line as shown at the last refresh the platforms flagged quiet at the last refresh</extracomment>
        <translation>来源：{0}</translation>
    </message>
</context>
<context>
    <name>DeploymentPanel</name>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="14"/>
        <source>{en}</source>
        <translation>{zh}</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="20"/>
        <source>night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="22"/>
        <source>morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="24"/>
        <source>afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="25"/>
        <source>evening</source>
        <translation>晚上</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="30"/>
        <source>no incidents</source>
        <translation>无警情</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="33"/>
        <source>{place}: heat {heat:.2f} ({kinds} · {period}), population {population:.2f}</source>
        <translation>{place}：热度 {heat:.2f}（{kinds} · {period}），人口 {population:.2f}</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="46"/>
        <source>Pressure covered within {minutes} min ({radius:.1f} km): units now {now:.0%} → suggested posts {suggested:.0%}</source>
        <translation>{minutes} 分钟（{radius:.1f} 公里）内覆盖的压力：当前警力 {now:.0%} → 建议岗位 {suggested:.0%}</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="59"/>
        <source>{units} units available · {posts} posts · {uncovered} high-pressure cells left uncovered · {incidents} incidents weighed for this hour</source>
        <translation>可用警力 {units} · 岗位 {posts} · 未覆盖高压力网格 {uncovered} · 本时段计入警情 {incidents}</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="70"/>
        <source>the units already cover more than the suggested posts would: stay</source>
        <translation>现有警力覆盖已超过建议岗位：保持原位</translation>
    </message>
    <message>
        <location filename="../../widgets/common/deployment_text.py" line="77"/>
        <source>Plan for {hour:02d}:00</source>
        <translation>{hour:02d}:00 的方案</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="78"/>
        <source>The hour of the day to plan for (its next start)</source>
        <extracomment>how often the number of available units is compared with the plan&apos;s (a change of it — the first units arriving, a shift change — recomputes without waiting a minute) a new plan was made (UI thread)</extracomment>
        <translation>要规划的时段（下一个开始时刻）</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="84"/>
        <source>Follow the clock</source>
        <translation>跟随时钟</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="88"/>
        <source>Keep the plan on the current hour</source>
        <translation>方案保持在当前小时</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="91"/>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="98"/>
        <source>Computing the plan…</source>
        <translation>正在计算方案…</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/panel.py" line="177"/>
        <source>The plan could not be made: {0}</source>
        <translation>无法生成方案：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="45"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="46"/>
        <source>Post and why</source>
        <translation>岗位及理由</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="47"/>
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="48"/>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="64"/>
        <source>{km:.1f} km</source>
        <translation>{km:.1f} 公里</translation>
    </message>
    <message>
        <location filename="../../widgets/deployment/posts_model.py" line="69"/>
        <source>{reason}
Pressure this post covers: {gain:.2f}</source>
        <translation>{reason}
该岗位覆盖的压力：{gain:.2f}</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="70"/>
        <source>Pressure (incident heat × population)</source>
        <translation>压力（警情热度 × 人口密度）</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="73"/>
        <source>Suggested posts</source>
        <translation>建议岗位</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="74"/>
        <source>Pressure for {hour:02d}:00</source>
        <translation>{hour:02d}:00 的压力</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="77"/>
        <source>incident heat →</source>
        <translation>警情热度 →</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="78"/>
        <source>population ↑</source>
        <translation>人口 ↑</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="79"/>
        <source>pressure = 0.6 × heat + 0.4 × population</source>
        <translation>压力 = 0.6 × 热度 + 0.4 × 人口</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="82"/>
        <source>heat {heat} · population {population} · pressure {pressure}</source>
        <translation>热度 {heat} · 人口 {population} · 压力 {pressure}</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="85"/>
        <source>suggested post</source>
        <translation>建议岗位</translation>
    </message>
    <message>
        <location filename="../../widgets/map/pressure.py" line="86"/>
        <source>red outline: a busy cell no post reaches in time</source>
        <translation>红色边框：无岗位能及时到达的高压力网格</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="169"/>
        <source>Read-only: this workstation may not dispatch units (role or replay).</source>
        <translation>只读：本席位无权调派警力（角色或回放模式）。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="190"/>
        <source>No incident selected</source>
        <translation>未选择警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="191"/>
        <source>Select an incident to see which units to send.</source>
        <translation>选择一个警情以查看可调派的警力。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="194"/>
        <source>{0}: no longer in the picture</source>
        <translation>{0}：已不在态势中</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="196"/>
        <source>Nothing to dispatch to.</source>
        <translation>没有可调派的目标。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="201"/>
        <source>No available unit with a known position.</source>
        <translation>没有位置已知的可用警力。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="207"/>
        <source>{0} · {1} · {2} · {3}</source>
        <translation>{0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="216"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="218"/>
        <source>Already assigned: {0}</source>
        <translation>已指派：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="263"/>
        <source>Dispatch selected ({0})</source>
        <translation>调派所选（{0}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/panel.py" line="288"/>
        <source>%n units in one order: {0}</source>
        <translation>
            <numerusform>一次调派 %n 个警力：{0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="292"/>
        <source>Confirm dispatch</source>
        <translation>确认调派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="293"/>
        <source>Send {0} to {1}?</source>
        <translation>派 {0} 前往 {1}？</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/panel.py" line="297"/>
        <source>Dispatch with this reason</source>
        <translation>按此理由调派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="95"/>
        <source>{0}: {1}, ETA {2} — best is {3} ({4}, ETA {5})</source>
        <translation>{0}：{1}，预计 {2} 到达 — 最佳为 {3}（{4}，预计 {5}）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="106"/>
        <source>{0}: on shift {1} h (fatigue limit {2} h)</source>
        <translation>{0}：已在岗 {1} 小时（疲劳上限 {2} 小时）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="109"/>
        <source>{0}: position unknown, its distance cannot be judged</source>
        <translation>{0}：位置未知，无法判断距离</translation>
    </message>
</context>
<context>
    <name>IncidentActionBar</name>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="57"/>
        <source>New priority (P1 is the most urgent)</source>
        <translation>新优先级（P1 最紧急）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="62"/>
        <source>New category</source>
        <translation>新类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="63"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="65"/>
        <source>Send the new priority and category to the CAD</source>
        <translation>将新的优先级和类别发送至接处警系统</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="71"/>
        <source>Add a note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="72"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="74"/>
        <source>Add the note to the incident (Enter)</source>
        <translation>为警情添加备注（回车）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="76"/>
        <source>Dispatch…</source>
        <translation>调派…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="78"/>
        <source>Choose units to send to this incident</source>
        <translation>选择派往该警情的警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="79"/>
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_actions.py" line="81"/>
        <source>Close the incident (asks for confirmation)</source>
        <translation>结束警情（需确认）</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPanel</name>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="96"/>
        <location filename="../../widgets/incidents/detail.py" line="230"/>
        <source>No incident selected</source>
        <extracomment>more sections under the notes, by object name (other panels&apos; views of one incident, e.g. its linked opinion alerts), composed by the panel registry units with an order not yet acknowledged: their lines count the wait each second</extracomment>
        <translation>未选择警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="155"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="156"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="157"/>
        <source>Reported</source>
        <translation>报警时间</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="158"/>
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="159"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="160"/>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="161"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="173"/>
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="174"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="175"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="234"/>
        <source>Incident {0} was removed: it is no longer in the situation picture.</source>
        <translation>警情 {0} 已移除：不再在态势中。</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="268"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="287"/>
        <source>{0} ({1} ago)</source>
        <translation>{0}（{1}前）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="294"/>
        <source>no SLA clock running</source>
        <translation>无时限计时</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="297"/>
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="297"/>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="299"/>
        <source>{0}: {1} left of {2} — {3}</source>
        <translation>{0}：{2} 目标剩余 {1} — {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="301"/>
        <source>{0}: {1} over the {2} target — {3}</source>
        <translation>{0}：超出 {2} 目标 {1} — {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="389"/>
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="390"/>
        <source>Close incident {0}?</source>
        <translation>结束警情 {0}？</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail.py" line="391"/>
        <source>Closed incidents leave the queue.</source>
        <translation>结束的警情将离开队列。</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="39"/>
        <location filename="../../widgets/incidents/detail_sections.py" line="45"/>
        <location filename="../../widgets/incidents/detail_sections.py" line="79"/>
        <source>{0} · {1}</source>
        <extracomment>How each kind of assignment line looks (colours from the shared theme).</extracomment>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="40"/>
        <source>unknown unit</source>
        <translation>未知警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="50"/>
        <source>NOT ACKNOWLEDGED {0} s — order may not have arrived</source>
        <translation>未确认 {0} 秒 — 指令可能未送达</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="56"/>
        <source>awaiting acknowledgement {0} s</source>
        <translation>等待确认 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="64"/>
        <source>confirmed by phone after {0} s</source>
        <translation>{0} 秒后电话确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="68"/>
        <source>acknowledged manually after {0} s</source>
        <translation>{0} 秒后人工确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="72"/>
        <source>acknowledged by terminal after {0} s</source>
        <translation>{0} 秒后终端确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="76"/>
        <source>acknowledged via {1} after {0} s</source>
        <translation>{0} 秒后经 {1} 确认</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="94"/>
        <source>No unit assigned</source>
        <translation>未指派警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="157"/>
        <source>{0}  {1}</source>
        <translation>{0}  {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/detail_sections.py" line="180"/>
        <source>No notes</source>
        <translation>无备注</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="107"/>
        <source>Opinion alerts</source>
        <extracomment>default share of its area&apos;s length (height left/right, width top/bottom) beside the area&apos;s other untabbed panels, e.g. units 0.55 and orders 0.45 side by side below built on first show (or first read of ``window.&lt;attribute&gt;``), not with the window</extracomment>
        <translation>舆情预警</translation>
    </message>
</context>
<context>
    <name>IncidentFilterBar</name>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="47"/>
        <source>Search id, summary, address…</source>
        <translation>搜索编号、摘要、地址…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="87"/>
        <source>Show incidents with these statuses</source>
        <translation>显示以下状态的警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="97"/>
        <source>All but closed</source>
        <translation>除已结束外全部</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="103"/>
        <source>All districts</source>
        <translation>全部辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="104"/>
        <source>Show one district only</source>
        <translation>只显示一个辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="109"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="110"/>
        <source>Show one category only</source>
        <translation>只显示一个类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="115"/>
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="118"/>
        <source>Show one priority only</source>
        <translation>只显示一个优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="131"/>
        <source>{0} shown / {1} open</source>
        <translation>显示 {0} / 未结 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="190"/>
        <source>Status: all but closed</source>
        <translation>状态：除已结束外</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="192"/>
        <source>Status: all</source>
        <translation>状态：全部</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="194"/>
        <source>Status: none</source>
        <translation>状态：无</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/filter_bar.py" line="197"/>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="26"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="25"/>
        <source>Pri</source>
        <translation>级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="30"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="29"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="32"/>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="33"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="31"/>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="28"/>
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="27"/>
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="55"/>
        <source>dispatch {0} / {1}</source>
        <translation>调派 {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="57"/>
        <source>on scene {0} / {1}</source>
        <translation>到场 {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="127"/>
        <source>SLA: met or no longer running</source>
        <translation>时限：已达成或不再计时</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="129"/>
        <source>Dispatch clock (from the report to a unit dispatched): target {0}, remaining {1} — {2}</source>
        <translation>调派时限（从报警到派出警力）：目标 {0}，剩余 {1} — {2}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="135"/>
        <source>On-scene clock (from the report to a unit on scene): target {0}, remaining {1} — {2}</source>
        <translation>到场时限（从报警到警力到场）：目标 {0}，剩余 {1} — {2}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/cells.py" line="146"/>
        <source>The incident feed is stale: this may be old.</source>
        <translation>警情数据陈旧：此信息可能已过时。</translation>
    </message>
</context>
<context>
    <name>IntakeSuggestionsView</name>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="38"/>
        <source>Suggestions from the caller&apos;s words (confirm or change)</source>
        <extracomment>the call-taker accepted one suggestion: &quot;category&quot;, &quot;priority&quot; or &quot;place&quot; a new suggestion was made for the current text</extracomment>
        <translation>根据报警人描述的建议（确认或修改）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="53"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="54"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="55"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="63"/>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="73"/>
        <source>Accept all</source>
        <translation>全部采纳</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="124"/>
        <source>{zh} {en} ({district})</source>
        <translation>{zh}（{district}）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="139"/>
        <source>{0:.0%}</source>
        <translation>{0:.0%}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="142"/>
        <source>from: {0}</source>
        <translation>依据：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="144"/>
        <source>also in: {0}</source>
        <translation>也在：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/intake_view.py" line="146"/>
        <source>not in that district: {0}</source>
        <translation>不在该辖区：{0}</translation>
    </message>
</context>
<context>
    <name>LinkedAlertsList</name>
    <message>
        <location filename="../../widgets/opinion/linked.py" line="22"/>
        <source>{0} · {1} · {2} posts/10 min · {3}</source>
        <translation>{0} · {1} · {2} 帖/10 分钟 · {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/linked.py" line="77"/>
        <source>No linked opinion alert</source>
        <translation>没有关联的舆情</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/shell/panels.py" line="116"/>
        <source>Incidents</source>
        <translation>警情列表</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="126"/>
        <source>Incident detail</source>
        <translation>警情详情</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="142"/>
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="152"/>
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="165"/>
        <source>Orders to the field</source>
        <translation>下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="177"/>
        <source>Opinion</source>
        <translation>舆情</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="181"/>
        <source>Show opinion alerts</source>
        <translation>显示舆情</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="189"/>
        <source>Opinion trends</source>
        <translation>舆情趋势</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="200"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="204"/>
        <source>Show the video wall</source>
        <translation>显示视频墙</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="212"/>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="216"/>
        <source>Show the replay controls</source>
        <translation>显示回放控制</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="225"/>
        <source>Deployment</source>
        <translation>动态布警</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="229"/>
        <source>Show the deployment plan</source>
        <translation>显示布警方案</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="156"/>
        <source>Show units</source>
        <translation>显示警力</translation>
    </message>
    <message>
        <location filename="../../console/shell/panels.py" line="169"/>
        <source>Show orders to the field</source>
        <translation>显示下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="263"/>
        <source>A panel failed to update ({0}: {1}); the log has the details.</source>
        <extracomment>after a first start&apos;s showMaximized, the window manager may size the window a moment later: the default dock sizes are applied again on each resize within this long the one repaint tick every panel follows (ages, SLA clocks, escalations) asked before the window closes (True: quit); None: close without asking (a window built by code). :meth:`show_desk` sets it on a live desk; tests replace it.</extracomment>
        <translation>有面板更新失败（{0}：{1}）；详情见日志。</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="290"/>
        <source>Command Centre — {0} ({1})</source>
        <translation>指挥中心 — {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="325"/>
        <source>Alert {0} is hidden by the feed&apos;s filters or gone</source>
        <translation>舆情 {0} 被筛选条件隐藏或已不存在</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="332"/>
        <source>Alert {0} has no location</source>
        <translation>舆情 {0} 没有位置</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="339"/>
        <source>Opinion warning: {0}</source>
        <translation>舆情预警：{0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="343"/>
        <source>This workstation may not create incidents</source>
        <translation>本席位无权新建警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="366"/>
        <source>No camera within 1 km</source>
        <translation>1 公里内没有摄像头</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="417"/>
        <source>New priority-1 incident {0}</source>
        <translation>新的一级警情 {0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="425"/>
        <source>Alert sound off</source>
        <translation>提示音已关闭</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="425"/>
        <source>Alert sound on</source>
        <translation>提示音已开启</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="509"/>
        <source>Quit Command Centre</source>
        <translation>退出指挥中心</translation>
    </message>
    <message>
        <location filename="../../console/shell/main_window.py" line="511"/>
        <source>Quit Command Centre? This workstation stops showing the live picture and sounding priority-1 alerts.</source>
        <translation>退出指挥中心？本席位将不再显示实时态势，也不再发出一级警情提示音。</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="398"/>
        <source>{0} order(s) NOT acknowledged by the field terminal — see Orders to the field (Ctrl+O)</source>
        <translation>{0} 条指令未获一线终端确认 — 见“下达一线的指令”（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="32"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="38"/>
        <source>New incident…</source>
        <translation>新建警情…</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="39"/>
        <source>Find incident</source>
        <translation>查找警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="42"/>
        <source>Dispatch selected incident</source>
        <translation>调派所选警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="47"/>
        <source>&amp;Incidents</source>
        <translation>警情(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="57"/>
        <source>Mute priority-1 alert sound</source>
        <translation>一级警情提示音静音</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="63"/>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="67"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../console/shell/menus.py" line="69"/>
        <source>&amp;Desk</source>
        <translation>席位(&amp;D)</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../widgets/map/view.py" line="164"/>
        <source>Fit open incidents</source>
        <translation>显示未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="165"/>
        <source>Zoom to every open incident</source>
        <translation>缩放至全部未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/view.py" line="167"/>
        <source>Follow selected unit</source>
        <translation>跟随所选警力</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="25"/>
        <source>Incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="26"/>
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="27"/>
        <location filename="../../widgets/map/texts.py" line="45"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="28"/>
        <source>Opinion alerts</source>
        <translation>舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="29"/>
        <source>Incident density</source>
        <translation>警情密度</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="30"/>
        <source>Districts</source>
        <translation>辖区边界</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="31"/>
        <source>New incident here…</source>
        <translation>在此新建警情…</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="32"/>
        <source>Cameras near here</source>
        <translation>附近摄像头</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="33"/>
        <source>Fit all open incidents</source>
        <translation>显示全部未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="34"/>
        <source>stale position fix</source>
        <translation>定位陈旧</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="35"/>
        <source>posts/10 min</source>
        <translation>帖/10 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="36"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="37"/>
        <source>Watch</source>
        <translation>关注</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="38"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="39"/>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="41"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="42"/>
        <source>Incidents: colour is the priority</source>
        <translation>警情：颜色表示优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="43"/>
        <source>Incidents: shape is the status</source>
        <translation>警情：形状表示状态</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="44"/>
        <source>Units: colour is the status, the arrow the heading</source>
        <translation>警力：颜色表示状态，箭头表示行进方向</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="46"/>
        <source>Opinion alerts: colour is the severity, size the posts/10 min</source>
        <translation>舆情预警：颜色表示严重程度，大小表示每 10 分钟帖数</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="49"/>
        <source>Incident density: open incidents per 2 km square</source>
        <translation>警情密度：每 2 公里方格内的未结警情</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="50"/>
        <source>(faded when zoomed in to street level)</source>
        <translation>（放大到街道级别时淡化）</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="52"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="53"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="54"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="55"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="56"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="57"/>
        <source>Volume</source>
        <translation>帖量</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="58"/>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="59"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="60"/>
        <source>Not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="62"/>
        <source>{en}</source>
        <comment>district name on the map: {en} English, {zh} Chinese</comment>
        <translation>{zh}</translation>
    </message>
    <message>
        <location filename="../../widgets/map/texts.py" line="81"/>
        <source>{name} · {metres} m · {status}</source>
        <translation>{name} · {metres} 米 · {status}</translation>
    </message>
</context>
<context>
    <name>NewIncidentDialog</name>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="49"/>
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="77"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="78"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="75"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="56"/>
        <source>What the caller says</source>
        <translation>报警人所述</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="59"/>
        <source>Choose a category…</source>
        <translation>选择类别…</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="69"/>
        <source>Street and number, landmark… (type to search the city&apos;s places)</source>
        <translation>街道门牌、地标…（输入以搜索本市地点）</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="79"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="80"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="126"/>
        <source>none yet: accept a place, or use “New incident here” on the map</source>
        <translation>尚无：采纳一个地点，或在地图上使用“在此新建警情”</translation>
    </message>
    <message>
        <location filename="../../widgets/incidents/new_incident.py" line="132"/>
        <source>{lat:.5f}, {lon:.5f} (at {place}, {district})</source>
        <translation>{lat:.5f}, {lon:.5f}（{place}，{district}）</translation>
    </message>
</context>
<context>
    <name>OpinionEscalationBanner</name>
    <message>
        <location filename="../../widgets/opinion/warnings_view.py" line="165"/>
        <source>{0} critical opinion warning(s) NOT acknowledged — {1} — see Opinion (Ctrl+Shift+O)</source>
        <translation>{0} 条紧急舆情预警未确认 — {1} — 见舆情（Ctrl+Shift+O）</translation>
    </message>
</context>
<context>
    <name>OpinionTrendsPanel</name>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="77"/>
        <source>Busiest topics</source>
        <extracomment>the topics&apos; plot shows at least this much time, even with less history the topics were redrawn (tests and the benchmark count redraws)</extracomment>
        <translation>最热话题</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="79"/>
        <source>Posts per 10 min, by topic</source>
        <translation>每 10 分钟帖子数（按话题）</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="83"/>
        <source>Sentiment (mean ± spread)</source>
        <translation>情绪（均值 ± 离散度）</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="91"/>
        <source>Incidents per hour, by category</source>
        <translation>每小时警情数（按类别）</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="276"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/trends.py" line="281"/>
        <source>sentiment {0}</source>
        <translation>情绪 {0}</translation>
    </message>
</context>
<context>
    <name>OrderModel</name>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="177"/>
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="178"/>
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="179"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="180"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="181"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="182"/>
        <source>Waited</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="183"/>
        <source>By</source>
        <translation>调派人</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="252"/>
        <source>Dispatched by the CAD itself</source>
        <translation>由接处警系统自动调派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="262"/>
        <source>Dispatched from another desk or by CAD; recorded at {0}</source>
        <translation>由其他席位或接处警系统调派；记录于 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="257"/>
        <source>The field terminal has not confirmed this order: it may not have arrived. Reach the unit by radio or phone.</source>
        <translation>一线终端未确认该指令：可能未送达。请通过电台或电话联系该警力。</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="98"/>
        <source>Recall unit…</source>
        <translation>召回警力…</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="99"/>
        <source>Reassign to another incident…</source>
        <translation>改派到其他警情…</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="118"/>
        <source>Orders to the field</source>
        <translation>下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="123"/>
        <source>My commands</source>
        <translation>我的指令</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="168"/>
        <source>Recall unit</source>
        <extracomment>Orders escalated right now (unacknowledged past the store&apos;s threshold).</extracomment>
        <translation>召回警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="169"/>
        <source>Take {0} off {1}? It becomes available.</source>
        <translation>将 {0} 撤出 {1}？该警力将恢复可用。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="173"/>
        <location filename="../../widgets/dispatch/orders_model.py" line="278"/>
        <source>Recall</source>
        <translation>召回</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="189"/>
        <source>Reassign unit</source>
        <translation>改派警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="190"/>
        <source>Move {0} from {1} to:</source>
        <translation>将 {0} 从 {1} 改派到：</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="191"/>
        <source>No other open incident.</source>
        <translation>没有其他未结警情。</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="192"/>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders.py" line="215"/>
        <source>{0} · {1} · {2} · {3}</source>
        <translation>{0} · {1} · {2} · {3}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/dispatch/orders.py" line="310"/>
        <source>%n order(s) NOT ACKNOWLEDGED — call: {0}</source>
        <translation>
            <numerusform>%n 条指令未确认 — 请联系：{0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="297"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="131"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="106"/>
        <source>CAD</source>
        <extracomment>how long a new or changed order stays highlighted, in seconds the hello ``client`` name of the desk that dispatched it (``None``: the CAD itself) how a console says hello: ``console/0.1 ws-12 (duty-commander-3)`` (older: no operator)</extracomment>
        <translation>接处警</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="141"/>
        <source>{0} by terminal</source>
        <translation>{0} 终端确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="142"/>
        <source>{0} by phone</source>
        <translation>{0} 电话确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="143"/>
        <source>{0} confirmed by the operator</source>
        <translation>{0} 席位人工确认</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="147"/>
        <source>{0} via {1}</source>
        <translation>{0} 经 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="152"/>
        <source>NOT ACKNOWLEDGED {0} — call the unit</source>
        <translation>未确认 {0} — 请联系该警力</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="155"/>
        <source>awaiting acknowledgement ({0})</source>
        <translation>等待确认（{0}）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="277"/>
        <source>Dispatch</source>
        <translation>调派</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="279"/>
        <source>Update incident</source>
        <translation>更新警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="280"/>
        <source>New incident</source>
        <translation>新建警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="281"/>
        <source>Close incident</source>
        <translation>结束警情</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="282"/>
        <source>Set unit status</source>
        <translation>设置警力状态</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="283"/>
        <source>Acknowledge alert</source>
        <translation>确认舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="284"/>
        <source>Link alert</source>
        <translation>关联舆情预警</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="287"/>
        <source>(earlier session)</source>
        <translation>（先前会话）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="296"/>
        <source>queuing…</source>
        <translation>排队中…</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="301"/>
        <source>NOT queued: {0}</source>
        <translation>未排队：{0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="308"/>
        <source>refused: {0} — {1}</source>
        <translation>被拒绝：{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="309"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="313"/>
        <source>accepted {0}</source>
        <translation>已受理 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/orders_model.py" line="317"/>
        <source>sent {0}</source>
        <translation>已发送 {0}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../widgets/common/reason.py" line="64"/>
        <source>Reason (required, recorded in the notes and audit):</source>
        <translation>理由（必填，记入警情备注和审计）：</translation>
    </message>
    <message>
        <location filename="../../widgets/common/reason.py" line="69"/>
        <source>Why is this right?</source>
        <translation>为何如此处置？</translation>
    </message>
</context>
<context>
    <name>RecommendationModel</name>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="46"/>
        <source>{0} km</source>
        <extracomment>Shown by default, so a ~440-pixel dock needs no horizontal scrolling: kind, speed and fix age are in the compact &quot;why&quot; (and all of it in every cell&apos;s tooltip).</extracomment>
        <translation>{0} 公里</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="52"/>
        <source>{0} m/s</source>
        <translation>{0} 米/秒</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="58"/>
        <source>stale fix</source>
        <translation>定位陈旧</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="60"/>
        <source>fatigued</source>
        <translation>疲劳</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="66"/>
        <source>{0} × {1} road ÷ {2} = {3}</source>
        <translation>{0} × 道路系数 {1} ÷ {2} = {3}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="73"/>
        <source>; fix age unknown</source>
        <translation>；定位时间未知</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="75"/>
        <source>; fix {0} old</source>
        <translation>；定位于 {0}前</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="79"/>
        <source>; stale fix: + {0} penalty, ranked as {1}</source>
        <translation>；定位陈旧：加罚 {0}，按 {1} 排序</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="83"/>
        <source>; crew fatigued (long shift)</source>
        <translation>；人员疲劳（长时间值勤）</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="118"/>
        <source>fix {0}</source>
        <translation>定位 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="122"/>
        <source> +{0} stale</source>
        <translation> +{0} 陈旧</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="125"/>
        <source> · {0} {1}</source>
        <translation> · {0} {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="135"/>
        <source>Callsign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="136"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="137"/>
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="138"/>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="139"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="140"/>
        <source>Fix age</source>
        <translation>定位时长</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="141"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../widgets/dispatch/recommendations.py" line="142"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <location filename="../../console/replay/source.py" line="132"/>
        <source>replay: recorded as a trainee action, not sent</source>
        <extracomment>what the shell shows (watermark, title): a replay of a recording 0..1 while a seek rebuilds the picture, 1.0 when it stands at the clock the moment the store was last brought to (the clock&apos;s reading when delivered) incidents, operator actions and warnings over time (None until built)</extracomment>
        <translation>回放：记录为学员操作，未发送</translation>
    </message>
    <message>
        <location filename="../../console/replay/source.py" line="174"/>
        <source>replay of {0}</source>
        <translation>{0} 的回放</translation>
    </message>
</context>
<context>
    <name>ReplayControls</name>
    <message>
        <location filename="../../widgets/replay/controls.py" line="75"/>
        <source>Next event</source>
        <translation>下一事件</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="76"/>
        <source>Stand at the next recorded change</source>
        <translation>跳到下一个记录的变化</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="78"/>
        <source>Next incident</source>
        <translation>下一警情</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="79"/>
        <source>Stand where the next incident was first seen</source>
        <translation>跳到下一警情首次出现处</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="83"/>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="85"/>
        <source>{0}×</source>
        <translation>{0}×</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="97"/>
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="98"/>
        <source>Stand at this moment</source>
        <translation>停在此刻</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="155"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="155"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="157"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="157"/>
        <source>playing {0}×</source>
        <translation>{0}× 播放中</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="160"/>
        <source>{0} UTC · {1}</source>
        <translation>{0} UTC · {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="167"/>
        <source>Loading… %p%</source>
        <translation>正在加载… %p%</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/controls.py" line="167"/>
        <source>Indexing… %p%</source>
        <translation>正在建立索引… %p%</translation>
    </message>
</context>
<context>
    <name>ReplayPanel</name>
    <message>
        <location filename="../../widgets/replay/panel.py" line="71"/>
        <source>Not replaying. Open a recording with Replay ▸ Open recording…</source>
        <translation>未在回放。通过 回放 ▸ 打开录制… 打开录制文件</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/panel.py" line="81"/>
        <source>Trainee actions (not sent)</source>
        <translation>学员操作（未发送）</translation>
    </message>
</context>
<context>
    <name>ReplayTimeline</name>
    <message>
        <location filename="../../widgets/replay/timeline.py" line="52"/>
        <source>Drag to seek</source>
        <extracomment>the operator asked to stand at this moment (seconds since the epoch)</extracomment>
        <translation>拖动以定位</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../console/replay/report.py" line="45"/>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="45"/>
        <source>MISSED</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="51"/>
        <location filename="../../console/replay/report.py" line="95"/>
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="52"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="53"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="54"/>
        <source>First seen (UTC)</source>
        <translation>首次出现（UTC）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="55"/>
        <source>Reported at</source>
        <translation>报警时间</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="56"/>
        <source>Dispatch (s)</source>
        <translation>调派用时（秒）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="57"/>
        <location filename="../../console/replay/report.py" line="60"/>
        <source>Target (s)</source>
        <translation>目标（秒）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="58"/>
        <source>Dispatch SLA</source>
        <translation>调派时限</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="59"/>
        <source>On scene (s)</source>
        <translation>到场用时（秒）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="61"/>
        <source>On-scene SLA</source>
        <translation>到场时限</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="62"/>
        <source>Status at end</source>
        <translation>结束时状态</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="63"/>
        <source>Units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="64"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="70"/>
        <source>open at start</source>
        <translation>开始时未结</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="94"/>
        <location filename="../../console/replay/report.py" line="117"/>
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="96"/>
        <source>Dispatched at</source>
        <translation>调派时间</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="97"/>
        <location filename="../../console/replay/report.py" line="144"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="98"/>
        <source>Wait (s)</source>
        <translation>等待（秒）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="107"/>
        <source>NEVER</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="118"/>
        <source>Callsign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="119"/>
        <location filename="../../console/replay/report.py" line="258"/>
        <source>Incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="120"/>
        <source>Busy (min)</source>
        <translation>忙碌（分钟）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="121"/>
        <source>Hours on duty</source>
        <translation>在岗小时</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="122"/>
        <source>Fatigued</source>
        <translation>疲劳</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="131"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="140"/>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="141"/>
        <source>Topic</source>
        <translation>话题</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="142"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="143"/>
        <source>Raised (UTC)</source>
        <translation>发出（UTC）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="154"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="164"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="165"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="166"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="167"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="168"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="169"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="176"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="190"/>
        <source>trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="194"/>
        <source>not sent (replay)</source>
        <translation>未发送（回放）</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="259"/>
        <source>Orders to the field</source>
        <translation>下达一线的指令</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="260"/>
        <source>Units: workload and fatigue</source>
        <translation>警力：工作量与疲劳</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="261"/>
        <source>Opinion warnings</source>
        <translation>舆情预警</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="263"/>
        <source>Operator and trainee actions</source>
        <translation>操作员与学员操作</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="271"/>
        <source>Recorded events over time</source>
        <translation>记录事件随时间分布</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="275"/>
        <source>Time to dispatch per incident (s); the line is the target</source>
        <translation>各警情调派用时（秒）；横线为目标</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="279"/>
        <source>{0} incidents, {1} orders ({2} never acknowledged), {3} opinion warnings</source>
        <translation>警情 {0} 起，指令 {1} 条（{2} 条从未确认），舆情预警 {3} 条</translation>
    </message>
    <message>
        <location filename="../../console/replay/report.py" line="282"/>
        <source>After-action report: {0} to {1} UTC</source>
        <translation>事后评估报告：{0} 至 {1} UTC</translation>
    </message>
</context>
<context>
    <name>ServiceIndicator</name>
    <message>
        <location filename="../../console/shell/status.py" line="323"/>
        <source>● {0} {1} · data {2}</source>
        <translation>● {0} {1} · 数据 {2}</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="332"/>
        <source>token refused — ask the administrator for a valid token</source>
        <translation>令牌被拒绝 — 请向管理员索取有效令牌</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <location filename="../../console/shell/errors.py" line="50"/>
        <source>Command Centre could not start</source>
        <translation>指挥中心无法启动</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../console/shell/status.py" line="375"/>
        <source>role unknown</source>
        <translation>角色未知</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="376"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
</context>
<context>
    <name>TraineeActionsTable</name>
    <message>
        <location filename="../../widgets/replay/panel.py" line="42"/>
        <source>Replay time</source>
        <translation>回放时间</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/panel.py" line="42"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/panel.py" line="42"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../widgets/replay/panel.py" line="42"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../console/shell/training.py" line="45"/>
        <source>TRAINING</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="46"/>
        <source>TRAINING SANDBOX — commands go to the sandbox, never to live services</source>
        <translation>训练沙盒 — 指令发往沙盒，绝不发往实战系统</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="51"/>
        <source>REPLAY</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="52"/>
        <source>REPLAY — commands are recorded as trainee actions and never sent</source>
        <translation>回放 — 指令记录为学员操作，绝不发送</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="172"/>
        <source>Open recording</source>
        <extracomment>the first workstation whose wall was recorded (a desk shows one wall)</extracomment>
        <translation>打开录制</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="174"/>
        <source>Recordings (*.sqlite3 *.ccr *.db);;All files (*)</source>
        <translation>录制文件 (*.sqlite3 *.ccr *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="185"/>
        <source>&amp;Replay</source>
        <translation>回放(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="187"/>
        <source>Open recording…</source>
        <translation>打开录制…</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="194"/>
        <source>After-action report…</source>
        <translation>事后评估报告…</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="198"/>
        <source>Fork training sandbox from here</source>
        <translation>从此处分叉训练沙盒</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="210"/>
        <source>Save after-action report</source>
        <translation>保存事后评估报告</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="212"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="221"/>
        <source>Report written: {0}</source>
        <translation>报告已写入：{0}</translation>
    </message>
    <message>
        <location filename="../../console/shell/training.py" line="233"/>
        <source>Fork from here</source>
        <translation>从此处分叉</translation>
    </message>
</context>
<context>
    <name>UnitBoardPanel</name>
    <message>
        <location filename="../../widgets/units/board.py" line="74"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="83"/>
        <source>Search callsign, unit, station, incident…</source>
        <translation>搜索呼号、警力、派出所、警情…</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="85"/>
        <source>Show off duty</source>
        <translation>显示下班警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="97"/>
        <source>Back in service (available)</source>
        <translation>恢复执勤（可用）</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="101"/>
        <source>Out of service…</source>
        <translation>暂停执勤…</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="124"/>
        <source>Grouped by station, then callsign</source>
        <translation>按派出所、再按呼号分组</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="209"/>
        <source>Out of service</source>
        <translation>暂停执勤</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="210"/>
        <source>Take {0} out of service?</source>
        <translation>让 {0} 暂停执勤？</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="212"/>
        <source>Set status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="214"/>
        <source>New status:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="261"/>
        <source>{0} of {1} units shown</source>
        <translation>显示 {0} / {1} 个警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="267"/>
        <source>All stations</source>
        <translation>全部派出所</translation>
    </message>
    <message>
        <location filename="../../widgets/units/board.py" line="270"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
</context>
<context>
    <name>UnitSummaryStrip</name>
    <message>
        <location filename="../../widgets/units/summary.py" line="64"/>
        <source>{0} {1}</source>
        <extracomment>The order of the strip: from &quot;ready to send&quot; to &quot;not working&quot;.</extracomment>
        <translation>{0} {1}</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../widgets/units/cells.py" line="41"/>
        <source>Callsign</source>
        <extracomment>Columns whose text changes with the clock alone (adjacent: one ``dataChanged`` a tick).</extracomment>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="42"/>
        <source>Unit</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="43"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="44"/>
        <source>Station</source>
        <translation>派出所</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="46"/>
        <source>Incident</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="47"/>
        <source>In status</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="48"/>
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="49"/>
        <source>Last fix</source>
        <translation>最近定位</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="50"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="99"/>
        <source>{0} h</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="123"/>
        <source>Data for this unit is stale: its feed or its position fix is old.</source>
        <translation>该警力数据陈旧：数据流或定位已过时。</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="128"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="132"/>
        <source>District {0}</source>
        <translation>辖区 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="137"/>
        <source>Not known yet: no status change seen since the console started.</source>
        <translation>尚不可知：控制台启动以来未见状态变化。</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="141"/>
        <source>In this status since {0}</source>
        <translation>自 {0} 起处于此状态</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="146"/>
        <source>Fatigue: on duty longer than {0} h</source>
        <translation>疲劳：在岗超过 {0} 小时</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="152"/>
        <source>No position reported</source>
        <translation>未上报位置</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="154"/>
        <source>Stale fix at {0}: the unit may be elsewhere</source>
        <translation>{0} 的定位已陈旧：警力可能已不在此处</translation>
    </message>
    <message>
        <location filename="../../widgets/units/cells.py" line="157"/>
        <source>Fix at {0}</source>
        <translation>定位于 {0}</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../widgets/video/tile.py" line="140"/>
        <source>Drop a camera here</source>
        <extracomment>seconds without a frame before a tile says NO SIGNAL (the wall ticks every 0.5 s, so a stopped stream is shown as such within 2.5 s)</extracomment>
        <translation>将摄像头拖放到此处</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="142"/>
        <source>CONNECTING…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="173"/>
        <location filename="../../widgets/video/tile.py" line="245"/>
        <source>NO SIGNAL</source>
        <translation>无信号</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="175"/>
        <source>no frame received</source>
        <translation>未收到画面</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="177"/>
        <source>last frame {0} ago, at {1}</source>
        <translation>最后一帧在 {0}前，{1}</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="181"/>
        <source>the camera is offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="194"/>
        <source>last frame {0}</source>
        <translation>最后一帧 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="196"/>
        <source>no frame yet</source>
        <translation>尚无画面</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="243"/>
        <source>LIVE</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../widgets/video/tile.py" line="244"/>
        <source>CONNECTING</source>
        <translation>连接中</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../widgets/video/layouts.py" line="36"/>
        <source>1 × 1</source>
        <translation>1 × 1</translation>
    </message>
    <message>
        <location filename="../../widgets/video/layouts.py" line="37"/>
        <source>2 × 2</source>
        <translation>2 × 2</translation>
    </message>
    <message>
        <location filename="../../widgets/video/layouts.py" line="38"/>
        <source>3 × 3</source>
        <translation>3 × 3</translation>
    </message>
    <message>
        <location filename="../../widgets/video/layouts.py" line="39"/>
        <source>4 × 4</source>
        <translation>4 × 4</translation>
    </message>
    <message>
        <location filename="../../widgets/video/layouts.py" line="43"/>
        <source>1 + 5</source>
        <translation>1 + 5</translation>
    </message>
</context>
<context>
    <name>VideoWallPanel</name>
    <message>
        <location filename="../../widgets/video/panel.py" line="110"/>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="112"/>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="114"/>
        <source>Follow the selected incident</source>
        <translation>跟随所选警情</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="117"/>
        <source>Follow new priority-1 incidents</source>
        <translation>跟随新的一级警情</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="121"/>
        <location filename="../../widgets/video/panel.py" line="321"/>
        <source>Detach to screen</source>
        <translation>分离到屏幕</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="127"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="129"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="259"/>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="259"/>
        <source>Name of the view</source>
        <translation>视图名称</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="271"/>
        <source>(choose a view)</source>
        <translation>（选择视图）</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="282"/>
        <source>Screen {0}</source>
        <translation>屏幕 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="294"/>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="299"/>
        <source>The video wall is on screen {0}</source>
        <translation>视频墙在屏幕 {0} 上</translation>
    </message>
    <message>
        <location filename="../../widgets/video/panel.py" line="301"/>
        <source>Back to the desk</source>
        <translation>回到席位</translation>
    </message>
</context>
<context>
    <name>WallStation</name>
    <message>
        <location filename="../../console/shell/wall_station.py" line="73"/>
        <source>Video wall — {0}</source>
        <translation>视频墙 — {0}</translation>
    </message>
</context>
<context>
    <name>WarningList</name>
    <message>
        <location filename="../../widgets/opinion/warnings_view.py" line="39"/>
        <source>Acknowledge warning</source>
        <translation>确认预警</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/warnings_view.py" line="41"/>
        <source>I have seen this warning</source>
        <translation>我已看到此预警</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/warnings_view.py" line="102"/>
        <source>Early warnings: {0} unacknowledged</source>
        <translation>预警：{0} 条未确认</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/warnings_view.py" line="104"/>
        <source>Early warnings: none</source>
        <translation>预警：无</translation>
    </message>
</context>
<context>
    <name>camera</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="122"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="123"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>category</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="45"/>
        <source>Theft</source>
        <translation>盗窃</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="46"/>
        <source>Burglary</source>
        <translation>入室盗窃</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="47"/>
        <source>Traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="48"/>
        <source>Assault</source>
        <translation>伤害</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="49"/>
        <source>Fraud</source>
        <translation>诈骗</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="50"/>
        <source>Fire</source>
        <translation>火情</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="51"/>
        <source>Dispute</source>
        <translation>纠纷</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="52"/>
        <source>Missing person</source>
        <translation>人员走失</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="53"/>
        <source>Noise</source>
        <translation>噪音扰民</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="54"/>
        <source>Suspicious person</source>
        <translation>可疑人员</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="55"/>
        <source>Medical</source>
        <translation>医疗救助</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="56"/>
        <source>Lost property</source>
        <translation>失物</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="57"/>
        <source>Traffic obstruction</source>
        <translation>交通阻塞</translation>
    </message>
</context>
<context>
    <name>command-centre</name>
    <message>
        <location filename="../../console/app.py" line="104"/>
        <source>command-centre: {0}</source>
        <translation>command-centre：{0}</translation>
    </message>
</context>
<context>
    <name>connection</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="68"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="69"/>
        <source>live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="70"/>
        <source>resyncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="71"/>
        <source>OFFLINE</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="72"/>
        <source>UNAUTHORIZED</source>
        <translation>未授权</translation>
    </message>
</context>
<context>
    <name>duration</name>
    <message>
        <location filename="../../widgets/common/format.py" line="16"/>
        <source>{s}s</source>
        <translation>{s}秒</translation>
    </message>
    <message>
        <location filename="../../widgets/common/format.py" line="19"/>
        <source>{m}m {s:02d}s</source>
        <translation>{m}分{s:02d}秒</translation>
    </message>
    <message>
        <location filename="../../widgets/common/format.py" line="22"/>
        <source>{h}h {m:02d}m</source>
        <translation>{h}小时{m:02d}分</translation>
    </message>
    <message>
        <location filename="../../widgets/common/format.py" line="24"/>
        <source>{d}d {h}h</source>
        <translation>{d}天{h}小时</translation>
    </message>
</context>
<context>
    <name>kind</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="34"/>
        <source>Patrol car</source>
        <translation>巡逻车</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="35"/>
        <source>Motorbike</source>
        <translation>摩托车</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="36"/>
        <source>Foot patrol</source>
        <translation>步巡</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="37"/>
        <source>Community officer</source>
        <translation>社区民警</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="38"/>
        <source>Drone</source>
        <translation>无人机</translation>
    </message>
</context>
<context>
    <name>layer</name>
    <message>
        <location filename="../../console/shell/status.py" line="27"/>
        <source>incidents</source>
        <translation>警情</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="28"/>
        <source>units</source>
        <translation>警力</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="29"/>
        <source>unit positions</source>
        <translation>警力定位</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="30"/>
        <source>cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../console/shell/status.py" line="31"/>
        <source>opinion alerts</source>
        <translation>舆情预警</translation>
    </message>
</context>
<context>
    <name>opinion</name>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="16"/>
        <source>Info</source>
        <extracomment>lowest first: the filter shows &quot;this severity and above&quot;</extracomment>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="17"/>
        <source>Watch</source>
        <translation>关注</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="18"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="19"/>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="26"/>
        <source>Weibo</source>
        <translation>微博</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="27"/>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="28"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="29"/>
        <source>Local forum</source>
        <translation>本地论坛</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="36"/>
        <source>{0} in {1}: {2} posts/{3} min, {4}σ above baseline</source>
        <translation>{1}{0}：{2} 帖/{3} 分钟，高于基线 {4}σ</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="40"/>
        <source>an unknown district</source>
        <translation>未知辖区</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="56"/>
        <source>peak {0} posts</source>
        <translation>峰值 {0} 帖</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="60"/>
        <source>going on for {0}</source>
        <translation>已持续 {0}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="65"/>
        <source>over</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="67"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="75"/>
        <source>{0} QUIET {1}</source>
        <translation>{0} 静默 {1}</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="79"/>
        <source>{0} not heard yet</source>
        <translation>{0} 尚无消息</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="80"/>
        <source>{0} {1}/min · {2} ago</source>
        <translation>{0} {1}/分钟 · {2}前</translation>
    </message>
    <message>
        <location filename="../../widgets/opinion/labels.py" line="88"/>
        <source>Opinion sources QUIET: {0}</source>
        <translation>舆情来源静默：{0}</translation>
    </message>
</context>
<context>
    <name>priority</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="63"/>
        <source>P{0}</source>
        <translation>{0}级</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="100"/>
        <source>commander</source>
        <translation>指挥长</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="101"/>
        <source>dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="102"/>
        <source>video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="103"/>
        <source>trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="104"/>
        <source>viewer</source>
        <translation>只读</translation>
    </message>
</context>
<context>
    <name>service</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="90"/>
        <source>CAD</source>
        <translation>接处警</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="91"/>
        <source>AVL</source>
        <translation>车辆定位</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="92"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="93"/>
        <source>Opinion</source>
        <translation>舆情</translation>
    </message>
</context>
<context>
    <name>sla</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="79"/>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="80"/>
        <source>near target</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="81"/>
        <source>BREACHED</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="82"/>
        <source>met</source>
        <translation>已达成</translation>
    </message>
</context>
<context>
    <name>source</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="112"/>
        <source>110 call</source>
        <translation>110 报警</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="113"/>
        <source>patrol report</source>
        <translation>巡逻发现</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="114"/>
        <source>video patrol</source>
        <translation>视频巡查</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="115"/>
        <source>online posts</source>
        <translation>网络舆情</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../widgets/common/labels.py" line="10"/>
        <source>New</source>
        <translation>新警情</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="11"/>
        <location filename="../../widgets/common/labels.py" line="23"/>
        <source>Dispatched</source>
        <translation>已调派</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="12"/>
        <location filename="../../widgets/common/labels.py" line="24"/>
        <source>En route</source>
        <translation>途中</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="13"/>
        <location filename="../../widgets/common/labels.py" line="25"/>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="14"/>
        <source>Resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="15"/>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="22"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="26"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../../widgets/common/labels.py" line="27"/>
        <source>Off duty</source>
        <translation>下班</translation>
    </message>
</context>
</TS>
