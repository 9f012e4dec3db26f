// Package render turns a template and its answers into a Document, and
// writes Documents as Markdown, plain text or Word (.docx).
package render

// A Document is a finished draft, independent of any output format:
// writers only lay it out, they never decide wording or numbering.
type Document struct {
	Title     string
	Paras     []Para            // opening, numbered parts and closing, in order
	Signature Signature         // unit name and date at the end
	Info      map[string]string // rendered info fields (单位, 年度 …), for {{字段}} in .docx templates
	Missing   []Missing         // every missing figure, in document order
}

// Signature is the unit name and date block right-aligned under the text.
type Signature struct {
	Unit string
	Date string // already formatted, e.g. 2022年8月29日
}

// A Para is one paragraph of the draft. Level 0 is body text. Levels 1–4
// are headings numbered 一、（一）1.（1）: with an empty Body the paragraph
// is a heading on its own line; with a Body the heading runs in, as in
// "（一）加强党建引领。重点推进……".
type Para struct {
	Level   int
	Number  string // "一、", "（一）", "1.", "（1）"; empty for body text
	Heading []Span // heading text without its number
	Body    []Span
	Section string // id of the top-level section it belongs to ("" for opening/closing)
	Part    string // id of the innermost part it belongs to
	// Item marks a numbered sentence that is all there is to its part
	// (1.新建助餐点5个。): a paragraph of the body, with its number and
	// heading run in, not a heading line kept with what follows.
	Item bool
}

// A Span is a run of text; a missing figure is a span with Missing set,
// whose Text is the visible marker 【待填:标签】.
type Span struct {
	Text    string
	Missing *Missing
}

// Missing names a figure the answers do not yet give. In Document.Missing
// it is where the figure is filled in; on a marker span, where the
// marker stands.
type Missing struct {
	Field   string // field id
	Label   string
	Section string // top-level section id ("" for info fields)
	Part    string // id of the innermost part ("" for info fields); Path names it

	needs  []string // a marker's: the entered fields it waits for
	failed []string // and the computed fields that cannot be computed (除数为零 …)
	self   bool     // a marker listed as itself (a figure that cannot be written as asked, e.g. 同比 without last year's)
}

// IsHeading reports whether p is a heading standing on its own line.
func (p Para) IsHeading() bool { return p.Level > 0 && len(p.Body) == 0 && !p.Item }

// PlainText concatenates spans.
func PlainText(spans []Span) string {
	n := 0
	for _, s := range spans {
		n += len(s.Text)
	}
	b := make([]byte, 0, n)
	for _, s := range spans {
		b = append(b, s.Text...)
	}
	return string(b)
}
