package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// check validates a decoded template: ids, references, expressions and
// computed-field cycles. It fills the template's indexes and compiles every
// expression.
func (l *loader) check(t *Template) {
	l.addUnitWords(t)
	t.fields = map[string]*Field{}
	t.parts = map[string]*Part{}
	for _, f := range t.Info {
		l.addField(t, f)
	}
	var walk func(ps []*Part, parent string)
	walk = func(ps []*Part, parent string) {
		for i, p := range ps {
			if msg := checkID(p.ID, "章节 id"); msg != "" {
				l.errs.add(p.Pos, "%s", msg)
			}
			if p.ID == "" {
				p.ID = autoPartID(p, parent, i)
			}
			if prev := t.parts[p.ID]; prev != nil {
				l.errs.add(p.Pos, "章节 id“%s”重复（%s 已有）", p.ID, prev.Pos)
			} else {
				t.parts[p.ID] = p
			}
			if !p.Optional && len(p.Headings) == 0 && p.Level == 1 && !p.badKeys {
				l.errs.add(p.Pos, "一级章节“%s”需要 heading 或 headings（标题）", p.ID)
			}
			for _, f := range p.Fields {
				l.addField(t, f)
			}
			walk(p.Parts, p.ID)
		}
	}
	walk(t.Sections, "")

	// Computed fields first: their dependencies give the evaluation order.
	deps := map[string][]string{}
	for _, f := range t.Fields() {
		if f.Compute == nil {
			continue
		}
		l.compile(f.Compute, t, computeKind(f))
		for _, id := range f.Compute.Idents {
			if id == f.ID {
				l.errs.add(f.Compute.Pos, "计算字段“%s”引用了自己", f.ID)
				continue
			}
			if g := t.fields[id]; g != nil && g.Compute != nil {
				deps[f.ID] = append(deps[f.ID], id)
			}
		}
	}
	t.order = l.computeOrder(t, deps)

	t.visitProse(func(p Prose) {
		for _, s := range p.Segs {
			if s.Slot != nil {
				l.slot(s.Slot, t)
			}
		}
	}, func(e *Expr) { l.compile(e, t, boolValue) })
}

// visitProse calls prose for every piece of prose of t (title, signature,
// opening, closing, headings, paragraphs) and cond for every condition.
func (t *Template) visitProse(prose func(Prose), cond func(*Expr)) {
	prose(t.Title)
	prose(t.Signature.Unit)
	prose(t.Signature.Date)
	paras := func(ps []*Paragraph) {
		for _, para := range ps {
			prose(para.Text)
			cond(para.When)
		}
	}
	paras(t.Opening)
	paras(t.Closing)
	var walk func(ps []*Part)
	walk = func(ps []*Part) {
		for _, p := range ps {
			for _, h := range p.Headings {
				prose(h)
			}
			cond(p.When)
			paras(p.Paragraphs)
			walk(p.Parts)
		}
	}
	walk(t.Sections)
}

// computeKind is what a computed field's expression must produce.
func computeKind(f *Field) exprKind {
	switch {
	case f.Type.Numeric():
		return numberValue
	case f.Type == Bool:
		return boolValue
	}
	return anyValue
}

// autoPartID names a part without an id after its parent and place, so
// answers can still refer to it (e.g. 安全生产.2).
func autoPartID(p *Part, parent string, i int) string {
	if parent == "" {
		return fmt.Sprintf("章节%d", i+1)
	}
	return fmt.Sprintf("%s.%d", parent, i+1)
}

func (l *loader) addField(t *Template, f *Field) {
	if msg := checkID(f.ID, "字段 id"); msg != "" {
		l.errs.add(f.Pos, "%s", msg)
		return
	}
	if !IsIdent(f.ID) {
		l.errs.add(f.Pos, "字段 id“%s”不合适：只能用汉字、字母、数字和下划线，不能以数字开头，也不能是 and、or、len 这类保留字", f.ID)
	}
	if prev := t.fields[f.ID]; prev != nil {
		l.errs.add(f.Pos, "字段 id“%s”重复（%s 已有）", f.ID, prev.Pos)
		return
	}
	t.fields[f.ID] = f
}

// compile parses e, reports fields it names that do not exist, then
// type-checks it against the fields' types.
func (l *loader) compile(e *Expr, t *Template, kind exprKind) {
	if e == nil || !l.countExpr(e) {
		return
	}
	tree, err := parseExpr(e.Src)
	if err != nil {
		off, msg := exprErrorOffset(err)
		l.errs.add(shift(e.Pos, off), "%s", msg)
		return
	}
	idents, offs := identsOf(tree)
	e.Idents = idents
	e.steps = countNodes(tree.Node)
	// The environment is the fields e reads, as sample values of their
	// types: all the type checker needs, and all that is in scope.
	env := make(map[string]any, len(idents))
	for i, id := range idents {
		f := t.fields[id]
		if f == nil {
			l.errs.add(shift(e.Pos, offs[i]), "%s", unknownFieldMsg(id, t))
			continue
		}
		env[id] = sampleValue(f.Type)
	}
	if len(env) < len(idents) {
		return // a field it names does not exist
	}
	if kind == boolValue {
		if d := presenceOf(tree.Node, t); d != nil {
			e.direct = d
			return
		}
	}
	prog, err := compileExpr(e.Src, env, kind)
	if err != nil {
		off, msg := exprErrorOffset(err)
		l.errs.add(shift(e.Pos, off), "%s", msg)
		return
	}
	e.prog = prog
}

