package importer

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// Field names.
//
// A figure is named after the thing it counts or measures, taken from the
// sentence around it:
//
//   - 发展党员40名, 投入资金100万元: the words before the figure, back to
//     the start of the clause, without the words that only lead in (截至
//     目前, 今年以来, 已, 共) and cut to the last verb when long
//     (参加培训班培养入党积极分子 → 培养入党积极分子);
//   - 已划分253个微网格, 有9个党群服务驿站: a count whose noun follows the
//     measure word is named after that noun, with the verb before it
//     (划分微网格, 党群服务驿站);
//   - 贫困户812户2624人: a figure right after another counts the same
//     thing in another unit (贫困户人数);
//   - 城区20亩空闲地块: a measure with its noun after it is that noun's
//     area, length, weight or amount (空闲地块面积).
//
// Every cut is checked against a table of two-character words
// (splitsWord), so a name never begins or ends inside a word. A name
// that says nothing (数量, 完成, one character) is marked for review
// instead of being made up from the part's heading. Two figures of one
// name are told apart by what differs between them — the time (一季度,
// 上半年), the place or subject before the name (石桥坝), the noun after
// the figure, the unit — never by _2, _3 unless nothing differs.

// A naming is a field's name and what could tell it from another figure
// of the same name.
type naming struct {
	label  string
	review bool
	alts   []string // fuller names, best first, for when label is taken
	noun   string   // what a count counts (村 of 12个村), for the figures after it
}

// nameContext is what naming a figure needs of the figures before it in
// the same paragraph.
type nameContext struct {
	prevEnd   int    // rune just after the previous figure and its unit
	prevLabel string // that figure's name
	prevUnit  string
	prevAlts  []string // that figure's fuller names
	prevNoun  string   // what that figure counts, when it is a count of a named thing
	sentence  string   // the sentence's subject, for telling names apart
	when      string   // the date or time the sentence begins with (6月28日)
}

// Words that lead into a name without being part of it, longest first
// where one begins another. A lead word is only dropped where dropping it
// does not cut a word (现场 keeps its 现).
var leadWords = []string{
	"截至目前", "截止目前", "截至", "截止", "到目前为止", "半年来", "自去年以来", "自今年以来", "今年以来", "年初以来", "今年来", "以来",
	"自", "其中", "此外", "同时", "另外", "另", "现有", "现", "已经", "已", "共计", "共有", "一共", "共", "累计", "合计", "总计", "先后",
	"分别", "并且", "并", "还", "均", "再", "又", "将", "为", "对", "向", "给", "与", "和", "及", "以及", "在", "从", "由", "仅", "达到",
	"达", "有", "是", "了", "的", "通过", "全部", "所有", "各类", "各", "已有", "现已", "顺利", "积极", "主动", "占",
	"以", "使", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "首先", "其次", "再次", "最后",
	"依法", "专门", "陆续", "相继", "进一步", "全面", "深入", "扎实", "持续", "大力", "有效", "及时", "帮助", "协助", "指导",
	"督促", "推动", "共同", "配合", "先后", "半年来", "一年来", "年来", "当年", "本年", "本年度", "年度",
}

// mannerWords say how well a thing was done, not what: 成功引进招商项目
// is 引进招商项目. They lead a name only before a verb with its object
// (成功调解 and 成功率 keep theirs).
var mannerWords = []string{"成功", "全力", "着力", "切实", "认真", "不断", "稳步", "圆满", "广泛", "精准", "严格", "高效"}

// intentWords lead a target rather than a result (力争农业总产值达到3.9亿元):
// dropped from a name whatever word they seem to begin with what follows
// (确保|全年), and a target is told from the result of the same name by
// 目标.
var intentWords = []string{"确保", "力争", "努力", "计划到", "目标是"}

// firmLeads are lead words dropped whatever word the table says they
// begin with what follows (其中|年销售额, though 中年 is a word).
var firmLeads = append([]string{"其中", "截至目前", "截止目前", "今年以来", "此外"}, intentWords...)

// valueVerbs stand between a thing and its value (税收收入完成2.15亿元,
// 参保率稳定在97.8%以上, 总量增长至35家): the name is the thing. Only a
// name read from the words before its figure drops them; before a
// counted noun they are the action (完成房屋拆迁).
var valueVerbs = []string{"提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "下降到", "下降至", "降低到",
	"降低至", "降至", "增至", "稳定在", "保持在", "维持在", "完成", "突破"}

// trimValueVerb drops a verb of valueVerbs the span ends with, and what
// leads to it (整改已完成 → 整改).
func (s *span) trimValueVerb() {
	end := s.b
	if strings.ContainsRune("至到在", at(s.rs, end)) {
		end++ // trimTail took 至 of 增长至
	}
	for _, w := range valueVerbs {
		if n, ok := endsAt(s.rs, end, w); ok && end-n > s.a && end-n < s.b {
			s.b = end - n
			s.trimTail()
			return
		}
	}
}

// placeWords name where a figure was counted; they lead a name but tell
// two figures apart.
var placeWords = []string{"全镇", "全乡", "全区", "全市", "全县", "全场", "全街道", "我镇", "我乡", "我区", "我市", "我县", "我局", "我场",
	"我街道", "我中心", "我单位", "辖区内", "辖区", "全省", "全国", "镇域内", "镇域", "区域内", "城区", "本镇", "各村", "各社区"}

// timeWords say when; they tell figures apart (一季度 … 二季度 …).
var timeWords = []string{"上半年", "下半年", "前三季度", "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度", "三季度",
	"四季度", "半年", "全年", "今年", "明年", "年内", "去年", "年初", "年底", "当月", "本月", "目前", "到目前", "最初", "原来", "现在"}

// tailWords end the words before a figure without naming it: 整改率达,
// 总数为, 共计.
var tailWords = []string{
	"达到", "达", "为", "共计", "共", "累计", "合计", "总计", "计", "有", "是", "了", "至", "到", "约", "近", "超过", "超", "逾",
	"将近", "接近", "大约", "的", "已", "约为", "分别为", "分别", "共有", "等", "其中", "仅", "各", "在", "由最初", "由", "从", "已达",
	"达到了", "已经", "均", "共约", "约有", "有近", "近有", "占", "对", "向", "给", "为了", "累计达", "全区", "全镇",
	"全市", "全县", "全乡", "辖区", "我镇", "我区",
}

// generic names say only how a thing is measured.
var generic = map[string]bool{
	"金额": true, "资金": true, "数量": true, "总数": true, "人数": true, "面积": true, "总额": true, "比例": true,
	"总量": true, "规模": true, "占比": true, "增速": true, "增长": true, "同比增长": true, "完成率": true, "户数": true,
	"其中": true, "合计": true, "共计": true, "总计": true, "累计": true, "共": true, "": true, "长度": true, "其他": true,
	"其余": true, "剩余": true, "另外": true, "部分": true, "全部": true, "平方": true, "数字": true, "个数": true, "次数": true,
	"时长": true, "重量": true, "方量": true, "总长": true, "总长度": true, "里程": true, "总里程": true, "全长": true,
	// a change says how much, not of what: 税收收入…，同比下降3.2%
	"同比下降": true, "同比减少": true, "同比增加": true, "同比提高": true, "环比增长": true, "环比下降": true, "增幅": true,
	"降幅": true, "比上年增长": true, "比上年下降": true, "较上年增长": true, "较上年下降": true,
	"比上年增加": true, "比上年减少": true, "较上年增加": true, "较上年减少": true, "比上年提高": true, "较上年提高": true,
	"比去年增长": true, "比去年增加": true, "比去年下降": true, "比去年减少": true, "同比": true,
}

