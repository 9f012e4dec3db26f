package schema

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Figures the clerk names. A part whose template says figures: true lets
// the clerk add sentences with figures of their own (完成统计执法检查25家，
// 发现问题12个): the answers file keeps, per part, each sentence as text
// with {id} slots and the definitions of its figures; their values are
// in values: like any answer. WithFigures makes them fields and
// paragraphs of the template, so from then on they are template fields:
// typed, checked, evaluated, 同比 against last period's answers by the
// same id, listed when missing.

// A FigureSentence is one sentence the clerk added to a part.
type FigureSentence struct {
	Text   string // 完成统计执法检查{统计执法检查}家，发现问题{发现问题}个。
	Fields []FigureField
	Pos    Pos // of the text, for messages
}

// A FigureField is one of the clerk's figures: a field of a sentence.
type FigureField struct {
	ID    string
	Label string // "": the id
	Type  FieldType
	Unit  string
	Pos   Pos
}

// FigureTypes are the types a clerk's figure may take.
var FigureTypes = []FieldType{Integer, Number, Percent, Money, Date, Text}

// Bounds on what figures: may hold; a clerk adds a few dozen sentences.
// A sentence's bounds are exported for the wizard, which says so while
// the sentence is typed.
const (
	maxFigureSentences = 500
	MaxSentenceFields  = 20
	MaxSentenceRunes   = 500
	maxUnitRunes       = 10
	maxSlotFilters     = 2
)

var (
	figureSentenceKeys = []string{"text", "fields"}
	figureFieldKeys    = []string{"id", "label", "type", "unit"}
)

// FigureParts returns the ids of the parts the clerk added sentences to,
// in file order.
func (a *Answers) FigureParts() []string { return append([]string(nil), a.figParts...) }

// Figures returns the sentences the clerk added to part id.
func (a *Answers) Figures(part string) []FigureSentence { return a.figures[part] }

// SetFigures replaces the sentences of part id (none: the part has no
// figures of the clerk's any more). The values of removed figures stay
// in values:, like any answer the template no longer asks for.
func (a *Answers) SetFigures(part string, ss []FigureSentence) {
	if a.figures == nil {
		a.figures = map[string][]FigureSentence{}
	}
	_, had := a.figures[part]
	switch {
	case len(ss) == 0:
		delete(a.figures, part)
		a.figParts = slices.DeleteFunc(a.figParts, func(p string) bool { return p == part })
	case !had:
		a.figParts = append(a.figParts, part)
		fallthrough
	default:
		a.figures[part] = slices.Clone(ss)
	}
}

// CheckSentence reports what is wrong with a sentence the clerk is about
// to add (the wizard checks before saving), "" when nothing is; taken
// reports ids in use elsewhere (the template's fields, other figures).
func CheckSentence(s FigureSentence, taken func(id string) bool) string {
	var errs ErrorList
	checkSentence(s, func(int) Pos { return Pos{} }, &errs)
	for _, f := range s.Fields {
		if taken(f.ID) {
			errs.add(Pos{}, "“%s”这个名称已经有了，请换一个", f.ID)
		}
	}
	if len(errs) == 0 {
		return ""
	}
	return errs[0].Msg
}

// figures reads figures:, part id → list of {text, fields}.
func (l *loader) figures(n *yaml.Node, a *Answers) {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "figures 应当是“部分: 句子列表”的映射，这里是%s", kindName(n))
		return
	}
	count := 0
	seen := map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		var ss []FigureSentence
		list := resolve(n.Content[i+1])
		for j, sn := range l.seq(list, "figures 的“"+clip(kn.Value, 20)+"”") {
			if raw := list.Content[j]; raw.Kind == yaml.AliasNode {
				sn = raw // a sentence again by its alias is told where the alias is
			}
			if count++; count > maxFigureSentences {
				l.errorf(sn, "figures 中的句子过多（上限 %d 句）", maxFigureSentences)
				return
			}
			if s, ok := l.figureSentence(sn, seen); ok {
				ss = append(ss, s)
			}
		}
		if _, dup := a.figures[kn.Value]; dup {
			l.errorf(kn, "figures 中部分“%s”重复", clip(kn.Value, 40))
			continue
		}
		if len(ss) > 0 {
			a.SetFigures(kn.Value, ss)
		}
	}
}

