package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	"公里": kindMeasure, "千米": kindMeasure, "米": kindMeasure, "延米": kindMeasure,
	"吨": kindMeasure, "万吨": kindMeasure, "公斤": kindMeasure, "千克": kindMeasure, "斤": kindMeasure, "万斤": kindMeasure,
	"千瓦": kindMeasure, "万千瓦": kindMeasure, "千瓦时": kindMeasure, "万千瓦时": kindMeasure, "兆瓦": kindMeasure,
	"小时": kindMeasure, "天": kindMeasure, "个工作日": kindMeasure, "课时": kindMeasure, "学时": kindMeasure,
	"户": kindCount, "人": kindCount, "人次": kindCount, "万人次": kindCount, "户次": kindCount, "名": kindCount, "个": kindCount,
	"家": kindCount, "家次": kindCount, "次": kindCount, "场次": kindCount, "起": kindCount, "件": kindCount, "处": kindCount,
	"栋": kindCount, "幢": kindCount, "座": kindCount, "份": kindCount, "场": kindCount, "条": kindCount, "篇": kindCount, "期": kindCount,
	"项": kindCount, "批": kindCount, "所": kindCount, "辆": kindCount, "台": kindCount, "台次": kindCount, "套": kindCount, "间": kindCount,
	"张": kindCount, "本": kindCount, "册": kindCount, "株": kindCount, "棵": kindCount, "只": kindCount, "头": kindCount, "羽": kindCount,
	"尾": kindCount, "支": kindCount, "轮": kindCount, "块": kindCount, "宗": kindCount, "冢": kindCount, "幅": kindCount, "封": kindCount,
	"笔": kindCount, "例": kindCount, "床": kindCount, "艘": kindCount, "班": kindCount, "所次": kindCount, "车次": kindCount, "架次": kindCount,
	"门": kindCount, "盏": kindCount, "部": kindCount, "组": kindCount, "队": kindCount, "单": kindCount, "万人": kindCount, "万户": kindCount,
	"位": kindCount, "村": kindCount, "对": kindCount, "座次": kindCount,
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
	"个": "人",     // 个人
	"名": "单额录义",  // 名单 名额 名录 名义
	"人": "员民才口大", // 人员 人民 人才 人口 人大
	"家": "庭属乡园",  // 家庭 家属 家乡 家园
	"天": "然",     // 天然
	"米": "业粮饭",   // 米业 米粮 米饭
	"期": "间末限",   // 期间 期末 期限
	"场": "所地景镇",  // 场所 场地 场景 场镇
	"组": "织建成长",  // 组织 组建 组成 组长
	"部": "门署分",   // 部门 部署 部分
	"门": "店",     // 门店
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
	answer      string
	unit        string
	kind        unitKind
	scaled      bool // 万/亿 written with the number and no unit after
	placeholder bool // X or xx standing for a figure not yet known
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