// genericEnds are the generic words a name may end with, longest first.
var genericEnds = sync.OnceValue(func() []string {
	var ws []string
	for g := range generic {
		if g != "" {
			ws = append(ws, g)
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	return ws
})

// labelVerbs start the part of a long phrase that names a figure:
// 参加入党积极分子培训班培养入党积极分子 → 培养入党积极分子.
var labelVerbs = []string{"培养", "发展", "完成", "开展", "组织", "建成", "新建", "新增", "发放", "举办", "召开", "排查", "走访", "慰问",
	"引进", "签订", "招聘", "落实", "收缴", "没收", "查处", "办理", "受理", "化解", "调解", "培训", "覆盖", "接种", "检查", "整改",
	"投入", "安排", "配备", "摸排", "清理", "拆除", "治理", "种植", "实现", "建设", "改造", "打造", "创建", "普查", "处理", "处置",
	"取缔", "规范", "消除", "巡查", "帮扶", "救助", "资助", "补助", "补贴", "筹集", "争取", "申报", "认定", "评定", "获批", "获得",
	"提供", "解决", "审批", "登记", "报送", "上报", "录入", "签约", "参加", "参与", "动员", "教育", "宣传", "下发", "印发", "制定",
	"出台", "设立", "设置", "成立", "组建", "聘请", "吸纳", "带动", "安置", "转移", "输出", "销售", "生产", "收购", "流转", "整治",
	"划分", "打击", "刑拘", "拘留", "拨付", "兑现", "调处", "办结", "回复", "核查", "核实", "发动", "修建", "硬化", "铺设", "安装",
	"配置", "投放", "清运", "清除", "关停", "立案", "处罚", "罚款", "缴纳", "征收", "征地", "养殖", "栽种", "造林", "植树", "加工",
	"检测", "筛查", "抽检", "督查", "评估", "审核", "核发", "注册", "转正", "接待", "服务", "推进", "实施", "投资", "募集", "捐赠",
	"捐款", "支出", "使用", "发布", "报道", "刊发", "张贴", "悬挂", "推送", "采集", "出动", "派出", "挂牌", "评选", "表彰", "推荐",
	"申请", "荣获", "获评", "举行", "开通", "建立", "编制", "审查", "结案", "移送", "移交", "约谈", "问责", "通报", "提醒", "劝导",
	"制止", "发现", "排除", "疏浚", "清淤", "管护", "养护", "收集", "转运", "维修", "改建", "扩建", "提升", "新建成", "累计发放",
	"缴获", "抓获", "破获", "侦破", "拆迁", "征收", "迁移", "收到", "接收", "接到", "核减", "调增", "调减", "停发", "新纳入", "纳入",
	"退出", "销号", "开设", "招录", "招引", "签署", "对接", "关闭", "封堵", "清查", "核对", "认领", "领取", "发出", "回访",
	"创成", "命名", "确认", "培育", "调整", "完善", "查扣", "扣押", "组织开展", "停业", "开工", "施工", "完工", "建成投用", "申领", "配发",
	"挽回", "追回", "追缴", "讨回", "节约", "减免",
}

// afterStops end the noun after a figure: 9个党群服务驿站正式投入使用 →
// 党群服务驿站.
var afterStops = []string{"的", "每", "直接", "统一", "逐步", "取得", "到", "平均", "超过", "甚至", "正式", "正在", "未", "尚未", "仍", "中", "送去", "送达", "免费", "有", "以及", "已经", "已", "在", "进行", "开展", "和", "及", "与", "并", "均", "全部", "等", "共", "用于",
	"实现", "获", "被", "投入", "对", "完成", "参与", "受益", "得到", "纳入", "全面", "顺利", "通过", "签订", "签约", "分别", "按",
	"都", "成立", "建立", "以上", "以下", "左右", "参加", "提供", "为", "达", "次", "进入", "获得", "入选", "列入", "实施", "开工", "建成",
	"完工", "落户", "参加", "接受", "享受", "得以", "也", "还", "又", "再", "将", "要", "可", "能", "已于", "于", "至", "同比", "较",
	"比", "占", "总", "合计", "累计", "其中", "通过", "申报", "成功", "作为", "开展了", "发放", "办理"}

// nounEnds are characters that end a noun made with a verb: a verb
// followed by one of them names a thing (污水处理站, 服务中心), not an
// action.
const nounEnds = "站厂场点所室馆院率量数费金款额证书单表员者班队组会台库区园线路网处房社村镇户业家店屋池井桥渠塘船车人党部局办委校位堂"

var (
	reYearIn  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:19|20)[0-9]{2}年度?|(?:19|20)[0-9]{2}以来`) })
	reMonthIn = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:[0-9xX]{1,2}月?[-至到~～])?[0-9xX]{1,2}月(?:份|底|初|末|中旬|下旬|上旬)?(?:[0-9xX]{1,2}日)?|[0-9]+(?:[-~～至][0-9]+)?(?:周岁|岁)(?:以上|以下)?|[0-9]+(?:[-~～至][0-9]+)?级`)
	})
	reMasked = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[xX×Ｘｘ]+(?:镇|乡|村|县|区|市|省|街道|社区|局|组|公司|小区|学校)?`)
	})
)

// isHan reports a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isDelim reports where a clause ends, for naming.
func isDelim(r rune) bool { return strings.ContainsRune("，,。；;：:、！？!?\n", r) }

// clauseStart is where the clause holding rs[i] begins, not before lo: a
// bracket closed just before is part of it (省级卫生村（社区）3个).
func clauseStart(rs []rune, i, lo int) int {
	k := i
	for k > lo {
		r := rs[k-1]
		if r == '）' || r == ')' {
			j := k - 2
			for j >= lo && rs[j] != '（' && rs[j] != '(' && !isDelim(rs[j]) {
				j--
			}
			if j >= lo && (rs[j] == '（' || rs[j] == '(') {
				k = j
				continue
			}
			return k
		}
		if isDelim(r) || r == '（' || r == '(' {
			return k
		}
		k--
	}
	return k
}

// word matching at rune positions

// hasWordAt reports w at rs[i] with a clean cut before it and after it.
func hasWordAt(rs []rune, i int, w string) (int, bool) {
	n, ok := runesAt(rs, i, w)
	if !ok || splitsWord(rs, i) || splitsWord(rs, i+n) {
		return 0, false
	}
	return n, true
}

// span is a run of rs being made into a name.
type span struct {
	rs   []rune
	a, b int
}

func (s span) len() int       { return s.b - s.a }
func (s span) String() string { return string(s.rs[s.a:s.b]) }

// wordIndex holds a list of words by their first (or last) rune, each
// rune's words in the order of the list: the lists are looked up at
// every character of every clause.
type wordIndex map[rune][]string

func indexWords(ws []string, byLast bool) wordIndex {
	ix := wordIndex{}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if byLast {
			r, _ = utf8.DecodeLastRuneInString(w)
		}
		ix[r] = append(ix[r], w)
	}
	return ix
}

var (
	leadIndexes = sync.OnceValue(func() []wordIndex {
		return []wordIndex{indexWords(timeWords, false), indexWords(placeWords, false), indexWords(leadWords, false)}
	})
	tailIndex = sync.OnceValue(func() wordIndex { return indexWords(tailWords, true) })
	verbIndex = sync.OnceValue(func() wordIndex { return indexWords(labelVerbs, false) })
	stopIndex = sync.OnceValue(func() wordIndex { return indexWords(afterStops, false) })
)

// trimLead drops what leads into a name: punctuation and quotes, years,
// months, lead words, and time and place words, the longest that
// matches first; it returns the time, place or year dropped, which tell
// two figures apart.
func (s *span) trimLead() (when, where string) {
	cut := -1
	for s.a < s.b {
		for s.a < s.b && !isHan(s.rs[s.a]) && !isDigit(s.rs[s.a]) && !isLatinLetter(s.rs[s.a]) && !isMask(s.rs[s.a]) {
			s.a++
		}
		if s.a >= s.b {
			break
		}
		if r := s.rs[s.a]; isDigit(r) || isMask(r) {
			rest := string(s.rs[s.a:s.b])
			if loc := reMasked().FindStringIndex(rest); isMask(r) && loc != nil && loc[0] == 0 && loc[1] < len(rest) && !isMask(lastRune(rest[:loc[1]])) {
				s.a += utf8.RuneCountInString(rest[:loc[1]]) // X镇共有… : the masked name
				continue
			}
			if loc := reYearIn().FindStringIndex(rest); loc != nil && loc[0] == 0 {
				if when == "" {
					when = strings.TrimSuffix(rest[:loc[1]], "度")
				}
				s.a += utf8.RuneCountInString(rest[:loc[1]])
				continue
			}
			if loc := reMonthIn().FindStringIndex(rest); loc != nil && loc[0] == 0 {
				if m := rest[:loc[1]]; when == "" && !strings.ContainsAny(m, "xX岁") {
					when = m // 7月份发放…, 9月份发放…
				}
				s.a += utf8.RuneCountInString(rest[:loc[1]])
				continue
			}
		}
		best, kind := 0, 0
		for _, w := range firmLeads {
			if n, ok := runesAt(s.rs, s.a, w); ok && s.a+n < s.b && n > best {
				best, kind = n, 2
			}
		}
		for k, list := range leadIndexes() {
			for _, w := range list[s.rs[s.a]] {
				n, ok := runesAt(s.rs, s.a, w)
				// after a word just dropped, the cut before is made
				ok = ok && (s.a == cut || !splitsWord(s.rs, s.a)) && !splitsWord(s.rs, s.a+n)
				if ok && s.a+n <= s.b && n > best {
					best, kind = n, k
				}
			}
		}
		if best == 0 {
			best = s.mannerAt(s.a)
		}
		if best == 0 {
			break
		}
		w := string(s.rs[s.a : s.a+best])
		switch kind {
		case 0:
			when = strings.TrimPrefix(w, "到")
		case 1:
			where = w
		}
		s.a += best
		cut = s.a
	}
	return when, where
}

// mannerAt is the length of a word of mannerWords at rs[i] that a verb
// with an object follows, 0 when none.
func (s *span) mannerAt(i int) int {
	for _, w := range mannerWords {
		if n, ok := runesAt(s.rs, i, w); ok {
			if v, ok := verbAt(s.rs, i+n, s.b); ok && i+n+v < s.b {
				return n
			}
		}
	}
	return 0
}

// figureVerbs end the words before a figure and are dropped even where
// they would make a word with what precedes them: 宣传达2次 is 宣传 达.
var figureVerbs = map[string]bool{"达": true, "达到": true, "共计": true, "累计": true, "合计": true, "总计": true}

// trimTail drops the words between a name and its figure (率达, 为).
func (s *span) trimTail() {
	for changed := true; changed && s.a < s.b; {
		changed = false
		for s.b > s.a && !isHan(s.rs[s.b-1]) && !isLatinLetter(s.rs[s.b-1]) && s.rs[s.b-1] != '）' && s.rs[s.b-1] != ')' {
			s.b--
			changed = true
		}
		if s.b <= s.a {
			break
		}
		for _, w := range tailIndex()[s.rs[s.b-1]] {
			if n, ok := endsAt(s.rs, s.b, w); ok && s.b-n > s.a && (figureVerbs[w] || !splitsWord(s.rs, s.b-n)) {
				s.b -= n
				changed = true
				break
			}
		}
	}
}

// verbAt reports a verb of labelVerbs at rs[i] that begins an action
// there: a clean cut before it, and not the start of a noun (处理站,
// 建设面积).
func verbAt(rs []rune, i, end int) (int, bool) {
	if i < 0 || i >= len(rs) {
		return 0, false
	}
	for _, v := range verbIndex()[rs[i]] {
		n, ok := hasWordAt(rs, i, v)
		if !ok || i+n > end {
			continue
		}
		if i+n+1 == end && strings.ContainsRune(nounEnds, rs[i+n]) || generic[string(rs[i+n:end])] && i+n < end {
			continue
		}
		return n, true
	}
	return 0, false
}

// cutToVerb keeps the last verb and what follows it when the span is
// long: 参加入党积极分子培训班培养入党积极分子 → 培养入党积极分子.
//
// A last verb that only begins a short thing's name (建设责任书 of 签订党风
// 廉政建设责任书: 责任书 ends in 书) is part of the object; the verb before
// it is taken when the name stays readable (12 characters at most).
func (s *span) cutToVerb(longer int) {
	if s.len() <= longer {
		return
	}
	for p := s.b - 3; p > s.a; p-- {
		if n, ok := verbAt(s.rs, p, s.b); ok && s.b-(p+n) >= 2 {
			// 生产经营主体: a two-character noun end may take one more
			// word before it
			rest := s.b - (p + n)
			if (rest <= 3 || rest == 4 && endsInNounWord(s.rs[p+n:s.b])) && endsInNoun(s.rs[p+n:s.b]) && modifierVerbs[string(s.rs[p:p+n])] {
				if q := s.verbBefore(p); q >= 0 && s.b-q <= 12 {
					s.a = q
					return
				} else if q < 0 && s.len() <= 12 {
					return // 生活垃圾收运处理覆盖率: one noun
				}
				// too long with the verb before it: the words nearest
				// the noun, from after a verb or a quote (新建社区嵌入式养老
				// 服务中心 → 社区嵌入式养老服务中心)
				for a := max(s.a+1, s.b-12); a < p; a++ {
					if isHan(s.rs[a]) && (!isHan(s.rs[a-1]) || s.verbEndsAt(a)) {
						s.a = a
						return
					}
				}
			}
			s.a = p
			return
		}
	}
}

// modifierVerbs begin the names of things as often as actions: 建设责任书,
// 整改通知书, 处理覆盖率, 养殖示范场, 调解室.
var modifierVerbs = map[string]bool{"建设": true, "服务": true, "管理": true, "生产": true, "养殖": true, "处理": true, "检测": true,
	"培训": true, "宣传": true, "教育": true, "整改": true, "维修": true, "评估": true, "调解": true, "救助": true, "帮扶": true,
	"加工": true, "销售": true, "种植": true, "覆盖": true, "审批": true, "登记": true}

// verbEndsAt reports a verb of labelVerbs ending just before rs[i].
func (s *span) verbEndsAt(i int) bool {
	for q := max(s.a, i-4); q < i; q++ {
		if n, ok := verbAt(s.rs, q, s.b); ok && q+n == i {
			return true
		}
	}
	return false
}

// endsInNoun reports the words after a verb that make it a thing's name
// (站 of 污水处理站, 中心 of 服务中心), not its object.
func endsInNoun(rs []rune) bool {
	if len(rs) == 0 {
		return false
	}
	return strings.ContainsRune(nounEnds, rs[len(rs)-1]) || endsInNounWord(rs)
}

// endsInNounWord reports rs ending in one of nounEndWords.
func endsInNounWord(rs []rune) bool {
	for _, w := range nounEndWords {
		if strings.HasSuffix(string(rs), w) {
			return true
		}
	}
	return false
}

// nounEndWords end a noun made with a verb as nounEnds do, in two
// characters: 服务中心, 培训基地, 服务平台.
var nounEndWords = []string{"中心", "基地", "平台", "窗口", "机构", "设施", "阵地", "热线", "专区", "主体"}

// verbBefore is where the last verb of labelVerbs before rs[p] begins, -1
// when none.
func (s *span) verbBefore(p int) int {
	for q := p - 2; q > s.a; q-- {
		if n, ok := verbAt(s.rs, q, s.b); ok && q+n <= p {
			return q
		}
	}
	return -1
}

// cutAtDe keeps what follows the last 的 when it is a name of its own:
// 城区范围内的背街小巷 → 背街小巷; 拆除群众反映强烈的猪场 stays whole
// (猪场 alone is too short).
func (s *span) cutAtDe() {
	for p := s.b - 3; p > s.a; p-- {
		if s.rs[p] == '的' && !splitsWord(s.rs, p) && !splitsWord(s.rs, p+1) {
			if s.b-(p+1) >= 3 {
				s.a = p + 1
			}
			return
		}
	}
}

// cutBeneficiary drops whom a thing was done for when the span was led
// by 为, 给, 替, 帮助 …: 为消费者挽回经济损失 → 挽回经济损失 (the figure
// is what was done, not the people). lo is where the clause begins.
func (s *span) cutBeneficiary(lo int) {
	led := false
	for _, w := range []string{"为", "给", "替", "帮", "帮助", "向"} {
		if _, ok := endsAt(s.rs, s.a, w); ok && s.a-lo <= 8 {
			led = true
			break
		}
	}
	if !led {
		return
	}
	for p := s.a + 1; p < s.b-2; p++ {
		if n, ok := verbAt(s.rs, p, s.b); ok && s.b-(p+n) >= 2 {
			s.a = p
			return
		}
	}
}

// cutAtPreposition keeps what follows the last 对, 在, 向, 为 … in a long
// span.
func (s *span) cutAtPreposition(longer int) {
	if s.len() <= longer {
		return
	}
	for p := s.b - 3; p > s.a; p-- {
		if strings.ContainsRune("对在向给把将从与于为", s.rs[p]) && !splitsWord(s.rs, p) && !splitsWord(s.rs, p+1) {
			s.a = p + 1
			return
		}
	}
}

// widen moves the start back while it would cut a word (在网低保户, not
// 网低保户), up to lo.
func (s *span) widen(lo int) {
	for _, w := range firmLeads {
		if _, ok := endsAt(s.rs, s.a, w); ok {
			return // 确保|全年: the intent word is no part of the name
		}
	}
	for k := 0; k < 2 && s.a > lo && isHan(s.rs[s.a-1]) && splitsWord(s.rs, s.a); k++ {
		s.a--
	}
}

// shortName makes a span into a name of at most max runes, cutting only
// where the rules above cut; "" when it cannot.
func (s span) shortName(max int) string {
	lo := s.a
	s.trimLead()
	s.trimTail()
	s.cutAtDe()
	s.cutToVerb(max)
	s.cutAtPreposition(max)
	s.trimLead()
	s.widen(lo)
	if c := cleanName(s.String()); utf8.RuneCountInString(c) <= max {
		return c
	}
	return ""
}

// nounAfter is the noun a count's measure word introduces: 253个微网格 →
// 微网格; it ends at a stop word. A noun longer than a name is none:
// nounAfter never cuts one short.
func nounAfter(rs []rune, c int) (s span) {
	if at(rs, c) == '“' {
		// 壮大5名“头雁”, 4000多家“四上”企业: the noun in quotes, and
		// the noun it begins
		for k := c + 1; k < len(rs) && k-c <= 12 && !isDelim(rs[k]); k++ {
			if rs[k] == '”' {
				if t := nounAfter(rs, k+1); t.len() > 0 && t.a == k+1 && k+1-c+t.len() <= 14 {
					return span{rs: rs, a: c, b: t.b}
				}
				return span{rs: rs, a: c, b: k + 1}
			}
		}
	}
	s = span{rs: rs, a: c, b: c}
	defer func() {
		// 2家集体用餐配送单位春、秋季: a list of one-character items ends
		// the noun before it
		if at(rs, s.b) == '、' && s.len() > 3 && isHan(at(rs, s.b+2)) &&
			wordSet()[[2]rune{rs[s.b-1], rs[s.b+2]}] {
			s.b-- // 春、秋季 is 春季、秋季
		}
	}()
	for s.b < len(rs) && (!isDelim(rs[s.b]) || s.b == c+1 && rs[s.b] == '、' && isHan(rs[c])) && !isDigit(rs[s.b]) && !isMask(rs[s.b]) &&
		!strings.ContainsRune("（()）“”‘’《》【】", rs[s.b]) { // 省、市级示范村 is one noun
		if s.b-c >= 14 {
			s.b = c
			return s
		}
		if stopAt(rs, s.b) {
			break
		}
		// 安全监督员配发装备: a verb after a whole noun, with an object
		// after it, begins what is said of the noun (服务 in 党群服务驿站,
		// 销售 in 入场销售者 and 建设 in 卫生室建设 do not)
		if v, ok := verbAt(rs, s.b, len(rs)); ok && s.b > c && strings.ContainsRune(nounEnds, rs[s.b-1]) {
			if r := at(rs, s.b+v); isHan(r) && !strings.ContainsRune(nounEnds, r) {
				break
			}
		}
		s.b++
	}
	return s
}

// countedNoun is what a count names after its measure word, read
// through 的: 1名专职的安全监督员 → 安全监督员 (a short description, then
// the noun); 14处大棚房的问题整改 → 大棚房问题整改 (the noun, then what
// was done to it: merged says so); 34家KTV娱乐场所的第一次检查 →
// KTV娱乐场所.
func countedNoun(rs []rune, c int) (name string, merged bool) {
	name, merged, _ = describedNoun(rs, c)
	return name, merged
}

// describedNoun is countedNoun with the description before 的 that it
// left out (符合条件 of 符合条件的企业), which can tell two counts apart.
func describedNoun(rs []rune, c int) (name string, merged bool, desc string) {
	if at(rs, c) == '的' {
		c++
	}
	n := nounAfter(rs, c)
	n.trimTail()
	name = cleanName(n.String())
	if at(rs, n.b) != '的' || n.len() == 0 {
		return name, false, ""
	}
	next := nounAfter(rs, n.b+1)
	next.trimTail()
	after := cleanName(next.String())
	if next.len() < 2 || strings.HasPrefix(after, "第") {
		return name, false, ""
	}
	if !isActivity(after) {
		if n.len() <= 4 && !strings.ContainsRune(nounEnds, rs[n.b-1]) {
			return after, false, name // 专职的安全监督员
		}
		return name, false, ""
	}
	after = trimResult(after)
	if n.len()+utf8.RuneCountInString(after) <= 12 {
		return name + after, true, "" // 大棚房的问题整改
	}
	return name, false, ""
}

// countedWithBar names a count whose noun runs into the bar it clears,
// 4个村集体经济收入超10万元: 集体经济收入超10万元的村 (what is counted
// last, when the word table tells where it ends), else the words as
// written (企业年产值超2000万元). "" when no bar follows.
func countedWithBar(rs []rune, e int) (label, noun string) {
	k := e
	for k < len(rs) && k-e <= 16 && !isDigit(rs[k]) && !isMask(rs[k]) && !strings.ContainsRune(delims, rs[k]) {
		k++
	}
	if k == e || k == len(rs) || !isDigit(rs[k]) {
		return "", ""
	}
	b, _, ok := numberAt(rs, k, 0)
	if !ok || b.isYear || b.date || !aBar(rs, b) && allClear(rs, b.start) < 0 || countBefore(rs, b.start) != e {
		return "", ""
	}
	phrase := string(rs[e:b.start])
	all := allClear(rs, b.start)
	if all >= e {
		phrase = string(rs[e:all])
	}
	bar := barWord(string(rs[max(0, k-3):k]), barAfter(rs, b.next))
	for _, w := range barOwners {
		if rest, ok := strings.CutPrefix(phrase, w); ok && utf8.RuneCountInString(rest) >= 2 && !splitsWord([]rune(phrase), utf8.RuneCountInString(w)) {
			if all >= e {
				return w + "数", w // 12个村集体经济收入均超过5万元: all the villages
			}
			return rest + bar + "的" + w, w
		}
	}
	return phrase + bar, ""
}

// barWord says which side of a bar things are, without the figure: a
// name holds no figure (超10万元, 10万元以上: 达标; 低于10万元: 未达标).
// before is the text just before the bar's digits.
func barWord(before, after string) string {
	for _, w := range barsBefore {
		if strings.HasSuffix(before, w) && barsDown[w] {
			return "未达标"
		}
	}
	if barsDown[after] {
		return "未达标"
	}
	return "达标"
}

// groupCounted is the group a count counts when the words after it go
// on to name another figure of the same clause: 12个村生活垃圾收运处理
// 覆盖率达到100% counts 村, 8个社区划分网格126个 counts 社区, 12个村中年
// 收入… counts 村. "" when the count's noun is its own.
func groupCounted(rs []rune, e int) string {
	for _, w := range barOwners {
		n, ok := runesAt(rs, e, w)
		if !ok || !isHan(at(rs, e+n)) {
			continue
		}
		rest := e + n
		if r := at(rs, rest); r == '中' || r == '里' || r == '内' {
			return w // 12个村中…
		}
		k := rest
		for k < len(rs) && !isDelim(rs[k]) && !isDigit(rs[k]) && !isMask(rs[k]) && k-rest <= 16 {
			k++
		}
		if k == rest || !isDigit(at(rs, k)) {
			return ""
		}
		// the words up to the next figure name it: a measure of the
		// group's (覆盖率), or an action with its object (划分网格)
		t := span{rs: rs, a: rest, b: k}
		t.trimTail()
		t.trimValueVerb()
		if verbBegins(rs, rest, t.b) || t.len() >= 2 && strings.ContainsRune("率量额数", rs[t.b-1]) {
			return w
		}
		return ""
	}
	return ""
}

// verbBegins reports a verb of labelVerbs at rs[i] with more words
// after it up to end; the cut before it is made by the noun before
// (社区|划分网格, though 区划 is a word).
func verbBegins(rs []rune, i, end int) bool {
	for _, v := range verbIndex()[at(rs, i)] {
		if n, ok := runesAt(rs, i, v); ok && i+n < end && !splitsWord(rs, i+n) {
			return true
		}
	}
	return false
}

// nounAfterBar is the noun a count of things clearing a bar names after
// its measure word (3个村, 3家), "" when none.
func nounAfterBar(rs []rune, e int) string {
	n, _ := countedNoun(rs, e)
	if generic[n] {
		return ""
	}
	return n
}

// barCount names a count of the things that clear or miss a bar said
// before it in the clause: 12个村中年收入低于10万元的仍有3个 → 年收入未达标
// 的村, 其中注册资本1000万元以上的5家 (after 新引进企业37家) → 注册资本达标
// 的新引进企业. The thing is the count's own noun, else the noun after
// the bar's 的, else what the figure before counted. "" when no bar.
func barCount(rs []rune, left span, noun string, ctx nameContext) string {
	for k := left.a; k < left.b; k++ {
		if !isDigit(rs[k]) || k > left.a && (isDigit(rs[k-1]) || rs[k-1] == '.') {
			continue
		}
		b, _, ok := numberAt(rs, k, 0)
		if !ok || b.isYear || b.date || b.next > left.b {
			continue
		}
		before := barWordBefore(rs, k) // 超过 may be the figure's own
		after := barAfter(rs, b.next)
		de := b.next + utf8.RuneCountInString(after)
		if before == "" && after == "" || at(rs, de) != '的' {
			continue
		}
		subj := span{rs: rs, a: left.a, b: k - utf8.RuneCountInString(before)}
		subj.trimLead()
		if w := ctx.prevNoun; w != "" {
			// 12个村中年收入…: among the villages just counted
			if n, ok := runesAt(rs, subj.a, w); ok && strings.ContainsRune("中里内", at(rs, subj.a+n)) {
				subj.a += n + 1
			}
		}
		what := subj.shortName(8)
		if noun == "" {
			noun = nounAfterBar(rs, de+1)
		}
		if what == "" {
			what = clearedBy(rs, left.a, ctx.prevEnd) // …全部达到10万元以上，其中超50万元的村3个
		}
		if noun == "" {
			noun = ctx.prevNoun
		}
		if noun == "" {
			// 培育家庭农场30个，其中…的8个: 家庭农场, without the verb
			p := []rune(stripGeneric(ctx.prevLabel))
			if n, ok := verbAt(p, 0, len(p)); ok && len(p)-n >= 2 {
				p = p[n:]
			}
			noun = string(p)
		}
		if w, ok := strings.CutPrefix(what, noun); ok && noun != "" && utf8.RuneCountInString(w) >= 2 && !splitsWord([]rune(what), utf8.RuneCountInString(noun)) {
			what = w // 村集体经济收入 of 村: 集体经济收入达标的村
		}
		if what == "" || noun == "" {
			return ""
		}
		return what + barWord(string(rs[max(0, k-3):k]), after) + "的" + noun
	}
	return ""
}

// clearedBy is what the clause before the one at lo says all the
// things clear a bar in (村集体经济收入 of 村集体经济收入全部达到10万元
// 以上): a bar after 其中 in the next clause is of the same measure. ""
// when that clause says no such thing; prevEnd bounds it.
func clearedBy(rs []rune, lo, prevEnd int) string {
	if lo < 1 || lo-1 < prevEnd {
		return ""
	}
	a := clauseStart(rs, lo-1, prevEnd)
	for k := a; k < lo-1; k++ {
		if !isDigit(rs[k]) || k > a && isDigit(rs[k-1]) {
			continue
		}
		if p := allClear(rs, k); p > a {
			if c := countBefore(rs, p); c >= a {
				a = c // 全镇12个村集体经济收入均…: of the things counted
			}
			t := span{rs: rs, a: a, b: p}
			t.trimLead()
			for _, w := range barOwners {
				// 各行政村集体经营性收入: the things, then the measure
				if n, ok := runesAt(rs, t.a, w); ok && t.len()-n >= 2 && !splitsWord(rs, t.a+n) {
					t.a += n
					break
				}
			}
			return t.shortName(8)
		}
		return ""
	}
	return ""
}

// barOwners are the things a report counts by a bar they clear (4个村
// 集体经济收入超10万元), longest first where one ends another.
var barOwners = []string{"行政村", "自然村", "村（社区）", "社区", "村", "乡镇", "镇", "企业", "合作社", "农户", "户", "小区", "学校", "项目", "单位"}

// trimResult drops the result a verb phrase ends with: 整改到位 → 整改.
func trimResult(s string) string {
	for _, w := range []string{"到位", "完毕", "完成", "结束", "达标", "办结", "进行"} {
		if t, ok := strings.CutSuffix(s, w); ok && utf8.RuneCountInString(t) >= 2 {
			return t
		}
	}
	return s
}

// isActivity reports a phrase that names something done (问题整改,
// 村级卫生室建设, 监管工作), not a thing.
func isActivity(s string) bool {
	s = trimResult(s)
	for _, w := range []string{"工作", "活动", "行动", "任务"} {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	rs := []rune(s)
	for k := len(rs) - 2; k >= 0 && k >= len(rs)-3; k-- {
		if n, ok := verbAt(rs, k, len(rs)); ok && k+n == len(rs) {
			return true
		}
	}
	return false
}

// stopAt reports a stop word at rs[i]: one of two characters or more
// need only begin at a clean cut (作为 in 作为重点); one character must
// also not begin a word (在建 is no 在).
func stopAt(rs []rune, i int) bool {
	if i >= len(rs) {
		return false
	}
	for _, w := range stopIndex()[rs[i]] {
		// 的 after 目 is 在建项目的, not 目的
		if n, ok := runesAt(rs, i, w); ok && (w == "的" || !splitsWord(rs, i)) && (n > 1 || !splitsWord(rs, i+1)) {
			return true
		}
	}
	return false
}

// verbLead is the verb (or verbs) a clause before a count ends with,
// the action done to what it counts: 已划分, 共走访慰问, 发动全区 →
// 划分, 走访慰问, 发动; and the verb before 的 (原本申报的14个项目 →
// 申报).
func verbLead(s span) string {
	t := s
	t.trimLead()
	t.trimTail()
	for t.b > t.a && (t.rs[t.b-1] == '的' || t.rs[t.b-1] == '了') {
		t.b--
	}
	// drop where it was done at the end: 发动全区
	for _, w := range placeWords {
		if n, ok := endsAt(t.rs, t.b, w); ok && t.b-n > t.a {
			t.b -= n
			break
		}
	}
	// the verbs at its end, as long as verbs follow each other
	start := -1
	for p := t.b - 2; p >= t.a; p-- {
		if n, ok := verbAt(t.rs, p, t.b); ok && (p+n == t.b || p+n == start) {
			start = p
		}
	}
	if start < 0 {
		return ""
	}
	return string(t.rs[start:t.b])
}

// listStart is where a list that leads into a figure begins: in
// 整治非法采砂、洗砂、筛砂场5处 the name is the whole list with its verb.
// It is lo unless the words before the 、 begin with a verb and the
// whole stays short.
func listStart(rs []rune, a, lo int) int {
	if a <= lo || rs[a-1] != '、' {
		return a
	}
	k := a - 1
	for k > lo && !strings.ContainsRune("，,。；;：:\n（(", rs[k-1]) {
		k--
	}
	if a-k > 14 || k < lo {
		return a
	}
	head := span{rs: rs, a: k, b: a - 1}
	head.trimLead()
	if _, ok := verbAt(rs, head.a, head.b+1); !ok {
		return a
	}
	return head.a
}

// remainderWords begin a name that counts what is left: 其他24家 …
var remainderWords = map[string]bool{"其他": true, "其余": true, "剩余": true, "另外": true, "另": true, "余下": true, "还有": true}

// verbGeneric are verbs that alone do not say what a figure is (投入8万元,
// 组织195人次); what it went to (用于绿化硬化, 参加献血) does.
var verbGeneric = map[string]bool{"投入": true, "安排": true, "拨付": true, "争取": true, "使用": true, "完成": true, "开展": true,
	"发放": true, "落实": true, "筹集": true, "支出": true, "下达": true, "到位": true, "组织": true, "新增": true, "涉及": true,
	"覆盖": true, "实现": true, "惠及": true, "处理": true, "解决": true, "办理": true, "进行": true, "达到": true, "提供": true,
	"建设": true, "动员": true, "出动": true, "出资": true, "耗资": true, "投资": true}

// weakNouns say what is counted too broadly to stand alone when the
// words before them say more (在册 人员, not 人员).
var weakNouns = map[string]bool{"人员": true, "企业": true, "项目": true, "单位": true, "对象": true, "人": true, "户": true,
	"家庭": true, "群众": true, "村": true, "个": true, "次": true, "场": true, "件": true,
	// people counted as what was done for them: 为1350名老人提供助餐服务
	"老人": true, "老年人": true, "儿童": true, "学生": true, "居民": true, "村民": true, "妇女": true, "职工": true}

// changeWord reports a generic name that says how much a thing changed
// (同比增长, 比上年减少, 增幅): it is of the thing as named, 总额 and all.
func changeWord(s string) bool {
	if !generic[s] {
		return false
	}
	for _, w := range []string{"同比", "环比", "比上年", "较上年", "比去年", "增长", "增幅", "降幅", "增速"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// nameFigure names the figure f of paragraph rs.
func nameFigure(rs []rune, f figure, ctx nameContext) naming {
	e := f.next
	if strings.ContainsAny(string(rs[min(ctx.prevEnd, f.start):f.start]), "。；！？;!?") {
		ctx.prevLabel, ctx.prevUnit = "", "" // another sentence
	}
	var n naming
	when, where := "", ""
	switch {
	case ctx.prevLabel != "" && f.unit != ctx.prevUnit && f.unit != "" && !f.date && joinsPrevious(rs[ctx.prevEnd:f.start]):
		// 贫困户812户2624人, 拆除违建房93处，9312平方, 23支队伍，共计786人:
		// a figure right after another, in another unit, counts the same
		// thing
		n.label = joinName(stripGeneric(ctx.prevLabel), measureWord(f))
		for _, a := range ctx.prevAlts {
			n.alts = append(n.alts, joinName(stripGeneric(a), measureWord(f))) // 9月份…42户21325元
		}
	default:
		n, when, where = nameFromContext(rs, f, e, ctx)
	}
	// fuller names, for when another figure has this one's name
	if when != "" {
		n.alts = append([]string{when + n.label}, n.alts...)
	} else if ctx.when != "" {
		n.alts = append(n.alts, ctx.when+n.label)
	}
	if where != "" {
		n.alts = append(n.alts, where+n.label)
	}
	if ctx.sentence != "" && !strings.Contains(n.label, ctx.sentence) && !strings.Contains(ctx.sentence, n.label) {
		n.alts = append(n.alts, joinName(ctx.sentence, n.label))
	}
	sameClause := !strings.ContainsFunc(string(rs[min(ctx.prevEnd, f.start):f.start]), isDelim)
	if p := stripGeneric(ctx.prevLabel); p != "" && (sameClause || utf8.RuneCountInString(n.label) <= 2) && !strings.Contains(n.label, p) {
		n.alts = append(n.alts, joinName(p, n.label)) // 灭蚊三井投药xx处，用药xx公斤
	}
	n.label = withoutFigures(n.label)
	if lr := []rune(n.label); len(lr) > 24 {
		// a line with no clause in it (text read in the wrong
		// encoding): the words nearest the figure, for review
		k := len(lr) - 12
		for k < len(lr)-2 && splitsWord(lr, k) {
			k++
		}
		n.label, n.review = string(lr[k:]), true
	}
	if hollow(n.label) {
		// 仍有3个, 共计25个: a word that says nothing of what; what the
		// sentence is about says more
		switch {
		case ctx.prevNoun != "" && ctx.prevUnit == f.unit:
			n.label = ctx.prevNoun
		case ctx.sentence != "":
			n.label = ctx.sentence
		}
		n.review = true
	}
	if generic[n.label] || verbGeneric[n.label] || utf8.RuneCountInString(n.label) < 2 {
		n.review = true
	}
	if n.label == "" {
		n.label = measureWord(f)
	}
	// a fuller name that is too long to read is no help
	alts := n.alts[:0]
	for _, a := range n.alts {
		if a = withoutFigures(a); utf8.RuneCountInString(a) <= 14 && a != n.label && a != "" {
			alts = append(alts, a)
		}
	}
	n.alts = alts
	return n
}

// asTarget is n named as a target: 力争…，新建高标准农田5000亩 and the
// items under 2025年工作计划 are not this year's result of the same name
// (新建高标准农田目标). A value verb before the thing goes as it does
// after it (完成固定资产投资13亿元 → 固定资产投资目标); a verb that says
// what is added stays (新增停车泊位目标).
func (n naming) asTarget() naming {
	t := n
	t.label = targetName(n.label)
	t.alts = make([]string, 0, len(n.alts))
	for _, a := range n.alts {
		if a = targetName(a); a != t.label && utf8.RuneCountInString(a) <= 16 {
			t.alts = append(t.alts, a)
		}
	}
	return t
}

// targetVerbs say a value is reached, not what is done: a target's name
// leaves them out.
var targetVerbs = []string{"完成", "实现", "达到"}

func targetName(s string) string {
	if s == "" || strings.HasSuffix(s, "目标") {
		return s
	}
	rs := []rune(s)
	for _, w := range targetVerbs {
		if n, ok := runesAt(rs, 0, w); ok && len(rs)-n >= 2 && !splitsWord(rs, n) {
			s = string(rs[n:])
			break
		}
	}
	return s + "目标"
}

// hollowWords say nothing of what a figure is: 仍有3个, 还有10家.
var hollowWords = map[string]bool{"仍": true, "仍有": true, "还": true, "还有": true, "又": true, "也": true, "有": true, "是": true,
	"共": true, "均": true, "都": true, "尚": true, "尚有": true, "只": true, "只有": true, "就": true, "再": true, "另": true, "其中": true}

// hollow reports a name that is a function word alone, or one character.
func hollow(s string) bool {
	return hollowWords[s] || s != "" && utf8.RuneCountInString(s) < 2
}

// reFigureIn is a figure with its unit, bar and qualifiers inside a name
// (注册资本1000万元以上): a name holds no figure. Digits in a name of
// their own (5G, 12345热线) have no unit after them.
var reFigureIn = sync.OnceValue(func() *regexp.Regexp {
	var us []string
	for u := range units {
		us = append(us, regexp.QuoteMeta(u))
	}
	sort.Slice(us, func(i, j int) bool { return len(us[i]) > len(us[j]) || len(us[i]) == len(us[j]) && us[i] < us[j] })
	return regexp.MustCompile(`(?:超过|超|逾|近|约|低于|高于|不足|不到)?[0-9][0-9.]*(?:[万亿千]?(?:` + strings.Join(us, "|") + `)|[万亿])(?:以上|以下|左右|余|多)?的?`)
})

// withoutFigures drops the figures a name holds.
func withoutFigures(s string) string {
	if !strings.ContainsFunc(s, isDigit) {
		return s
	}
	return reFigureIn().ReplaceAllString(s, "")
}

// nameFromContext names a figure from the words around it (see the top
// of this file); when and where are the time and place words left out
// of the name.
func nameFromContext(rs []rune, f figure, e int, ctx nameContext) (n naming, when, where string) {
	lo := clauseStart(rs, f.start, ctx.prevEnd)
	left := span{rs: rs, a: listStart(rs, lo, ctx.prevEnd), b: f.start}
	inBrackets := lo > 0 && (rs[lo-1] == '（' || rs[lo-1] == '(')
	if left.len() == 0 && inBrackets && lo-1 > ctx.prevEnd {
		// 占常住人口（96.52万人）: the figure in brackets counts the words
		// before the bracket
		left = span{rs: rs, a: clauseStart(rs, lo-1, ctx.prevEnd), b: lo - 1}
		inBrackets = false
	}
	if left.len() == 0 && f.start > 0 && (rs[f.start-1] == '）' || rs[f.start-1] == ')') {
		// 占常住人口（96.52万人）25.82%: the words before the bracket
		k := f.start - 1
		for k > 0 && rs[k] != '（' && rs[k] != '(' {
			k--
		}
		if k > 0 {
			left = span{rs: rs, a: clauseStart(rs, k, 0), b: k}
		}
	}
	lo = left.a
	if f.kind == kindPercent {
		if c := shareName(left); c != "" {
			return naming{label: c}, "", ""
		}
	}
	if f.kind == kindCount {
		if label, noun := countedWithBar(rs, e); label != "" {
			return naming{label: label, noun: noun}, "", ""
		}
		if w := groupCounted(rs, e); w != "" {
			// 全乡12个村生活垃圾收运处理覆盖率达到100%: 12 counts the
			// villages; the words after them name the next figure
			l := left
			when, where = l.trimLead()
			return naming{label: w + "数", noun: w}, when, where
		}
		if label := barCount(rs, left, nounAfterBar(rs, e), ctx); label != "" {
			return naming{label: label}, "", ""
		}
		for _, w := range []string{"以上", "左右"} {
			if n, ok := runesAt(rs, e, w); ok && isHan(at(rs, e+n)) {
				e += n // 争创3个以上示范村: the noun after the bar
				break
			}
		}
	}
	nounText, merged, desc := describedNoun(rs, e)
	if f.kind == kindCount && !merged {
		if t := stripGeneric(strings.TrimSuffix(nounText, "建筑面积")); t != nounText && utf8.RuneCountInString(t) >= 2 {
			nounText = t // 2个老旧小区建筑面积6.1万平方: the count is of 老旧小区
		}
	}
	if nounText == "" && isDigit(at(rs, e)) && f.kind == kindCount {
		// 为30户30名因病因灾群众: the noun of the figure that follows
		k := e
		for k < len(rs) && (isDigit(rs[k]) || rs[k] == '.') {
			k++
		}
		if u := unitAt(rs, k); u != "" && units[u] == kindCount {
			if t, _ := countedNoun(rs, k+utf8.RuneCountInString(u)); t != "" && !generic[t] {
				return naming{label: joinName(t, measureWord(f))}, "", ""
			}
		}
	}
	if isTimeWord(nounText) {
		nounText = ""
	}
	l := left
	when, where = l.trimLead()
	switch {
	case f.date:
		l.trimTail()
		n.label = joinName(cleanName(l.String()), "日期")
	case nounText != "" && !generic[nounText] && (f.kind == kindCount || utf8.RuneCountInString(nounText) >= 2 && f.kind == kindMeasure):
		// 已划分253个微网格; 20亩空闲地块
		switch {
		case f.kind == kindCount && !merged:
			n.label = joinName(verbLead(left), nounText)
			n.noun = nounText
		case f.kind == kindCount:
			n.label = nounText
		default:
			n.label = joinName(nounText, measureWord(f))
		}
		c := (span{rs: rs, a: l.a, b: f.start}).shortName(6)
		if strings.HasSuffix(strings.TrimSpace(string(rs[l.a:f.start])), "等") {
			c = "" // 明光酒业等5家企业: an example is no qualifier
		}
		if c != "" && !strings.Contains(n.label, c) {
			if weakNouns[n.label] {
				n.label = joinName(c, n.label)
			} else {
				n.alts = append(n.alts, joinName(c, n.label))
			}
		}
		if weakNouns[n.label] {
			// 28个项目完工, 8家企业顺利通过现场核查: what is said of them
			if v := afterVerbPhrase(rs, e+utf8.RuneCountInString(nounText)); v != "" && utf8.RuneCountInString(v) <= 10 {
				if t, ok := strings.CutPrefix(v, "提供"); ok && utf8.RuneCountInString(t) >= 2 && strings.ContainsRune("为给向", at(rs, f.start-1)) {
					v = t // 为1350名老人提供助餐服务: the people were given it (助餐服务老人)
				}
				n.label = v + n.label
			}
		}
		if desc != "" {
			n.alts = append(n.alts, joinName(desc, n.label)) // 符合条件的企业
		}
		if v := listHead(rs, lo); v != "" && !strings.HasPrefix(n.label, v) {
			n.alts = append(n.alts, joinName(v, n.label)) // 创成 …、…: the list's verb
		}
	case parallel(cleanName(left.String()), ctx.prevLabel) != "":
		// 市级包保干部17人、乡级286人 → 乡级包保干部
		n.label = parallel(cleanName(left.String()), ctx.prevLabel)
	default:
		n = nameFromLeft(rs, f, e, l, lo, when, nounText, ctx)
		if keepsTime(when) && !strings.HasPrefix(n.label, when) {
			when = ""
		}
	}
	if inBrackets && ctx.prevLabel != "" {
		n.alts = append([]string{joinName(stripGeneric(ctx.prevLabel), n.label)}, n.alts...) // 养鸡场X个（存栏量X只）
	}
	if nounText != "" && !strings.Contains(n.label, nounText) && (f.kind == kindCount || f.kind == kindMeasure) {
		n.alts = append(n.alts, joinName(n.label, nounText))
	}
	if v := purpose(rs, e); v != "" && !strings.Contains(n.label, v) {
		n.alts = append(n.alts, joinName(v, n.label)) // 投入资金36.5万元完成整改 → 整改投入资金
	}
	return n, when, where
}

// nameFromLeft names a figure after the words before it: 发展党员40名,
// 投入资金100万元.
func nameFromLeft(rs []rune, f figure, e int, l span, lo int, when, nounText string, ctx nameContext) naming {
	var n naming
	l.trimTail()
	l.trimValueVerb()
	l.cutAtDe()
	l.cutToVerb(8)
	l.cutBeneficiary(lo)
	l.cutAtPreposition(10)
	l.trimLead()
	l.widen(lo)
	n.label = cleanName(l.String())
	if keepsTime(when) && n.label != "" {
		n.label = when + n.label
	}
	if l.a > lo {
		if c := (span{rs: rs, a: lo, b: l.a}).shortName(6); c != "" {
			n.alts = append(n.alts, joinName(c, n.label))
		}
	}
	switch {
	case weakNouns[n.label] && ctx.prevLabel != "" && strings.Contains(string(rs[lo:l.a]), "其中"):
		// 新增市场主体412户，其中企业56家 → 新增企业: a part said by a
		// broad noun alone is named with what it is part of
		n.label, n.alts = partName(ctx.prevLabel, n.label), append(n.alts, n.label)
	case ctx.prevLabel != "" && units[ctx.prevUnit] == kindCount && f.kind == kindMoney && ownMoney(n.label):
		// 实施重点项目23个，完成投资5.8亿元 → 重点项目完成投资: money
		// said without whose is that of the things just counted
		n.label = joinName(ownerOf(ctx.prevLabel), n.label)
	case remainderWords[n.label]:
		// 其他24家均在停业整改中 → 其他停业整改
		if v := afterVerbPhrase(rs, e); v != "" {
			n.label += v
		} else {
			n.review = true
		}
	case verbGeneric[n.label]:
		v := afterVerbPhrase(rs, e)
		switch {
		case v != "" && f.kind == kindMoney:
			n.label = joinName(v, n.label) // 投入8万元用于绿化硬化 → 绿化硬化投入
		case v != "":
			n.label = v // 组织195人次参加献血 → 参加献血
		case nounText != "":
			n.label = joinName(n.label, nounText)
		case ctx.prevLabel != "":
			n.label = joinName(stripGeneric(ctx.prevLabel), n.label) // 计划投资4.53亿元，已完成3.5亿元
		}
	case n.label != "" && ctx.prevUnit == f.unit && objectOf(ctx.prevLabel, n.label) != "":
		// 上报事件2863件，办结2810件 → 办结事件: a verb alone, done to
		// what the figure before counted
		n.label = joinName(n.label, objectOf(ctx.prevLabel, n.label))
	case n.label != "" && generic[n.label] && ctx.prevLabel != "":
		// 为1119人发放信息补贴，金额39.96万元 → 发放信息补贴金额; a
		// change is of the whole thing (社会消费品零售总额，同比增长6.5% →
		// 社会消费品零售总额同比增长)
		prev := ctx.prevLabel
		if !changeWord(n.label) {
			prev = stripGeneric(prev)
		}
		n.label = joinName(prev, n.label)
	case n.label != "" && generic[n.label] && ctx.sentence != "":
		// 道路硬化项目，全长1300米 → 道路硬化项目全长
		n.label = joinName(ctx.sentence, n.label)
	case utf8.RuneCountInString(n.label) < 2:
		switch v := afterVerbPhrase(rs, e); {
		case v != "":
			n.label = v // 8家整改达标
		case nounText != "":
			n.label = joinName(n.label, nounText)
		case n.label == "" && ctx.prevLabel != "" && ctx.prevUnit == f.unit:
			n.label = ctx.prevLabel // 戴帽率由最初的30%到目前的90%: the same thing again
		case n.label == "" && ctx.prevLabel != "" && f.kind == kindPercent:
			n.label, n.review = joinName(stripGeneric(ctx.prevLabel), "比例"), true // 占常住人口x人的x%
		case n.label == "" && ctx.sentence != "":
			n.label, n.review = ctx.sentence, true // 新纳入监测户……，共3户: what the sentence is about
		}
	}
	if r := at(rs, f.start-1); strings.ContainsRune("对向给把将", r) && nounText == "" && !n.review {
		// 按……要求对X人进行了核酸采样: the figure is what something was
		// done to, and the words before it do not say what
		n.review = true
	}
	return n
}

// partName names a part (企业 of 其中企业56家) of the whole named
// whole: with the whole's verb when it has one (新增市场主体 → 新增企业),
// else as a part of it (城乡低保对象中的老人).
func partName(whole, part string) string {
	wr := []rune(stripGeneric(whole))
	k := 0
	if len(wr) > 0 && wr[0] == '新' {
		k = 1 // 新登记经营主体 → 新登记企业
	}
	if n, ok := verbAt(wr, k, len(wr)); ok && len(wr)-k-n >= 2 {
		return string(wr[:k+n]) + part
	}
	return string(wr) + "中的" + part
}

// ownMoney reports a name of money that says what kind of money but not
// whose: 完成投资, 总投资, 实现产值.
func ownMoney(s string) bool {
	rs := []rune(s)
	for _, w := range []string{"累计完成", "完成", "实现", "计划"} {
		if n, ok := runesAt(rs, 0, w); ok {
			rs = rs[n:]
			break
		}
	}
	switch string(rs) {
	case "投资", "总投资", "投资额", "产值", "总产值", "营业收入", "销售收入", "销售额", "营收", "税收", "利润":
		return true
	}
	return false
}

// ownerOf is what a count names without the verb done to it: 实施重点项目
// → 重点项目; a name without a verb is its own (规上企业).
func ownerOf(prev string) string {
	pr := []rune(stripGeneric(prev))
	if n, ok := verbAt(pr, 0, len(pr)); ok && len(pr)-n >= 2 && !weakNouns[string(pr[n:])] {
		return string(pr[n:])
	}
	return string(pr)
}

// objectOf is the thing the name prev acts on, when name is a verb
// alone: 网格员上报事件 → 事件 for 办结; "" otherwise.
func objectOf(prev, name string) string {
	nr := []rune(name)
	if n, ok := verbAt(nr, 0, len(nr)); !ok || n != len(nr) {
		return ""
	}
	pr := []rune(prev)
	for p := len(pr) - 3; p >= 0; p-- {
		if n, ok := verbAt(pr, p, len(pr)); ok && len(pr)-(p+n) >= 2 {
			if obj := string(pr[p+n:]); !generic[obj] && obj != name {
				return obj
			}
			return ""
		}
	}
	return ""
}

// shareName names a percentage of one thing in another: 志愿者占注册
// 志愿者50.37% → 志愿者占注册志愿者比例; a long one keeps its 占 part
// (占注册志愿者比例).
func shareName(left span) string {
	t := left
	t.trimTail()
	for t.a < t.b && !isHan(t.rs[t.a]) {
		t.a++
	}
	i := -1
	for k := t.a; k < t.b; k++ {
		if t.rs[k] == '占' && !splitsWord(t.rs, k+1) {
			i = k
		}
	}
	if i < 0 {
		return ""
	}
	c := cleanName(t.String())
	if utf8.RuneCountInString(c) > 12 {
		c = cleanName(string(t.rs[i:t.b]))
	}
	if c == "占" || strings.HasSuffix(c, "比例") || strings.HasSuffix(c, "比重") || strings.HasSuffix(c, "占比") {
		return ""
	}
	return c + "比例"
}

// parallel names a list item that says only how it differs from the
// item before: 乡级 after 市级包保干部 is 乡级包保干部, 区级 after
// 申报市级健康家庭 is 申报区级健康家庭.
func parallel(item, prev string) string {
	ir, pr := []rune(item), []rune(prev)
	if len(ir) < 2 || len(ir) > 3 || len(pr) <= len(ir)+1 || !strings.ContainsRune("级类型档等", ir[len(ir)-1]) {
		return ""
	}
	for k := 1; k < len(pr) && k <= 6; k++ {
		if pr[k] == ir[len(ir)-1] {
			// pr[k-len(ir)+1 : k+1] is the level of prev
			from := max(0, k-len(ir)+1)
			return string(pr[:from]) + item + string(pr[k+1:])
		}
	}
	return ""
}

// listHead is the verb before a list of counts that the count at lo
// belongs to: 共创成x个省级卫生乡镇、xx个市级卫生乡镇 → 创成.
func listHead(rs []rune, lo int) string {
	if lo == 0 || rs[lo-1] != '、' {
		return ""
	}
	k := lo - 1
	for k > 0 && !strings.ContainsRune("，,。；;：:\n（(", rs[k-1]) {
		k--
	}
	j := k
	for j < lo && !isDigit(rs[j]) && !isMask(rs[j]) {
		j++
	}
	return verbLead(span{rs: rs, a: k, b: j})
}

// purpose is what an amount went to, said right after it: 36.5万元完成整改
// → 整改, 8万元用于绿化硬化 → 绿化硬化.
func purpose(rs []rune, e int) string {
	for _, w := range []string{"用于", "完成", "实施", "进行"} {
		if _, ok := hasWordAt(rs, e, w); ok {
			return afterVerbPhrase(rs, e)
		}
	}
	return ""
}

// isTimeWord reports a word that says when, not what: 每月, 全年.
func isTimeWord(s string) bool {
	return strings.HasPrefix(s, "每") || slices.Contains(timeWords, s) || strings.HasSuffix(s, "月份")
}

// keepsTime reports a time word that is part of what a figure is: a
// quarter's or a half year's sum (一季度缴纳党费), not the report's
// year.
func keepsTime(w string) bool {
	return strings.Contains(w, "季度") || w == "上半年" || w == "下半年" || w == "年初" || w == "年底"
}

// joinsPrevious reports the text between two figures that makes the
// second the first counted in another unit: nothing, 共, a comma.
func joinsPrevious(between []rune) bool {
	t := strings.TrimSpace(string(between))
	switch t {
	case "", "，", "、", "共", "，共", "共计", "，共计", "计", "合计", "，合计", "约", "，约":
		return true
	}
	// 23支应急抢险救援队伍，共计786人: the first figure's noun, then 共计
	for _, w := range []string{"，共计", "，合计", "，共", "，总计"} {
		if head, ok := strings.CutSuffix(t, w); ok && utf8.RuneCountInString(head) <= 12 && !strings.ContainsAny(head, "，、；。的") {
			return true
		}
	}
	return false
}

// afterVerbPhrase is the action named right after a figure: 8家整改达标
// → 整改达标, 24家均在停业整改中 → 停业整改, 8万元用于绿化硬化 → 绿化硬化,
// 29人成功办理了残疾人证 → 办理残疾人证.
func afterVerbPhrase(rs []rune, e int) string {
	s := span{rs: rs, a: e, b: e}
	led := false
	for _, w := range []string{"用于", "进行", "实施", "完成", "开展", "均在", "均已", "成功", "顺利", "均", "已", "都", "在"} {
		if n, ok := hasWordAt(rs, s.a, w); ok {
			s.a += n
			s.b = s.a
			led = true
			break
		}
	}
	keep := "" // 正在施工 and 未开工 are not 施工 and 开工
	for _, w := range []string{"正在", "尚未", "未", "仍在", "还在"} {
		if n, ok := hasWordAt(rs, s.a, w); ok {
			keep, s.a, led = w, s.a+n, true
			s.b = s.a
			break
		}
	}
	if _, ok := verbAt(rs, s.a, len(rs)); !ok && !led {
		return ""
	}
	for s.b < len(rs) && !isDelim(rs[s.b]) && !isDigit(rs[s.b]) && !strings.ContainsRune("（()）“”并和及且", rs[s.b]) {
		s.b++
	}
	t := span{rs: rs, a: s.a, b: s.b}
	for t.b > t.a && (rs[t.b-1] == '中' || rs[t.b-1] == '了') {
		t.b--
	}
	name := stripGeneric(strings.ReplaceAll(t.shortName(14), "了", ""))
	if utf8.RuneCountInString(name) < 2 && keep == "" || generic[name] || name == "以上" || name == "以下" || name == "左右" {
		return ""
	}
	return keep + name
}

// joinName puts two parts of a name together, without saying twice
// what the end of the one and the start of the other share (抽检 + 检查
// → 抽检查, 征集企业 + 企业 → 征集企业).
func joinName(a, b string) string {
	for n := min(len(a), len(b)); n > 0; n-- {
		if strings.HasSuffix(a, b[:n]) && utf8.ValidString(b[:n]) {
			return a + b[n:]
		}
	}
	return a + b
}

// cleanName keeps the letters and digits of a name, without what is in
// brackets, years, months and masked names (X镇).
func cleanName(s string) string {
	if strings.ContainsAny(s, "（(") {
		var b strings.Builder
		depth := 0
		for _, r := range s {
			switch r {
			case '（', '(':
				depth++
			case '）', ')':
				if depth > 0 {
					depth--
				}
			default:
				if depth == 0 {
					b.WriteRune(r)
				}
			}
		}
		s = b.String()
	}
	s = reYearIn().ReplaceAllString(s, "")
	s = reMonthIn().ReplaceAllString(s, "")
	s = reMasked().ReplaceAllStringFunc(s, func(m string) string {
		if strings.IndexFunc(m, func(r rune) bool { return !isMask(r) }) < 0 && !hanBeside(s, m) {
			return m // xx alone is kept: it may be a letter run (xx市 is not)
		}
		return ""
	})
	rs := []rune(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			return r
		}
		return -1
	}, s)
	if strings.Contains(s, "了") {
		// 开展了行政执法检查 → 开展行政执法检查 (了解, 了结 stay)
		rs = []rune(s)
		out := rs[:0]
		for i, r := range rs {
			if r != '了' || splitsWord(rs, i+1) {
				out = append(out, r)
			}
		}
		s = string(out)
	}
	return strings.TrimLeftFunc(s, func(r rune) bool { return isDigit(r) || isMask(r) })
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// hanBeside reports whether m, found in s, touches a Chinese character:
// 存栏量X is a mask, SUV is not.
func hanBeside(s, m string) bool {
	i := strings.Index(s, m)
	if i < 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+len(m):])
	return isHan(before) || isHan(after)
}

// cleanLabel trims a heading down to the words that name it, for a
// section's id.
func cleanLabel(s string) string {
	sp := span{rs: []rune(s), a: 0, b: len([]rune(s))}
	sp.trimLead()
	sp.trimTail()
	return cleanName(sp.String())
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
	case "亩", "公顷", "平方米", "㎡", "m²", "m2", "平方公里", "平方千米", "平方":
		return "面积"
	case "公里", "千米", "米", "延米":
		return "长度"
	case "吨", "公斤", "千克", "斤":
		return "重量"
	case "立方米", "方", "m³", "m3", "立方":
		return "方量"
	case "小时", "天", "课时", "学时":
		return "时长"
	case "":
		return "数量"
	case "人", "名", "位":
		return "人数"
	case "人次", "户次", "家次", "台次", "车次", "架次", "场次", "批次":
		return u
	}
	return u + "数"
}

// stripGeneric drops a generic word at the end of a name (补助金额 →
// 补助), so 金额 is not said twice.
func stripGeneric(s string) string {
	for _, g := range genericEnds() {
		if strings.HasSuffix(s, g) && len(s) > len(g) {
			return strings.TrimSuffix(s, g)
		}
	}
	return s
}

// reLeadTime is a time a name begins with: ids cannot begin with a digit,
// so 9月份发放救助金 has the id 发放救助金9月份.
var reLeadTime = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9]+(?:年度?|月(?:份|底|初|末|中旬|上旬|下旬)?|日)(?:[0-9]+(?:月(?:份|底|初|末|中旬|上旬|下旬)?|日))*`)
})

// idFor turns a name into a field id.
func idFor(label string) string {
	if m := reLeadTime().FindString(label); m != "" && m != label {
		label = label[len(m):] + m
	}
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
	return id
}

// sortFigures orders figures by position (scanning keeps them so; this
// is for safety when kinds are merged).
func sortFigures(fs []figure) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].start < fs[j].start })
}