// figureSentence reads one {text, fields} of figures:; seen holds the
// ids of the file's figures so far.
func (l *loader) figureSentence(n *yaml.Node, seen map[string]Pos) (FigureSentence, bool) {
	before := len(l.errs) // a key misspelt (feilds:) is the first cause: no checks that follow from it
	m := l.checkedMap(resolve(n), "句子", figureSentenceKeys)
	if m.node.Kind != yaml.MappingNode || resolve(m.node).Kind != yaml.MappingNode {
		return FigureSentence{}, false
	}
	tn := m.val("text")
	if tn == nil {
		l.errorf(n, "句子缺少 text（这句话，数字写作 {名称}）")
		return FigureSentence{}, false
	}
	s := FigureSentence{Text: l.str(tn, "text"), Pos: l.valueStart(tn)}
	fns := l.seq(m.val("fields"), "fields")
	if len(fns) > MaxSentenceFields {
		l.errorf(m.val("fields"), "一句话里的数字过多（%d 个，上限 %d 个）", len(fns), MaxSentenceFields)
		return s, false
	}
	for _, fn := range fns {
		fm := l.checkedMap(fn, "数字", figureFieldKeys)
		if fm.pairs == nil {
			continue
		}
		f := FigureField{ID: l.str(fm.val("id"), "id"), Label: l.str(fm.val("label"), "label"), Unit: l.str(fm.val("unit"), "unit"), Type: Integer, Pos: l.pos(fm.val("id"))}
		if !fm.has("id") {
			l.errorf(fn, "数字缺少 id（它的名称，在 text 中写作 {名称}）")
			continue
		}
		if tn := fm.val("type"); tn != nil {
			f.Type = FieldType(l.str(tn, "type"))
			if !slices.Contains(FigureTypes, f.Type) {
				l.errorf(tn, "数字的类型只能是 %s，不能是“%s”", figureTypeNames(), clip(string(f.Type), 20))
			}
		}
		if u := fm.val("unit"); u != nil {
			if msg := unitProblem(f.Unit); msg != "" {
				l.errorf(u, "%s", msg)
			}
		}
		if p, dup := seen[f.ID]; dup {
			if n.Kind == yaml.AliasNode {
				// the same sentence again by its alias (*s): say it where the alias is
				l.errorf(n, "数字“%s”重复：这一句用别名又写了一次第 %d 行的句子", clip(f.ID, 40), p.Line)
			} else {
				l.errorf(fm.val("id"), "数字“%s”重复（第 %d 行已有）", clip(f.ID, 40), p.Line)
			}
		}
		seen[f.ID] = f.Pos
		s.Fields = append(s.Fields, f)
	}
	if len(l.errs) > before {
		return s, false
	}
	checkSentence(s, func(off int) Pos { return l.locateOffset(tn, s.Text, off) }, &l.errs)
	return s, len(l.errs) == before
}

func figureTypeNames() string {
	names := make([]string, len(FigureTypes))
	for i, t := range FigureTypes {
		names[i] = string(t)
	}
	return strings.Join(names, "、")
}

// FigureTypeWord names a figure type as the clerk reads it.
var FigureTypeWord = map[FieldType]string{
	Integer: "整数", Number: "数字", Percent: "百分数", Money: "金额", Date: "日期", Text: "文字",
}

// filterMisfit says why format f cannot be used on a figure of type t
// (同比 of words, 日期 of a number), or "".
func filterMisfit(f string, t FieldType) string {
	numeric := t == Integer || t == Number || t == Percent || t == Money
	switch f {
	case "日期", "年月", "月日":
		if t != Date {
			return "不能用格式“" + f + "”（只能用于日期）"
		}
	case "一是", "顿号", "或", "分号":
		return "不能用格式“" + f + "”（只能用于列表）"
	case "单位":
	case "元", "万元", "亿元":
		if t != Money {
			return "不能用格式“" + f + "”（只能用于金额）"
		}
	case "%":
		if t != Percent && t != Number {
			return "不能用格式“%”（只能用于百分数）"
		}
	case "中文":
		if t != Integer {
			return "不能用格式“中文”（只能用于整数）"
		}
	default:
		if !numeric {
			return "不能用格式“" + f + "”（只能用于数字）"
		}
	}
	return ""
}

