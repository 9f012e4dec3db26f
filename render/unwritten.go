package render

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// Unwritten is a figure the clerk filled in that the draft does not
// show, and why: a clerk who typed 6 under 给予党纪政务处分 should not
// find the 6 missing from the Word file without being told.
type Unwritten struct {
	Field  string   // the figure's field id
	Path   []string // the headings over the field, as Path gives them
	Reason string   // why, in Chinese: 条件“立案审查已填”不成立 …
	// What decides it: the field to fill in or change (Decider), or the
	// part the clerk left out (DeciderPart).
	Decider, DeciderPart string
	// Out is the part not in the draft that takes the figure with it (""
	// when a sentence or paragraph goes): every figure of it is listed,
	// with the same Out, for a list to show them together. OutPath names
	// it as Path does.
	Out     string
	OutPath []string
}

// GroupUnwritten cuts a list of unwritten figures into runs that go for
// one reason: the figures of one part left out together, any other alone.
func GroupUnwritten(us []Unwritten) [][]Unwritten {
	var out [][]Unwritten
	for i, u := range us {
		if i > 0 && u.Out != "" && u.Out == us[i-1].Out {
			out[len(out)-1] = append(out[len(out)-1], u)
			continue
		}
		out = append(out, []Unwritten{u})
	}
	return out
}

// UnwrittenFigures lists, in the draft's order, every figure the clerk
// answered (a template default is not an answer) that the draft built
// from vs does not write anywhere, with the first reason it is left out:
// the part it is in is not in the draft, its paragraph's condition is
// false, or its sentence uses a figure marked 不适用. A figure only
// conditions read (有无疫情) is not listed: deciding is its use; nor is
// basic information (单位类型), which the whole draft uses.
func UnwrittenFigures(vs *schema.Values) []Unwritten {
	_, un := BuildExplained(vs)
	return un
}

// BuildExplained is Build and UnwrittenFigures in one pass over the
// template, for nigao render, which wants both.
func BuildExplained(vs *schema.Values) (*Document, []Unwritten) {
	b := newBuilder(vs)
	b.why = &explainer{shown: map[string]bool{}}
	b.build()
	var out []Unwritten
	seen := map[string]bool{}
	for _, d := range b.why.drops {
		if seen[d.Field] || b.why.shown[d.Field] {
			continue
		}
		seen[d.Field] = true
		if r, ok := vs.A.Get(d.Field); !ok || r.IsEmpty() || vs.Value(d.Field).State != schema.Set {
			continue
		}
		f := b.t.Field(d.Field)
		if f != nil && f.Part == nil {
			continue // basic info (单位类型) serves the whole draft, not one sentence
		}
		if f != nil {
			d.Path = b.path(f.Part)
		}
		if d.Out != "" {
			d.OutPath = b.path(b.t.Part(d.Out))
		}
		out = append(out, d)
	}
	return b.doc, out
}

// explainer is what a builder notes while explaining.
type explainer struct {
	shown map[string]bool // entered fields some written text uses
	drops []Unwritten     // entered fields of text left out, with why, in order
	last  Unwritten       // why the paragraph last left out went (a paragraph continuing it goes for the same reason)
}

// sentence notes the fields of a sentence prose wrote, or left out
// because na is 不适用.
func (e *explainer) sentence(b *builder, sentence []schema.Segment, na *schema.Slot, dropped bool) {
	if !dropped {
		for _, seg := range sentence {
			if seg.Slot != nil {
				b.entered(slotFields(seg.Slot), func(id string) { e.shown[id] = true })
			}
		}
		return
	}
	var naField string
	b.entered(slotFields(na), func(id string) {
		if naField == "" && b.vs.Value(id).State == schema.NA {
			naField = id
		}
	})
	e.last = Unwritten{Reason: "这一句用到的“" + label(b.t, naField) + "”填了不适用", Decider: naField}
	for _, seg := range sentence {
		if seg.Slot != nil {
			b.entered(slotFields(seg.Slot), func(id string) { e.add(id, e.last) })
		}
	}
}

func (e *explainer) add(id string, why Unwritten) {
	why.Field = id
	e.drops = append(e.drops, why)
}

