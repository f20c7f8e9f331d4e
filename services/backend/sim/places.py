"""Place names of the S-city: police stations, streets and landmarks per district.

Station names follow the real pattern (a sub-district or town name plus 派出所) with
approximate real coordinates; the world builder checks each point against the district
boundary and falls back to a point near the district centre. Streets and landmarks are
real Suzhou names, used to make addresses, camera names and social-media topics read
plausibly. Districts this table does not know get generic names.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple


class Named(NamedTuple):
    """A place name in Chinese and English."""

    zh: str
    en: str


class StationSite(NamedTuple):
    """A station locality: names and an approximate (lat, lon)."""

    zh: str
    en: str
    lat: float
    lon: float


def _sites(text: str) -> tuple[StationSite, ...]:
    rows = (line.split(",") for line in text.strip().splitlines())
    return tuple(StationSite(zh, en, float(lat), float(lon)) for zh, en, lat, lon in rows)


def _names(text: str) -> tuple[Named, ...]:
    rows = (line.split(",") for line in text.strip().splitlines())
    return tuple(Named(zh, en) for zh, en in rows)


#: District English name -> station localities (first ones are used first).
STATIONS: dict[str, tuple[StationSite, ...]] = {
    "Gusu": _sites("""
观前,Guanqian,31.311,120.626
平江,Pingjiang,31.320,120.632
双塔,Shuangta,31.297,120.628
金阊,Jinchang,31.318,120.600
沧浪,Canglang,31.292,120.610
虎丘,Huqiu,31.335,120.585
"""),
    "Huqiu": _sites("""
狮山,Shishan,31.297,120.560
枫桥,Fengqiao,31.305,120.545
浒墅关,Xushuguan,31.375,120.495
通安,Tong'an,31.340,120.450
科技城,Science City,31.335,120.430
"""),
    "Wuzhong": _sites("""
湖西,Huxi,31.315,120.700
长桥,Changqiao,31.265,120.620
娄葑,Loufeng,31.300,120.680
木渎,Mudu,31.262,120.515
湖东,Hudong,31.320,120.745
郭巷,Guoxiang,31.250,120.680
甪直,Luzhi,31.255,120.865
"""),
    "Xiangcheng": _sites("""
元和,Yuanhe,31.375,120.640
黄桥,Huangqiao,31.395,120.575
太平,Taiping,31.445,120.690
渭塘,Weitang,31.440,120.630
北桥,Beiqiao,31.470,120.615
"""),
    "Wujiang": _sites("""
松陵,Songling,31.160,120.645
盛泽,Shengze,30.915,120.650
同里,Tongli,31.160,120.720
平望,Pingwang,30.995,120.640
震泽,Zhenze,30.915,120.500
汾湖,Fenhu,31.020,120.800
"""),
    "Changshu": _sites("""
虞山,Yushan,31.660,120.730
琴川,Qinchuan,31.650,120.760
梅李,Meili,31.695,120.855
古里,Guli,31.615,120.855
海虞,Haiyu,31.725,120.810
支塘,Zhitang,31.590,120.930
"""),
    "Zhangjiagang": _sites("""
杨舍,Yangshe,31.875,120.555
塘桥,Tangqiao,31.840,120.640
金港,Jingang,31.955,120.430
锦丰,Jinfeng,31.940,120.630
乐余,Leyu,31.920,120.730
凤凰,Fenghuang,31.790,120.560
"""),
    "Kunshan": _sites("""
玉山,Yushan,31.385,120.975
花桥,Huaqiao,31.310,121.100
张浦,Zhangpu,31.285,120.950
陆家,Lujia,31.320,121.040
周庄,Zhouzhuang,31.115,120.845
千灯,Qiandeng,31.260,121.000
巴城,Bacheng,31.430,120.880
"""),
    "Taicang": _sites("""
城厢,Chengxiang,31.455,121.110
沙溪,Shaxi,31.560,121.050
浏河,Liuhe,31.510,121.260
浮桥,Fuqiao,31.600,121.200
双凤,Shuangfeng,31.480,121.030
璜泾,Huangjing,31.650,121.100
"""),
}

#: District English name -> streets.
STREETS: dict[str, tuple[Named, ...]] = {
    "Gusu": _names("""