// unitProblem says what is wrong with a unit a clerk gave, or "".
func unitProblem(u string) string {
	if r, _ := utf8.DecodeRuneInString(u); unicode.IsDigit(r) {
		return fmt.Sprintf("单位“%s”以数字开头：数字写在句子里，单位只写“家”“个”“万元”这样的字", clip(u, maxUnitRunes))
	}
	switch {
	case utf8.RuneCountInString(u) > maxUnitRunes:
		return fmt.Sprintf("单位过长（上限 %d 个字）", maxUnitRunes)
	case strings.ContainsAny(u, "{}\n"):
		return "单位里不能有花括号和换行"
	case unsafeText(u) != "":
		return "单位" + unsafeText(u)
	}
	return ""
}

// checkSentence checks one sentence whatever wrote it: its text is short,
// visible, and its slots are plain {id} or {id|格式} naming one of its own
// figures (no expressions: an answers file is often someone else's); each
// figure has a good id and type and is written in the text. at places an
// offset into the text.
func checkSentence(s FigureSentence, at func(off int) Pos, errs *ErrorList) {
	ids := map[string]bool{}
	for _, f := range s.Fields {
		switch {
		case checkID(f.ID, "数字的名称") != "":
			errs.add(f.Pos, "%s", checkID(f.ID, "数字的名称"))
		case !IsIdent(f.ID) && (builtinNames[f.ID] || exprKeywords[f.ID]):
			errs.add(f.Pos, "数字的名称不能是“%s”：它是计算式里的保留字，请换一个", f.ID)
		case !IsIdent(f.ID):
			errs.add(f.Pos, "数字的名称“%s”不合适：只能用汉字、字母、数字和下划线，不能以数字开头", clip(f.ID, 20))
		case checkID(f.Label, "数字的说明") != "":
			errs.add(f.Pos, "%s", checkID(f.Label, "数字的说明"))
		case unsafeText(f.Label) != "":
			errs.add(f.Pos, "数字的说明%s", unsafeText(f.Label))
		case !slices.Contains(FigureTypes, f.Type):
			errs.add(f.Pos, "数字的类型只能是 %s", figureTypeNames())
		case unitProblem(f.Unit) != "":
			errs.add(f.Pos, "%s", unitProblem(f.Unit))
		}
		ids[f.ID] = true
	}
	switch {
	case strings.TrimSpace(s.Text) == "":
		errs.add(at(0), "这句话是空的")
		return
	case len(s.Fields) == 0:
		errs.add(at(0), "这句话没有数字（fields 是空的）：不带数字的工作写在这一部分的“其他工作”里")
		return
	case len(s.Fields) > MaxSentenceFields:
		errs.add(at(0), "一句话里的数字过多（%d 个，上限 %d 个）：请分成几句", len(s.Fields), MaxSentenceFields)
		return
	case utf8.RuneCountInString(s.Text) > MaxSentenceRunes:
		errs.add(at(0), "这句话过长（%d 个字，上限 %d 个字）", utf8.RuneCountInString(s.Text), MaxSentenceRunes)
		return
	case strings.Contains(s.Text, "\n"):
		errs.add(at(0), "一句话里不能换行")
		return
	case unsafeText(s.Text) != "":
		errs.add(at(firstRune(s.Text)), "这句话%s", unsafeText(s.Text))
		return
	}
	_, slots, off, err := scanProse(s.Text)
	if err != nil {
		errs.add(at(off), "%v", err)
		return
	}
	used := map[string]bool{}
	types := map[string]FieldType{}
	for _, f := range s.Fields {
		types[f.ID] = f.Type
	}
	bad := len(*errs) // a slot written wrong is not also "not written"
	for _, sl := range slots {
		id, filters := splitFilters(sl.src)
		switch {
		case !ids[id] && IsIdent(id):
			errs.add(at(sl.offset), "这句话的数字里没有“%s”（花括号里写这句话的一个数字的名称）", clip(id, 20))
		case !ids[id]:
			errs.add(at(sl.offset), "花括号里只能写 {数字的名称} 或 {数字的名称|格式}，不能写“%s”", clip(sl.src, 20))
		case len(filters) > maxSlotFilters:
			errs.add(at(sl.offset), "格式最多写 %d 个", maxSlotFilters)
		default:
			used[id] = true
			for _, f := range filters {
				if _, ok := Filters[f]; !ok {
					errs.add(at(sl.offset), "没有“%s”这种格式（可用的格式见 docs/template-format.md）", clip(f, 10))
				} else if msg := filterMisfit(f, types[id]); msg != "" {
					errs.add(at(sl.offset), "“%s”是%s，%s", id, FigureTypeWord[types[id]], msg)
				}
			}
		}
	}
	if len(*errs) > bad {
		return
	}
	for _, f := range s.Fields {
		if ids[f.ID] && !used[f.ID] && IsIdent(f.ID) {
			errs.add(f.Pos, "数字“%s”没有写在这句话里（text 中写作 {%s}）", f.ID, f.ID)
		}
	}
}