// scanFigures finds the figures, years and dates of a paragraph. year is
// the report's year (0 when unknown).
func scanFigures(rs []rune, year int) []figure {
	prot := protectedRanges(rs)
	var out []figure
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isDigit(r):
			prev := at(rs, i-1)
			if isDigit(prev) || isLatinLetter(prev) || strings.ContainsRune(".．-—~～/+#第", prev) {
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
		case r == 'x' || r == 'X':
			if isLatinLetter(at(rs, i-1)) {
				continue
			}
			j := i
			for j < len(rs) && (rs[j] == 'x' || rs[j] == 'X') {
				j++
			}
			if isLatinLetter(at(rs, j)) || isDigit(at(rs, j)) {
				i = j - 1
				continue
			}
			k := j
			if at(rs, k) == '余' || at(rs, k) == '多' {
				k++
			}
			if (at(rs, k) == '万' || at(rs, k) == '亿') && unitAt(rs, k) == "" {
				k++
			}
			u := unitAt(rs, k)
			if u != "" && !prot[i] {
				f := figure{start: i, end: j, unit: u, kind: units[u], placeholder: true}
				if f.kind == kindPercent {
					f.end = k + utf8.RuneCountInString(u)
					if k != j { // X余% is odd; keep the words
						f.end = j
						f.kind = kindMeasure
					}
				}
				out = append(out, f)
			}
			i = j - 1
		}
	}
	return out
}

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
	if j-i == 4 && !dec && at(rs, j) == '年' {
		y, _ := strconv.Atoi(digits)
		if schema.IsYear(y) {
			if m, d, n := monthDay(rs, j+1, y); n > 0 {
				return figure{start: i, end: j + 1 + n, date: true, answer: fmt.Sprintf("%04d-%02d-%02d", y, m, d)}, j + 1 + n, true
			}
			if year != 0 && y-year >= -1 && y-year <= 1 {
				return figure{start: i, end: j, isYear: true, year: y - year}, j, true
			}
			return figure{}, j, false
		}
	}
	// a range (20-30人, 0-14岁) is not one figure
	if strings.ContainsRune("-—~～至到", at(rs, j)) && isDigit(at(rs, j+1)) {
		k := j + 1
		for k < len(rs) && (isDigit(rs[k]) || rs[k] == '.') {
			k++
		}
		return figure{}, k, false
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
	if (at(rs, k) == '万' || at(rs, k) == '亿') && unitAt(rs, k) == "" {
		scale = string(rs[k])
		k++
		if qual == "" && (at(rs, k) == '余' || at(rs, k) == '多') {
			qual = string(rs[k])
			k++
		}
	}
	u := unitAt(rs, k)
	if u == "" && scale == "" {
		return figure{}, end, false
	}
	// 1.2万 alone must not be a word's start: 3万元 is handled as unit;
	// here 250万; or 89.9亿。
	f := figure{start: i, end: k, unit: u, kind: units[u], decimal: dec, scaled: u == "" && scale != ""}
	// qualifiers before the number go into the answer: 近300
	pre := ""
	for _, q := range prefixQual {
		qr := []rune(q)
		if i >= len(qr) && string(rs[i-len(qr):i]) == q {
			pre = q
			f.start = i - len(qr)
			break
		}
	}
	f.answer = pre + digits + scale + qual
	if qualFirst {
		f.answer = pre + digits + qual + scale // 300余万 as written
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

// excluded reports numbers that are not statistics: rules (每月召开1次)
// and ordinals.
func excluded(rs []rune, f figure) bool {
	if f.date || f.isYear {
		return false
	}
	for k := f.start - 1; k >= 0 && k >= f.start-6; k-- {
		if strings.ContainsRune(delims, rs[k]) {
			break
		}
		if rs[k] == '每' || rs[k] == '第' {
			return true
		}
	}
	return false
}

// Label inference ---------------------------------------------------------

var (
	leadFillers = []string{
		"截至目前", "截至", "截止目前", "截止", "目前", "其中", "今年以来", "今年", "全年", "年内", "此外", "同时", "另外", "现有", "现",
		"已经", "已", "共计", "共有", "共", "累计", "合计", "总计", "先后", "分别", "并且", "并", "还", "均", "再", "又", "将",
		"为", "对", "向", "给", "与", "和", "及", "以及", "在", "从", "由", "仅", "达到", "达", "有", "是", "了", "的", "通过",
		"全镇", "全区", "全市", "全县", "我镇", "我局", "我区", "我市", "我县", "镇", "区",
	}
	tailFillers = []string{
		"达到", "达", "为", "共计", "共", "累计", "合计", "总计", "计", "有", "是", "了", "至", "到", "约", "近", "超过", "超", "逾",
		"将近", "接近", "大约", "的", "已", "约为", "分别为", "分别", "共有", "总数", "等", "其中", "仅", "各", "在", "由最初", "由", "从",
	}
	timeWords = []string{"上半年", "半年", "下半年", "前三季度", "一季度", "二季度", "三季度", "四季度", "第一季度", "第二季度", "1-6月", "1至6月", "1-10月", "全年"}
	generic   = map[string]bool{
		"金额": true, "资金": true, "数量": true, "总数": true, "人数": true, "面积": true, "总额": true, "比例": true,
		"总量": true, "规模": true, "占比": true, "增速": true, "增长": true, "同比增长": true, "完成率": true, "户数": true,
		"其中": true, "合计": true, "共计": true, "总计": true, "累计": true, "共": true, "": true, "发放": true, "完成": true,
		"开展": true, "组织": true, "新增": true, "投入": true, "涉及": true, "覆盖": true, "实现": true, "惠及": true, "长度": true,
	}
	afterStops = []string{"的", "正式", "已经", "已", "在", "进行", "开展", "和", "及", "并", "均", "全部", "等", "共", "用于", "实现",
		"获", "被", "投入", "中", "对", "完成", "参与", "受益", "得到", "纳入", "全面", "顺利", "通过", "签订", "签约", "分别", "按", "都", "成立", "建立", "以上", "左右", "参加", "提供", "为", "达", "次"}
)

var reAge = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[0-9]+(周岁|岁)?(以上|以下)?`) })

var reMonthDay = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[0-9]{1,2}月(份|底|初|中旬|下旬|上旬)?([0-9]{1,2}日)?|^至`)
})

