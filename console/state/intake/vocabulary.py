"""What callers say, per category: cue words (Chinese and English) and their weights.

Written from what each of the simulator's 13 categories means (the kinds of 110 call),
not from any test sentence. A Chinese cue matches as a substring; an English cue matches
whole words, each word also with one typo (two in long words; see ``matching.py``); a
cue of several words matches when they appear in order, close together. Weights: 3 for
a word that names the category ("burglary", 诈骗), 2 for a strong sign of it, 1 for a
word that only leans towards it.
"""

from __future__ import annotations

Cue = tuple[str, float]

# The tables read best a few cues to a line.
# fmt: off
CUES: dict[str, tuple[Cue, ...]] = {
    "theft": (
        ("偷", 2), ("小偷", 3), ("被盗", 2.5), ("盗窃", 3), ("扒手", 3), ("扒窃", 3),
        ("顺走", 2), ("拿走", 1), ("偷走", 3), ("被偷", 3), ("贼", 1.5), ("抢走", 2),
        ("飞车抢", 3), ("抢了", 1.5), ("电瓶", 1), ("砸车窗", 2), ("车窗被砸", 2),
        ("stole", 3), ("stolen", 3), ("steal", 3), ("stealing", 3), ("thief", 3),
        ("thieves", 3), ("theft", 3), ("pickpocket", 3), ("pickpocketed", 3),
        ("snatched", 2.5), ("nicked", 2), ("swiped", 2), ("shoplifting", 3),
        ("shoplifter", 3), ("robbed", 2), ("took my", 1.5), ("grabbed my", 1.5),
        ("window smashed", 2), ("smashed window", 2),
    ),
    "burglary": (
        ("入室", 3), ("撬门", 3), ("撬锁", 3), ("门锁被撬", 3), ("门被撬", 3), ("被撬", 2.5),
        ("撬开", 2.5), ("家里被盗", 3), ("家里进贼", 3), ("进贼", 2.5), ("进了小偷", 3),
        ("翻窗", 2), ("翻箱倒柜", 3), ("闯入", 2), ("破门", 2.5),
        ("burglary", 3), ("burglar", 3), ("burgled", 3), ("break in", 3), ("broke in", 3),
        ("broke into", 3), ("broken into", 3), ("breakin", 3), ("forced the door", 3),
        ("lock forced", 3), ("door forced", 3), ("pried", 2), ("jimmied", 2.5),
        ("ransacked", 3), ("got into my", 2), ("came through the window", 2),
    ),
    "traffic_accident": (
        ("车祸", 3), ("相撞", 3), ("撞", 2), ("追尾", 3), ("刮擦", 2.5), ("剐蹭", 2.5),
        ("侧翻", 3), ("翻车", 3), ("撞人", 3), ("被撞", 3), ("撞车", 3), ("交通事故", 3),
        ("肇事", 3), ("逃逸", 2), ("碰了", 1), ("撞了", 2.5), ("碰擦", 2.5), ("刮倒", 2.5),
        ("撞倒", 3),
        ("crash", 3), ("crashed", 3), ("collision", 3), ("collided", 3), ("accident", 2.5),
        ("hit by a car", 3), ("knocked down", 2), ("knocked over", 2), ("rear ended", 3),
        ("rear end", 3), ("overturned", 3), ("flipped over", 2.5), ("fender bender", 3),
        ("hit and run", 3), ("smashed into", 2.5), ("ran into", 1.5), ("hit a", 1.5),
        ("pile up", 3), ("pileup", 3),
    ),
    "assault": (
        ("打架", 3), ("打人", 3), ("斗殴", 3), ("殴打", 3), ("被打", 3), ("动手", 2),
        ("打起来", 3), ("群殴", 3), ("持刀", 3), ("砍人", 3), ("捅", 2.5), ("家暴", 3),
        ("施暴", 3), ("抢劫", 2), ("扭打", 3), ("挨打", 3), ("拳", 1.5), ("打伤", 3),
        ("打我", 2), ("打他", 2), ("打她", 2),
        ("fight", 3), ("fighting", 3), ("brawl", 3), ("punched", 3), ("punching", 3),
        ("beating", 2.5), ("beaten", 2.5), ("beat up", 3), ("attacked", 3), ("assault", 3),
        ("assaulted", 3), ("stabbed", 3), ("stabbing", 3), ("knife", 2), ("hitting", 2),
        ("kicked", 2), ("kicking", 2), ("domestic violence", 3), ("mugged", 2.5),
        ("mugging", 2.5), ("hit me", 2), ("hit him", 2), ("hit her", 2),
    ),
    "fraud": (
        ("骗", 2.5), ("被骗", 3), ("诈骗", 3), ("骗子", 3), ("转账", 1.5), ("刷单", 3),
        ("冒充", 2.5), ("客服", 1), ("假冒", 2), ("中奖", 2), ("杀猪盘", 3), ("验证码", 1.5),
        ("理财", 1), ("假货", 2), ("传销", 2.5), ("保健品", 1.5), ("骗钱", 3),
        ("scam", 3), ("scammed", 3), ("scammer", 3), ("fraud", 3), ("conned", 3),
        ("swindled", 3), ("cheated", 2), ("fake", 1.5), ("phishing", 3), ("counterfeit", 2),
        ("impersonating", 2), ("pretending to be", 2), ("transferred", 1.5),
        ("verification code", 1.5), ("refund", 1), ("investment", 1), ("wired", 1),
    ),
    "fire": (
        ("火", 2), ("着火", 3), ("起火", 3), ("失火", 3), ("冒烟", 2.5), ("浓烟", 3),
        ("火灾", 3), ("烧起来", 3), ("烧着", 2.5), ("爆炸", 2.5), ("火苗", 3), ("冒火", 3),
        ("fire", 3), ("smoke", 2.5), ("flames", 3), ("burning", 2.5), ("blaze", 3),
        ("explosion", 2.5), ("caught fire", 3), ("on fire", 3), ("smoking", 1),
    ),
    "dispute": (
        ("纠纷", 3), ("吵架", 3), ("争吵", 3), ("争执", 3), ("吵起来", 3), ("不给钱", 2),
        ("拒付", 2), ("闹事", 2), ("扯皮", 2), ("矛盾", 1.5), ("口角", 3), ("停车位", 1),
        ("讨薪", 3), ("欠薪", 3), ("房东", 1.5), ("押金", 1.5), ("不肯付", 2), ("赖账", 2),
        ("吵", 1), ("骂", 1.5),
        ("argument", 3), ("arguing", 3), ("argue", 2.5), ("dispute", 3), ("quarrel", 3),
        ("quarrelling", 3), ("row", 1), ("shouting", 1.5), ("yelling", 1.5),
        ("refuses to pay", 2.5), ("won't pay", 2), ("wont pay", 2), ("landlord", 1.5),
        ("deposit", 1.5), ("neighbour", 1), ("neighbor", 1), ("unpaid wages", 3),
    ),
    "missing_person": (
        ("走失", 3), ("失踪", 3), ("走丢", 3), ("没回家", 2.5), ("未归", 2.5),
        ("联系不上", 2), ("迷路", 2), ("老年痴呆", 2), ("失智", 2), ("找不到人", 3),
        ("missing", 2), ("went missing", 3), ("disappeared", 2), ("wandered off", 3),
        ("has not come home", 3), ("hasn't come home", 3), ("hasnt come home", 3),
        ("didn't come home", 3), ("didnt come home", 3), ("dementia", 2),
        ("can't find my", 1), ("cant find my", 1), ("lost my son", 3), ("lost my daughter", 3),
        ("lost my kid", 3), ("lost my child", 3),
    ),
    "noise": (
        ("噪音", 3), ("扰民", 3), ("装修", 2), ("广场舞", 3), ("音响", 2.5), ("音乐", 2),
        ("太吵", 3), ("吵死", 3), ("吵得", 2.5), ("声音太大", 3), ("大声", 1.5), ("喇叭", 2),
        ("施工", 1.5), ("半夜", 1), ("ktv", 2), ("唱歌", 2), ("电钻", 2.5),
        ("noise", 3), ("noisy", 3), ("loud", 2.5), ("music", 2), ("party", 1.5),
        ("renovation", 2), ("drilling", 2.5), ("construction", 1.5), ("karaoke", 2.5),
        ("square dance", 3), ("square dancing", 3), ("can't sleep", 2), ("cant sleep", 2),
        ("bass", 1.5), ("speakers", 2),
    ),
    "suspicious_person": (
        ("可疑", 3), ("鬼鬼祟祟", 3), ("徘徊", 3), ("形迹可疑", 3), ("跟踪", 2.5), ("尾随", 3),
        ("偷看", 2), ("拉车门", 3), ("踩点", 3), ("陌生人", 2), ("偷拍", 2.5), ("转悠", 2),
        ("盯着", 1.5), ("蹲守", 2),
        ("suspicious", 3), ("loitering", 3), ("hanging around", 2.5), ("lurking", 3),
        ("following me", 3), ("followed me", 3), ("stalking", 3), ("casing", 2.5),
        ("peeking", 2), ("peeping", 2.5), ("trying car doors", 3), ("trying doors", 3),
        ("strange man", 2.5), ("strange guy", 2.5), ("creepy", 2), ("watching the", 1),
        ("weird guy", 2), ("prowler", 3),
    ),
    "medical": (
        ("晕倒", 3), ("昏倒", 3), ("倒地", 2.5), ("摔倒", 2.5), ("不省人事", 3), ("昏迷", 3),
        ("抽搐", 3), ("心脏病", 3), ("呼吸困难", 3), ("急救", 2.5), ("救护车", 2.5),
        ("打120", 2.5), ("叫120", 2.5), ("中暑", 3), ("醉倒", 2.5), ("吐血", 3), ("不舒服", 2),
        ("起不来", 2.5),
        ("没有呼吸", 3), ("没呼吸", 3), ("发病", 2.5), ("晕过去", 3), ("躺在地上", 2),
        ("collapsed", 3), ("unconscious", 3), ("fainted", 3), ("passed out", 3),
        ("not breathing", 3), ("seizure", 3), ("heart attack", 3), ("ambulance", 2.5),
        ("can't get up", 2.5), ("cant get up", 2.5), ("fell down", 2), ("stroke", 2.5),
        ("chest pain", 3), ("lying on the ground", 2), ("not moving", 2), ("sick", 1.5),
    ),
    "lost_property": (
        ("丢了", 2), ("丢失", 2.5), ("遗失", 3), ("落在", 2.5), ("忘在", 3), ("掉了", 1.5),
        ("捡到", 3), ("拾到", 3), ("遗落", 3), ("弄丢", 3), ("落下", 1.5),
        ("lost my", 2.5), ("left my", 2.5), ("forgot my", 3), ("dropped my", 2.5),
        ("misplaced", 3), ("left behind", 2.5), ("found a", 1.5), ("lost property", 3),
        ("lost a", 2),
    ),
    "traffic_obstruction": (
        ("堵", 1.5), ("堵塞", 2.5), ("拥堵", 2.5), ("违停", 3), ("乱停", 3), ("挡住", 2),
        ("占道", 3), ("堵路", 3), ("红绿灯", 2.5), ("信号灯", 3), ("消防通道", 3),
        ("路障", 2.5), ("抛洒物", 3), ("掉落物", 3), ("井盖", 2.5), ("堵死", 2.5),
        ("堵住", 2.5), ("挡道", 3),
        ("blocking", 2.5), ("blocked", 2), ("parked across", 3), ("double parked", 3),
        ("illegally parked", 3), ("traffic jam", 2.5), ("gridlock", 2.5), ("jammed", 2),
        ("lights out", 3), ("traffic lights", 2.5), ("traffic light", 2.5), ("fire lane", 3),
        ("debris", 2.5), ("obstruction", 3), ("manhole", 2.5), ("fallen tree", 3),
    ),
}

