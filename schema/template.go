package schema

// Template is a report template: document info, title, opening, numbered
// parts and closing. It is what a clerk edits in YAML.
type Template struct {
	ID          string
	Version     int
	Name        string
	Kind        string // 半年总结, 年度总结, 汇报材料, 部门总结 …
	Description string
	// ImportedFrom names the report nigao import made the template from;
	// the wizard then shows each figure's sentence as the report had it.
	ImportedFrom string
	Title        Prose
	Info         []*Field // document info: 单位, 年度, 上级, 落款日期 …
	Opening      []*Paragraph
	Sections     []*Part
	Closing      []*Paragraph
	Signature    Signature

	Source string // file name (templates/builtin/<id>.yaml for built-ins), for messages
	Pos    Pos

	fields map[string]*Field // every field by id, info and parts
	parts  map[string]*Part
	order  []*Field // computed fields in evaluation order
}

// Signature is the 落款: unit name and date, both prose.
type Signature struct {
	Unit Prose
	Date Prose
}

// A Part is a section (level 1), an item (level 2) or a deeper numbered
// part (levels 3 and 4). Parts nest, each a level below its parent
// unless the parent's numbering: skips one (一、 then 1.); numbers are
// given at render time from what is actually included.
type Part struct {
	ID         string
	Headings   []Prose // alternatives; the answers pick one, default the first
	RunIn      bool    // heading runs into the first paragraph
	Optional   bool    // left out when none of its figures is answered
	When       *Expr   // included only when true
	Fields     []*Field
	Paragraphs []*Paragraph
	Parts      []*Part
	Use        string // library section it came from, if any
	From       string // the office that reports its figures (from:), for collection sheets
	Figures    bool   // the clerk may add sentences with figures of their own (figures:)

	Level  int
	Parent *Part
	Pos    Pos

	badKeys bool // its mapping had unknown keys: don't also report what they were probably meant to be

	// numbering: the level its items take (0: one below its own), and
	// where it was written; used while loading only.
	numbering    int
	numberingPos Pos
}

// A Paragraph of prose, optionally conditional.
type Paragraph struct {
	Text Prose
	When *Expr
	Join bool // continues the paragraph before it: a sentence with its own condition
	// Continues: it leans on the paragraph before it ("此外，" "同时，"),
	// so it is written only when that one is.
	Continues bool
}

// FieldType is the kind of value a field holds.
type FieldType string

const (
	Text     FieldType = "text"
	TextArea FieldType = "textarea"
	Integer  FieldType = "integer"
	Number   FieldType = "number"
	Percent  FieldType = "percent"
	Money    FieldType = "money"
	Date     FieldType = "date"
	Year     FieldType = "year"
	Choice   FieldType = "choice"
	Bool     FieldType = "bool"
	List     FieldType = "list"
)

// FieldTypes lists every type, in the order docs present them.
var FieldTypes = []FieldType{Text, TextArea, Integer, Number, Percent, Money, Date, Year, Choice, Bool, List}

// Numeric reports whether values of t are quantities.
func (t FieldType) Numeric() bool {
	switch t {
	case Integer, Number, Percent, Money, Year:
		return true
	}
	return false
}

// A Field is one figure or piece of text the clerk supplies (or nigao
// computes).
type Field struct {
	ID       string
	Label    string
	Type     FieldType
	Unit     string // 家, 处, 万元 …; shown in the wizard, appended by {x|单位}
	Decimals *int   // fixed decimals when rendering computed or plain numbers
	Required bool   // the wizard insists; render marks it missing either way
	Example  string
	Help     string
	Default  any
	Choices  []string
	Min, Max *float64
	Compute  *Expr
	Previous bool   // a figure worth comparing with last period
	From     string // the office that reports it (from:), if not its part's
	Review   bool   // its name is a guess (nigao import found none better): the wizard lists it
	Clerk    bool   // a figure the clerk added (the answers' figures:), not the template's

	Part *Part // nil for info fields
	Pos  Pos
}

// Computed reports whether the field's value is computed, not entered.
func (f *Field) Computed() bool { return f.Compute != nil }

// ReportedBy is the office that reports f: its own from:, else that of
// the nearest part that names one; "" when none does (and for info
// fields, which are the clerk's own).
func (f *Field) ReportedBy() string {
	if f.From != "" {
		return f.From
	}
	for p := f.Part; p != nil; p = p.Parent {
		if p.From != "" {
			return p.From
		}
	}
	return ""
}

// Field returns the field with the given id, or nil.
func (t *Template) Field(id string) *Field { return t.fields[id] }

// Part returns the part with the given id, or nil.
func (t *Template) Part(id string) *Part { return t.parts[id] }

// Fields returns every field in template order: info first, then parts.
func (t *Template) Fields() []*Field {
	out := append([]*Field(nil), t.Info...)
	var walk func(ps []*Part)
	walk = func(ps []*Part) {
		for _, p := range ps {
			out = append(out, p.Fields...)
			walk(p.Parts)
		}
	}
	walk(t.Sections)
	return out
}

// ComputeOrder returns computed fields ordered so each comes after the
// computed fields it uses.
func (t *Template) ComputeOrder() []*Field { return t.order }

// AllFields returns the fields of p and of every part inside it.
func (p *Part) AllFields() []*Field {
	out := append([]*Field(nil), p.Fields...)
	for _, c := range p.Parts {
		out = append(out, c.AllFields()...)
	}
	return out
}

// Heading returns alternative i (clamped), or "" when the part has none.
func (p *Part) Heading(i int) Prose {
	if len(p.Headings) == 0 {
		return Prose{}
	}
	if i < 0 || i >= len(p.Headings) {
		i = 0
	}
	return p.Headings[i]
}
