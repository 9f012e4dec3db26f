package render

import (
	"strings"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
)

// Build renders evaluated answers (t.Evaluate(a)) into a Document. The
// wizard evaluates once per keystroke and shares the Values between
// preview and status.
func Build(vs *schema.Values) *Document {
	b := newBuilder(vs)
	b.build()
	return b.doc
}

func newBuilder(vs *schema.Values) *builder {
	return &builder{vs: vs, t: vs.T, doc: &Document{Info: map[string]string{}}, seen: map[string]bool{}}
}

type builder struct {
	t    *schema.Template
	vs   *schema.Values
	doc  *Document
	seen map[string]bool // missing fields already listed

	section string // current top-level section id
	part    *schema.Part

	// scratch reused by prose, which never runs nested
	sentences []schema.Segment // segments cut at sentence ends
	ends      []int            // end of each sentence in sentences
	spans     []Span
}

func (b *builder) build() {
	t := b.t
	b.doc.Title = PlainText(b.prose(t.Title, false))
	for _, f := range t.Info {
		if v := b.vs.Value(f.ID); v.State == schema.Set {
			b.doc.Info[f.ID] = b.formatSlot(&schema.Slot{Src: f.ID, Field: f}, f, v).Text
		}
	}
	b.paragraphs(t.Opening, 0)
	b.parts(t.Sections)
	b.section, b.part = "", nil
	b.paragraphs(t.Closing, 0)
	unit, date := t.Signature.Unit, t.Signature.Date
	if unit.IsZero() && t.Field("单位") != nil {
		unit = schema.Prose{Src: "{单位}", Segs: []schema.Segment{{Slot: &schema.Slot{Src: "单位", Field: t.Field("单位"), Expr: nil}}}}
	}
	// The signature keeps its spacing: two units are often separated by
	// a full-width space (中共某镇委员会　某镇人民政府).
	b.doc.Signature.Unit = strings.TrimSpace(PlainText(b.rawProse(unit)))
	b.doc.Signature.Date = strings.TrimSpace(PlainText(b.rawProse(date)))
}

// included reports whether a part goes into the draft: not left out by
// the clerk, its condition holds, not every figure of it is 不适用, and,
// if optional, the clerk answered some figure of it (a template default
// alone does not bring an optional part in).
func (b *builder) included(p *schema.Part) bool { return b.leftOut(p) == "" }

// leftOut says why a part is not in the draft, "" when it is.
func (b *builder) leftOut(p *schema.Part) string {
	if b.vs.A.Omitted(p.ID) {
		return "选了不写入"
	}
	if !b.vs.Cond(p.When) {
		return "条件不成立（" + p.When.Src + "）"
	}
	var entered, answered, na int
	// walk the fields in place: Part.AllFields would copy them for every
	// part at every level
	var count func(p *schema.Part)
	count = func(p *schema.Part) {
		for _, f := range p.Fields {
			if f.Computed() {
				continue
			}
			entered++
			v := b.vs.Value(f.ID)
			if v.State == schema.NA {
				na++
				continue
			}
			if v.State == schema.Set {
				if r, ok := b.vs.A.Get(f.ID); ok && !r.IsEmpty() {
					answered++
				}
			}
		}
		for _, c := range p.Parts {
			count(c)
		}
	}
	count(p)
	if entered > 0 && na == entered {
		return "数字都标了不适用" // no heading over an empty part
	}
	if p.Optional && entered > 0 && answered == 0 {
		return NothingFilled
	}
	return ""
}

// Included is the rule render applies, exported for the wizard's status.
func Included(vs *schema.Values, p *schema.Part) bool {
	return LeftOut(vs, p) == ""
}

// NothingFilled is LeftOut's reason for an optional part of which
// nothing is answered.
const NothingFilled = "一个数字都还没填"

// LeftOut says, in Chinese, why part p is not in the draft (the clerk
// left it out, its condition is false, all its figures are 不适用, or it
// is optional and nothing of it is answered); "" when it is in. Whether
// its parent is in is not asked.
func LeftOut(vs *schema.Values, p *schema.Part) string {
	b := &builder{vs: vs, t: vs.T}
	return b.leftOut(p)
}

