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
	used map[string]bool // field ids
	next map[string]int  // next _n suffix per id, fields and sections
	pids map[string]bool // section ids
	doc  *document
}

func newConverter(o *outline, rep *Report) *converter {
	c := &converter{o: o, rep: rep, used: map[string]bool{}, next: map[string]int{}, pids: map[string]bool{}}
	c.year = reportYear(o)
	rep.Year = c.year
	return c
}

var reYear = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})年`) })

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
		// 2022年, found without a regexp: this runs over the whole text
		for i := 0; ; {
			j := strings.Index(s[i:], "年")
			if j < 0 {
				return
			}
			k := i + j
			if k >= 4 && (k == 4 || !isDigit(rune(s[k-5]))) && (s[k-4] == '1' || s[k-4] == '2') {
				if y, err := strconv.Atoi(s[k-4 : k]); err == nil && schema.IsYear(y) {
					count[y]++
				}
			}
			i = k + len("年")
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
	return regexp.MustCompile(`^(.{1,20}?(?:街道办事处|办事处|街道|镇|乡|局|委员会|办公室|残联|中心|垦殖场))(?:(?:19|20)[0-9]{2}年|上半年|下半年|半年|年度|关于|工作|前三季度|全年)`)
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
	if unit != "" {
		c.used["单位"] = true
		d.info = append(d.info, &fieldDef{id: "单位", label: "单位名称", typ: "text", answer: unit})
	}
	if c.year != 0 {
		c.used["年度"] = true
		d.info = append(d.info, &fieldDef{id: "年度", label: "年度", typ: "year", answer: strconv.Itoa(c.year)})
	}
	if o.sigDate != "" {
		c.used["落款日期"] = true
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
		d.title = prefix + c.prose(rest, &d.info, "")
	}
	d.kind = kindOf(title)
	for _, p := range o.opening {
		d.opening = append(d.opening, c.prose(p, &d.info, ""))
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
		d.closing = append(d.closing, c.prose(p, &d.info, ""))
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
	if p.level == 1 {
		dp.id = c.sectionID(p.heading)
	}
	dp.heading = c.prose(p.heading, &dp.fields, "")
	for _, t := range p.paras {
		dp.text = append(dp.text, c.prose(t, &dp.fields, p.heading))
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
// figure to *fields.
func (c *converter) prose(text string, fields *[]*fieldDef, heading string) string {
	rs := []rune(text)
	figs := scanFigures(rs, c.year)
	sortFigures(figs)
	var b strings.Builder
	pos := 0
	prevEnd, prevLabel := 0, ""
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
			prevEnd = f.end
			continue
		}
		label := labelFor(rs, f, prevEnd, prevLabel, heading)
		fd := &fieldDef{label: label, unit: f.unit, answer: f.answer}
		switch {
		case f.date:
			fd.typ, fd.unit = "date", ""
			c.rep.Dates++
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
		fd.id = idFor(label, c.used, c.next)
		*fields = append(*fields, fd)
		c.rep.Fields++
		b.WriteString("{" + fd.id + "}")
		prevEnd = f.end + utf8.RuneCountInString(f.unit)
		prevLabel = label
	}
	b.WriteString(escapeBraces(string(rs[pos:])))
	return b.String()
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
