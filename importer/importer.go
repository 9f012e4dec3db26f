// Package importer turns last year's report — plain text copied from a web
// page, Markdown, or a .docx — into a nigao template and an answers file:
// the report's own structure and wording become the template, its figures
// become fields, and their values go into the answers. Rendering the two
// gives the report back.
package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// Options adjust an import.
type Options struct {
	// ID is the template id; default "imported-" plus the file name if it
	// is ASCII, else "imported".
	ID string
	// Name is the template's Chinese name; default the report's title.
	Name string
	// Taken reports whether a template id is in use (by a template listed,
	// a file, an autosave). Without ID, the id made from the file name
	// then gets -2, -3 … until it is free, so an import replaces nothing.
	// nil: no id is taken.
	Taken func(id string) bool
}

// Result is a finished import.
type Result struct {
	Template []byte // the template, YAML
	Answers  []byte // the figures of the report, YAML answers for Template
	Report   Report
}

// Report says what the importer found, for the clerk and for tests.
type Report struct {
	Format       string   // text, markdown or docx
	Encoding     string   // UTF-8, UTF-8（带 BOM）, GB18030/GBK, UTF-16, docx
	Removed      []string // lines of page furniture left out
	Title        string
	Year         int // the report's year (0: none found)
	Paragraphs   int
	Headings     int
	Fields       int // figures made into fields (placeholders and dates included)
	Placeholders int // figures written as X or xx, left for the clerk to fill
	Dates        int
	Years        int // years written as {年度} or {年度 ± 1}
	Warnings     []string
	// Named lists the fields made from the report's figures, in template
	// order, each with the sentence it came from.
	Named []NamedField
}

// NamedField is a field the importer named, and where its figure stood.
type NamedField struct {
	ID, Label string
	Figure    string // the figure as written, unit included (近300名)
	Sentence  string // the sentence of the report it stood in
	Review    bool   // no name that says what the figure is was found
}

// ErrEmpty is returned when the input holds no text.
var ErrEmpty = errors.New("文件里没有可导入的文字")

// Paragraphs reads a report and returns its paragraphs as the importer
// sees them: decoded, page furniture removed, lines broken mid-sentence
// joined, typography applied. Tests compare drafts against this.
func Paragraphs(name string, data []byte) ([]string, *Report, error) {
	rep := &Report{}
	lines, err := readLines(name, data, rep)
	if err != nil {
		return nil, rep, err
	}
	paras := joinParagraphs(cleanLines(lines, rep))
	for i, p := range paras {
		if strings.HasPrefix(p, mdMark) {
			paras[i] = p[:2] + typeset(p[2:])
		} else {
			paras[i] = typeset(p)
		}
	}
	if len(paras) == 0 {
		return nil, rep, ErrEmpty
	}
	rep.Paragraphs = len(paras)
	return paras, rep, nil
}

