"""What one cleaned line of page text is: a jump marker, furniture, a lead, a credit, a caption …

Each pattern carries a line it was written for. They see text after `normalize_line`, so
parentheses and colons touching Chinese are already fullwidth; both scripts are accepted.
"""

from __future__ import annotations

import re

from publisher.ingest.text import CJK_RANGES

_PAGE = r"(?P<page>[0-9]{1,2}|[一二三四五六七八九十]{1,3}|[A-Z][0-9]{1,2})"
_OPEN, _CLOSE = r"[（(【\[]", r"[)）】\]]"
# ▶下转第2版 / →转2版: a marker on a line of its own may come without brackets.
BARE_JUMP_OUT = re.compile(rf"[▶→>■]*\s*(?:下转|下轉|转至|轉至|转|轉)\s*(?:第\s*)?{_PAGE}\s*(?:版|页|頁)")
BARE_JUMP_IN = re.compile(rf"[▶→>■]*\s*(?:上接|紧接|緊接|上承|承接)\s*(?:第\s*)?{_PAGE}\s*(?:版|页|頁)")
# (下转2版) / （下轉第二版） / (转2版): the article continues on that page.
JUMP_OUT = re.compile(rf"{_OPEN}\s*(?:下转|下轉|转至|轉至|转|轉)\s*(?:第\s*)?{_PAGE}\s*(?:版|页|頁)?\s*{_CLOSE}")
# (上接1版) / （上接第1版） / (接1版): a continuation of an article from that page.
JUMP_IN = re.compile(rf"{_OPEN}\s*(?:上接|紧接|緊接|上承|承接|接)\s*(?:第\s*)?{_PAGE}\s*(?:版|页|頁)?\s*{_CLOSE}")

# APP / 重庆渝中: the paper's app promotion; the line after "APP" is the app's name.
APP_PROMO = re.compile(r"(APP|App|app|客户端|客戶端)(下载|下載)?|(下载|下載)[“\"]?\S{1,8}[”\"]?(APP|App|客户端|客戶端)")
APP_NAME = re.compile(rf"[{CJK_RANGES}]{{2,8}}")
# 扫码看 / 《渝中新闻》视频: a QR code's call-out and what it links to.
QR_CALL = re.compile(
    r"(扫码|掃碼|扫一扫|掃一掃|扫描二维码|掃描二維碼|扫二维码|微信扫码|长按识别|長按識別)[^，。]{0,16}"
)
# 滨江发布 / 清溪融媒: the account a QR code leads to, printed beside it.
QR_TARGET = re.compile(
    r"《[^》]{1,15}》\S{0,6}|[“\"]?\S{0,10}(视频|視頻|视频号|客户端|客戶端|公众号|公眾號|二维码|二維碼|直播|发布|發布|融媒|APP|App|"
    r"数字报|數字報|日报|日報|晚报|晚報|时报|時報)[”\"]?\S{0,3}|(获取|獲取|查看|了解|观看|觀看|更多)\S{0,12}|"
    r"看\S{1,6}\s?更多精彩"
)

# 今日导读 / 我区召开民营经济发展大会（3版） / 详见第3版: a front page's pointers to inner pages.
TEASER_HEADER = re.compile(r"(今日导读|今日要目|要闻导读|本期导读|导读|今日看点|本期看点)")
_PAGE_REF = r"第?[A-Z]?[0-9]{1,2}"
_SEE = r"(相关报道|相关新闻|相关评论|更多报道|详见|另见|请看|见)"
# …总投资超千亿元……（3版） / 3·15前夕 这些消费陷阱要当心 A06 / （相关报道见5版） / （详见A05版）
TEASER = re.compile(
    rf".{{2,40}}?\s*([（(]{_SEE}*{_PAGE_REF}[版页][)）]|[▶→>]+\s*{_PAGE_REF}版)|[（(]?{_SEE}+{_PAGE_REF}[版页][^，。]{{0,20}}[)）]?"
)
# Under a 导读 header a teaser may end in a bare page: …当心 A06 / …消费季活动 3版.
TEASER_IN_BOX = re.compile(rf"{TEASER.pattern}|.{{2,40}}?\s+(第?[A-D][0-9]{{1,2}}版?|第?[0-9]{{1,2}}版)")
# 今日天气 / 多云 8～14℃ / 空气质量 良: a weather box.
WEATHER_HEADER = re.compile(r"(今日天气|天气预报|今天天气|明日天气|天气)")
# 今日天气：晴 4℃~17℃ 西北风3级: a weather box on one line.
WEATHER_LINE = re.compile(r"(今日天气|天气预报|今天天气|明日天气|天气)[:：]\s*\S.{0,40}")
WEATHER = re.compile(
    r".{0,20}(℃|°|\d级|晴|阴天|多云|[小中大阵暴]雨|雷阵雨|雨夹雪|[小中大]雪|转[晴阴多小中大阵雷雨雪]|空气质量|AQI|PM2\.5).{0,20}"
)
# 广告 / 公益广告 / 江州银行 春季理财节 / 稳健理财 安心之选 / 地址：… 电话：…: an advertisement's short lines.
AD_HEADER = re.compile(r"(公益)?(广告|廣告)")
AD_LINE = re.compile(r"[^。；]{1,40}")
# ———————— / ★★★: a rule or ornament the extractor wrote as characters.
# The vertical quotation marks (﹃…﹄) of a headline set vertically are its text, not an ornament.
RULE = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\U00020000-\U0002ffff\ufe41-\ufe44]+")
# …陷入了沉思 / —— / 回还是不回？: the marks the column carried over to a line of their own, text.
CARRIED_MARKS = re.compile(r"—{1,2}|…{1,2}|[，。、；：？！”’」』）》]{1,2}")