func (b *builder) parts(ps []*schema.Part) {
	n := 0
	for _, p := range ps {
		if !b.included(p) {
			continue
		}
		if p.Level == 1 {
			b.section = p.ID
		}
		b.part = p
		heading := b.prose(p.Heading(b.vs.A.Heading(p.ID)), false)
		body := b.paragraphSpans(p.Paragraphs)
		if len(heading) > 0 {
			n++
			para := Para{Level: p.Level, Number: Number(p.Level, n), Heading: trimHeading(heading, p.RunIn && len(body) > 0), Section: b.section, Part: p.ID}
			if p.RunIn && len(body) > 0 {
				para.Body = body[0]
				body = body[1:]
			}
			b.doc.Paras = append(b.doc.Paras, para)
		}
		for _, spans := range body {
			b.doc.Paras = append(b.doc.Paras, Para{Body: spans, Section: b.section, Part: p.ID})
		}
		b.parts(p.Parts)
		b.part = p
	}
}

// trimHeading fixes a heading's final punctuation: none on its own line,
// a full stop when it runs into its paragraph.
func trimHeading(spans []Span, runIn bool) []Span {
	if len(spans) == 0 {
		return spans
	}
	last := &spans[len(spans)-1]
	if last.Missing == nil {
		last.Text = strings.TrimRight(last.Text, "。；，：;,.: ")
		if runIn {
			if r, _ := utf8.DecodeLastRuneInString(last.Text); r != '？' && r != '！' {
				last.Text += "。"
			}
		}
	}
	return spans
}

func (b *builder) paragraphs(ps []*schema.Paragraph, level int) {
	for _, spans := range b.paragraphSpans(ps) {
		b.doc.Paras = append(b.doc.Paras, Para{Level: level, Body: spans, Section: b.section})
	}
}

func (b *builder) paragraphSpans(ps []*schema.Paragraph) [][]Span {
	var out [][]Span
	for _, p := range ps {
		if !b.vs.Cond(p.When) {
			continue
		}
		spans := b.prose(p.Text, true)
		switch {
		case len(spans) == 0:
		case p.Join && len(out) > 0:
			last := &out[len(out)-1]
			*last = typesetSpans(append(*last, spans...))
		default:
			out = append(out, spans)
		}
	}
	return out
}

// prose renders text with its slots. With dropNA, a sentence that uses a
// field marked 不适用 is left out; otherwise such a slot renders empty.
func (b *builder) prose(p schema.Prose, dropNA bool) []Span {
	if len(p.Segs) == 0 {
		if p.Src == "" {
			return nil
		}
		b.spans = append(b.spans[:0], Span{Text: p.Src})
		return typesetSpans(b.spans)
	}
	b.sentences, b.ends = splitSentences(b.sentences[:0], b.ends[:0], p.Segs)
	out := b.spans[:0]
	start := 0
	for _, end := range b.ends {
		sentence := b.sentences[start:end]
		start = end
		kept := len(out) // out[kept:] is this sentence so far
		na := false
		for i, seg := range sentence {
			if seg.Slot == nil {
				out = append(out, Span{Text: seg.Text})
				continue
			}
			if q, ok := b.trailingQualifier(seg.Slot, sentence[i+1:]); ok {
				// 18左右 before 吨 reads 18吨左右: the qualifier goes
				// after the unit the prose writes
				out = append(out, Span{Text: q.Prefix + q.Digits})
				unit := seg.Slot.Field.Unit
				sentence[i+1].Text = unit + q.Suffix + strings.TrimPrefix(sentence[i+1].Text, unit)
				continue
			}
			s, isNA := b.slot(seg.Slot)
			if isNA {
				na = true
				if dropNA {
					break
				}
				continue
			}
			out = append(out, s)
		}
		if na && dropNA {
			out = out[:kept]
		}
	}
	b.spans = out
	out = typesetSpans(out)
	if len(out) > 0 && dropNA {
		fixEnding(out)
	}
	return out
}

// rawProse renders prose without typography or sentence dropping.
func (b *builder) rawProse(p schema.Prose) []Span {
	var out []Span
	for _, seg := range p.Segs {
		if seg.Slot == nil {
			out = append(out, Span{Text: seg.Text})
		} else if s, na := b.slot(seg.Slot); !na {
			out = append(out, s)
		}
	}
	return out
}