// Import converts a report into a template and answers. name is the file
// name: its extension selects the reader (.docx, .md; anything else is
// text), and it appears in messages.
func Import(name string, data []byte, opt *Options) (*Result, error) {
	if opt == nil {
		opt = &Options{}
	}
	paras, rep, err := Paragraphs(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	o := buildOutline(paras, rep)
	c := newConverter(o, rep)
	doc := c.convert()
	doc.id = opt.ID
	if doc.id == "" {
		doc.id = freeID(templateID(name), opt.Taken)
	}
	doc.source = schema.StripUnsafe(filepath.Base(name))
	doc.name = schema.StripUnsafe(opt.Name)
	if doc.name == "" {
		doc.name = o.title
		if doc.name == "" {
			doc.name = "导入的报告：" + doc.source
		}
	}
	tpl, ans, err := doc.encode()
	if err != nil {
		return nil, err
	}
	rep.Title = o.title
	return &Result{Template: tpl, Answers: ans, Report: *rep}, nil
}

// Checked is an import loaded back: what nigao writes of it is known to
// load.
type Checked struct {
	Result   *Result          // what to write (YAML) and what was found
	Template *schema.Template // Result.Template, loaded with the library
	Answers  *schema.Answers  // Result.Answers, loaded; they fit Template
}

// ImportChecked is Import followed by loading what it made: the template
// with lib (the section library the clerk's templates are loaded with,
// templates.Set.Lib), and the answers, which must fit it. nigao import
// and the wizard's 从往年报告导入 both write only a Checked import; a
// failure here is a bug of nigao's, and says so.
func ImportChecked(name string, data []byte, opt *Options, lib *schema.Library) (*Checked, error) {
	res, err := Import(name, data, opt)
	if err != nil {
		return nil, err
	}
	t, err := schema.Load(name, res.Template, lib)
	if errors.Is(err, schema.ErrTooLarge) {
		// a report within MaxText that makes a template over a template's
		// limits (thousands of headings or figures): no bug, too much
		return nil, fmt.Errorf("%s: 报告太长：生成的模板超过了模板的上限（%d MiB、%d 万项），一份报告不会有这么多标题和数字；请检查是不是选错了文件，或把报告分成几份导入", name, schema.MaxSourceSize>>20, schema.MaxExpandedNodes/10000)
	}
	if err != nil {
		return nil, fmt.Errorf("生成的模板有错误（请报告这个问题）：%w", err)
	}
	a, err := schema.LoadAnswers(name, res.Answers)
	if err == nil {
		err = a.Check(t).Err()
	}
	if err != nil {
		return nil, fmt.Errorf("生成的答案有错误（请报告这个问题）：%w", err)
	}
	return &Checked{Result: res, Template: t, Answers: a}, nil
}

// freeID is id, or id-2, id-3 … the first that taken does not report.
func freeID(id string, taken func(string) bool) string {
	if taken == nil {
		return id
	}
	c := id
	for i := 2; taken(c); i++ {
		c = id + "-" + strconv.Itoa(i)
	}
	return c
}

var reASCIIName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^a-z0-9]+`) })

// templateID makes an ASCII id from the file name: its Latin letters and
// digits, so "洋沙湖镇2019年工作总结.docx" gives imported-2019 and
// "report-2022.txt" gives imported-report-2022.
func templateID(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	s := strings.Trim(reASCIIName().ReplaceAllString(strings.ToLower(base), "-"), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		return "imported"
	}
	return "imported-" + s
}

// The converted document, ready to encode ------------------------------

type fieldDef struct {
	id, label, typ, unit string
	answer               string
	orig                 string // the figure as written, for placeholders
	placeholder          bool
	review               bool      // no name that says what it is was found
	alts                 []string  // fuller names, for telling it from another of its name
	figure, sentence     string    // where it came from, for the report
	clause               string    // the words before it in its clause
	measure              string    // its name and what its unit measures (筹得人数, 筹得金额)
	prev                 string    // the name of the figure before it in its sentence, generic words off
	text                 []rune    // its paragraph, read again only to tell it from another of its name
	fig                  figure    // where it stands in text
	sameAs               *fieldDef // the same figure said before in the same words: not a field of its own
}

type docPart struct {
	id        string
	heading   string
	runin     bool
	numbering string // its items' number style when they skip a level (一、 then 1.)
	fields    []*fieldDef
	text      []string
	parts     []*docPart
}

type document struct {
	id, name, kind, source string
	title                  string
	info                   []*fieldDef
	opening, closing       []string
	sections               []*docPart
	sigUnit, sigDate       string
	rep                    *Report
}

type converter struct {
	o    *outline
	rep  *Report
	year int
	all  []*fieldDef     // the fields of figures, in the order of the text
	next map[string]int  // next _n suffix per section id
	pids map[string]bool // section ids
	doc  *document
	plan bool // converting a part under a plan heading: its figures are targets
}

func newConverter(o *outline, rep *Report) *converter {
	c := &converter{o: o, rep: rep, next: map[string]int{}, pids: map[string]bool{}}
	c.year = reportYear(o)
	rep.Year = c.year
	return c
}

// reYear is a year in a title: 2022年, or 2022以来 (so a title
// "2022以来工作总结及2023年工作计划" is about 2022, not 2023).
var reYear = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年|以来)`) })