// firstRune is the rune offset of the first unsafe character of s.
func firstRune(s string) int {
	i := firstUnsafe(s)
	if i < 0 {
		return 0
	}
	return utf8.RuneCountInString(s[:i])
}

// encodeFigures writes figures: after values:, or drops the key when the
// clerk has none.
func (a *Answers) encodeFigures(root *yaml.Node) {
	if len(a.figParts) == 0 {
		deleteKey(root, "figures")
		return
	}
	fm := &yaml.Node{Kind: yaml.MappingNode}
	for _, part := range a.figParts {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range a.figures[part] {
			fields := &yaml.Node{Kind: yaml.SequenceNode}
			for _, f := range s.Fields {
				m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
				m.Content = append(m.Content, str("id"), str(f.ID))
				if f.Label != "" && f.Label != f.ID {
					m.Content = append(m.Content, str("label"), str(f.Label))
				}
				m.Content = append(m.Content, str("type"), str(string(f.Type)))
				if f.Unit != "" {
					m.Content = append(m.Content, str("unit"), str(f.Unit))
				}
				fields.Content = append(fields.Content, m)
			}
			sm := &yaml.Node{Kind: yaml.MappingNode}
			sm.Content = append(sm.Content, str("text"), str(s.Text), str("fields"), fields)
			seq.Content = append(seq.Content, sm)
		}
		fm.Content = append(fm.Content, str(part), seq)
	}
	fresh := getKey(root, "figures") == nil
	setKey(root, "figures", fm, 1)
	if fresh {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "figures" {
				root.Content[i].HeadComment = "自己加的数字（向导里“加一句带数字的话”加的）：每句话和它的数字；数字的值在 values 里"
			}
		}
	}
}

