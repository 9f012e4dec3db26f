package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// unitKind says which field type a unit's figures get.
type unitKind int

const (
	kindCount   unitKind = iota // 户 人 个 …: integer
	kindMeasure                 // 亩 吨 公里 …: number
	kindMoney                   // 元 万元 亿元
	kindPercent                 // %
)

// units nigao recognizes after a number, longest first when matched.
var units = map[string]unitKind{
	"元": kindMoney, "万元": kindMoney, "亿元": kindMoney, "千元": kindMoney, "万美元": kindMoney, "美元": kindMoney,
	"%": kindPercent, "％": kindPercent,
	"个百分点": kindMeasure,
	"亩":    kindMeasure, "万亩": kindMeasure, "公顷": kindMeasure, "平方米": kindMeasure, "万平方米": kindMeasure, "㎡": kindMeasure,
	"平方公里": kindMeasure, "平方千米": kindMeasure, "立方米": kindMeasure, "万立方米": kindMeasure, "m²": kindMeasure, "m2": kindMeasure,
	"平方": kindMeasure, "方": kindMeasure, "万方": kindMeasure, "m³": kindMeasure, "m3": kindMeasure, "立方": kindMeasure,
	"公里": kindMeasure, "千米": kindMeasure, "米": kindMeasure, "延米": kindMeasure, "万米": kindMeasure,
	"吨": kindMeasure, "万吨": kindMeasure, "公斤": kindMeasure, "千克": kindMeasure, "斤": kindMeasure, "万斤": kindMeasure,
	"千瓦": kindMeasure, "万千瓦": kindMeasure, "千瓦时": kindMeasure, "万千瓦时": kindMeasure, "兆瓦": kindMeasure,
	"小时": kindMeasure, "天": kindMeasure, "个工作日": kindMeasure, "个月": kindMeasure, "课时": kindMeasure, "学时": kindMeasure,
	"户": kindCount, "人": kindCount, "人次": kindCount, "万人次": kindCount, "户次": kindCount, "名": kindCount, "个": kindCount,
	"家": kindCount, "家次": kindCount, "次": kindCount, "场次": kindCount, "起": kindCount, "件": kindCount, "处": kindCount,
	"栋": kindCount, "幢": kindCount, "座": kindCount, "份": kindCount, "场": kindCount, "条": kindCount, "篇": kindCount, "期": kindCount,
	"项": kindCount, "批": kindCount, "批次": kindCount, "所": kindCount, "辆": kindCount, "台": kindCount, "台次": kindCount, "套": kindCount, "间": kindCount,
	"张": kindCount, "本": kindCount, "册": kindCount, "株": kindCount, "万株": kindCount, "棵": kindCount, "只": kindCount, "头": kindCount, "羽": kindCount,
	"尾": kindCount, "万尾": kindCount, "支": kindCount, "轮": kindCount, "块": kindCount, "宗": kindCount, "冢": kindCount, "幅": kindCount, "封": kindCount,
	"笔": kindCount, "例": kindCount, "床": kindCount, "艘": kindCount, "班": kindCount, "所次": kindCount, "车次": kindCount, "架次": kindCount,
	"门": kindCount, "盏": kindCount, "部": kindCount, "组": kindCount, "队": kindCount, "单": kindCount, "万人": kindCount, "万户": kindCount,
	"位": kindCount, "村": kindCount, "对": kindCount, "座次": kindCount, "剂次": kindCount, "万剂次": kindCount, "剂": kindCount,
	// things counted in pots, barrels, bags …: 摆放花卉300盆
	"盆": kindCount, "桶": kindCount, "箱": kindCount, "袋": kindCount, "瓶": kindCount, "把": kindCount, "顶": kindCount,
	"面": kindCount, "根": kindCount, "片": kindCount, "枚": kindCount, "盒": kindCount, "包": kindCount, "捆": kindCount,
	"卷": kindCount, "车": kindCount, "口": kindCount, "眼": kindCount, "孔": kindCount, "副": kindCount, "双": kindCount,
	"层": kindCount, "节": kindCount, "颗": kindCount, "匹": kindCount, "串": kindCount, "栏": kindCount, "辆次": kindCount,
	"人天": kindCount, "堂": kindCount, "届": kindCount,
}