// reportYear is the first year in the title, else the year the text
// names most often.
func reportYear(o *outline) int {
	for _, m := range reYear().FindAllStringSubmatch(o.title, -1) {
		if y, _ := strconv.Atoi(m[1]); schema.IsYear(y) {
			return y
		}
	}
	count := map[int]int{}
	var walk func(ps []*part)
	add := func(s string) {
		// 2022年 and 2022以来, found without a regexp: this runs over the
		// whole text
		for _, w := range []string{"年", "以来"} {
			for i := 0; ; {
				j := strings.Index(s[i:], w)
				if j < 0 {
					break
				}
				k := i + j
				if k >= 4 && (k == 4 || !isDigit(rune(s[k-5]))) && (s[k-4] == '1' || s[k-4] == '2') {
					if y, err := strconv.Atoi(s[k-4 : k]); err == nil && schema.IsYear(y) {
						count[y]++
					}
				}
				i = k + len(w)
			}
		}
	}
	for _, p := range o.opening {
		add(p)
	}
	walk = func(ps []*part) {
		for _, p := range ps {
			add(p.heading)
			for _, t := range p.paras {
				add(t)
			}
			walk(p.parts)
		}
	}
	walk(o.sections)
	if m := reDateLine().FindStringSubmatch(o.sigDate); m != nil {
		y, _ := strconv.Atoi(m[1])
		count[y] += 3
	}
	best, n := 0, 0
	for y, k := range count {
		if k > n || k == n && y > best {
			best, n = y, k
		}
	}
	return best
}