// trailingQualifier reports a figure written with 左右 or 以上 whose unit
// the prose writes right after the slot.
func (b *builder) trailingQualifier(s *schema.Slot, rest []schema.Segment) (schema.Quantity, bool) {
	f := s.Field
	if f == nil || len(s.Filters) > 0 || !f.Type.Numeric() || f.Unit == "" || len(rest) == 0 || rest[0].Slot != nil || !strings.HasPrefix(rest[0].Text, f.Unit) {
		return schema.Quantity{}, false
	}
	v := b.vs.Value(f.ID)
	if v.State != schema.Set || (v.Num.Suffix != "左右" && v.Num.Suffix != "以上") {
		return schema.Quantity{}, false
	}
	return v.Num, true
}

// fixEnding ends a paragraph whose last kept sentence ended in a
// semicolon (its successor was dropped) with a full stop.
func fixEnding(spans []Span) {
	last := &spans[len(spans)-1]
	if last.Missing != nil {
		return
	}
	if strings.HasSuffix(last.Text, "；") {
		last.Text = strings.TrimSuffix(last.Text, "；") + "。"
	}
}

// splitSentences groups segments into sentences, cutting literal text
// after 。！？； so a 不适用 figure takes only its own sentence with it.
// It appends the pieces to out and the end of each sentence (an index
// into out) to ends; the caller may edit the copies in out.
func splitSentences(out []schema.Segment, ends []int, segs []schema.Segment) ([]schema.Segment, []int) {
	last := len(out) // end of the last sentence cut
	for _, s := range segs {
		if s.Slot != nil {
			out = append(out, s)
			continue
		}
		text := s.Text
		for {
			i := sentenceEnd(text)
			if i < 0 {
				break
			}
			_, size := utf8.DecodeRuneInString(text[i:])
			end := i + size
			// keep closing quotes and brackets with their sentence
			for end < len(text) {
				r, sz := utf8.DecodeRuneInString(text[end:])
				if r != '”' && r != '’' && r != '）' && r != '」' {
					break
				}
				end += sz
			}
			out = append(out, schema.Segment{Text: text[:end]})
			last = len(out)
			ends = append(ends, last)
			text = text[end:]
		}
		if text != "" {
			out = append(out, schema.Segment{Text: text})
		}
	}
	if len(out) > last {
		ends = append(ends, len(out))
	}
	return out, ends
}

// sentenceEnd is strings.IndexAny(s, "。！？；;!?") without the per-rune
// search of a non-ASCII set: it looks at the lead bytes only.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';', '!', '?':
			return i
		case 0xe3: // 。 is E3 80 82
			if strings.HasPrefix(s[i:], "。") {
				return i
			}
		case 0xef: // ！？； are EF BC xx
			if rest := s[i:]; strings.HasPrefix(rest, "！") || strings.HasPrefix(rest, "？") || strings.HasPrefix(rest, "；") {
				return i
			}
		}
	}
	return -1
}

// slot renders one {…}. It returns isNA when the slot uses a field
// marked 不适用. What it writes is paid for from the draft's budget: past
// it, values are left out (the draft's size is bounded).
func (b *builder) slot(s *schema.Slot) (span Span, isNA bool) {
	span, isNA = b.slotSpan(s)
	if span.Missing == nil && span.Text != "" {
		if err := b.vs.SpendDraft(len(span.Text)); err != nil {
			return b.failedSpan(s.Src, err), false
		}
	}
	return span, isNA
}