人民路,Renmin Rd
干将路,Ganjiang Rd
观前街,Guanqian St
临顿路,Lindun Rd
十全街,Shiquan St
景德路,Jingde Rd
凤凰街,Fenghuang St
养育巷,Yangyu Ln
石路,Shilu
平门路,Pingmen Rd
南门路,Nanmen Rd
东环路,DongHuan Rd
"""),
    "Huqiu": _names("""
长江路,Changjiang Rd
狮山路,Shishan Rd
竹园路,Zhuyuan Rd
滨河路,Binhe Rd
玉山路,Yushan Rd
金山路,Jinshan Rd
塔园路,Tayuan Rd
何山路,Heshan Rd
运河路,Yunhe Rd
珠江路,Zhujiang Rd
"""),
    "Wuzhong": _names("""
现代大道,Xiandai Ave
星湖街,Xinghu St
苏州大道,Suzhou Ave
星海街,Xinghai St
旺墩路,Wangdun Rd
宝带路,Baodai Rd
东吴北路,Dongwu North Rd
吴中大道,Wuzhong Ave
友新路,Youxin Rd
苏蠡路,Suli Rd
金鸡湖大道,Jinjihu Ave
独墅湖大道,Dushuhu Ave
"""),
    "Xiangcheng": _names("""
相城大道,Xiangcheng Ave
华元路,Huayuan Rd
太阳路,Taiyang Rd
齐门北大街,Qimen North St
阳澄湖路,Yangchenghu Rd
澄阳路,Chengyang Rd
春申湖路,Chunshenhu Rd
御窑路,Yuyao Rd
"""),
    "Wujiang": _names("""
中山路,Zhongshan Rd
鲈乡路,Luxiang Rd
开平路,Kaiping Rd
松陵大道,Songling Ave
仲英大道,Zhongying Ave
流虹路,Liuhong Rd
笠泽路,Lize Rd
江兴路,Jiangxing Rd
"""),
    "Changshu": _names("""
海虞路,Haiyu Rd
黄河路,Huanghe Rd
青墩塘路,Qingduntang Rd
枫林路,Fenglin Rd
湖山路,Hushan Rd
衡山路,Hengshan Rd
虞山路,Yushan Rd
新世纪大道,Xinshiji Ave
"""),
    "Zhangjiagang": _names("""
暨阳路,Jiyang Rd
长安路,Chang'an Rd
沙洲路,Shazhou Rd
港城大道,Gangcheng Ave
华昌路,Huachang Rd
人民路,Renmin Rd
杨舍路,Yangshe Rd
国泰路,Guotai Rd
"""),
    "Kunshan": _names("""
前进路,Qianjin Rd
人民路,Renmin Rd
马鞍山路,Ma'anshan Rd
柏庐路,Bailu Rd
朝阳路,Chaoyang Rd
萧林路,Xiaolin Rd
黄河路,Huanghe Rd
长江路,Changjiang Rd
"""),
    "Taicang": _names("""
上海路,Shanghai Rd
县府街,Xianfu St
郑和路,Zhenghe Rd
北京路,Beijing Rd
太平路,Taiping Rd
东亭路,Dongting Rd
常胜路,Changsheng Rd
娄江路,Loujiang Rd
"""),
}

#: District English name -> landmarks (crowded places: stations, sights, malls, parks).
LANDMARKS: dict[str, tuple[Named, ...]] = {
    "Gusu": _names("""
苏州火车站,Suzhou Railway Station
平江路历史街区,Pingjiang Road Historic District
拙政园,Humble Administrator's Garden
山塘街,Shantang Street
石路步行街,Shilu Pedestrian Street
留园,Lingering Garden
"""),
    "Huqiu": _names("""
苏州新区火车站,Suzhou New District Station
狮山广场,Shishan Square
苏州乐园,Suzhou Amusement Land
太湖大堤,Taihu Embankment
"""),
    "Wuzhong": _names("""
金鸡湖,Jinji Lake
苏州中心,Suzhou Center
东方之门,Gate to the East
木渎古镇,Mudu Ancient Town
石湖,Shihu Lake
独墅湖高教区,Dushu Lake Higher Education Town
"""),
    "Xiangcheng": _names("""
苏州北站,Suzhou North Station
阳澄湖,Yangcheng Lake
高铁新城,HSR New Town
活力岛,Vitality Island
"""),
    "Wujiang": _names("""
同里古镇,Tongli Ancient Town
东方丝绸市场,Eastern Silk Market
吴江万达,Wujiang Wanda Plaza
盛泽湖,Shengze Lake
"""),
    "Changshu": _names("""