var maxUnitLen = func() int {
	n := 0
	for u := range units {
		n = max(n, utf8.RuneCountInString(u))
	}
	return n
}()

// wordAfterUnit lists, for a one-character unit, the characters after
// which it begins a word instead: 个人 (a person), not 个 人.
var wordAfterUnit = map[string]string{
	"个": "人体性案",              // 个人 个体 个性 个案
	"名": "单额录义称优",            // 名单 名额 名录 名义 名称 名优
	"人": "员民才口大社居常",          // 人员 人民 人才 人口 人大 人社 人居 人常（人大常委会）
	"家": "庭属乡园风",             // 家庭 家属 家乡 家园 家风
	"天": "然",                 // 天然
	"米": "业粮饭",               // 米业 米粮 米饭
	"期": "间末限",               // 期间 期末 期限
	"场": "所地景镇馆",             // 场所 场地 场景 场镇 场馆
	"组": "织建成长",              // 组织 组建 组成 组长
	"部": "门署分署",              // 部门 部署 部分
	"门": "店面",                // 门店 门面
	"面": "积临向对貌",             // 面积 面临 面向 面对 面貌
	"口": "罩岸径号",              // 口罩 口岸 口径 口号
	"根": "据本源治",              // 根据 根本 根源 根治
	"片": "区",                 // 片区
	"包": "括保村联",              // 包括 包保 包村 包联
	"节": "日约能点水假",            // 节日 节约 节能 节点 节水 节假
	"层": "级面次",               // 层级 层面 层次
	"班": "子组",                // 班子 班组
	"车": "辆间站",               // 车辆 车间 车站
	"方": "面式案向法便针协",          // 方面 方式 方案 方向 方法 方便 方针 方协
	"堂": "屋",                 // 堂屋
	"把": "关握控",               // 把关 把握 把控
	"位": "于置",                // 位于 位置
	"对": "接象口标照",             // 对接 对象 对口 对标 对照
	"单": "位元独项",              // 单位 单元 单独 单项
	"副": "市县镇区局主书院部组所处科站队长总", // 副市长 副书记 副主任 …
}

// unitAt returns the longest unit starting at rs[i].
func unitAt(rs []rune, i int) string {
	for n := min(maxUnitLen, len(rs)-i); n > 0; n-- {
		u := string(rs[i : i+n])
		if _, ok := units[u]; ok {
			if n == 1 && strings.ContainsRune(wordAfterUnit[u], at(rs, i+n)) {
				continue
			}
			return u
		}
	}
	return ""
}

func at(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return 0
	}
	return rs[i]
}

// A figure found in the text.
type figure struct {
	start, end  int // runes [start,end) replaced by the slot (qualifier and number; % too)
	next        int // the rune after the figure and its unit
	answer      string
	unit        string
	kind        unitKind
	scaled      bool // 万/亿 written with the number and no unit after
	placeholder bool // X or xx standing for a figure not yet known
	rangeOf     bool // 3-5个: two numbers, kept as written (a text field)
	date        bool
	year        int // offset from the report's year, for {年度 ± n}
	isYear      bool
	decimal     bool
}

var (
	prefixQual = []string{"将近", "接近", "超过", "大约", "近", "约", "超", "逾"}
	delims     = "，,。；;：:、！？!?（()）\n“”‘’《》【】「」"
)

// protectedRanges marks text inside 《》 〔〕 [] and 【】: titles of laws
// and documents, document numbers: their numbers are not statistics.
func protectedRanges(rs []rune) []bool {
	prot := make([]bool, len(rs))
	depth := 0
	for i, r := range rs {
		switch r {
		case '《', '〔', '[', '【', '［':
			depth++
		case '》', '〕', ']', '】', '］':
			if depth > 0 {
				depth--
			}
		}
		prot[i] = depth > 0
	}
	// short quotations are names and slogans (“四个一”, “2022招商优胜区”)
	for i, r := range rs {
		if r != '“' {
			continue
		}
		for j := i + 1; j < len(rs) && j <= i+40; j++ {
			if rs[j] == '“' {
				break
			}
			if rs[j] == '”' {
				for k := i; k <= j; k++ {
					prot[k] = true
				}
				break
			}
		}
	}
	// a document number without brackets: x爱卫办〔2022〕x号 is covered;
	// 第12号, 12号文 are not figures anyway (号 is no unit).
	return prot
}

func isLatinLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }
func isDigit(r rune) bool       { return r >= '0' && r <= '9' }

// isMask reports the characters a report writes in place of a figure or
// a name it leaves out: X, x, Ｘ, ×.
func isMask(r rune) bool { return r == 'x' || r == 'X' || r == 'Ｘ' || r == 'ｘ' || r == '×' }

// isMinus reports a minus sign as reports write it.
func isMinus(r rune) bool { return r == '-' || r == '－' || r == '−' }

// maskedName lists the one-character units that, after X, end a name
// the report left out (其中XX村被评为…, X组, X所) rather than count.
const maskedName = "村组队所场部班门"

// scanFigures finds the figures, years and dates of a paragraph. year is
// the report's year (0 when unknown).
func scanFigures(rs []rune, year int) []figure {
	prot := protectedRanges(rs)
	var out []figure
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isMinus(r) && isDigit(at(rs, i+1)) && negativeAt(rs, i):
			// -3.5%: a fall written as a negative figure
			f, end, ok := numberAt(rs, i+1, year)
			if ok && !f.isYear && !f.date && !f.rangeOf && f.start == i+1 && !prot[i] && !excluded(rs, f) {
				f.start = i
				f.answer = "-" + f.answer
				out = append(out, f)
			}
			i = end - 1
		case isDigit(r):
			prev := at(rs, i-1)
			if isDigit(prev) || isLatinLetter(prev) || strings.ContainsRune(".．-—~～/+#第－−", prev) {
				for i+1 < len(rs) && (isDigit(rs[i+1]) || rs[i+1] == '.') {
					i++
				}
				continue
			}
			f, end, ok := numberAt(rs, i, year)
			if ok && !prot[i] && !excluded(rs, f) {
				out = append(out, f)
			}
			i = end - 1
		case isMask(r):
			if isLatinLetter(at(rs, i-1)) || isDigit(at(rs, i-1)) {
				continue
			}
			j := i
			for j < len(rs) && isMask(rs[j]) {
				j++
			}
			if (at(rs, j) == '.' || at(rs, j) == '．') && isMask(at(rs, j+1)) {
				for j++; j < len(rs) && isMask(rs[j]); j++ { // x.xx万份
				}
			}
			if isLatinLetter(at(rs, j)) || isDigit(at(rs, j)) {
				i = j - 1
				continue
			}
			ranged := false
			if isMinus(at(rs, j)) || strings.ContainsRune("~～至", at(rs, j)) {
				// X-X头: a range left out
				if m := j + 1; isMask(at(rs, m)) {
					for m < len(rs) && isMask(rs[m]) {
						m++
					}
					if unitAt(rs, m) != "" {
						j, ranged = m, true
					}
				}
			}
			k := j
			if at(rs, k) == '余' || at(rs, k) == '多' {
				k++
			}
			if strings.ContainsRune("万亿千", at(rs, k)) && unitAt(rs, k) == "" {
				k++
			}
			u := unitAt(rs, k)
			if u != "" && !prot[i] && !(k == j && strings.Contains(maskedName, u)) {
				f := figure{start: i, end: j, next: k + utf8.RuneCountInString(u), unit: u, kind: units[u], placeholder: true, rangeOf: ranged}
				if f.kind == kindPercent {
					f.end = k + utf8.RuneCountInString(u)
					if k != j { // X余% is odd; keep the words
						f.end = j
						f.kind = kindMeasure
					}
				}
				if !excluded(rs, f) {
					out = append(out, f)
				}
			}
			i = j - 1
		}
	}
	return out
}

// negativeAt reports whether the minus at rs[i] signs the number after
// it, rather than joining two (3-5个, 1-6月, G-12).
func negativeAt(rs []rune, i int) bool {
	p := at(rs, i-1)
	return !(isDigit(p) || isLatinLetter(p) || isMinus(p) || isMask(p) || strings.ContainsRune(".．)）%％", p))
}