// WithFigures returns t with the clerk's figures of a added: each
// sentence a paragraph of its part, running on after the part's own
// text (or in one paragraph of their own when the part has none), each
// figure a field of that part. t itself is not changed; without figures
// it is returned as is.
// A part the template does not have, or that takes no figures, and a
// figure named like a template field are errors, placed in the answers.
func WithFigures(t *Template, a *Answers) (*Template, error) {
	if a == nil || len(a.figParts) == 0 {
		return t, nil
	}
	var errs ErrorList
	labelled := map[string]*Field{}
	for _, f := range t.Fields() {
		if f.Label != "" {
			labelled[f.Label] = f
		}
	}
	for _, id := range a.figParts {
		ss := a.figures[id]
		p := t.Part(id)
		at := Pos{File: a.name}
		if len(ss) > 0 {
			at = ss[0].Pos
		}
		switch {
		case p == nil:
			var open []string // in the template's order: 部门业务一、二、三
			var walk func(ps []*Part)
			walk = func(ps []*Part) {
				for _, q := range ps {
					if q.Figures {
						open = append(open, q.ID)
					}
					walk(q.Parts)
				}
			}
			walk(t.Sections)
			if s := suggest(id, open); s != "" {
				errs.add(at, "figures: 模板“%s”中没有部分“%s”，是不是“%s”？", t.ID, clip(id, 40), s)
			} else if len(open) > 0 {
				list := strings.Join(open, "、")
				if len(open) > 8 {
					list = strings.Join(open[:8], "、") + fmt.Sprintf(" 等 %d 个", len(open))
				}
				errs.add(at, "figures: 模板“%s”中没有部分“%s”（能加数字的部分：%s）", t.ID, clip(id, 40), list)
			} else {
				errs.add(at, "figures: 模板“%s”中没有部分“%s”，这个模板也没有能自己加数字的部分", t.ID, clip(id, 40))
			}
			continue
		case !p.Figures:
			errs.add(at, "figures: 部分“%s”不能自己加数字（模板里这一部分没有写 figures: true）", id)
			continue
		}
		for _, s := range ss {
			for _, f := range s.Fields {
				// by id or by the name shown: two 发现隐患 in the wizard's
				// lists and messages could not be told apart
				g := t.Field(f.ID)
				if g == nil {
					g = labelled[f.Label]
				}
				if g == nil && f.Label == "" {
					g = labelled[f.ID]
				}
				if g != nil {
					name := "“" + g.ID + "”"
					if g.Label != "" && g.Label != g.ID {
						name += "（" + g.Label + "）"
					}
					mine := f.ID
					if f.Label != "" && f.Label != f.ID {
						mine += "（" + f.Label + "）"
					}
					errs.add(f.Pos, "figures: 数字“%s”与模板的字段%s重名，请换一个名称", mine, name)
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	c := t.clone()
	for _, id := range a.figParts {
		p := c.parts[id]
		// after the part's own text the sentences run on in its last
		// paragraph; a part with no text of its own starts one
		own := len(p.Paragraphs) > 0
		for i, s := range a.figures[id] {
			fields := map[string]*Field{}
			for _, ff := range s.Fields {
				f := &Field{ID: ff.ID, Label: ff.Label, Type: ff.Type, Unit: ff.Unit, Previous: true, Clerk: true, Part: p, Pos: ff.Pos}
				if f.Label == "" {
					f.Label = f.ID
				}
				p.Fields = append(p.Fields, f)
				c.fields[f.ID] = f
				fields[f.ID] = f
			}
			segs, _, _, _ := scanProse(s.Text) // checked on reading
			for _, sg := range segs {
				if sg.Slot != nil {
					id, filters := splitFilters(sg.Slot.Src)
					sg.Slot.Field, sg.Slot.Filters = fields[id], filters
					sg.Slot.Expr = &Expr{Src: id, Idents: []string{id}}
				}
			}
			p.Paragraphs = append(p.Paragraphs, &Paragraph{Text: Prose{Src: s.Text, Segs: segs, Pos: s.Pos}, Join: own || i > 0})
		}
	}
	return c, nil
}

// clone copies t's parts and fields, so figures can be added to the copy
// without touching t: new parts (parents and fields pointing at the
// copies), new fields, and prose whose slots name the copied fields.
// Expressions are shared: they hold field ids, not fields.
func (t *Template) clone() *Template {
	c := *t
	c.fields = make(map[string]*Field, len(t.fields))
	c.parts = make(map[string]*Part, len(t.parts))
	field := func(f *Field, p *Part) *Field {
		g := *f
		g.Part = p
		c.fields[g.ID] = &g
		return &g
	}
	c.Info = nil
	for _, f := range t.Info {
		c.Info = append(c.Info, field(f, nil))
	}
	var parts func(ps []*Part, parent *Part) []*Part
	parts = func(ps []*Part, parent *Part) []*Part {
		out := make([]*Part, len(ps))
		for i, p := range ps {
			q := *p
			q.Parent = parent
			c.parts[q.ID] = &q
			q.Fields = make([]*Field, len(p.Fields))
			for j, f := range p.Fields {
				q.Fields[j] = field(f, &q)
			}
			q.Parts = parts(p.Parts, &q)
			out[i] = &q
		}
		return out
	}
	c.Sections = parts(t.Sections, nil)
	c.order = make([]*Field, len(t.order))
	for i, f := range t.order {
		c.order[i] = c.fields[f.ID]
	}
	relink := func(p Prose) Prose {
		p.Segs = slices.Clone(p.Segs)
		for i, s := range p.Segs {
			if s.Slot != nil && s.Slot.Field != nil {
				sl := *s.Slot
				sl.Field = c.fields[sl.Field.ID]
				p.Segs[i].Slot = &sl
			}
		}
		return p
	}
	paras := func(ps []*Paragraph) []*Paragraph {
		out := make([]*Paragraph, len(ps))
		for i, p := range ps {
			q := *p
			q.Text = relink(p.Text)
			out[i] = &q
		}
		return out
	}
	c.Title, c.Signature.Unit, c.Signature.Date = relink(t.Title), relink(t.Signature.Unit), relink(t.Signature.Date)
	c.Opening, c.Closing = paras(t.Opening), paras(t.Closing)
	for _, p := range c.parts {
		p.Paragraphs = paras(p.Paragraphs)
		hs := make([]Prose, len(p.Headings))
		for i, h := range p.Headings {
			hs[i] = relink(h)
		}
		p.Headings = hs
	}
	return &c
}