var reTitleUnit = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.{1,20}?(?:街道办事处|办事处|街道|镇|乡|局|委员会|办公室|残联|中心|垦殖场))(?:(?:19|20)[0-9]{2}(?:年|以来)|上半年|下半年|半年|年度|关于|工作|前三季度|全年)`)
})

func (c *converter) convert() *document {
	o := c.o
	d := &document{rep: c.rep, sigDate: o.sigDate}
	c.doc = d
	title := o.title
	unit := ""
	if m := reTitleUnit().FindStringSubmatch(title); m != nil && !strings.ContainsAny(m[1], "XxＸ") {
		unit = m[1]
	}
	taken := map[string]bool{}
	if unit != "" {
		taken["单位"] = true
		d.info = append(d.info, &fieldDef{id: "单位", label: "单位名称", typ: "text", answer: unit})
	}
	if c.year != 0 {
		taken["年度"] = true
		d.info = append(d.info, &fieldDef{id: "年度", label: "年度", typ: "year", answer: strconv.Itoa(c.year)})
	}
	if o.sigDate != "" {
		taken["落款日期"] = true
	}
	if title == "" {
		d.title = "工作总结"
		if c.year != 0 {
			d.title = "{年度}年工作总结"
		}
		c.rep.Warnings = append(c.rep.Warnings, "没有找到标题，暂用“"+d.title+"”，请在模板的 title 中改正")
	} else {
		rest := title
		prefix := ""
		if unit != "" {
			rest, prefix = strings.TrimPrefix(title, unit), "{单位}"
		}
		d.title = prefix + c.prose(rest, &d.info)
	}
	d.kind = kindOf(title)
	for _, p := range o.opening {
		d.opening = append(d.opening, c.prose(p, &d.info))
	}
	for _, p := range o.sections {
		d.sections = append(d.sections, c.part(p, 1))
	}
	if len(d.sections) == 0 {
		c.rep.Warnings = append(c.rep.Warnings, "没有找到“一、”“（一）”这样的标题：全文放在一个部分里，请在模板中分节")
		s := &docPart{id: "正文", heading: "正文"}
		for _, p := range d.opening {
			s.text = append(s.text, p)
		}
		d.opening = nil
		// the opening's fields are info fields; they still work there
		d.sections = []*docPart{s}
	}
	for _, p := range o.closing {
		d.closing = append(d.closing, c.prose(p, &d.info))
	}
	switch {
	case o.sigUnit == "":
	case o.sigUnit == unit:
		d.sigUnit = "{单位}"
	default:
		d.sigUnit = escapeBraces(o.sigUnit)
	}
	if o.sigDate != "" {
		m := reDateLine().FindStringSubmatch(o.sigDate)
		mo, dd := m[2], m[3]
		if mo == "" {
			mo, dd = m[4], m[5]
		}
		mi, _ := strconv.Atoi(mo)
		di, _ := strconv.Atoi(dd)
		d.info = append(d.info, &fieldDef{id: "落款日期", label: "落款日期", typ: "date", answer: fmt.Sprintf("%s-%02d-%02d", m[1], mi, di)})
		d.sigDate = "{落款日期}"
		c.rep.Fields++
		c.rep.Dates++
	}
	c.assignIDs(taken)
	d.title = c.fillSlots(d.title)
	fill := func(ps []string) {
		for i := range ps {
			ps[i] = c.fillSlots(ps[i])
		}
	}
	fill(d.opening)
	fill(d.closing)
	var walk func(ps []*docPart)
	walk = func(ps []*docPart) {
		for _, p := range ps {
			p.heading = c.fillSlots(p.heading)
			fill(p.text)
			walk(p.parts)
		}
	}
	walk(d.sections)
	return d
}

func kindOf(title string) string {
	switch {
	case strings.Contains(title, "半年"):
		return "半年总结"
	case strings.Contains(title, "汇报"):
		return "汇报材料"
	case strings.Contains(title, "述职"):
		return "述职报告"
	case strings.Contains(title, "总结"):
		return "年度总结"
	case strings.Contains(title, "计划"), strings.Contains(title, "思路"):
		return "工作计划"
	}
	return "导入"
}

// part converts p, which renders at level (its number's look); its
// items keep the look of their numbers in the report where the levels
// allow it (1. straight under 一、 stays 1., not （一）).
func (c *converter) part(p *part, level int) *docPart {
	dp := &docPart{runin: p.runin}
	if !c.plan && c.planHeading(p.heading) {
		c.plan = true // 2025年工作计划: all under it is a target
		defer func() { c.plan = false }()
	}
	if p.level == 1 {
		dp.id = c.sectionID(p.heading)
	}
	dp.heading = c.prose(p.heading, &dp.fields)
	for _, t := range p.paras {
		dp.text = append(dp.text, c.prose(t, &dp.fields))
	}
	child := level + 1
	if len(p.parts) > 0 {
		if n := int(p.parts[0].style); n > child && n <= 4 && n-1+depth(p.parts) <= 4 {
			child = n
			dp.numbering = numberLooks[n]
		}
	}
	for _, q := range p.parts {
		dp.parts = append(dp.parts, c.part(q, child))
	}
	return dp
}

// numberLooks are the numbering: values of the levels an item can take.
var numberLooks = map[int]string{2: "（一）", 3: "1.", 4: "（1）"}

// depth is how many levels ps and the parts under them take.
func depth(ps []*part) int {
	d := 0
	for _, p := range ps {
		d = max(d, 1+depth(p.parts))
	}
	return d
}

// sectionIDs name a section after what it is about; the first keyword
// found in its heading wins.
var sectionIDs = sync.OnceValue(func() []sectionWords {
	return []sectionWords{
		{regexp.MustCompile(`存在的问题|问题和不足|不足|短板|困难和问题|存在问题`), "存在问题"},
		{regexp.MustCompile(`思路|计划|打算|安排|下步|下一步|明年|展望`), "工作计划"},
		{regexp.MustCompile(`工作总结|工作进展|工作情况|完成情况|主要工作|基本情况|工作开展|工作汇报`), "工作总结"},
		{regexp.MustCompile(`党建|党的建设|党的领导|组织建设|政治引领|从严治党|党风廉政|队伍建设`), "党建"},
		{regexp.MustCompile(`安全生产|安全`), "安全生产"},
		{regexp.MustCompile(`生态|环保|环境|人居|环卫|卫生`), "生态环保"},
		{regexp.MustCompile(`招商|项目|园区|经济|产业|工业|建筑业`), "经济发展"},
		{regexp.MustCompile(`乡村振兴|农业|农村|脱贫`), "乡村振兴"},
		{regexp.MustCompile(`民生|社会保障|养老|救助|就业|教育|医疗|残疾人|退役军人`), "民生保障"},
		{regexp.MustCompile(`治理|平安|稳定|信访|综治|扫黑|维稳|法治`), "社会治理"},
		{regexp.MustCompile(`疫情`), "疫情防控"},
		{regexp.MustCompile(`旧改|老旧小区|住建|城建|城市管理|城市建设`), "城乡建设"},
		{regexp.MustCompile(`作风|自身建设`), "自身建设"},
	}
})

// rePlanHeading is a heading of what is to be done: 2025年工作计划,
// 下一步工作打算, 明年工作思路, 下半年重点工作, 工作目标, 主要目标任务;
// rePlanDone is one of how a plan went (2024年工作计划完成情况).
var (
	rePlanHeading = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:下一步|下步|下阶段|下一阶段|今后|明年|来年|新的一年|下半年|下一年度?|[0-9]{4}年度?)的?(?:主要|重点)?(?:工作)?(?:计划|打算|思路|安排|目标|设想|重点|举措)|` +
			`(?:下一步|下步|下阶段|下一阶段|今后|明年|来年|下半年)的?(?:主要|重点)?工作|` +
			`(?:工作|主要|预期|发展|奋斗)(?:计划|打算|思路|目标|设想)|^(?:工作)?(?:计划|打算|思路|目标|设想|展望)(?:任务)?$|展望`)
	})
	rePlanDone = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`完成|执行|落实情况|总结|回顾|情况|成效|成绩|进展`)
	})
	rePlanSaid    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`计划|打算|思路|设想`) })
	reHeadingYear = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`((?:19|20)[0-9]{2})年`) })
)