func (b *builder) slotSpan(s *schema.Slot) (span Span, isNA bool) {
	if s.Expr == nil {
		// An unchecked slot (a template built in code) naming a field.
		if f := b.t.Field(s.Src); f != nil {
			s = &schema.Slot{Src: s.Src, Field: f, Filters: s.Filters}
		} else {
			return Span{Text: "{" + s.Src + "}"}, false
		}
	}
	if f := s.Field; f != nil {
		v := b.vs.Value(f.ID)
		switch v.State {
		case schema.NA:
			return Span{}, true
		case schema.Missing, schema.Invalid:
			return b.missing(f), false
		}
		return b.formatSlot(s, f, v), false
	}
	var missing []*schema.Field
	for _, id := range s.Expr.Idents {
		f := b.t.Field(id)
		switch b.vs.Value(id).State {
		case schema.NA:
			return Span{}, true
		case schema.Missing, schema.Invalid:
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return b.missing(missing[0], missing[1:]...), false
	}
	out, err := b.vs.Eval(s.Expr)
	if err != nil {
		return b.failedSpan(s.Src, err), false
	}
	text, err := formatAny(out, s.Filters, b.vs, nil)
	if err != nil {
		return b.failedSpan(s.Src, err), false
	}
	return Span{Text: text}, false
}

// failedSpan is the marker of an expression that could not be computed,
// listed with the reason among the missing figures.
func (b *builder) failedSpan(src string, err error) Span {
	span := b.markerSpan(src+"："+reason(err), "")
	if key := "\x00" + span.Missing.Label; !b.seen[key] {
		b.seen[key] = true
		b.doc.Missing = append(b.doc.Missing, *span.Missing)
	}
	return span
}

// reason says why a value could not be computed.
func reason(err error) string {
	if r := schema.Reason(err); r != "" {
		return r
	}
	return "无法计算"
}

func (b *builder) formatSlot(s *schema.Slot, f *schema.Field, v schema.Value) Span {
	text, err := formatValue(f, v, s.Filters, b.vs)
	if err != nil {
		// e.g. 同比 without last year's figure: a gap like any other
		span := b.markerSpan(f.Label+"："+err.Error(), f.ID)
		if !b.seen[f.ID+"|"+err.Error()] {
			b.seen[f.ID+"|"+err.Error()] = true
			m := *span.Missing
			b.doc.Missing = append(b.doc.Missing, m)
		}
		return span
	}
	return Span{Text: text}
}

// missing renders the marker for f and lists what has to be filled in:
// f itself, or, for a computed field, the entered fields it waits for.
func (b *builder) missing(f *schema.Field, more ...*schema.Field) Span {
	label := f.Label
	if err := b.failed(f); err != nil {
		label += "：" + reason(err)
	}
	span := b.markerSpan(label, f.ID)
	b.recordNeeds(f)
	for _, g := range more {
		b.recordNeeds(g)
	}
	return span
}

// failed is why computed field f could not be computed although nothing
// it needs is missing (除数为零, 超出范围 …); nil when it could be, or is
// waiting for figures.
func (b *builder) failed(f *schema.Field) error {
	if !f.Computed() || len(b.vs.Needs(f.ID)) > 0 {
		return nil
	}
	if v := b.vs.Value(f.ID); v.State == schema.Invalid {
		return v.Err
	}
	return nil
}

// recordNeeds lists f, or for a computed field what it waits for, or,
// if it cannot be computed, f with the reason.
func (b *builder) recordNeeds(f *schema.Field) {
	if !f.Computed() {
		b.record(b.t.Field(f.ID))
		return
	}
	if err := b.failed(f); err != nil {
		if !b.seen[f.ID] {
			b.record(f)
			b.doc.Missing[len(b.doc.Missing)-1].Label += "：" + reason(err)
		}
		return
	}
	for _, id := range b.vs.Needs(f.ID) {
		b.record(b.t.Field(id))
	}
}

func (b *builder) markerSpan(label, id string) Span {
	m := &Missing{Field: id, Label: label, Section: b.section}
	if b.part != nil {
		m.Heading = b.part.Heading(0).Src
	}
	return Span{Text: "【待填:" + label + "】", Missing: m}
}

func (b *builder) record(f *schema.Field) {
	if f == nil || b.seen[f.ID] {
		return
	}
	b.seen[f.ID] = true
	m := Missing{Field: f.ID, Label: f.Label, Section: b.section}
	if f.Part != nil {
		m.Heading = f.Part.Heading(0).Src
		for p := f.Part; p != nil; p = p.Parent {
			if p.Level == 1 {
				m.Section = p.ID
			}
		}
	} else {
		m.Section = ""
	}
	b.doc.Missing = append(b.doc.Missing, m)
}