// labelVerbs start the part of a long phrase that names a figure:
// "参加入党积极分子培训班培养入党积极分子" → 培养入党积极分子.
var labelVerbs = []string{"培养", "发展", "完成", "开展", "组织", "建成", "新建", "新增", "发放", "举办", "召开", "排查", "走访", "慰问",
	"引进", "签订", "招聘", "落实", "收缴", "没收", "查处", "办理", "受理", "化解", "调解", "培训", "覆盖", "接种", "检查", "整改",
	"投入", "安排", "配备", "摸排", "清理", "拆除", "治理", "种植", "实现", "建设", "改造", "打造", "创建", "普查", "处理", "处置",
	"取缔", "规范", "消除", "巡查", "帮扶", "救助", "资助", "补助", "补贴", "筹集", "争取", "申报", "认定", "评定", "获批", "获得",
	"提供", "解决", "审批", "登记", "报送", "上报", "录入", "签约", "参加", "参与", "动员", "教育", "宣传", "下发", "印发", "制定",
	"出台", "设立", "设置", "成立", "组建", "聘请", "吸纳", "带动", "安置", "转移", "输出", "销售", "生产", "收购", "流转", "整治"}

// cleanLabel trims a phrase down to what names the figure.
func cleanLabel(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			return r
		}
		return -1
	}, s)
	// years are the template's business, not the label's
	for {
		rs := []rune(s)
		if len(rs) >= 5 && isDigit(rs[0]) && isDigit(rs[3]) && rs[4] == '年' {
			s = string(rs[5:])
			if strings.HasPrefix(s, "度") {
				s = strings.TrimPrefix(s, "度")
			}
			continue
		}
		break
	}
	s = strings.ReplaceAll(s, "年度", "")
	s = reMonthDay().ReplaceAllString(s, "")
	s = reAge().ReplaceAllString(s, "")
	time := ""
	for _, t := range timeWords {
		if strings.HasPrefix(s, t) && t != "全年" {
			time, s = t, s[len(t):]
			break
		}
	}
	for changed := true; changed; {
		changed = false
		for _, f := range leadFillers {
			if strings.HasPrefix(s, f) {
				s, changed = s[len(f):], true
			}
		}
		for _, f := range tailFillers {
			if strings.HasSuffix(s, f) && len(s) > len(f) {
				s, changed = s[:len(s)-len(f)], true
			}
		}
	}
	s = strings.TrimLeftFunc(s, func(r rune) bool { return isDigit(r) })
	return time + s
}

// shorten keeps the end of a long phrase, cut after a word that usually
// ends the context part of it (在, 对, 的 …).
func shorten(s string, max int) string {
	rs := []rune(s)
	if len(rs) <= max {
		return s
	}
	// cut at the last verb that leaves a name of 3 or more characters
	best := -1
	for _, v := range labelVerbs {
		if i := strings.LastIndex(s, v); i >= 0 {
			k := utf8.RuneCountInString(s[:i])
			if len(rs)-k >= 3 && len(rs)-k <= max+4 && k > best {
				best = k
			}
		}
	}
	if best < 0 {
		for k := len(rs) - 3; k >= len(rs)-max && k > 0; k-- {
			if strings.ContainsRune("在对向为将把后中的了和及给从于并到已", rs[k-1]) {
				best = k
				break
			}
		}
	}
	if best < 0 {
		best = len(rs) - max
	}
	return string(rs[best:])
}

// headOf cuts a phrase after a figure before the words that no longer
// name it: "党群服务驿站正式投入使用" → 党群服务驿站.
func headOf(s string, max int) string {
	cut := len(s)
	for _, w := range afterStops {
		if i := strings.Index(s, w); i >= 0 && i < cut {
			cut = i
		}
	}
	s = s[:cut]
	rs := []rune(s)
	if len(rs) > max {
		rs = rs[:max]
	}
	return string(rs)
}