#: Who a missing-person call is about; with "can't find"/"不见了" they make it one.
PERSON_WORDS: tuple[str, ...] = (
    "孩子", "小孩", "儿子", "女儿", "老人", "父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶",
    "外婆", "外公", "老公", "老婆", "丈夫", "妻子", "弟弟", "妹妹",
    "son", "daughter", "child", "kid", "boy", "girl", "grandma", "grandmother", "grandpa",
    "grandfather", "father", "mother", "dad", "mum", "mom", "husband", "wife", "brother",
    "sister",
)
#: "Gone" words: a person gone is missing; a thing gone is lost (or stolen, if said).
GONE_WORDS: tuple[str, ...] = (
    "不见了", "找不到", "找不着", "没找到", "can't find", "cant find", "cannot find",
    "gone", "lost",
)
#: Things people lose (with a gone word and no theft word: lost property).
THING_WORDS: tuple[str, ...] = (
    "钱包", "手机", "包", "钥匙", "身份证", "行李", "箱", "电脑", "证件", "卡",
    "wallet", "phone", "bag", "keys", "passport", "luggage", "suitcase", "laptop", "card",
    "backpack", "purse",
)

#: Words that make a call more urgent by one priority level; and those that mean P1.
URGENT: tuple[Cue, ...] = (
    ("正在", 1), ("还在", 1), ("快来", 1), ("赶紧", 1), ("马上", 1), ("受伤", 1), ("伤了", 1),
    ("多人", 1), ("一群", 1), ("now", 1), ("right now", 1), ("still here", 1),
    ("still there", 1), ("hurry", 1), ("quick", 1), ("quickly", 1), ("injured", 1),
    ("hurt", 1), ("several people", 1), ("a group", 1), ("urgent", 1), ("help", 1),
)
CRITICAL: tuple[str, ...] = (
    "持刀", "刀", "砍", "捅", "枪", "流血", "出血", "昏迷", "不省人事", "没有呼吸", "没呼吸",
    "被困", "爆炸", "头破血流", "重伤",
    "knife", "gun", "stabbed", "stabbing", "bleeding", "blood", "unconscious",
    "not breathing", "trapped", "explosion", "seriously injured",
)
#: Words that make a call less urgent by one level (it is over, or nobody is hurt).
CALM: tuple[str, ...] = (
    "昨天", "前天", "上周", "上个月", "已经走了", "没人受伤", "无人受伤", "没有人受伤", "不要紧",
    "yesterday", "last week", "last night", "earlier today", "already gone", "no one hurt",
    "nobody hurt", "no injuries", "nobody injured", "no one injured", "not urgent",
)
# fmt: on