// planHeading reports a heading under which every figure is a target.
// One of the report's own year or before is a plan only when it says
// so (2024年重点工作 in the report of 2024 is what was done).
func (c *converter) planHeading(h string) bool {
	if !rePlanHeading().MatchString(h) || rePlanDone().MatchString(h) {
		return false
	}
	for _, m := range reHeadingYear().FindAllStringSubmatch(h, -1) {
		if y, _ := strconv.Atoi(m[1]); c.year != 0 && y <= c.year && !rePlanSaid().MatchString(h) {
			return false
		}
	}
	return true
}

type sectionWords struct {
	words *regexp.Regexp
	id    string
}

func (c *converter) sectionID(heading string) string {
	id := ""
	for _, s := range sectionIDs() {
		if s.words.MatchString(heading) {
			id = s.id
			break
		}
	}
	if id == "" {
		id = shortID(heading)
	}
	return uniqueID(id, c.pids, c.next)
}

var headingVerbs = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(聚焦|坚持|强化|加强|突出|推进|推动|着力|全面|深入|持续|扎实|狠抓|抓实|抓好|抓|做好|做实|优化|提升|围绕|立足|紧盯|紧扣|加快|深化|夯实|守牢|筑牢|以)+`)
})

// shortID makes an id from the start of a heading: its first clause
// without the leading verb (聚焦小区旧改，在…… → 小区旧改).
func shortID(h string) string {
	if i := strings.IndexAny(h, "，,；：。 "); i > 0 {
		h = h[:i]
	}
	if t := headingVerbs().ReplaceAllString(h, ""); utf8.RuneCountInString(t) >= 2 {
		h = t
	}
	s := cleanLabel(h)
	rs := []rune(s)
	if len(rs) > 8 {
		rs = rs[:8]
	}
	if len(rs) == 0 {
		return "部分"
	}
	return string(rs)
}

// prose turns a paragraph into template text, adding a field for each
// figure to *fields. A field's slot is written as a mark (slotMark) and
// becomes {id} once every field of the template is named (assignIDs):
// a name is only known to be unique then.
func (c *converter) prose(text string, fields *[]*fieldDef) string {
	rs := []rune(text)
	figs := scanFigures(rs, c.year)
	sortFigures(figs)
	var b strings.Builder
	pos := 0
	ctx := nameContext{}
	for _, f := range figs {
		if f.start < pos {
			continue
		}
		b.WriteString(escapeBraces(string(rs[pos:f.start])))
		pos = f.end
		if f.isYear {
			c.rep.Years++
			switch {
			case f.year > 0:
				b.WriteString("{年度 + " + strconv.Itoa(f.year) + "}")
			case f.year < 0:
				b.WriteString("{年度 - " + strconv.Itoa(-f.year) + "}")
			default:
				b.WriteString("{年度}")
			}
			continue
		}
		ctx.sentence, ctx.when = sentenceSubject(rs, f.start)
		plain := nameFigure(rs, f, ctx)
		n := plain
		if c.plan && !statesFact(rs, f.start) || setsTarget(rs, f.start) {
			n = plain.asTarget()
		}
		fd := &fieldDef{label: n.label, alts: n.alts, review: n.review, unit: f.unit, answer: f.answer,
			figure: figureText(rs, f), sentence: sentenceAt(rs, f.start, f.end), clause: string(rs[clauseStart(rs, f.start, 0):f.start]),
			measure: joinName(stripGeneric(n.label), measureWord(f)), text: rs, fig: f}
		if ctx.prevEnd > 0 && !strings.ContainsAny(string(rs[ctx.prevEnd:f.start]), "。；！？;!?") {
			fd.prev = stripGeneric(ctx.prevLabel)
		}
		switch {
		case f.date:
			fd.typ, fd.unit = "date", ""
			c.rep.Dates++
		case f.rangeOf:
			fd.typ = "text" // 3-5: two numbers, as written
		case f.kind == kindPercent:
			fd.typ, fd.unit = "percent", ""
		case f.kind == kindMoney:
			fd.typ = "money"
		case f.scaled || f.kind == kindMeasure:
			fd.typ = "number"
		default:
			fd.typ = "integer"
			if whole, ok := wholeValue(f.answer); ok && !whole {
				fd.typ = "number"
			}
		}
		if f.placeholder {
			fd.placeholder, fd.answer = true, ""
			fd.orig = string(rs[f.start:f.end])
			c.rep.Placeholders++
		}
		*fields = append(*fields, fd)
		c.all = append(c.all, fd)
		c.rep.Fields++
		b.WriteString(slotMark(len(c.all) - 1))
		ctx.prevEnd = f.next
		// the figures after it are of the thing, not of its target
		ctx.prevLabel, ctx.prevUnit, ctx.prevAlts, ctx.prevNoun = plain.label, f.unit, plain.alts, plain.noun
	}
	b.WriteString(escapeBraces(string(rs[pos:])))
	return b.String()
}

// slotMark stands for field i's {id} until ids are assigned; the text
// cannot hold \x01 (control characters are removed on reading).
func slotMark(i int) string { return "\x01" + strconv.Itoa(i) + "\x02" }

var reSlotMark = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("\x01([0-9]+)\x02") })

// assignIDs gives every field an id, unique in the template: its name
// when no other field has that name; else the first of its fuller names
// (一季度缴纳党费, 石桥坝厕所改造 …) that is free; only when nothing tells
// two figures apart, the name with _2, _3, marked for review.
func (c *converter) assignIDs(taken map[string]bool) {
	// a figure said twice in the same words (a report that repeats a
	// sentence) is one fact: one field, written in both places
	same := map[[4]string]*fieldDef{}
	for _, f := range c.all {
		k := [4]string{f.label, f.figure, f.sentence, f.clause}
		if g := same[k]; g != nil {
			f.sameAs = g
			c.rep.Fields--
			if f.placeholder {
				c.rep.Placeholders--
			}
		} else {
			same[k] = f
		}
	}
	all := c.all
	c.all = nil
	for _, f := range all {
		if f.sameAs == nil {
			c.all = append(c.all, f)
		}
	}
	defer func() {
		for _, f := range all {
			if f.sameAs != nil {
				f.id = f.sameAs.id
			}
		}
		c.all = all
	}()
	count := map[string]int{}
	// rank[id] is, per field offering the fuller name id, how far down
	// its list it is: a field takes a fuller name only another field
	// does not offer as readily
	rank := map[string]map[*fieldDef]int{}
	measures := map[string]map[string]bool{}
	for _, f := range c.all {
		id := idFor(f.label)
		count[id]++
		if measures[id] == nil {
			measures[id] = map[string]bool{}
		}
		measures[id][f.measure] = true
	}
	for _, f := range c.all {
		if id := idFor(f.label); count[id] > 1 && len(measures[id]) > 1 && f.measure != f.label {
			// 共计923人筹得27536.97元: 筹得人数 and 筹得金额, told apart
			// by their units
			f.alts = append(f.alts, f.measure)
		}
		if count[idFor(f.label)] > 1 {
			if w := f.when(); w != "" && !strings.Contains(f.label, w) {
				f.alts = append(f.alts, w+f.label) // 10月份发放……42户21325元
			}
		}
		for i, a := range f.alts {
			id := idFor(a)
			if rank[id] == nil {
				rank[id] = map[*fieldDef]int{}
			}
			if _, ok := rank[id][f]; !ok {
				rank[id][f] = i
			}
		}
	}
	first := func(f *fieldDef, id string) bool {
		for g, i := range rank[id] {
			if g != f && i <= rank[id][f] {
				return false
			}
		}
		return true
	}
	for _, f := range c.all {
		if id := idFor(f.label); count[id] == 1 && !taken[id] {
			f.id = id
			taken[id] = true
		}
	}
	for _, f := range c.all {
		if f.id != "" {
			continue
		}
		for _, a := range f.alts {
			if id := idFor(a); !taken[id] && count[id] == 0 && first(f, id) {
				f.id, f.label = id, a
				break
			}
		}
		if f.id == "" {
			f.id = idFor(f.label)
			if taken[f.id] {
				f.review = true
				f.label, f.id = apart(f, taken)
			}
		}
		taken[f.id] = true
	}
	for _, f := range c.all {
		c.rep.Named = append(c.rep.Named, NamedField{ID: f.id, Label: f.label, Figure: f.figure, Sentence: f.sentence, Review: f.review})
	}
}

// apart names a field whose name and fuller names are all taken: by
// what its clause says after it (家具店（拒不整改）), else by where it
// stands among the fields of its name (家具店（第2处）); the clerk is
// asked to check either (review). Never _2: a name must say what it is.
func apart(f *fieldDef, taken map[string]bool) (label, id string) {
	if f.prev != "" && !strings.Contains(f.label, f.prev) {
		label = joinName(f.prev, f.label) // ……，其中经营性自建房8736栋，排查面积……
		if id = idFor(label); !taken[id] && utf8.RuneCountInString(label) <= 14 {
			return label, id
		}
	}
	for _, w := range []string{clauseAfter(f.text, f.fig), sentenceLead(f.text, f.fig.start)} {
		if w != "" && !strings.Contains(f.label, w) {
			label = f.label + "（" + w + "）"
			if id = idFor(label); !taken[id] {
				return label, id
			}
		}
	}
	for n := 2; ; n++ {
		label = f.label + "（第" + strconv.Itoa(n) + "处）"
		if id = idFor(label); !taken[id] {
			return label, id
		}
	}
}

// when is the time the clause of f begins with (10月份发放……).
func (f *fieldDef) when() string {
	lead := span{rs: f.text, a: clauseStart(f.text, f.fig.start, 0), b: f.fig.start}
	w, _ := lead.trimLead()
	return w
}

// clauseAfter is what the clause holding figure f says after it and the
// noun it counts, as a short name: 还有10家在6月下旬如拒不整改的 →
// 如拒不整改.
func clauseAfter(rs []rune, f figure) string {
	i := f.next
	if isDigit(at(rs, i)) {
		// 有1户2人已消除风险: past the same thing's other count
		for i < len(rs) && (isDigit(rs[i]) || rs[i] == '.') {
			i++
		}
		i += utf8.RuneCountInString(unitAt(rs, i))
	}
	if f.kind == kindCount {
		if n := nounAfter(rs, i); n.len() > 0 && n.len() <= 6 {
			i = n.b // 4家企业获批……: what is said of them
		}
	}
	j := i
	for j < len(rs) && j-i < 24 && !isDelim(rs[j]) {
		j++
	}
	if v := afterVerbPhrase(rs, i); v != "" {
		return v
	}
	return span{rs: rs, a: i, b: j}.shortName(10)
}

// sentenceLead is the first clause of the sentence holding rs[i], before
// it, as a short name; "" when rs[i] is in that clause.
func sentenceLead(rs []rune, i int) string {
	k := i
	for k > 0 && !strings.ContainsRune("。！？；!?;\n", rs[k-1]) {
		k--
	}
	j := k
	for j < i && !isDelim(rs[j]) {
		j++
	}
	if j >= i {
		return ""
	}
	return span{rs: rs, a: k, b: j}.shortName(14)
}

// fillSlots replaces the slot marks of s with {id}.
func (c *converter) fillSlots(s string) string {
	if !strings.Contains(s, "\x01") {
		return s
	}
	return reSlotMark().ReplaceAllStringFunc(s, func(m string) string {
		i, _ := strconv.Atoi(m[1 : len(m)-1])
		return "{" + c.all[i].id + "}"
	})
}

// sentenceSubject is the start of the sentence holding rs[i], up to its
// first comma, as a short name: what a sentence of figures is about.
// Only figures in the first clauses of a sentence are about its subject.
func sentenceSubject(rs []rune, i int) (subject, when string) {
	k := i
	clauses := 0
	for k > 0 && !strings.ContainsRune("。！？；!?;\n", rs[k-1]) {
		if rs[k-1] == '，' || rs[k-1] == ',' {
			clauses++
		}
		k--
	}
	if m := reSentenceDate().FindString(string(rs[k:i])); m != "" {
		when = strings.TrimPrefix(reYearIn().ReplaceAllString(m, ""), "，")
		k += utf8.RuneCountInString(m)
	}
	if clauses > 4 {
		return "", when
	}
	j := k
	for j < i && !isDelim(rs[j]) && !isDigit(rs[j]) && !isMask(rs[j]) {
		j++
	}
	if j == i || j == k {
		return "", when
	}
	subject = span{rs: rs, a: k, b: j}.shortName(10)
	if srs := []rune(subject); len(srs) <= 3 {
		if n, ok := verbAt(srs, 0, len(srs)); ok && n >= len(srs)-1 {
			subject = "" // 积极谋划, …: a verb says nothing of what
		}
	}
	if subject != "" && verbLead(span{rs: []rune(subject), b: len([]rune(subject))}) == subject {
		subject = "" // 调整完善: verbs only
	}
	return subject, when
}

// setsTarget reports a sentence that sets a target: it begins with 力争,
// 确保 … (after its number, （一）).
func setsTarget(rs []rune, i int) bool {
	k := i
	for k > 0 && !strings.ContainsRune("。！？；!?;\n", rs[k-1]) {
		k--
	}
	for k < i && !isHan(rs[k]) || k < i && strings.ContainsRune("一二三四五六七八九十", rs[k]) && !isHan(at(rs, k+1)) {
		k++
	}
	for _, w := range intentWords {
		if hasAt(rs, k, w) {
			return true
		}
	}
	return false
}

// A sentence under a plan heading may tell how things stand, not what
// is to be done: 流动人口多，xx个居委…存在的问题 (said anywhere before
// the figure in its sentence, problemWords), 在原有12名的基础上 (said in
// the figure's clause, factWords).
var (
	factWords    = []string{"目前", "现有", "已有", "现已", "已经", "截至", "截止", "基础上", "去年", "上年", "今年以来"}
	problemWords = []string{"存在", "问题", "发现", "不足", "差距"}
)

// statesFact reports a figure at rs[i] that tells how things stand.
func statesFact(rs []rune, i int) bool {
	k := i
	for k > 0 && !strings.ContainsRune("。！？；!?;\n", rs[k-1]) {
		k--
	}
	j := i
	for j < len(rs) && !isDelim(rs[j]) {
		j++
	}
	sentence, clause := string(rs[k:i]), string(rs[clauseStart(rs, i, k):j])
	return slices.ContainsFunc(problemWords, func(w string) bool { return strings.Contains(sentence, w) }) ||
		slices.ContainsFunc(factWords, func(w string) bool { return strings.Contains(clause, w) })
}

// reSentenceDate is a date a sentence begins with: 2022年6月28日，…
var reSentenceDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月(?:[0-9]{1,2}日|份|初|底|中旬|上旬|下旬)?，?`)
})