// rangeSeps join the two numbers of a range: 3-5个, 6--8人, 3至5家.
var rangeSeps = []string{"--", "-", "－", "—", "~", "～", "至", "到"}

// numberAt reads the number starting at rs[i] with what follows it.
func numberAt(rs []rune, i, year int) (figure, int, bool) {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	// thousands separators: 12,345
	for at(rs, j) == ',' && isDigit(at(rs, j+1)) && isDigit(at(rs, j+2)) && isDigit(at(rs, j+3)) && !isDigit(at(rs, j+4)) {
		j += 4
	}
	dec := false
	if (at(rs, j) == '.' || at(rs, j) == '．') && isDigit(at(rs, j+1)) {
		dec = true
		j++
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
	}
	digits := string(rs[i:j])
	end := j
	// more digits than any statistic has (and than a float64 holds):
	// a serial or ID number, kept as text
	if n := strings.IndexAny(digits, ".．"); n > 15 || n < 0 && len(digits) > 15 {
		return figure{}, j, false
	}
	// years and dates
	if j-i == 4 && !dec {
		if f, end, ok := yearAt(rs, i, j, year); ok || end > j {
			return f, end, ok
		}
	}
	// a range: 3-5个 is one figure, kept as written; 0-14岁, 1-6月 are
	// no figures
	for _, sep := range rangeSeps {
		n, ok := runesAt(rs, j, sep)
		if !ok || !isDigit(at(rs, j+n)) {
			continue
		}
		k := j + n
		for k < len(rs) && (isDigit(rs[k]) || rs[k] == '.') {
			k++
		}
		u := unitAt(rs, k)
		if u == "" || units[u] == kindPercent || sep == "到" && u != "" && units[u] != kindCount {
			return figure{}, k, false
		}
		f := figure{start: i, end: k, next: k + utf8.RuneCountInString(u), unit: u, kind: units[u], rangeOf: true, answer: string(rs[i:k])}
		return f, k + utf8.RuneCountInString(u), true
	}
	k := j
	qual := ""
	qualFirst := false
	if at(rs, k) == '余' || at(rs, k) == '多' {
		qual = string(rs[k])
		qualFirst = true
		k++
	}
	scale := ""
	if strings.ContainsRune("万亿千", at(rs, k)) && unitAt(rs, k) == "" {
		scale = string(rs[k])
		k++
		if qual == "" && (at(rs, k) == '余' || at(rs, k) == '多') {
			qual = string(rs[k])
			k++
		}
	}
	if scale == "千" && unitAt(rs, k) == "" {
		return figure{}, end, false // 3千 alone is rare; 千 may begin a word
	}
	u := unitAt(rs, k)
	if u == "" && scale == "" {
		return figure{}, end, false
	}
	if (scale == "万" || scale == "亿") && (strings.HasPrefix(u, "万") || strings.HasPrefix(u, "亿")) {
		return figure{}, end, false // 3亿万吨 counts twice: no field could hold it, so it stays text
	}
	f := figure{start: i, end: k, next: k + utf8.RuneCountInString(u), unit: u, kind: units[u], decimal: dec, scaled: u == "" && scale != ""}
	// qualifiers before the number go into the answer: 近300; not the
	// end of a word (签约190户 is not 签 约190户)
	pre := ""
	for _, q := range prefixQual {
		if n, ok := endsAt(rs, i, q); ok && !splitsWord(rs, i-n) {
			pre = q
			f.start = i - n
			break
		}
	}
	f.answer = pre + digits + scale + qual
	if qualFirst {
		f.answer = pre + digits + qual + scale // 300余万 as written
	}
	if f.scaled && scale != "千" && (qualFirst || qual == "") && moneyVerbBefore(rs, f.start) {
		// 投入200余万新增、扩容抗旱设备: 万 of money, before a noun; the
		// field is in 万元 and 万 stays in the text as written
		f.kind, f.unit, f.scaled = kindMoney, scale+"元", false
		f.answer = pre + digits + qual
		f.end = k - 1
		f.next = k
	}
	if f.kind == kindPercent {
		f.end = k + utf8.RuneCountInString(u)
		f.answer += "%"
		if qual != "" || scale != "" {
			// 20余% is odd; keep it as a measure with its words
			f.kind = kindMeasure
			f.end = k
			f.answer = strings.TrimSuffix(f.answer, "%")
		}
	}
	return f, k + utf8.RuneCountInString(u), true
}

