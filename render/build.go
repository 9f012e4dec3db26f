package render

import (
	"regexp"
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
	seen map[string]bool // missing fields already listed (collect)

	section string // current top-level section id
	part    *schema.Part

	headings map[string]string // part id → its heading in the draft, once built (path)

	// why, when set, notes which figures the draft shows and why others
	// are not in it (UnwrittenFigures); nil while the clerk types
	why *explainer

	// scratch reused by prose, which never runs nested
	sentences []schema.Segment // segments cut at sentence ends
	ends      []int            // end of each sentence in sentences
	spans     []Span
}

func (b *builder) build() {
	t := b.t
	title := b.prose(t.Title, false)
	b.doc.Title = PlainText(title)
	var info []Span
	for _, f := range t.Info {
		if v := b.vs.Value(f.ID); v.State == schema.Set {
			s := b.formatSlot(&schema.Slot{Src: f.ID, Field: f}, f, v)
			b.doc.Info[f.ID] = s.Text
			info = append(info, s)
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
	unitSpans, dateSpans := b.rawProse(unit), b.rawProse(date)
	b.doc.Signature.Unit = strings.TrimSpace(PlainText(unitSpans))
	b.doc.Signature.Date = strings.TrimSpace(PlainText(dateSpans))
	// what is missing is what the finished draft marks, in its order
	b.collect(title)
	b.collect(info)
	for _, p := range b.doc.Paras {
		b.collect(p.Heading)
		b.collect(p.Body)
	}
	b.collect(unitSpans)
	b.collect(dateSpans)
}

// included reports whether a part goes into the draft: not left out by
// the clerk, its condition holds, not every figure of it is 不适用, and,
// if optional, the clerk answered some figure of it (a template default
// alone does not bring an optional part in).
func (b *builder) included(p *schema.Part) bool { why, _ := b.leftOut(p); return why == "" }

// Why a part is not in the draft.
type leftCause int

const (
	inDraft       leftCause = iota
	omitted                 // the clerk left it out
	condFalse               // its when: does not hold
	allNA                   // every figure of it is 不适用
	nothingFilled           // optional, and nothing of it answered
)

// leftOut says why a part is not in the draft, "" when it is.
func (b *builder) leftOut(p *schema.Part) (string, leftCause) {
	if b.vs.A.Omitted(p.ID) {
		return "选了不写入", omitted
	}
	if !b.vs.Cond(p.When) {
		return condReason(b.t, p.When), condFalse
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
			if v.State == schema.Set || v.State == schema.Invalid { // typed, even if unreadable
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
		return "数字都标了不适用", allNA // no heading over an empty part
	}
	if p.Optional && entered > 0 && answered == 0 {
		return NothingFilled, nothingFilled
	}
	return "", inDraft
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
	why, _ := b.leftOut(p)
	return why
}

// parts writes the parts of one level that are in the draft and have
// something to say. The draft holds together as parts drop out: a
// heading whose text and items were all dropped goes too; the numbers of a level
// run without gaps, and a level left with a single heading is not
// numbered at all (a lone “（一）” reads as a mistake); a connector
// (“此外，”) opening a part's text, with nothing before it to connect
// to, goes.
func (b *builder) parts(ps []*schema.Part) {
	var heads []int // the headings written at this level, as indexes into doc.Paras
	for _, p := range ps {
		if why, cause := b.leftOut(p); why != "" {
			if b.why != nil {
				b.dropPart(p, why, cause)
			}
			continue
		}
		if p.Level == 1 {
			b.section = p.ID
		}
		b.part = p
		start := len(b.doc.Paras)
		heading := b.prose(p.Heading(b.vs.A.Heading(p.ID)), false)
		body := b.paragraphSpans(p.Paragraphs)
		if len(body) > 0 && (len(heading) > 0 || start == 0 || b.doc.Paras[start-1].IsHeading()) {
			if body[0] = stripConnector(body[0]); len(body[0]) == 0 {
				body = body[1:]
			}
		}
		if len(heading) > 0 {
			// a run-in heading ends its sentence with 。: before its text,
			// or as all there is to an item (（一）确保参保率稳定在97%以上。)
			sentence := p.RunIn && (len(body) > 0 || len(p.Paragraphs) == 0 && len(p.Parts) == 0)
			para := Para{Level: p.Level, Heading: trimHeading(heading, sentence), Section: b.section, Part: p.ID, Item: sentence && len(body) == 0}
			if p.RunIn && len(body) > 0 {
				para.Body = body[0]
				body = body[1:]
			}
			b.doc.Paras = append(b.doc.Paras, para)
		}
		for _, spans := range body {
			b.doc.Paras = append(b.doc.Paras, Para{Body: spans, Section: b.section, Part: p.ID})
		}
		textEnd := len(b.doc.Paras)
		b.parts(p.Parts)
		b.part = p
		if len(p.Parts) > 0 && len(b.doc.Paras) == textEnd && textEnd > start {
			// none of its items was written: its text must not promise them
			last := &b.doc.Paras[textEnd-1]
			if last.Body = unpromise(last.Body); len(last.Body) == 0 && !last.IsHeading() {
				b.doc.Paras = b.doc.Paras[:textEnd-1]
			}
		}
		if len(heading) == 0 {
			continue
		}
		if len(b.doc.Paras) == start+1 && len(b.doc.Paras[start].Body) == 0 && (len(p.Paragraphs) > 0 || len(p.Parts) > 0) {
			// everything under the heading was dropped; a heading that
			// is all there is (1.继续推进。) stays
			b.doc.Paras = b.doc.Paras[:start]
			continue
		}
		heads = append(heads, start)
	}
	if len(heads) > 1 {
		for i, h := range heads {
			b.doc.Paras[h].Number = Number(b.doc.Paras[h].Level, i+1)
		}
	}
}

// connectors are the words that link a paragraph to what comes before
// it; with nothing before it, the paragraph starts after them.
var connectors = []string{"此外，", "同时，", "另外，", "与此同时，", "除此之外，", "另一方面，", "再者，", "而且，", "并且，"}

// stripConnector drops a connector opening a paragraph (and a 还 right
// after it: “同时，还……” then reads “……”).
func stripConnector(spans []Span) []Span {
	if len(spans) == 0 || spans[0].Missing != nil {
		return spans
	}
	text := spans[0].Text
	for _, c := range connectors {
		if strings.HasPrefix(text, c) {
			text = strings.TrimPrefix(strings.TrimPrefix(text, c), "还")
			if text == "" {
				return spans[1:]
			}
			out := append([]Span{{Text: text}}, spans[1:]...)
			return out
		}
	}
	return spans
}

// promise is the clause with which a part's text announces its items
// (“，重点抓好以下几个方面的工作。”, “主要做法如下：”), at the end of its
// last paragraph.
var promise = regexp.MustCompile(`(，?)[^，。；：！？]*(以下|如下)[^，。；：！？]*[。：]$`)

// unpromise takes the announcing clause off the end of a paragraph whose
// items were all left out: “……将坚持稳中求进，重点抓好以下几个方面的
// 工作。” reads “……将坚持稳中求进。”; a paragraph that only announced
// goes.
func unpromise(spans []Span) []Span {
	if len(spans) == 0 {
		return spans
	}
	last := spans[len(spans)-1]
	m := promise.FindStringSubmatchIndex(last.Text)
	if last.Missing != nil || m == nil {
		return spans
	}
	rest := last.Text[:m[0]]
	switch r, _ := utf8.DecodeLastRuneInString(rest); {
	case m[3] > m[2]: // the clause followed a comma: the sentence ends there
		rest += "。"
	case rest == "" && len(spans) > 1, rest != "" && !strings.ContainsRune("。；：！？", r):
		return spans // it starts in the middle of a sentence
	}
	out := spans[:len(spans)-1]
	if rest != "" {
		out = append(out, Span{Text: rest})
	}
	if len(out) == 0 || len(out) == 1 && out[0].Text == "。" {
		return nil
	}
	return out
}

// trimHeading fixes a heading's final punctuation: none on its own line,
// a full stop when it runs into its paragraph.
func trimHeading(spans []Span, runIn bool) []Span {
	if len(spans) == 0 {
		return spans
	}
	last := &spans[len(spans)-1]
	if last.Missing == nil && !(runIn && strings.TrimRight(last.Text, "，：") != last.Text) { // a first clause run in (1.结合……活动，开展……) keeps its comma or colon
		last.Text = strings.TrimRight(last.Text, headingEnd)
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
	wrote := true   // the paragraph before was written
	lastNA := false // the last one whose condition held was all 不适用
	for _, p := range ps {
		switch {
		case p.Continues && !wrote, dependent(p.Text.Src) && lastNA: // 其中… goes with the figure it is part of
			if b.why != nil {
				b.why.dropProse(b, p.Text, b.why.last) // for the reason the one before went
			}
			continue
		case !b.vs.Cond(p.When):
			if b.why != nil {
				b.why.last = Unwritten{Reason: condReason(b.t, p.When), Decider: b.decider(p.When.Idents)}
				b.why.dropProse(b, p.Text, b.why.last)
			}
			wrote = false
			continue
		}
		spans := b.prose(p.Text, true)
		wrote = len(spans) > 0
		lastNA = !wrote
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
	var prevNA *schema.Slot // what dropped the sentence before, for one that goes on from it (其中…)
	for _, end := range b.ends {
		sentence := b.sentences[start:end]
		start = end
		kept := len(out) // out[kept:] is this sentence so far
		var na *schema.Slot
		if prevNA != nil && dropNA && len(sentence) > 0 && sentence[0].Slot == nil && dependent(sentence[0].Text) {
			na = prevNA // 其中… of a sentence left out goes with it
		}
		// A 不适用 number in a clause after the sentence's head — the
		// clause of its first figure, which says what the sentence is
		// about — takes only its clause with it (已办结18件，正在办理2件
		// stay when 其中退转 is 不适用), and the 其中… clauses that go on
		// from it. In the head or before it (今年以来，…), and a word
		// marked 不适用 anywhere (在{上级}的领导下 may hold the subject),
		// it takes the sentence.
		head := headClause(sentence)
		clauseOut, clauseSeg := kept, 0 // where the current clause began, in out and in sentence
		var cut []clauseCut             // clauses left out
		skipping := false
		shown, shownBefore := 0, 0 // figures written, and before this clause
		for i, seg := range sentence {
			if na != nil && dropNA {
				break
			}
			if startsClause(sentence, i) {
				if skipping && !dependent(strings.TrimPrefix(seg.Text, "，")) {
					cut[len(cut)-1].end = i
					skipping = false
				}
				if !skipping {
					clauseOut, clauseSeg, shownBefore = len(out), i, shown
				}
			}
			if skipping {
				if seg.Slot == nil && i == len(sentence)-1 {
					if e := sentenceEnd(seg.Text); e >= 0 {
						out = append(out, Span{Text: seg.Text[e:]}) // the sentence's 。 stays
					}
				}
				continue
			}
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
				shown++
				continue
			}
			s, isNA := b.slot(seg.Slot)
			switch {
			case !isNA:
				out = append(out, s)
				if isFigure(seg.Slot) {
					shown++
				}
			case !dropNA:
				na = seg.Slot
			case clauseSeg > head && isFigure(seg.Slot):
				out, shown = out[:clauseOut], shownBefore
				cut = append(cut, clauseCut{clauseSeg, len(sentence), seg.Slot})
				skipping = true
			default:
				na = seg.Slot
			}
		}
		if len(cut) > 0 && shown == 0 {
			// what is left says no figure: the sentence goes
			na = cut[0].na
			cut = nil
		}
		dropped := na != nil && dropNA
		if dropped {
			out = out[:kept]
		}
		prevNA = nil
		if dropped {
			prevNA = na
		}
		if b.why != nil {
			b.explain(sentence, na, dropped, cut)
		}
	}
	b.spans = out
	out = typesetSpans(out)
	if len(out) > 0 && dropNA {
		fixEnding(out)
	}
	return out
}

// isFigure reports whether a slot writes a number: what a clause must
// say for the clause to be more than words.
func isFigure(s *schema.Slot) bool { return s.Field != nil && s.Field.Type.Numeric() }

// headClause is where the sentence's head clause begins (an index into
// sentence): the clause of its first figure; len(sentence) when it has
// none.
func headClause(sentence []schema.Segment) int {
	clause := 0
	for i, seg := range sentence {
		if startsClause(sentence, i) {
			clause = i
		}
		if seg.Slot != nil && isFigure(seg.Slot) {
			return clause
		}
	}
	return len(sentence)
}

// startsClause reports whether sentence[i] begins a clause after the
// first: literal text that appendClauses cut before its "，".
func startsClause(sentence []schema.Segment, i int) bool {
	return i > 0 && sentence[i].Slot == nil && strings.HasPrefix(sentence[i].Text, "，")
}

// dependent reports whether text goes on from what comes before it (其中…,
// 其余…): it cannot stand once that is left out.
func dependent(text string) bool {
	text = strings.TrimLeft(text, " 　")
	return strings.HasPrefix(text, "其中") || strings.HasPrefix(text, "其余")
}

// A clauseCut is a clause of a sentence (sentence[start:end]) left out
// for its 不适用 figure na.
type clauseCut struct {
	start, end int
	na         *schema.Slot
}

// explain tells why which figures of a sentence are in the draft: all of
// it dropped for na, or the clauses cut, the rest shown.
func (b *builder) explain(sentence []schema.Segment, na *schema.Slot, dropped bool, cut []clauseCut) {
	if dropped || len(cut) == 0 {
		b.why.sentence(b, sentence, na, dropped)
		return
	}
	shown := make([]schema.Segment, 0, len(sentence))
	from := 0
	for _, c := range cut {
		shown = append(shown, sentence[from:c.start]...)
		from = c.end
	}
	b.why.sentence(b, append(shown, sentence[from:]...), nil, false)
	for _, c := range cut {
		b.why.sentence(b, sentence[c.start:c.end], c.na, true)
	}
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
			out = appendClauses(out, text[:end])
			last = len(out)
			ends = append(ends, last)
			text = text[end:]
		}
		if text != "" {
			out = appendClauses(out, text)
		}
	}
	if len(out) > last {
		ends = append(ends, len(out))
	}
	return out, ends
}

// appendClauses appends literal text cut before each "，", so that a
// clause of a sentence begins a segment.
func appendClauses(out []schema.Segment, text string) []schema.Segment {
	for {
		i := strings.Index(text[min(len(text), 1):], "，")
		if i < 0 {
			return append(out, schema.Segment{Text: text})
		}
		i++ // the search began after the first byte
		out = append(out, schema.Segment{Text: text[:i]})
		text = text[i:]
	}
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
			span := b.missing(f)
			for _, name := range s.Filters {
				if name == "同比" || name == "上年" {
					// {罚款|同比} beside {罚款}: two gaps, told apart
					span.Missing.Label += "的" + name
					span.Text = "【待填:" + span.Missing.Label + "】"
				}
			}
			return span, false
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
	span.Missing.self = true
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
		// e.g. 同比 without last year's figure: a gap like any other,
		// listed as it reads
		span := b.markerSpan(f.Label+"："+err.Error(), f.ID)
		span.Missing.self = true
		return span
	}
	return Span{Text: text}
}

// missing renders the marker for f: what it waits for is f itself, or,
// for a computed field, the entered fields it needs (and those of more,
// the other fields an expression waits for).
func (b *builder) missing(f *schema.Field, more ...*schema.Field) Span {
	label := f.Label
	if err := b.failed(f); err != nil {
		label += "：" + reason(err)
	}
	span := b.markerSpan(label, f.ID)
	for _, g := range append([]*schema.Field{f}, more...) {
		switch {
		case !g.Computed():
			span.Missing.needs = append(span.Missing.needs, g.ID)
		case b.failed(g) != nil:
			span.Missing.failed = append(span.Missing.failed, g.ID)
		default:
			span.Missing.needs = append(span.Missing.needs, b.vs.Needs(g.ID)...)
		}
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

func (b *builder) markerSpan(label, id string) Span {
	m := &Missing{Field: id, Label: label, Section: b.section}
	if b.part != nil {
		m.Part = b.part.ID
	}
	return Span{Text: "【待填:" + label + "】", Missing: m}
}

// collect lists what the markers in spans wait for in doc.Missing, each
// once: the entered fields, where they are filled in.
func (b *builder) collect(spans []Span) {
	for _, s := range spans {
		m := s.Missing
		switch {
		case m == nil:
		case m.self:
			if key := m.Field + "|" + m.Label; !b.seen[key] {
				b.seen[key] = true
				b.doc.Missing = append(b.doc.Missing, Missing{Field: m.Field, Label: m.Label, Section: m.Section, Part: m.Part})
			}
		default:
			for _, id := range m.needs {
				b.record(b.t.Field(id))
			}
			for _, id := range m.failed {
				// a computed field that cannot be computed is itself what
				// is missing, with why
				if f := b.t.Field(id); !b.seen[id] {
					b.record(f)
					b.doc.Missing[len(b.doc.Missing)-1].Label += "：" + reason(b.failed(f))
				}
			}
		}
	}
}

func (b *builder) record(f *schema.Field) {
	if f == nil || b.seen[f.ID] {
		return
	}
	b.seen[f.ID] = true
	m := Missing{Field: f.ID, Label: f.Label}
	if f.Part != nil {
		m.Part = f.Part.ID
		for p := f.Part; p != nil; p = p.Parent {
			if p.Level == 1 {
				m.Section = p.ID
			}
		}
	}
	b.doc.Missing = append(b.doc.Missing, m)
}

// path is the headings over and of part p, outermost first, as the draft
// writes them (a part not in it: its heading with its figures, unnumbered).
func (b *builder) path(p *schema.Part) []string {
	if p == nil {
		return nil
	}
	if b.headings == nil {
		b.headings = map[string]string{}
		for _, para := range b.doc.Paras {
			if para.Level > 0 {
				b.headings[para.Part] = para.Number + untitled(b.t.Part(para.Part), headingPlain(para.Heading))
			}
		}
	}
	var out []string
	for ; p != nil; p = p.Parent {
		h, ok := b.headings[p.ID]
		if !ok {
			h = untitled(p, b.headingText(p))
		}
		if h != "" {
			out = append([]string{h}, out...)
		}
	}
	return out
}

// HeadingText is part p's heading as chosen in the answers, with its
// figures: 2022年工作总结. A figure not yet filled in reads ××, as in a
// printed form; no number, no final punctuation.
func HeadingText(vs *schema.Values, p *schema.Part) string {
	return newBuilder(vs).headingText(p)
}

func (b *builder) headingText(p *schema.Part) string {
	return headingPlain(b.prose(p.Heading(b.vs.A.Heading(p.ID)), false))
}

// HeadingName is part p's heading for lists and messages: its text
// (HeadingText), or, when that is nothing but a title still to fill (××),
// the part's name: 部门业务二（标题待填）.
func HeadingName(vs *schema.Values, p *schema.Part) string {
	return untitled(p, HeadingText(vs, p))
}

// untitled is heading h of part p, or p's name when h is only ××.
func untitled(p *schema.Part, h string) string {
	if strings.Trim(h, "×") != "" {
		return h
	}
	name := p.ID
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name + "（标题待填）"
}

// headingPlain is a heading's text for messages and lists: a missing
// figure reads ××, and no final punctuation.
func headingPlain(spans []Span) string {
	var s strings.Builder
	for _, sp := range spans {
		if sp.Missing != nil {
			s.WriteString("××")
		} else {
			s.WriteString(sp.Text)
		}
	}
	return strings.TrimRight(s.String(), headingEnd)
}

// headingEnd is the punctuation a heading on its own line does not end in.
const headingEnd = "。；，：;,.: "

// Path names where part p is in the draft doc built from vs: the
// headings over and of it, outermost first, as doc writes them
// (一、2022年工作总结, （三）…); a part not in it by its heading with its
// figures, unnumbered. For messages: it is not worked out while typing.
func Path(vs *schema.Values, doc *Document, p *schema.Part) []string {
	b := newBuilder(vs)
	b.doc = doc
	return b.path(p)
}