# 近日，记者从区生态环境局获悉 / 3月5日，…: how an article without a dateline (本报讯) often opens.
SOFT_LEAD = re.compile(
    r"(当地时间\d{1,2}月\d{1,2}日|近日|日前|昨日|昨天|今天|今日|近期|今年以来|去年以来|记者从|记者近日|\d{1,2}月\d{1,2}日)"
)
# 本报讯（记者李一）3月1日，… / 本报3月5日讯 / 新华社北京3月5日电（记者…）: the first paragraph of an article.
LEAD = re.compile(
    r"[■●◆□◇]?\s*(本报讯|本報訊|本报\S{1,12}?(讯|电)|本報\S{1,12}?(訊|電)|新华社|新華社|中新社|中新网|人民日报|"
    r"据\S{1,20}?(报道|報導|消息)|据(新华社|新華社|中新社)|[^，。\s]{2,14}电（|[（(](记者|記者|通讯员|通訊員)[^，。]{0,16}[)）])"
)

_NAME = rf"[{CJK_RANGES}·]{{2,6}}"
_ROLE_PREFIX = (
    r"(?:本报|本報|本刊|本台|晚报|晚報|日报|日報|都市报|特派|首席|特约|特約|见习|見習|实习|實習|融媒体|融媒體|融媒|"
    r"全媒体|全媒體|摄影|攝影|新华社|新華社|中新社|驻[^\s、，（(]{1,3})"
)
# 记者 / 本报记者 / 晚报记者 / 特派记者 / 首席记者 / 融媒体记者 / 通讯员 / 实习生 / 本报评论员
REPORTER_ROLES = rf"{_ROLE_PREFIX}?(?:记者|記者)|(?:本报|本報)?(?:通讯员|通訊員)|实习生|實習生|(?:本报|本報|特约|特約)?(?:评论员|評論員)"
# 文/李一 图/王二 / 文/图 本报记者 谭小燕: one-character roles need their slash or colon, or 文化建设
# would read as a byline.
_SHORT_ROLES = r"(?:文/图|文／图|文／圖)[/／:：]?|(?:文|图|圖)[/／:：]"
ROLES = rf"(?:(?:{REPORTER_ROLES})[\s:：/／]*|(?:{_SHORT_ROLES})\s*)+"
# 本报记者 李一 袁侨德 / ■晚报记者 刘洋 实习生 吴佳 / （本报记者 张三）: a byline on a line of its own.
# 潇城晚报记者 方圆/文 受访者供图 / 【記者林志明╱台北報導】 / ◎記者陳怡君: the paper's name before the
# role, the writer's /文, the place reported from and the photos' credit after the names.
_PAPER_BEFORE_ROLE = rf"(?:[{CJK_RANGES}]{{1,8}}(?:报|報)(?=记者|記者))?"
_AFTER_NAME = r"(?:[/／](?:文图|文圖|文|图|圖))?"
_REPORTED_FROM = rf"(?:[/／╱][{CJK_RANGES}]{{2,6}})?(?:报道|報導)"
_PHOTOS_CREDIT = r"(?:\s*(?:受访者|受訪者|\S{2,10}?)(?:供图|供圖))"
BYLINE = re.compile(
    rf"[■●◆□◇◎]?\s*[（(【]?(?:{_PAPER_BEFORE_ROLE}{ROLES}{_NAME}{_AFTER_NAME}(?:[\s、，,]+{_NAME}{_AFTER_NAME})*\s*)+"
    rf"{_REPORTED_FROM}?{_PHOTOS_CREDIT}?[)）】]?"
)
# 本报记者 扎西 才让卓玛: a reporter's role, then names each set off by a space.
SPACED_BYLINE = re.compile(
    rf"[■●◆□◇◎]?\s*(?:{_ROLE_PREFIX}?(?:记者|記者)|(?:本报|本報)?(?:通讯员|通訊員))(?:\s+{_NAME})+"
)
# 本报评论员: a commentary's byline names no one.
UNNAMED_BYLINE = re.compile(r"[■●◆□◇◎]?\s*(本报评论员|本報評論員|本报特约评论员|特约评论员)")