虞山,Mount Yu
尚湖,Shang Lake
常熟服装城,Changshu Garment City
沙家浜,Shajiabang
"""),
    "Zhangjiagang": _names("""
步行街,Pedestrian Street
暨阳湖,Jiyang Lake
张家港港,Zhangjiagang Port
张家港站,Zhangjiagang Station
"""),
    "Kunshan": _names("""
周庄古镇,Zhouzhuang Ancient Town
昆山南站,Kunshan South Station
亭林公园,Tinglin Park
花桥商务城,Huaqiao Business Park
"""),
    "Taicang": _names("""
太仓港,Taicang Port
金仓湖,Jincang Lake
太仓南站,Taicang South Station
郑和公园,Zheng He Park
"""),
}

_GENERIC_STREETS = _names("""
人民路,Renmin Rd
中山路,Zhongshan Rd
解放路,Jiefang Rd
建设路,Jianshe Rd
新华路,Xinhua Rd
文化路,Wenhua Rd
""")

_GENERIC_LANDMARKS = _names("""
火车站,Railway Station
人民广场,People's Square
中心公园,Central Park
""")

#: Residential compounds (generic, not tied to any district).
ESTATES = _names("""
金桥花园,Jinqiao Garden
锦绣苑,Jinxiu Court
东港新村,Donggang Estate
翰林苑,Hanlin Court
美丽华庭,Meili Residence
玉兰公寓,Yulan Apartments
阳光城,Sunshine City
枫华苑,Fenghua Court
""")

_NUMERALS = "一二三四五六七八九十"


_DOUBLE_PREPOSITION = re.compile(r"\b(?:at|on|in|from|leaving|near) near ")


def tidy_en(text: str) -> str:
    """Smooth English filled from templates: ``at near X`` -> ``near X``."""
    return _DOUBLE_PREPOSITION.sub("near ", text)


def streets(name_en: str) -> tuple[Named, ...]:
    """The streets of a district (generic names for unknown districts)."""
    return STREETS.get(name_en, _GENERIC_STREETS)


def landmarks(name_en: str) -> tuple[Named, ...]:
    """The landmarks of a district (generic names for unknown districts)."""
    return LANDMARKS.get(name_en, _GENERIC_LANDMARKS)


def station_names(short_zh: str, name_en: str, index: int) -> Named:
    """Name of a district's ``index``-th station (0-based) when no locality is known."""
    numeral = _NUMERALS[index] if index < len(_NUMERALS) else str(index + 1)
    return Named(f"{short_zh}派出所{numeral}所", f"{name_en} Station {index + 1}")


def intersection(rng: random.Random, name_en: str) -> Named:
    """Two different streets of the district meeting: ``人民路与干将路口``."""
    first, second = rng.sample(streets(name_en), 2)
    return Named(f"{first.zh}与{second.zh}交叉口", f"{first.en} & {second.en}")


def place(rng: random.Random, name_en: str) -> Named:
    """A short place description for a caller's summary or a post: street or landmark."""
    roll = rng.random()
    if roll < 0.45:
        street = rng.choice(streets(name_en))
        return Named(street.zh, street.en)
    if roll < 0.75:
        return intersection(rng, name_en)
    mark = rng.choice(landmarks(name_en))
    return Named(f"{mark.zh}附近", f"near {mark.en}")


def address(rng: random.Random, district_zh: str, name_en: str) -> tuple[Named, Named]:
    """A street-ish address inside the district: (short form, full form with district)."""
    roll = rng.random()
    if roll < 0.4:
        street = rng.choice(streets(name_en))
        number = rng.randint(1, 999)
        short = Named(f"{street.zh}{number}号", f"{number} {street.en}")
    elif roll < 0.65:
        street = rng.choice(streets(name_en))
        estate = rng.choice(ESTATES)
        number, building = rng.randint(1, 600), rng.randint(1, 40)
        short = Named(
            f"{street.zh}{number}号{estate.zh}{building}幢",
            f"Bldg {building}, {estate.en}, {number} {street.en}",
        )
    elif roll < 0.88:
        short = intersection(rng, name_en)
    else:
        mark = rng.choice(landmarks(name_en))
        short = Named(f"{mark.zh}附近", f"near {mark.en}")
    return short, Named(f"{district_zh}{short.zh}", f"{short.en}, {name_en}")