func unknownFieldMsg(id string, t *Template) string {
	ids := make([]string, 0, len(t.fields))
	for k := range t.fields {
		ids = append(ids, k)
	}
	if s := suggest(id, ids); s != "" {
		return fmt.Sprintf("没有名为“%s”的字段，是不是“%s”？", id, s)
	}
	return fmt.Sprintf("没有名为“%s”的字段（字段要先在 fields 或 info 中定义）", id)
}

func shift(p Pos, runes int) Pos {
	p.Col += runes
	return p
}

// slot compiles one {expression|filter} in prose.
func (l *loader) slot(s *Slot, t *Template) {
	src, filters := splitFilters(s.Src)
	s.Filters = filters
	if src == "" {
		l.errs.add(s.Pos(), "花括号里是空的：应写字段名，例如 {单位}")
		return
	}
	for _, f := range filters {
		if _, ok := Filters[f]; !ok {
			names := make([]string, 0, len(Filters))
			for k := range Filters {
				names = append(names, k)
			}
			off := strings.LastIndex(s.Src, f)
			if sg := suggest(f, names); sg != "" {
				l.errs.add(shift(s.Pos(), utf8.RuneCountInString(s.Src[:off])), "没有“%s”这种格式，是不是“%s”？", f, sg)
			} else {
				l.errs.add(shift(s.Pos(), utf8.RuneCountInString(s.Src[:off])), "没有“%s”这种格式（可用的格式见 docs/template-format.md）", f)
			}
		}
	}
	lead := utf8.RuneCountInString(s.Src) - utf8.RuneCountInString(strings.TrimLeft(s.Src, " "))
	e := &Expr{Src: src}
	s.Expr = e
	if f := t.fields[src]; f != nil {
		// Most slots name one field: render reads its value directly, so
		// there is nothing to compile (and a bad id is reported already).
		s.Field = f
		e.Idents = []string{src}
		return
	}
	e.Pos = shift(s.Pos(), lead)
	l.compile(e, t, anyValue)
}

// computeOrder sorts computed fields so that each follows what it uses,
// and reports a cycle by naming the fields in it.
func (l *loader) computeOrder(t *Template, deps map[string][]string) []*Field {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var order []*Field
	var stack []string
	var visit func(id string) bool
	visit = func(id string) bool {
		switch state[id] {
		case done:
			return true
		case active:
			i := len(stack) - 1
			for i > 0 && stack[i] != id {
				i--
			}
			cycle := append(append([]string(nil), stack[i:]...), id)
			f := t.fields[id]
			l.errs.add(f.Compute.Pos, "计算字段循环引用：%s", strings.Join(cycle, " → "))
			return false
		}
		state[id] = active
		stack = append(stack, id)
		ok := true
		for _, d := range deps[id] {
			if !visit(d) {
				ok = false
				break
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		order = append(order, t.fields[id])
		return ok
	}
	for _, f := range t.Fields() {
		if f.Compute != nil && state[f.ID] == unseen {
			visit(f.ID)
		}
	}
	return order
}

// suggest returns the candidate closest to s, when close enough to be a
// likely typo.
// Suggest returns the candidate s is most likely a typo of, or "" when
// none is close: for names a clerk types (commands, options, keys).
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := editDistance(s, c)
		// on a tie prefer the candidate of the same length (万圆 → 万元, not 万)
		if d < bestD || d == bestD && lenGap(s, c) < lenGap(s, best) {
			best, bestD = c, d
		}
	}
	n := utf8.RuneCountInString(s)
	limit := 2
	if n <= 3 {
		limit = 1
	}
	if bestD <= limit && bestD < n {
		return best
	}
	return ""
}

func lenGap(a, b string) int {
	d := utf8.RuneCountInString(a) - utf8.RuneCountInString(b)
	if d < 0 {
		return -d
	}
	return d
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Unused lists the fields the clerk fills in that nothing reads: no text
// writes them, no condition asks about them, no computed field is
// computed from them. A clerk who fills one in finds it in no draft.
func (t *Template) Unused() []*Field {
	used := map[string]bool{}
	read := func(ids []string) {
		for _, id := range ids {
			used[id] = true
		}
	}
	t.visitProse(func(p Prose) { read(p.Fields()) }, func(e *Expr) {
		if e != nil {
			read(e.Idents)
		}
	})
	if t.Signature.Unit.IsZero() {
		used["单位"] = true // the signature's default
	}
	for _, f := range t.Fields() {
		if f.Compute != nil {
			read(f.Compute.Idents)
		}
	}
	var out []*Field
	for _, f := range t.Fields() {
		if !used[f.ID] && !f.Computed() { // a computed one is filled in by nobody
			out = append(out, f)
		}
	}
	return out
}