# 记者姚廷洋摄 / 记者 郑宇 摄 / （晚报记者 张帆 摄） / 区生态环境局供图 / 摄影：李一 / （资料图片）: a photo credit;
# 蒙钟德摄（影像中国） / 王二摄（新华社发）: the column or agency it ran in after it; 翟桂溪作（新华社发）
# / 李一绘: an illustration's artist.
CREDIT = re.compile(
    rf"[（(]?((?:{REPORTER_ROLES})?\s*{_NAME}(\s*[、，]\s*{_NAME})*\s*(摄|攝|作|绘|繪)(\s*[（(][^（）()，。]{{2,8}}[)）])?|"
    r"(摄影|攝影|图|圖|图片|圖片)[:：/／]\s*\S.{0,20}|\S{2,16}(供图|供圖)|(新华社|新華社|中新社)\S{0,12}摄|"
    r"资料图片|資料圖片|图片来源[:：]\S.{0,20}|圖片來源[:：]\S.{0,20})[)）]?"
)
# 图为志愿者在活动现场。/ ▲ 活动现场。: a caption that says it is one.
CAPTION_MARK = re.compile(r"(图为|圖為|上图|下图|左图|右图|上圖|下圖|左圖|右圖|图[:：]|圖[:：]|[▲△↑↓←→◀▶▼])")
CAPTION_ARROW = re.compile(r"^[▲△↑↓←→◀▶▼]\s*")
# 提档升级后的石灰市菜市场。记者姚廷洋摄 / …交相辉映。（晚报记者 张帆 摄）: caption and credit on one line.
CAPTION_WITH_CREDIT = re.compile(rf"(?P<caption>.{{2,80}}?[。！？”])\s*(?P<credit>{CREDIT.pattern})")
# （作者为中央党校教授） / （作者单位：…）/ （本报加德满都1月31日电） / （本系列评论到此结束） / ——编者:
# who wrote a commentary, where a report was filed, the end of a series, the editor's signature:
# lines that close the text above them, never a headline over the text below.
SIGN_OFF = re.compile(
    r"[（(](作者|本文作者|作者单位)|[（(](本报|本報|新华社|新華社|中新社)[^（）()，。]{0,16}(电|電|讯|訊)[)）]$|"
    r"[（(]本系列\S{0,10}(结束|結束)[)）]$|——\s*(编\s*者|編\s*者|本报编辑部|本報編輯部)$"
)
# （完）: the wire's end mark, not text.
END_MARK = re.compile(r"\s*[（(](全文)?完[)）]$")
# 清溪县人民代表大会常务委员会 / 2024年3月11日: a notice's signature closes with its date.
SIGNATURE_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日")

