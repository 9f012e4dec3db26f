package schema

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Load reads a template from YAML source. name is used in messages (a
// path; templates/builtin/<id>.yaml for a built-in). Library sections
// named by `use:` come from lib, which may be nil. The template keeps src
// to place messages lazily: the caller must not modify it afterwards.
func Load(name string, src []byte, lib *Library) (*Template, error) {
	root, x, err := parseYAML(name, src)
	if err != nil {
		return nil, err
	}
	lib.prefetch(root)
	l := &loader{src: newSource(name, src), lib: lib, x: x}
	refuseUnsafe(name, root, &l.errs)
	t := l.template(root)
	t.Source = name
	l.check(t)
	if len(l.errs) == 0 {
		l.checkBudget(t)
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func (l *loader) template(root *yaml.Node) *Template {
	t := &Template{Pos: l.pos(root)}
	m := l.checkedMap(root, "模板", templateKeys)
	if m.node.Kind != yaml.MappingNode {
		return t
	}
	t.ID = l.str(m.val("id"), "id")
	if msg := checkID(t.ID, "模板 id"); msg != "" {
		l.errorf(m.val("id"), "%s", msg)
	}
	if !m.has("id") {
		l.errorf(root, "模板缺少 id（英文短名，例如 township-halfyear）")
	}
	if v, ok := l.integer(m.val("version"), "version"); ok {
		t.Version = v
	} else {
		t.Version = 1
	}
	t.Name = l.str(m.val("name"), "name")
	if !m.has("name") {
		l.errorf(root, "模板缺少 name（中文名称，例如 乡镇半年工作总结）")
	}
	t.Kind = l.str(m.val("kind"), "kind")
	l.kind = t.Kind
	t.Description = l.str(m.val("description"), "description")
	t.ImportedFrom = l.str(m.val("imported_from"), "imported_from")
	if n := m.val("title"); n != nil {
		t.Title = l.prose(n, joinLines(l.str(n, "title")))
	} else {
		l.errorf(root, "模板缺少 title（标题，例如 \"{单位}{年度}年上半年工作总结\"）")
	}
	for _, fn := range l.seq(m.val("info"), "info") {
		if f := l.field(fn, nil); f != nil {
			t.Info = append(t.Info, f)
		}
	}
	t.Opening = l.paragraphs(m.val("opening"), "opening")
	t.Closing = l.paragraphs(m.val("closing"), "closing")
	l.firstContinues(t.Opening)
	l.firstContinues(t.Closing)
	for _, sn := range l.seq(m.val("sections"), "sections") {
		if p := l.part(sn, 1, nil, "章节"); p != nil {
			t.Sections = append(t.Sections, p)
		}
	}
	if !m.has("sections") {
		l.errorf(root, "模板缺少 sections（正文的各个部分）")
	}
	if sn := m.val("signature"); sn != nil {
		sm := l.checkedMap(sn, "signature", signatureKeys)
		if n := sm.val("unit"); n != nil {
			t.Signature.Unit = l.prose(n, l.str(n, "unit"))
		}
		if n := sm.val("date"); n != nil {
			t.Signature.Date = l.prose(n, l.str(n, "date"))
		}
	}
	return t
}

var levelNames = []string{"", "章节", "条目", "小条", "细目"}

// part decodes a section or item at the given level (1 = 一、).
func (l *loader) part(n *yaml.Node, level int, parent *Part, what string) *Part {
	if level > 4 {
		l.errorf(n, "层级太深：最多四级（一、（一）1.（1））")
		return nil
	}
	m := l.checkedMap(n, what, partKeys)
	if m.node.Kind != yaml.MappingNode || !l.forKind(m) {
		return nil
	}
	var p *Part
	if use := m.val("use"); use != nil {
		p = l.usePart(m, level, parent)
	} else {
		if d := m.val("drop"); d != nil {
			l.errorf(m.key("drop"), "drop 只能和 use 一起用（去掉章节库章节中的条目）")
		}
		p = &Part{Level: level, Parent: parent, Pos: l.pos(n)}
		l.fillPart(p, m)
	}
	if p != nil && parent == nil {
		l.relevel(p)
	}
	return p
}

// numberingLevels are the spellings numbering: takes, by the level
// whose numbers they are.
var numberingLevels = map[string]int{
	"（一）": 2, "(一)": 2,
	"1.": 3, "1．": 3, "1、": 3,
	"（1）": 4, "(1)": 4,
}

// relevel sets the levels of the parts under p: one below their parent,
// or the level their parent's numbering names (一、 then 1.: the items
// look like 1. items, in 仿宋, and theirs are （1）).
func (l *loader) relevel(p *Part) {
	child := p.Level + 1
	if p.numbering > 0 {
		if p.numbering <= p.Level {
			l.errs.add(p.numberingPos, "numbering 的编号要比这一级低：这一级是“%s”，下面的条目不能用“%s”", levelExample[p.Level], levelExample[p.numbering])
		} else {
			child = p.numbering
		}
	}
	for _, c := range p.Parts {
		if child > 4 {
			l.errs.add(c.Pos, "层级太深：最多四级（一、（一）1.（1））")
			return
		}
		c.Level = child
		l.relevel(c)
	}
}

// levelExample is how the number of each level looks.
var levelExample = []string{"", "一、", "（一）", "1.", "（1）"}

// fillPart applies the keys of m to p; for a library section it runs
// twice, first with the library's keys, then with the template's
// overrides.
func (l *loader) fillPart(p *Part, m fieldMap) {
	p.badKeys = p.badKeys || m.unknown
	if n := m.val("id"); n != nil {
		p.ID = l.str(n, "id")
	}
	if n := m.val("heading"); n != nil {
		if m.has("headings") {
			l.errorf(m.key("heading"), "heading 和 headings 只能写一个（headings 是可选的多个标题）")
		}
		p.Headings = []Prose{l.prose(n, joinLines(l.str(n, "heading")))}
	}
	if n := m.val("headings"); n != nil {
		vals, nodes := l.strs(n, "headings")
		p.Headings = nil
		for i, v := range vals {
			p.Headings = append(p.Headings, l.prose(nodes[i], joinLines(v)))
		}
	}
	if n := m.val("runin"); n != nil {
		p.RunIn = l.boolean(n, "runin")
	}
	if n := m.val("numbering"); n != nil {
		v := strings.TrimSpace(l.str(n, "numbering"))
		if lv, ok := numberingLevels[v]; ok {
			p.numbering, p.numberingPos = lv, l.pos(n)
		} else if v != "" {
			l.errorf(n, "numbering 写下级条目的编号样式：“（一）”“1.”或“（1）”，不认识“%s”", v)
		}
	}
	if n := m.val("optional"); n != nil {
		p.Optional = l.boolean(n, "optional")
	}
	if n := m.val("from"); n != nil {
		p.From = l.office(n)
	}
	if n := m.val("figures"); n != nil {
		p.Figures = l.boolean(n, "figures")
	}
	if n := m.val("when"); n != nil {
		p.When = l.expr(n)
	}
	for _, fn := range l.seq(m.val("fields"), "fields") {
		if f := l.field(fn, p); f != nil {
			p.Fields = append(p.Fields, f)
		}
	}
	if m.has("text") || m.has("paragraphs") {
		p.Paragraphs = append(l.paragraphs(m.val("text"), "text"), l.paragraphs(m.val("paragraphs"), "paragraphs")...)
		l.firstContinues(p.Paragraphs)
	}
	for _, in := range l.seq(m.val("items"), "items") {
		if c := l.part(in, p.Level+1, p, levelNames[min(p.Level+1, 4)]); c != nil {
			p.Parts = append(p.Parts, c)
		}
	}
}

// office reads from:, the office that reports a part's or a field's
// figures; it names a collection sheet and its file.
func (l *loader) office(n *yaml.Node) string {
	v := strings.TrimSpace(l.str(n, "from"))
	switch {
	case v == "" && n.Kind == yaml.ScalarNode:
		l.errorf(n, "from 写报这些数的部门（科室），例如 from: 安监站")
	case strings.ContainsAny(v, "/\\:*?\"<>|\n"):
		l.errorf(n, "from 是部门名称，会用作报送表的文件名，不能含 / \\ : * ? \" < > |")
		v = ""
	case utf8.RuneCountInString(v) > 30:
		l.errorf(n, "from 是部门名称，最多 30 个字")
		v = ""
	}
	return v
}

// usePart expands `use: 安全生产` from the library and applies the
// template's overrides: id, headings, runin, optional, when and text
// replace; fields and items are added; drop removes library items.
func (l *loader) usePart(m fieldMap, level int, parent *Part) *Part {
	id := l.str(m.val("use"), "use")
	var ls libSection
	found := false
	if l.lib != nil {
		var err error
		if ls, found, err = l.lib.find(id); err != nil {
			l.errorf(m.val("use"), "章节库有错误（%v）", err)
			return nil
		}
	}
	if !found {
		l.useNotFound(m.val("use"), id)
		return nil
	}
	for _, u := range l.uses {
		if u == id {
			l.errorf(m.val("use"), "章节“%s”通过 use 引用了自己", id)
			return nil
		}
	}
	if err := l.x.use(m.val("use"), id, ls.size); err != nil {
		l.errs = append(l.errs, err)
		return nil
	}
	inner := &loader{src: ls.src, lib: l.lib, uses: append(l.uses, id), x: l.x, kind: l.kind}
	lm := inner.checkedMap(ls.node, "章节", partKeys)
	p := &Part{Level: level, Parent: parent, Pos: l.pos(m.node), Use: id}
	if lm.has("use") {
		inner.errorf(lm.key("use"), "章节库中的章节不能再 use 别的章节")
	}
	inner.fillPart(p, lm)
	l.errs = append(l.errs, inner.errs...)
	if p.ID == "" {
		p.ID = id
	}
	// Overrides, positioned in the template.
	fields, items := p.Fields, p.Parts
	p.Fields, p.Parts = nil, nil
	l.fillPart(p, m)
	p.Fields = append(fields, p.Fields...)
	p.Parts = append(items, p.Parts...)
	if n := m.val("drop"); n != nil {
		ids, nodes := l.strs(n, "drop")
		for i, d := range ids {
			kept := p.Parts[:0]
			found := false
			for _, c := range p.Parts {
				if c.ID == d {
					found = true
					continue
				}
				kept = append(kept, c)
			}
			p.Parts = kept
			if !found {
				l.errorf(nodes[i], "章节“%s”中没有 id 为“%s”的条目", id, d)
			}
		}
	}
	return p
}

// useNotFound reports a `use:` the library does not have, with the
// closest section or item as a suggestion.
func (l *loader) useNotFound(n *yaml.Node, id string) {
	if l.lib == nil {
		l.errorf(n, "章节库中没有“%s”", id)
		return
	}
	if sec := l.lib.sectionOf(id); sec != "" {
		item := strings.TrimPrefix(id, sec+".")
		var names []string
		for _, it := range l.lib.itemsOf(sec) {
			names = append(names, lastPart(it))
		}
		if s := suggest(item, names); s != "" {
			l.errorf(n, "章节“%s”中没有条目“%s”，是不是“%s”？", sec, item, s)
		} else {
			l.errorf(n, "章节“%s”中没有条目“%s”（有：%s）", sec, item, strings.Join(names, "、"))
		}
		return
	}
	known := l.lib.order
	for _, sec := range l.lib.order {
		known = append(known, l.lib.itemsOf(sec)...)
	}
	if s := suggest(id, known); s != "" {
		l.errorf(n, "章节库中没有“%s”，是不是“%s”？", id, s)
	} else {
		l.errorf(n, "章节库中没有“%s”", id)
	}
}

// field decodes one field definition.
func (l *loader) field(n *yaml.Node, part *Part) *Field {
	m := l.checkedMap(n, "字段", fieldKeys)
	if m.node.Kind != yaml.MappingNode || !l.forKind(m) {
		return nil
	}
	f := &Field{Part: part, Pos: l.pos(n)}
	f.ID = l.str(m.val("id"), "id")
	if !m.has("id") {
		l.errorf(n, "字段缺少 id")
		return nil
	}
	f.Pos = l.pos(m.val("id"))
	f.Label = l.str(m.val("label"), "label")
	if f.Label == "" {
		f.Label = f.ID
	}
	f.Type = Text
	if tn := m.val("type"); tn != nil {
		ty := FieldType(l.str(tn, "type"))
		if !slices.Contains(FieldTypes, ty) {
			names := typeNames()
			if s := suggest(string(ty), names); s != "" {
				l.errorf(tn, "没有“%s”这种字段类型，是不是“%s”？", ty, s)
			} else {
				l.errorf(tn, "没有“%s”这种字段类型（可用：%s）", ty, strings.Join(names, "、"))
			}
		} else {
			f.Type = ty
		}
	}
	f.Unit = l.str(m.val("unit"), "unit")
	if dn := m.val("decimals"); dn != nil {
		if d, ok := l.integer(dn, "decimals"); ok {
			if d < 0 || d > 6 {
				l.errorf(dn, "decimals 应在 0 到 6 之间")
			} else {
				f.Decimals = &d
			}
		}
	}
	if rn := m.val("required"); rn != nil {
		f.Required = l.boolean(rn, "required")
	}
	if pn := m.val("previous"); pn != nil {
		f.Previous = l.boolean(pn, "previous")
	}
	if n := m.val("from"); n != nil {
		f.From = l.office(n)
	}
	if rn := m.val("review"); rn != nil {
		f.Review = l.boolean(rn, "review")
	}
	f.Example = l.str(m.val("example"), "example")
	f.Help = l.str(m.val("help"), "help")
	if cn := m.val("choices"); cn != nil {
		f.Choices, _ = l.strs(cn, "choices")
		if f.Type != Choice {
			l.errorf(m.key("choices"), "只有 type: choice 的字段才有 choices")
		}
	}
	if f.Type == Choice && len(f.Choices) == 0 {
		l.errorf(n, "选择字段“%s”需要 choices（可选的几项）", f.ID)
	}
	f.Min = l.float(m.val("min"), "min")
	f.Max = l.float(m.val("max"), "max")
	if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
		l.errorf(m.val("min"), "min（%g）大于 max（%g）", *f.Min, *f.Max)
	}
	if cn := m.val("compute"); cn != nil {
		f.Compute = l.expr(cn)
		if m.has("default") {
			l.errorf(m.key("default"), "计算字段不能有 default")
		}
	}
	if dn := m.val("default"); dn != nil {
		raw, err := rawFromNode(dn)
		if err != nil {
			l.errorf(dn, "default: %v", err)
		} else if _, err := ParseValue(f, raw); err != nil {
			l.errorf(dn, "默认值不合适：%v", err)
		} else {
			f.Default = raw
		}
	}
	return f
}

func typeNames() []string {
	out := make([]string, len(FieldTypes))
	for i, t := range FieldTypes {
		out[i] = string(t)
	}
	return out
}

// String describes a part for messages: its id and first heading.
func (p *Part) String() string {
	if len(p.Headings) > 0 {
		return fmt.Sprintf("%s（%s）", p.ID, p.Headings[0].Src)
	}
	return p.ID
}