// figureText is a figure as the report wrote it, its unit included.
func figureText(rs []rune, f figure) string { return string(rs[f.start:f.next]) }

// sentenceAt is the sentence of rs holding runes [start,end): from after
// the last 。！？； before it to the next one after it, inclusive.
func sentenceAt(rs []rune, start, end int) string {
	const ends = "。！？；!?;"
	i := start
	for i > 0 && !strings.ContainsRune(ends, rs[i-1]) {
		i--
	}
	j := end
	for j < len(rs) && !strings.ContainsRune(ends, rs[j]) {
		j++
	}
	if j < len(rs) {
		j++
	}
	return string(rs[i:j])
}

// wholeValue reports whether 1.5万 and the like are whole numbers.
func wholeValue(s string) (bool, bool) {
	v := 1.0
	t := strings.TrimLeft(s, "近约超逾将接大过")
	t = strings.TrimRight(t, "余多")
	switch {
	case strings.HasSuffix(t, "万"):
		v, t = 1e4, strings.TrimSuffix(t, "万")
	case strings.HasSuffix(t, "亿"):
		v, t = 1e8, strings.TrimSuffix(t, "亿")
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return false, false
	}
	x *= v
	return x == float64(int64(x)), true
}

func escapeBraces(s string) string {
	if !strings.ContainsAny(s, "{}") {
		return s
	}
	return strings.NewReplacer("{", "{{", "}", "}}").Replace(s)
}

// uniqueID returns id, or id_2, id_3 … when taken; next remembers the
// suffix to try per base, so a thousand sections stay linear.
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