# （2024）苏0102民初1234号 / （2023）苏01民终8890号: a court case's number, which heads its notice.
CASE_NUMBER = re.compile(r"[（(][0-9]{4}[)）][\u4e00-\u9fff]{1,2}[0-9]{0,4}[\u4e00-\u9fff]{1,5}[0-9]+号")
# 法院公告 / 关于…的公告 / 遗失声明 / 开庭传票: the heading of a notice.
NOTICE_HEADING = re.compile(
    r"[^\s，。]{0,16}(公告|通告|声明|聲明|启事|啟事|公示|通知书|通知書|传票|傳票)|[【〖\[]?(公告|声明|聲明)[】〗\]]?"
)
# 南京市玄武区人民法院 / 江宁泰和建材有限公司: who issued a notice, signing it below its text.
ISSUER = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}(人民法院|法院|委员会|委員會|公司|管理局|管理處|管理处|局|厅|廳|办公室|辦公室|中心|"
    r"事务所|事務所|银行|銀行|集团|集團|政府|办事处|辦事處)"
)
# …，声明作废。: a 遗失声明, one a paragraph.
LOST_AND_VOID = re.compile(r"(遗失|遺失|丢失|丟失).{2,60}(声明作废|聲明作廢|特此声明|特此聲明)")
# …咨询电话：0731-84561234。（广告）: an advertisement marked as one.
ADVERT_MARK = re.compile(r"[（(](广告|廣告)[)）]")
# …借阅证。（达娃） / …（记者 黄磊）: the writer's name closing a brief.
SIGNED = re.compile(r"[。！？]\s*[（(][^（()）。，]{2,16}[)）]$")
# 图片报道 / 图片新闻: the label of a picture story, an item of its own, never a subhead of the text.
PHOTO_LABEL = re.compile(
    r"[【■●◆]?\s*(图片报道|圖片報導|圖片報道|图片新闻|圖片新聞|新闻图片|新聞圖片|图片故事|圖片故事|图说|圖說)[】]?"
)
# 核心阅读 / 编者的话: the label of a box inside an article (its key points, the editor's note).
BOX_LABEL = re.compile(
    r"[【■●◆]?\s*(核心阅读|核心閱讀|编者的话|編者的話|编者按|編者按|延伸阅读|延伸閱讀|相关链接|相關鏈接|新闻链接|新聞鏈接|背景链接|背景鏈接|小贴士|小貼士|链接|鏈接)[】]?"
)
# 一、坚持问题导向 / （一）… / ■ 打造特色品牌: a heading inside an article, not a new headline.
ENUMERATED = re.compile(r"([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[0-9]+[、.]|[■●◆▲])")
_COLUMN_WORDS = (
    "见闻|見聞|动态|動態|时评|時評|新闻|新聞|简讯|簡訊|关注|關注|快讯|快訊|速递|速遞|观察|觀察|视点|視點|纵横|縱橫|"
    "特写|特寫|纪实|紀實|短评|短評|图说|圖說|热点|熱點|解读|解讀|专访|專訪"
)
#: Columns of short items: every item under the banner is in the column.
BRIEFS = re.compile(r"[^\s，。]{0,4}(简讯|簡訊|快讯|快訊|速递|速遞|简报|簡報|短讯|短訊)")
# 【学习贯彻党的二十大精神】/ ■ 特别关注 / 聚焦全国两会 / 一线见闻 / 滨江时评: a column banner printed over
# an article. A name of four characters or fewer over a headline is a column's, not a kicker (kickers
# are phrases: 志愿新征程 建功新重庆, 黄茂军在…上强调).
BANNER = re.compile(
    r"[【〖\[].+[】〗\]]|[■●◆].+|(专栏|專欄|栏目|欄目)[:：].+|(聚焦|专题|特别报道|特别策划|系列报道)[^\s，]{2,8}|"
    rf"[^\s，。]{{0,2}}({_COLUMN_WORDS})|[{CJK_RANGES}]{{2,5}}|"
    # 学习贯彻党的二十届三中全会精神 / 深入学习贯彻全国两会精神 / 深入学习贯彻习近平新时代中国特色社会主义
    # 思想: the standing banner of a campaign.
    r"(深入)?学习(宣传)?贯彻\S{2,24}(精神|思想)"
)
# 记者：今年有哪些重点任务？ / 王明：…: the turns of an interview, never a headline.
INTERVIEW_TURN = re.compile(r"(记者|記者|问|問|答|主持人|Q|A)[:：]")
# 黄茂军强调， / 陈慧玲在主持时要求，: reported speech in running text.
REPORTED_SPEECH = re.compile(r"(强调|指出|表示|要求|认为|提出|说|称)[，：,:]")
# 咨询电话：023-63801234 / 报名地址：渝中区中山三路131号: a notice's particulars, never a headline.
PARTICULAR = re.compile(r"\S{0,8}(电话|電話|热线|熱線|地址|邮箱|郵箱|网址|網址|传真|傳真|邮编|郵編|时间|時間)[:：]")

_BRACKETS = ("（）", "“”", "‘’", "《》", "【】", "「」", "『』", "〖〗")


def balanced(text: str) -> bool:
    return all(text.count(left) == text.count(right) for left, right in _BRACKETS)