// hasAt reports whether rs holds w at i.
func hasAt(rs []rune, i int, w string) bool {
	_, ok := runesAt(rs, i, w)
	return ok
}

// runesAt reports whether rs holds w at i, and how many runes it is.
func runesAt(rs []rune, i int, w string) (int, bool) {
	if i < 0 {
		return 0, false
	}
	k := i
	for _, r := range w {
		if k >= len(rs) || rs[k] != r {
			return 0, false
		}
		k++
	}
	return k - i, true
}

// endsAt reports whether rs holds w just before j, and how many runes it
// is.
func endsAt(rs []rune, j int, w string) (int, bool) {
	n := utf8.RuneCountInString(w)
	if j-n < 0 {
		return 0, false
	}
	return runesAt(rs, j-n, w)
}

// yearAt reads the four digits rs[i:j] as a year, if they are one: a
// date (2022年8月29日), a year the template writes relative to the
// report's ({年度}, {年度 + 1}), or a year that stays as written.
// ok false with end > j means: a year, kept as text.
func yearAt(rs []rune, i, j, year int) (figure, int, bool) {
	y, _ := strconv.Atoi(string(rs[i:j]))
	if !schema.IsYear(y) {
		return figure{}, j, false
	}
	since := hasAt(rs, j, "以来") // 2022以来
	if at(rs, j) != '年' && !since {
		return figure{}, j, false
	}
	if !since {
		if m, d, n := monthDay(rs, j+1, y); n > 0 {
			// a date: the day a figure is counted to (截至2022年11月30日)
			// moves with the report; the day something happened does not
			if asOfDate(rs, i) {
				return figure{start: i, end: j + 1 + n, next: j + 1 + n, date: true, answer: fmt.Sprintf("%04d-%02d-%02d", y, m, d)}, j + 1 + n, true
			}
			return figure{}, j + 1 + n, false
		}
	}
	// only the report's year and the next are written relative to it;
	// the year before is history (比2021年, 2021年度示范项目), and so is
	// a year that names a programme, an award or a document
	if year == 0 || y != year && y != year+1 || namesPast(rs, i, j) {
		return figure{}, j + 1, false
	}
	return figure{start: i, end: j, next: j, isYear: true, year: y - year}, j, true
}

// asOfDate reports a date that says how far a count goes: 截至, 截止,
// 到 or 至 before it.
func asOfDate(rs []rune, i int) bool {
	for _, w := range []string{"截至", "截止", "截止到", "截至到", "到", "至"} {
		if _, ok := endsAt(rs, i, w); ok {
			return true
		}
	}
	return false
}

// pastWords name programmes, awards and documents: a year before them
// (2021年度省级示范项目, 获评2022年度先进单位) is part of a name.
var (
	pastAfter  = []string{"示范", "先进", "优秀", "表彰", "奖", "称号", "荣誉", "名单", "试点", "专项", "评选", "评比", "认定", "星级", "标兵", "模范", "十佳", "百强"}
	pastBefore = []string{"获评", "荣获", "获得", "评为", "评选为", "入选", "列入", "授予", "被评", "获批", "认定为", "命名为", "获"}
)