// dropProse notes every figure of p as left out, for why.
func (e *explainer) dropProse(b *builder, p schema.Prose, why Unwritten) {
	for _, seg := range p.Segs {
		if seg.Slot != nil {
			b.entered(slotFields(seg.Slot), func(id string) { e.add(id, why) })
		}
	}
}

// dropPart notes the figures of part p, which is not in the draft, and
// what would bring it in.
func (b *builder) dropPart(p *schema.Part, why string, cause leftCause) {
	u := Unwritten{Reason: "“" + b.headingText(p) + "”不写入稿子：" + why, Out: p.ID}
	if len(p.Headings) == 0 {
		u.Reason = "这一部分不写入稿子：" + why
	}
	switch cause {
	case omitted:
		u.DeciderPart = p.ID
	case condFalse:
		u.Decider = b.decider(p.When.Idents)
	default:
		u.Decider = firstEntered(p)
	}
	var walk func(q *schema.Part)
	walk = func(q *schema.Part) {
		b.why.dropProse(b, q.Heading(b.vs.A.Heading(q.ID)), u)
		for _, para := range q.Paragraphs {
			b.why.dropProse(b, para.Text, u)
		}
		for _, c := range q.Parts {
			walk(c)
		}
	}
	walk(p)
}

// firstEntered is the first field of p, or of the parts in it, the clerk
// fills in.
func firstEntered(p *schema.Part) string {
	for _, f := range p.Fields {
		if !f.Computed() {
			return f.ID
		}
	}
	for _, c := range p.Parts {
		if id := firstEntered(c); id != "" {
			return id
		}
	}
	return ""
}

// slotFields are the ids a slot reads.
func slotFields(s *schema.Slot) []string {
	switch {
	case s == nil:
		return nil
	case s.Expr != nil:
		return s.Expr.Idents
	case s.Field != nil:
		return []string{s.Field.ID}
	}
	return []string{s.Src}
}

// entered calls fn with each entered field ids stand for: themselves, or
// for a computed field the entered fields it is computed from.
func (b *builder) entered(ids []string, fn func(id string)) {
	for _, id := range ids {
		f := b.t.Field(id)
		switch {
		case f == nil:
		case f.Computed():
			b.entered(f.Compute.Idents, fn)
		default:
			fn(id)
		}
	}
}

// decider is the entered field a condition over ids turns on: the first
// one not yet answered, else the first.
func (b *builder) decider(ids []string) string {
	first := ""
	unset := ""
	b.entered(ids, func(id string) {
		if first == "" {
			first = id
		}
		if unset == "" && b.vs.Value(id).State != schema.Set {
			unset = id
		}
	})
	if unset != "" {
		return unset
	}
	return first
}

func label(t *schema.Template, id string) string {
	if f := t.Field(id); f != nil && f.Label != "" {
		return f.Label
	}
	return id
}

// condReason says a condition does not hold, in the clerk's words:
// 条件“立案审查已填”不成立.
func condReason(t *schema.Template, e *schema.Expr) string {
	return "条件“" + CondText(t, e) + "”不成立"
}

var lenFilled = regexp.MustCompile(`len\(([^()]+)\) *(> *0|>= *1|!= *0)`)

// CondText writes a condition with labels for field ids, and the usual
// tests as words: 立案审查 != nil reads 立案审查已填.
func CondText(t *schema.Template, e *schema.Expr) string {
	if e == nil {
		return ""
	}
	src := e.Src
	var b strings.Builder
	for i := 0; i < len(src); {
		j := i
		for j < len(src) {
			r, size := utf8.DecodeRuneInString(src[j:])
			if !(unicode.IsLetter(r) || r == '_' || unicode.IsDigit(r)) {
				break
			}
			j += size
		}
		if j == i {
			b.WriteByte(src[i])
			i++
			continue
		}
		word := src[i:j]
		if t.Field(word) != nil {
			word = label(t, word)
		}
		b.WriteString(word)
		i = j
	}
	out := lenFilled.ReplaceAllString(b.String(), "${1}已填")
	return condWords.Replace(out)
}

var condWords = strings.NewReplacer(" != nil", "已填", " == nil", "没填", " == ", "为", " != ", "不为", " and ", "并且", " or ", "或", " && ", "并且", " || ", "或", "not ", "不是")
