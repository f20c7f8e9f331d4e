"""110 calls: categories, their priorities and work times, and the callers' summaries.

Summaries are short statements of what happened, written in Chinese and English; the
source adds its lead (a caller, a patrol, a CCTV operator, online posts). Placeholders:
``{p}``/``{pe}`` the place in Chinese/English. Summaries describe events, never who
anyone is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from services.backend.sim.places import Named, tidy_en


@dataclass(frozen=True)
class Category:
    """One kind of incident and how it is usually handled."""

    name: str
    weight: float
    priorities: tuple[tuple[int, float], ...]
    #: minutes of work on scene, range
    work_min: tuple[float, float]
    #: share of calls the call-taker settles on the phone (no unit needed)
    phone_share: float
    summaries: tuple[tuple[str, str], ...]
    #: a drone may usefully be sent
    drones: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category(
        "theft",
        14,
        ((3, 0.7), (2, 0.2), (4, 0.1)),
        (10, 30),
        0.2,
        (
            ("{p}一辆电动车被盗", "e-bike stolen at {pe}"),
            ("{p}商店内手机被盗", "phone stolen inside a shop at {pe}"),
            ("{p}停放车辆车窗被砸，财物被盗", "car window smashed and valuables taken at {pe}"),
            ("{p}快递包裹被人拿走", "parcels taken from a doorstep at {pe}"),
        ),
    ),
    Category(
        "burglary",
        5,
        ((2, 0.6), (3, 0.4)),
        (20, 40),
        0.0,
        (
            ("{p}住户家中被盗，门锁被撬", "home broken into at {pe}, lock forced"),
            ("{p}店铺夜间被撬，现金丢失", "shop broken into overnight at {pe}, cash missing"),
        ),
    ),
    Category(
        "traffic_accident",
        16,
        ((2, 0.5), (3, 0.35), (1, 0.15)),
        (15, 40),
        0.0,
        (
            ("{p}两车相撞，道路部分堵塞", "two cars collided at {pe}, road partly blocked"),
            ("{p}电动车与轿车碰撞，有人受伤", "e-bike and car collided at {pe}, one injured"),
            ("{p}货车侧翻，车流缓慢", "lorry overturned at {pe}, traffic slow"),
            ("{p}追尾事故，无人受伤", "rear-end collision at {pe}, no injuries"),
        ),
        drones=True,
    ),
    Category(
        "assault",
        5,
        ((1, 0.45), (2, 0.5), (3, 0.05)),
        (15, 40),
        0.0,
        (
            ("{p}有人打架，一人头部流血", "fight at {pe}, one person bleeding from the head"),
            ("{p}多人斗殴", "brawl involving several people at {pe}"),
        ),
    ),
    Category(
        "fraud",
        9,
        ((3, 0.6), (4, 0.3), (2, 0.1)),
        (10, 30),
        0.6,
        (
            (
                "接到冒充客服电话被骗转账，报案地点{p}",
                "scammed by a fake customer-service call, reported from {pe}",
            ),
            ("网购刷单被骗，报案地点{p}", "online order-brushing scam, reported from {pe}"),
            ("{p}有人推销假冒保健品", "fake health products being sold at {pe}"),
        ),
    ),
    Category(
        "fire",
        3,
        ((1, 0.7), (2, 0.3)),
        (20, 40),
        0.0,
        (
            ("{p}楼内冒出浓烟", "thick smoke coming from a building at {pe}"),
            ("{p}一辆汽车起火", "car on fire at {pe}"),
            ("{p}餐馆厨房起火", "restaurant kitchen fire at {pe}"),
        ),
        drones=True,
    ),
    Category(
        "dispute",
        15,
        ((3, 0.6), (2, 0.25), (4, 0.15)),
        (10, 30),
        0.15,
        (
            ("{p}邻里因停车发生纠纷", "neighbours arguing over parking at {pe}"),
            ("{p}顾客与商家发生争执", "customer and shopkeeper arguing at {pe}"),
            ("{p}出租车乘客与司机纠纷", "taxi passenger and driver in a dispute at {pe}"),
        ),
    ),
    Category(
        "missing_person",
        2,
        ((2, 0.6), (1, 0.4)),
        (20, 40),
        0.0,
        (
            (
                "{p}一名七岁儿童走失，穿红色外套",
                "7-year-old child missing at {pe}, wearing a red coat",
            ),
            (
                "{p}一名老人外出未归，患有失智症",
                "elderly person with dementia missing since leaving {pe}",
            ),
        ),
        drones=True,
    ),
    Category(
        "noise",
        12,
        ((4, 0.8), (3, 0.2)),
        (5, 15),
        0.4,
        (
            ("{p}深夜装修噪音扰民", "late-night renovation noise at {pe}"),
            ("{p}广场舞音响声音过大", "loud square-dance music at {pe}"),
            ("{p}酒吧音乐声过大", "loud music from a bar at {pe}"),
        ),
    ),
    Category(
        "suspicious_person",
        7,
        ((3, 0.6), (2, 0.4)),
        (5, 20),
        0.0,
        (
            ("{p}有人在停车场逐个拉车门", "someone trying car doors in a car park at {pe}"),
            ("{p}有人长时间在小区门口徘徊", "someone loitering at a residential gate at {pe}"),
        ),
        drones=True,
    ),
    Category(
        "medical",
        6,
        ((2, 0.5), (1, 0.4), (3, 0.1)),
        (10, 25),
        0.0,
        (
            ("{p}有人晕倒在路边", "person collapsed by the road at {pe}"),
            ("{p}一名老人摔倒无法起身", "elderly person fell and cannot get up at {pe}"),
        ),
    ),
    Category(
        "lost_property",
        4,
        ((4, 1.0),),
        (5, 15),
        0.8,
        (
            ("在{p}丢失钱包", "wallet lost at {pe}"),
            ("在{p}遗失行李箱", "suitcase left behind at {pe}"),
        ),
    ),
    Category(
        "traffic_obstruction",
        5,
        ((3, 0.5), (4, 0.5)),
        (5, 15),
        0.3,
        (
            ("{p}车辆违停堵塞消防通道", "car parked across a fire lane at {pe}"),
            ("{p}信号灯故障，路口拥堵", "traffic lights out at {pe}, junction jammed"),
        ),
    ),
)

CATEGORY_BY_NAME = {category.name: category for category in CATEGORIES}

#: Where incidents come from, and the lead each source puts before the summary.
SOURCES: tuple[tuple[str, float, str, str], ...] = (
    ("call", 0.85, "报警人称", "Caller reports "),
    ("patrol", 0.07, "巡逻民警发现", "Patrol found "),
    ("video", 0.05, "视频巡查发现", "CCTV operator saw "),
    ("opinion", 0.03, "网络舆情：", "Online posts: "),
)
_SOURCE_LEADS = {name: (zh, en) for name, _, zh, en in SOURCES}

#: Work on scene for categories the table does not know (operator-created incidents).
DEFAULT_WORK_MIN = (10.0, 30.0)

_ENGLISH_CALLER = 0.08


@dataclass(frozen=True)
class Call:
    """A generated call: what, how urgent, and the summary in both languages."""

    category: Category
    priority: int
    source: str
    lang: str
    summary: str
    summary_en: str


def _weighted(rng: random.Random, pairs: tuple[tuple[int, float], ...]) -> int:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def make_call(rng: random.Random, place: Named) -> Call:
    """A random call about something at ``place``."""
    category = rng.choices(CATEGORIES, [c.weight for c in CATEGORIES])[0]
    priority = _weighted(rng, category.priorities)
    source = rng.choices([s[0] for s in SOURCES], [s[1] for s in SOURCES])[0]
    zh_text, en_text = rng.choice(category.summaries)
    lead_zh, lead_en = _SOURCE_LEADS[source]
    zh = lead_zh + zh_text.format(p=place.zh, pe=place.en)
    en = tidy_en(lead_en + en_text.format(p=place.zh, pe=place.en))
    lang = "en" if source == "call" and rng.random() < _ENGLISH_CALLER else "zh"
    return Call(category, priority, source, lang, en if lang == "en" else zh, en)


def work_minutes(category: str) -> tuple[float, float]:
    """Range of minutes the work on scene takes for a category."""
    known = CATEGORY_BY_NAME.get(category)
    return known.work_min if known else DEFAULT_WORK_MIN


def drones_help(category: str) -> bool:
    """Whether a drone is a sensible unit for the category."""
    known = CATEGORY_BY_NAME.get(category)
    return bool(known and known.drones)


def has_cjk(text: str) -> bool:
    """Whether the text contains CJK ideographs (a Chinese summary)."""
    return any("\u3400" <= ch <= "\u9fff" for ch in text)