// namesPast reports a year rs[i:j] that is part of the name of a
// programme, an award or a document: a year before 年度 and such a word
// in the same clause, or after a verb of winning or entering.
func namesPast(rs []rune, i, j int) bool {
	for _, w := range pastBefore {
		if _, ok := endsAt(rs, i, w); ok {
			return true
		}
	}
	k := j + 1 // after 年
	if at(rs, k) != '度' {
		return false
	}
	end := k
	for end < len(rs) && end-k < 30 && !strings.ContainsRune(delims, rs[end]) {
		end++
	}
	clause := string(rs[k:end])
	for _, w := range pastAfter {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// monthDay reads "8月29日" at rs[i]; n is its length in runes (0: none).
func monthDay(rs []rune, i, year int) (m, d, n int) {
	j := i
	read := func() int {
		s := j
		for j < len(rs) && isDigit(rs[j]) && j-s < 2 {
			j++
		}
		if s == j {
			return -1
		}
		v, _ := strconv.Atoi(string(rs[s:j]))
		return v
	}
	if m = read(); m < 1 || m > 12 || at(rs, j) != '月' {
		return 0, 0, 0
	}
	j++
	if d = read(); d < 1 || d > 31 || at(rs, j) != '日' {
		return 0, 0, 0
	}
	if time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC).Month() != time.Month(m) {
		return 0, 0, 0 // 2月30日
	}
	return m, d, j + 1 - i
}

// Words that make a figure a rule, a threshold or a deadline rather than
// a statistic.
var (
	// before the figure: 至少2次, 不超过3天, 控制在5%以内
	ruleBefore = []string{"为期", "至少", "不少于", "不低于", "不超过", "不得超过", "不高于", "不多于", "最多", "最少", "最高", "控制在", "限"}
	// units of time that, with 内 or a rate after them, make a deadline
	// or a rhythm: 48小时内, 3天1检
	timeUnits = map[string]bool{"小时": true, "天": true, "个工作日": true, "个月": true}
)

// excluded reports numbers that are not statistics: ordinals (第3次),
// rules and frequencies (每月召开1次, 每周2次, 3天1检, 1次/月, 每户500元),
// thresholds (100万元以上的项目), deadlines (48小时内, 3个工作日).
func excluded(rs []rune, f figure) bool {
	if f.date || f.isYear {
		return false
	}
	end := f.next
	if f.unit == "个工作日" {
		return true
	}
	for k := f.start - 1; k >= 0 && k >= f.start-8; k-- {
		if strings.ContainsRune(delims, rs[k]) {
			break
		}
		if rs[k] == '第' && k >= f.start-1 {
			return true
		}
		if rs[k] == '每' && !perFor(rs, f) {
			return true
		}
	}
	for _, w := range ruleBefore {
		if n, ok := endsAt(rs, f.start, w); ok && !splitsWord(rs, f.start-n) {
			return true
		}
	}
	next := at(rs, end)
	// a rate: 30元/人, 2次/月, 1.5元/平方米, 100-800元每月
	if next == '/' || next == '／' || next == '每' && f.kind != kindCount {
		return true
	}
	if f.unit == "小时" && f.answer == "24" {
		return true // 24小时值班: round the clock
	}
	if timeUnits[f.unit] {
		// 48小时内, 3天以内, 5个工作日内
		if next == '内' || hasAt(rs, end, "以内") || hasAt(rs, end, "之内") {
			return true
		}
		// 3天1检, 7天2次: a rhythm
		if isDigit(next) || isMask(next) || strings.ContainsRune("一二三两", next) {
			return true
		}
	}
	// the bar the things just counted clear: 4个村集体经济收入超10万元
	if aBar(rs, f) && countBefore(rs, f.start) >= 0 || f.kind != kindCount && f.kind != kindPercent && allClear(rs, f.start) >= 0 {
		return true
	}
	// a bar that picks out a kind of thing: 年收入低于10万元的村,
	// 产值超过5000万元的企业 (the figure is the bar, not a count)
	if (barWordBefore(rs, f.start) != "" || strings.ContainsRune("超逾", at(rs, f.start))) && (hasAt(rs, end, "的") || barAfter(rs, end) != "" && hasAt(rs, end+utf8.RuneCountInString(barAfter(rs, end)), "的")) {
		return true
	}
	// a threshold that describes a kind of thing: 100万元以上的项目,
	// 10人以上企业; 投入100万元以上。 and 争创3个以上示范村 are figures
	for _, w := range []string{"以上", "以下", "及以上", "及以下", "以内"} {
		if n, ok := runesAt(rs, end, w); ok && (f.kind == kindMoney || f.kind == kindMeasure || f.unit == "人") {
			after := at(rs, end+n)
			return after != 0 && !strings.ContainsRune(delims+"左右等", after)
		}
	}
	return false
}

// Bars: the words that make a figure a bar things clear or miss, and
// which side of it they are on (up: 达标, down: 未达标).
var (
	barsBefore = []string{"不低于", "不少于", "低于", "高于", "超过", "不足", "不到", "少于", "多于", "大于", "小于", "未达到", "未达", "达到", "超", "逾", "达"}
	barsAfter  = []string{"及以上", "及以下", "以上", "以下"}
	barsDown   = map[string]bool{"低于": true, "不足": true, "不到": true, "少于": true, "小于": true, "未达到": true, "未达": true, "及以下": true, "以下": true}
)

// allWords say that every one of the things a clause is about clears a
// bar: 村集体经济收入全部达到10万元以上, 各村收入均超过5万元.
var allWords = []string{"全部", "全都", "均", "都", "普遍"}

// allClear is where the word of allWords begins that, with a bar word
// after it (达到, 超过, 在 …), leads the figure at rs[i]: the figure is
// then a bar all the things clear, not a statistic. -1 when none.
func allClear(rs []rune, i int) int {
	if strings.ContainsRune("超逾", at(rs, i)) {
		i++ // 超 read as the figure's own qualifier
	}
	for _, v := range []string{"达到", "达", "超过", "超", "在", "高于", "突破", "过"} {
		if n, ok := endsAt(rs, i, v); ok {
			i -= n
			break
		}
	}
	for _, w := range allWords {
		if n, ok := endsAt(rs, i, w); ok && !splitsWord(rs, i-n) {
			return i - n
		}
	}
	return -1
}

// barWordBefore is the bar word right before rs[i] (低于 in 低于10万元), or "".
func barWordBefore(rs []rune, i int) string {
	for _, w := range barsBefore {
		if n, ok := endsAt(rs, i, w); ok && (n > 1 || !splitsWord(rs, i-n)) {
			return w
		}
	}
	return ""
}

// barAfter is the bar word at rs[i] (以上 in 10万元以上的), or "".
func barAfter(rs []rune, i int) string {
	for _, w := range barsAfter {
		if hasAt(rs, i, w) {
			return w
		}
	}
	return ""
}

// moneyVerbs put money into something: a bare 万 after one is 万元.
var moneyVerbs = []string{"投入", "投资", "筹集", "募集", "筹措", "拨付", "争取", "融资", "投入资金", "筹集资金", "争取资金"}

// moneyVerbBefore reports one of moneyVerbs right before rs[i].
func moneyVerbBefore(rs []rune, i int) bool {
	for _, w := range moneyVerbs {
		if _, ok := endsAt(rs, i, w); ok {
			return true
		}
	}
	return false
}

// countBefore is where the noun of a count begins when rs[i] follows it
// in the same clause with no verb between (4个村集体经济收入|超10万元):
// the figure at i then describes the things counted. -1 when not.
func countBefore(rs []rune, i int) int {
	for k := i - 1; k > 0 && k >= i-16; k-- {
		r := rs[k]
		if strings.ContainsRune(delims, r) || isDigit(r) || isMask(r) {
			return -1
		}
		if p := rs[k-1]; strings.ContainsRune("个名家户所座", r) && (isDigit(p) || isMask(p) || p == '余' || p == '多') {
			if i-k-1 < 2 {
				return -1
			}
			for j := k + 1; j < i; j++ {
				if _, ok := verbAt(rs, j, i); ok {
					return -1
				}
			}
			return k + 1
		}
	}
	return -1
}

// aBar reports a figure that can be a bar rather than a statistic: an
// amount or measure over something (超10万元, 10万元以上); a count (超1500个
// 终端产品) counts.
func aBar(rs []rune, f figure) bool {
	return f.kind != kindCount && (strings.ContainsRune("超逾", at(rs, f.start)) || hasAt(rs, f.next, "以上"))
}

// perFor reports a figure after 每 that still counts: 每月为120名老人送餐
// counts the people served (为 + a count of people), where 每月2次 is a
// rule.
func perFor(rs []rune, f figure) bool {
	if f.kind != kindCount || !strings.Contains("名人户位家个", f.unit) {
		return false
	}
	return at(rs, f.start-1) == '为' || at(rs, f.start-1) == '向' || at(rs, f.start-1) == '给'
}
