"""Public-opinion topics and synthetic posts about them.

Topics are about places and events - traffic, smoke, crowds, rumours to correct - never
about individuals: no user names, no person names, nothing that profiles anyone.
Placeholders: ``{p}``/``{pe}`` a place, ``{m}``/``{me}`` a landmark, ``{d}``/``{de}``
the district, each in Chinese/English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A kind of public-opinion signal and sample posts about it."""

    kind: str
    zh: str
    en: str
    #: typical sentiment of posts, -1 (angry, afraid) .. 1 (happy)
    sentiment: float
    posts: tuple[tuple[str, str], ...]
    #: share of alerts on this topic that spike (volume climbs, then decays)
    spike_share: float = 0.25


#: Platforms and their shares of alerts.
PLATFORMS: tuple[tuple[str, float], ...] = (
    ("weibo", 0.35),
    ("douyin", 0.3),
    ("wechat", 0.2),
    ("local_forum", 0.15),
)

BACKGROUND: tuple[Topic, ...] = (
    Topic(
        "traffic",
        "{p}道路拥堵",
        "traffic jam on {pe}",
        -0.4,
        (
            (
                "刚路过{p}，堵得一动不动，大家绕行吧",
                "Just passed {pe}, traffic at a standstill, take another route",
            ),
            ("{p}又堵了，二十分钟没挪几米", "{pe} jammed again, barely moved in twenty minutes"),
        ),
    ),
    Topic(
        "weather",
        "{p}积水严重",
        "flooding at {pe}",
        -0.4,
        (
            (
                "{p}积水快到膝盖了，车都开不过去",
                "Water almost knee-deep at {pe}, cars cannot get through",
            ),
            ("下雨后{p}路面全是水，注意安全", "{pe} flooded after the rain, be careful"),
        ),
        spike_share=0.4,
    ),
    Topic(
        "crowd",
        "{m}游客爆满",
        "tourist crowding at {me}",
        -0.1,
        (
            ("{m}人山人海，走路都难", "{me} is packed, hard to even walk"),
            ("周末别去{m}了，全是人", "Avoid {me} this weekend, it is crowded"),
        ),
    ),
    Topic(
        "rumour",
        "传言{d}学校停课",
        "rumour: schools in {de} closing",
        -0.3,
        (
            (
                "听说{d}明天学校停课，是真的吗？",
                "Heard schools in {de} close tomorrow, is it true?",
            ),
            (
                "群里都在传{d}停课，有官方消息吗",
                "Group chats say {de} schools are closing, any official word?",
            ),
        ),
        spike_share=0.5,
    ),
    Topic(
        "rumour",
        "网传{p}发生抢劫",
        "rumour: robbery at {pe}",
        -0.5,
        (
            (
                "网上说{p}有人抢劫，有人知道情况吗",
                "Posts say there was a robbery at {pe}, anyone know more?",
            ),
            (
                "{p}抢劫的消息是真的吗？求辟谣",
                "Is the robbery at {pe} real? Please confirm or deny",
            ),
        ),
        spike_share=0.4,
    ),
    Topic(
        "fraud",
        "冒充客服诈骗电话增多",
        "more scam calls impersonating customer service",
        -0.6,
        (
            (
                "又接到自称客服的电话让我转账，大家小心",
                "Another 'customer service' call asking for a transfer, beware",
            ),
            (
                "最近冒充快递理赔的诈骗电话很多",
                "Lots of scam calls pretending to be parcel compensation lately",
            ),
        ),
    ),
    Topic(
        "utility",
        "{d}部分小区停水",
        "water outage in parts of {de}",
        -0.5,
        (
            (
                "{d}这边停水一上午了，什么时候恢复？",
                "No water all morning here in {de}, when will it be back?",
            ),
        ),
    ),
    Topic(
        "noise",
        "{p}夜间施工噪音",
        "night construction noise near {pe}",
        -0.5,
        (
            (
                "{p}半夜还在施工，吵得睡不着",
                "Construction at {pe} going on past midnight, cannot sleep",
            ),
        ),
        spike_share=0.1,
    ),
    Topic(
        "consumer",
        "{m}商铺强制消费",
        "forced-purchase complaints at {me}",
        -0.6,
        (("在{m}被强制消费，大家注意", "Pressured into buying at {me}, watch out"),),
    ),
    Topic(
        "event",
        "{m}灯光秀",
        "light show at {me}",
        0.6,
        (
            ("{m}的灯光秀太美了", "The light show at {me} is beautiful"),
            (
                "今晚{m}灯光秀人很多，注意安全",
                "Big crowd at the {me} light show tonight, stay safe",
            ),
        ),
        spike_share=0.35,
    ),
    Topic(
        "crowd",
        "{p}人群聚集",
        "crowd gathering at {pe}",
        -0.3,
        (
            (
                "{p}聚了好多人，不知道发生了什么",
                "Lots of people gathering at {pe}, not sure what is going on",
            ),
        ),
        spike_share=0.35,
    ),
)

#: Topics raised by a real incident of a category: (category, chance, topic).
LINKED: tuple[tuple[str, float, Topic], ...] = (
    (
        "fire",
        0.7,
        Topic(
            "emerging_incident",
            "{p}附近冒烟",
            "smoke seen near {pe}",
            -0.6,
            (
                (
                    "{p}那边好大的烟，消防车来了吗？",
                    "Huge smoke near {pe}, are fire engines on the way?",
                ),
                ("路过{p}闻到很浓的焦味", "Strong burning smell passing {pe}"),
                ("{p}着火了，窗户里往外冒烟", "Fire at {pe}, smoke pouring out of windows"),
            ),
            spike_share=1.0,
        ),
    ),
    (
        "traffic_accident",
        0.3,
        Topic(
            "emerging_incident",
            "{p}发生车祸",
            "crash on {pe}",
            -0.5,
            (
                ("{p}出车祸了，堵了好长一段", "Crash at {pe}, long tailback"),
                ("{p}事故，警察已经到了吗", "Accident at {pe}, are the police there yet?"),
            ),
            spike_share=1.0,
        ),
    ),
    (
        "assault",
        0.25,
        Topic(
            "emerging_incident",
            "{p}有人打架",
            "fight reported at {pe}",
            -0.7,
            (("{p}刚才有人打架，场面很乱", "A fight just broke out at {pe}, chaotic scene"),),
            spike_share=1.0,
        ),
    ),
)