// labelFor infers what a figure counts from the text around it.
func labelFor(rs []rune, f figure, prevEnd int, prevLabel, heading string) string {
	// 贫困户812户2624人: a figure right after another one's unit counts
	// the same thing in another unit (贫困户人数).
	if f.start == prevEnd && prevLabel != "" && f.unit != "" && !f.date {
		return stripGeneric(prevLabel) + measureWord(f)
	}
	k := f.start
	for k > prevEnd && !strings.ContainsRune(delims, rs[k-1]) {
		k--
	}
	before := cleanLabel(string(rs[k:f.start]))
	e := f.end
	if !f.isYear && !f.date && f.kind != kindPercent {
		e += utf8.RuneCountInString(f.unit)
	}
	j := e
	for j < len(rs) && !strings.ContainsRune(delims, rs[j]) && (j-e) < 30 && !isDigit(rs[j]) && rs[j] != 'x' && rs[j] != 'X' {
		j++
	}
	after := headOf(cleanLabel(string(rs[e:j])), 10)
	if !strings.ContainsRune(delims, at(rs, e)) && utf8.RuneCountInString(after) < 2 {
		after = ""
	}
	before = shorten(before, 12)
	nb, na := utf8.RuneCountInString(before), utf8.RuneCountInString(after)
	label := before
	switch {
	case before != "" && generic[before] && prevLabel != "":
		label = stripGeneric(prevLabel) + before // prevLabel is short already
	case na >= 2 && !generic[after] && nb+na <= 10 && nb <= 6:
		label = before + after
	case na >= 2 && !generic[after]:
		label = after
	}
	if f.date {
		label = strings.TrimSuffix(label, "日期") + "日期"
	}
	if generic[label] || utf8.RuneCountInString(label) < 2 {
		// 35个村（居）: the word after the unit is all there is
		if a := headOf(cleanLabel(string(rs[e:j])), 10); a != "" && !generic[a] {
			label = a
		} else if h := shortID(heading); h != "部分" {
			label = h + label
		}
	}
	if label == "" {
		label = "数字"
	}
	return label
}

// measureWord names what a figure's unit measures: 人 → 人数, 万元 →
// 金额, 亩 → 面积.
func measureWord(f figure) string {
	switch f.kind {
	case kindMoney:
		return "金额"
	case kindPercent:
		return "比例"
	}
	u := strings.TrimLeft(f.unit, "万亿千")
	switch u {
	case "亩", "公顷", "平方米", "㎡", "m²", "m2", "平方公里", "平方千米":
		return "面积"
	case "公里", "千米", "米", "延米":
		return "长度"
	case "吨", "公斤", "千克", "斤":
		return "重量"
	case "":
		return "数量"
	}
	return u + "数"
}

// stripGeneric drops a generic word at the end of a label (补助金额 →
// 补助), so 金额 is not said twice.
func stripGeneric(s string) string {
	for g := range generic {
		if g != "" && strings.HasSuffix(s, g) && len(s) > len(g) {
			return strings.TrimSuffix(s, g)
		}
	}
	return s
}

// idFor turns a label into a unique field id.
func idFor(label string, used map[string]bool, next map[string]int) string {
	id := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			return r
		}
		return -1
	}, label)
	id = strings.TrimLeftFunc(id, func(r rune) bool { return unicode.IsDigit(r) })
	if id == "" || !schema.IsIdent(id) {
		id = "数字" + id
		if !schema.IsIdent(id) {
			id = "数字"
		}
	}
	return uniqueID(id, used, next)
}

// uniqueID returns id, or id_2, id_3 … when taken; next remembers the
// suffix to try per base, so a thousand 发展党员 stay linear.
func uniqueID(id string, used map[string]bool, next map[string]int) string {
	if !used[id] {
		used[id] = true
		return id
	}
	base := id
	n := max(next[base], 2)
	for id = base + "_" + strconv.Itoa(n); used[id]; id = base + "_" + strconv.Itoa(n) {
		n++
	}
	next[base] = n + 1
	used[id] = true
	return id
}

// sortFigures orders figures by position (scanning keeps them so; this
// is for safety when kinds are merged).
func sortFigures(fs []figure) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].start < fs[j].start })
}
