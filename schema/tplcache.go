package schema

import (
	"fmt"
	"math"
	"runtime"
)

// A compact binary encoding of loaded templates, so a built-in template
// starts without decoding YAML nodes, expanding library sections or
// checking anything: all of that was done, without error, when the
// encoding was made. Only the expressions are compiled again (a compiled
// program cannot be stored).
//
// Layout: templateMagic; uvarint count of files and the file names that
// positions refer to; uvarint counts of fields, parts, paragraphs, slots
// and expressions (each allocated in one piece); then the template:
//
//	ID, Version, Name, Kind, Description, Source, Pos, Title,
//	Info (fields), Opening (paragraphs), Sections (parts),
//	Closing (paragraphs), Signature Unit and Date, and the ids of the
//	computed fields in evaluation order.
//
// A part is ID, Use, Level, Pos, flags (RunIn, Optional), Headings, When,
// Fields, Paragraphs, Parts; a field is ID, Label, Type, Unit, Example,
// Help, Pos, flags (Required, Previous, has Decimals/Min/Max/Default),
// then those present, Choices and Compute; a paragraph is Join, When and
// Text; prose is Src, Pos and segments, each text and an optional slot
// (Src, Filters, field id, Pos, Expr); an expression is a presence flag,
// Src, Pos, Idents and, for a presence condition, 1 (or) or 2 (and) and
// its terms (id, whether == nil), else 0. Strings are a uvarint length and
// the bytes, lists a uvarint count and the items, a position a file index,
// line and column.

const templateMagic = "nigao template 2\n"

// maxTemplateObjects bounds the counts in the header of untrusted data.
const maxTemplateObjects = 1 << 20

// EncodeTemplate appends the encoding of t, a template Load or LoadNode
// returned without error, to dst.
func EncodeTemplate(dst []byte, t *Template) ([]byte, error) {
	e := &tplEncoder{files: map[string]int{}}
	e.collect(t)
	e.buf = append(dst, templateMagic...)
	e.uvarint(uint64(len(e.fileList)))
	for _, f := range e.fileList {
		e.str(f)
	}
	for _, n := range e.counts {
		e.uvarint(uint64(n))
	}
	e.str(t.ID)
	e.int(t.Version)
	e.str(t.Name)
	e.str(t.Kind)
	e.str(t.Description)
	e.str(t.Source)
	e.pos(t.Pos)
	e.prose(t.Title)
	e.fields(t.Info)
	e.paragraphs(t.Opening)
	e.parts(t.Sections)
	e.paragraphs(t.Closing)
	e.prose(t.Signature.Unit)
	e.prose(t.Signature.Date)
	e.uvarint(uint64(len(t.order)))
	for _, f := range t.order {
		e.str(f.ID)
	}
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// Object counts in the header, in this order.
const (
	countFields = iota
	countParts
	countParagraphs
	countSlots
	countExprs
	countKinds
)

type tplEncoder struct {
	binWriter
	files    map[string]int
	fileList []string
	counts   [countKinds]int
	err      error
}

// collect counts the objects and gathers the file names positions use.
func (e *tplEncoder) collect(t *Template) {
	file := func(p Pos) {
		if _, ok := e.files[p.File]; !ok {
			e.files[p.File] = len(e.fileList)
			e.fileList = append(e.fileList, p.File)
		}
	}
	expr := func(x *Expr) {
		if x != nil {
			e.counts[countExprs]++
			file(x.Pos)
		}
	}
	prose := func(p Prose) {
		file(p.Pos)
		for _, s := range p.Segs {
			if s.Slot != nil {
				e.counts[countSlots]++
				file(s.Slot.Pos())
				expr(s.Slot.Expr)
			}
		}
	}
	fields := func(fs []*Field) {
		for _, f := range fs {
			e.counts[countFields]++
			file(f.Pos)
			expr(f.Compute)
		}
	}
	paras := func(ps []*Paragraph) {
		for _, p := range ps {
			e.counts[countParagraphs]++
			prose(p.Text)
			expr(p.When)
		}
	}
	var parts func(ps []*Part)
	parts = func(ps []*Part) {
		for _, p := range ps {
			e.counts[countParts]++
			file(p.Pos)
			for _, h := range p.Headings {
				prose(h)
			}
			expr(p.When)
			fields(p.Fields)
			paras(p.Paragraphs)
			parts(p.Parts)
		}
	}
	file(t.Pos)
	prose(t.Title)
	fields(t.Info)
	paras(t.Opening)
	parts(t.Sections)
	paras(t.Closing)
	prose(t.Signature.Unit)
	prose(t.Signature.Date)
}

func (e *tplEncoder) int(v int) {
	if v < 0 {
		e.err = fmt.Errorf("模板编码：负数 %d", v)
		return
	}
	e.uvarint(uint64(v))
}

func (e *tplEncoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *tplEncoder) pos(p Pos) {
	e.uvarint(uint64(e.files[p.File]))
	e.int(p.Line)
	e.int(p.Col)
}

func (e *tplEncoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *tplEncoder) expr(x *Expr) {
	if x == nil {
		e.bool(false)
		return
	}
	e.bool(true)
	e.str(x.Src)
	e.pos(x.Pos)
	e.strs(x.Idents)
	switch p := x.presence; {
	case p == nil:
		e.uvarint(0)
		return
	case p.and:
		e.uvarint(2)
	default:
		e.uvarint(1)
	}
	e.uvarint(uint64(len(x.presence.terms)))
	for _, t := range x.presence.terms {
		e.str(t.id)
		e.bool(t.isNil)
	}
}

func (e *tplEncoder) prose(p Prose) {
	e.str(p.Src)
	e.pos(p.Pos)
	e.uvarint(uint64(len(p.Segs)))
	for _, s := range p.Segs {
		e.str(s.Text)
		if s.Slot == nil {
			e.bool(false)
			continue
		}
		e.bool(true)
		e.str(s.Slot.Src)
		e.strs(s.Slot.Filters)
		id := ""
		if s.Slot.Field != nil {
			id = s.Slot.Field.ID
		}
		e.str(id)
		e.pos(s.Slot.Pos())
		e.expr(s.Slot.Expr)
	}
}

// Field flags.
const (
	fieldRequired = 1 << iota
	fieldPrevious
	fieldDecimals
	fieldMin
	fieldMax
	fieldDefault
	fieldDefaultList
)

func (e *tplEncoder) fields(fs []*Field) {
	e.uvarint(uint64(len(fs)))
	for _, f := range fs {
		e.str(f.ID)
		e.str(f.Label)
		e.str(string(f.Type))
		e.str(f.Unit)
		e.str(f.Example)
		e.str(f.Help)
		e.pos(f.Pos)
		var flags uint64
		set := func(b bool, flag uint64) {
			if b {
				flags |= flag
			}
		}
		set(f.Required, fieldRequired)
		set(f.Previous, fieldPrevious)
		set(f.Decimals != nil, fieldDecimals)
		set(f.Min != nil, fieldMin)
		set(f.Max != nil, fieldMax)
		var def Raw
		if f.Default != nil {
			r, ok := f.Default.(Raw)
			if !ok {
				e.err = fmt.Errorf("模板编码：字段“%s”的默认值类型 %T", f.ID, f.Default)
				return
			}
			def = r
			set(true, fieldDefault)
			set(r.IsList, fieldDefaultList)
		}
		e.uvarint(flags)
		if f.Decimals != nil {
			e.int(*f.Decimals)
		}
		if f.Min != nil {
			e.uvarint(math.Float64bits(*f.Min))
		}
		if f.Max != nil {
			e.uvarint(math.Float64bits(*f.Max))
		}
		if f.Default != nil {
			e.str(def.Text)
			e.strs(def.List)
		}
		e.strs(f.Choices)
		e.expr(f.Compute)
	}
}

func (e *tplEncoder) paragraphs(ps []*Paragraph) {
	e.uvarint(uint64(len(ps)))
	for _, p := range ps {
		e.bool(p.Join)
		e.expr(p.When)
		e.prose(p.Text)
	}
}

func (e *tplEncoder) parts(ps []*Part) {
	e.uvarint(uint64(len(ps)))
	for _, p := range ps {
		e.str(p.ID)
		e.str(p.Use)
		e.int(p.Level)
		e.pos(p.Pos)
		e.bool(p.RunIn)
		e.bool(p.Optional)
		e.uvarint(uint64(len(p.Headings)))
		for _, h := range p.Headings {
			e.prose(h)
		}
		e.expr(p.When)
		e.fields(p.Fields)
		e.paragraphs(p.Paragraphs)
		e.parts(p.Parts)
	}
}

// DecodeTemplate rebuilds a template EncodeTemplate wrote, giving what Load
// gave; its expressions compile as they are needed (see compileAll).
// Strings in the template are substrings of data. Malformed data is an
// error, never a panic.
func DecodeTemplate(data string) (*Template, error) {
	if len(data) < len(templateMagic) || data[:len(templateMagic)] != templateMagic {
		return nil, errBinData
	}
	d := &tplDecoder{binReader: binReader{data: data, off: len(templateMagic)}}
	n := d.count()
	d.files = make([]string, 0, n)
	for range n {
		d.files = append(d.files, d.str())
	}
	var counts [countKinds]int
	for i := range counts {
		counts[i] = d.count()
	}
	if d.err != nil {
		return nil, d.err
	}
	d.fieldPool = make([]Field, counts[countFields])
	d.partPool = make([]Part, counts[countParts])
	d.paraPool = make([]Paragraph, counts[countParagraphs])
	d.slotPool = make([]Slot, counts[countSlots])
	d.exprPool = make([]Expr, counts[countExprs])

	t := &Template{}
	t.ID = d.str()
	t.Version = d.int()
	t.Name = d.str()
	t.Kind = d.str()
	t.Description = d.str()
	t.Source = d.str()
	t.Pos = d.pos()
	t.Title = d.prose()
	t.Info = d.fields(nil)
	t.Opening = d.paragraphs()
	t.Sections = d.parts(nil, 0)
	t.Closing = d.paragraphs()
	t.Signature.Unit = d.prose()
	t.Signature.Date = d.prose()
	order := make([]string, 0, min(d.count(), len(d.fieldPool)))
	for range cap(order) {
		order = append(order, d.str())
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(data) || d.nextField != len(d.fieldPool) || d.nextPart != len(d.partPool) ||
		d.nextPara != len(d.paraPool) || d.nextSlot != len(d.slotPool) || d.nextExpr != len(d.exprPool) {
		return nil, errBinData
	}
	if err := t.relink(d.slotPool, order, len(d.exprPool)); err != nil {
		return nil, err
	}
	return t, nil
}

type tplDecoder struct {
	binReader
	files []string

	fieldPool []Field
	partPool  []Part
	paraPool  []Paragraph
	slotPool  []Slot
	exprPool  []Expr

	nextField, nextPart, nextPara, nextSlot, nextExpr int
	depth                                             int
}

// count reads a list length, which cannot exceed the bytes left.
func (d *tplDecoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.data)-d.off) || n > maxTemplateObjects {
		d.err = errBinData
		return 0
	}
	return int(n)
}

func (d *tplDecoder) str() string { return d.bytes(d.uvarint()) }

func (d *tplDecoder) bool() bool {
	switch d.uvarint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.err = errBinData
	return false
}

func (d *tplDecoder) pos() Pos {
	i := d.uvarint()
	if i >= uint64(len(d.files)) {
		d.err = errBinData
		return Pos{}
	}
	return Pos{File: d.files[i], Line: d.int(), Col: d.int()}
}

func (d *tplDecoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, d.str())
	}
	return out
}

func (d *tplDecoder) expr() *Expr {
	if !d.bool() || d.err != nil {
		return nil
	}
	if d.nextExpr >= len(d.exprPool) {
		d.err = errBinData
		return nil
	}
	x := &d.exprPool[d.nextExpr]
	d.nextExpr++
	x.Src = d.str()
	x.Pos = d.pos()
	x.Idents = d.strs()
	switch kind := d.uvarint(); kind {
	case 0:
	case 1, 2:
		x.presence = &presence{and: kind == 2, terms: make([]presenceTerm, d.count())}
		for i := range x.presence.terms {
			x.presence.terms[i] = presenceTerm{id: d.str(), isNil: d.bool()}
		}
	default:
		d.err = errBinData
	}
	return x
}

func (d *tplDecoder) prose() Prose {
	p := Prose{Src: d.str(), Pos: d.pos()}
	n := d.count()
	if n == 0 || d.err != nil {
		return p
	}
	p.Segs = make([]Segment, n)
	for i := range p.Segs {
		s := &p.Segs[i]
		s.Text = d.str()
		if !d.bool() || d.err != nil {
			continue
		}
		if d.nextSlot >= len(d.slotPool) {
			d.err = errBinData
			return p
		}
		sl := &d.slotPool[d.nextSlot]
		d.nextSlot++
		sl.Src = d.str()
		sl.Filters = d.strs()
		sl.fieldID = d.str()
		sl.pos = d.pos()
		sl.Expr = d.expr()
		s.Slot = sl
	}
	return p
}

func (d *tplDecoder) fields(part *Part) []*Field {
	n := d.count()
	if n == 0 || d.err != nil {
		return nil
	}
	if n > len(d.fieldPool)-d.nextField {
		d.err = errBinData
		return nil
	}
	out := make([]*Field, n)
	for i := range out {
		f := &d.fieldPool[d.nextField]
		d.nextField++
		out[i] = f
		f.Part = part
		f.ID = d.str()
		f.Label = d.str()
		f.Type = FieldType(d.str())
		f.Unit = d.str()
		f.Example = d.str()
		f.Help = d.str()
		f.Pos = d.pos()
		flags := d.uvarint()
		f.Required = flags&fieldRequired != 0
		f.Previous = flags&fieldPrevious != 0
		if flags&fieldDecimals != 0 {
			v := d.int()
			f.Decimals = &v
		}
		if flags&fieldMin != 0 {
			v := math.Float64frombits(d.uvarint())
			f.Min = &v
		}
		if flags&fieldMax != 0 {
			v := math.Float64frombits(d.uvarint())
			f.Max = &v
		}
		if flags&fieldDefault != 0 {
			f.Default = Raw{Text: d.str(), List: d.strs(), IsList: flags&fieldDefaultList != 0}
		}
		f.Choices = d.strs()
		f.Compute = d.expr()
		if d.err != nil {
			return nil
		}
	}
	return out
}

func (d *tplDecoder) paragraphs() []*Paragraph {
	n := d.count()
	if n == 0 || d.err != nil {
		return nil
	}
	if n > len(d.paraPool)-d.nextPara {
		d.err = errBinData
		return nil
	}
	out := make([]*Paragraph, n)
	for i := range out {
		p := &d.paraPool[d.nextPara]
		d.nextPara++
		out[i] = p
		p.Join = d.bool()
		p.When = d.expr()
		p.Text = d.prose()
	}
	return out
}

func (d *tplDecoder) parts(parent *Part, depth int) []*Part {
	n := d.count()
	if n == 0 || d.err != nil {
		return nil
	}
	if n > len(d.partPool)-d.nextPart || depth > maxNodeDepth {
		d.err = errBinData
		return nil
	}
	out := make([]*Part, n)
	for i := range out {
		p := &d.partPool[d.nextPart]
		d.nextPart++
		out[i] = p
		p.Parent = parent
		p.ID = d.str()
		p.Use = d.str()
		p.Level = d.int()
		p.Pos = d.pos()
		p.RunIn = d.bool()
		p.Optional = d.bool()
		if h := d.count(); h > 0 && d.err == nil {
			p.Headings = make([]Prose, h)
			for j := range p.Headings {
				p.Headings[j] = d.prose()
			}
		}
		p.When = d.expr()
		p.Fields = d.fields(p)
		p.Paragraphs = d.paragraphs()
		p.Parts = d.parts(p, depth+1)
		if d.err != nil {
			return nil
		}
	}
	return out
}

// relink rebuilds what check computed besides the encoded fields: the
// indexes by id, the slots' fields and the evaluation order; exprs is
// how many expressions the template has, some of which compileAll
// arranges to compile.
func (t *Template) relink(slots []Slot, order []string, exprs int) error {
	t.fields = make(map[string]*Field, len(t.Info)+len(slots)/2)
	t.parts = map[string]*Part{}
	for _, f := range t.Info {
		t.fields[f.ID] = f
	}
	var walk func(ps []*Part)
	walk = func(ps []*Part) {
		for _, p := range ps {
			t.parts[p.ID] = p
			for _, f := range p.Fields {
				t.fields[f.ID] = f
			}
			walk(p.Parts)
		}
	}
	walk(t.Sections)
	for i := range slots {
		s := &slots[i]
		if s.fieldID == "" {
			continue
		}
		if s.Field = t.fields[s.fieldID]; s.Field == nil {
			return errBinData
		}
	}
	t.order = make([]*Field, len(order))
	for i, id := range order {
		if t.order[i] = t.fields[id]; t.order[i] == nil || t.order[i].Compute == nil {
			return errBinData
		}
	}
	t.compileAll(make([]lazyProgram, exprs))
	return nil
}

// compileAll arranges for every expression check would have compiled to
// be compiled, for a template decoded from its encoding. Compiling is most
// of what decoding costs, so it is not done here: each expression compiles
// when it is first run, and with more than one CPU a goroutine compiles
// them all meanwhile, in the order a draft runs them, so that evaluating
// and typesetting the draft mostly find them ready.
func (t *Template) compileAll(lazies []lazyProgram) {
	env := make(map[string]any, len(t.fields))
	for id, f := range t.fields {
		env[id] = sampleValue(f.Type)
	}
	cs := &compilers{env: env}
	var order []*Expr
	add := func(x *Expr, kind exprKind) {
		if x == nil || x.presence != nil {
			return
		}
		l := &lazies[len(order)]
		l.kind, l.cc = kind, cs
		x.lazy = l
		order = append(order, x)
	}
	for _, f := range t.order {
		add(f.Compute, computeKind(f))
	}
	prose := func(p Prose) {
		for _, s := range p.Segs {
			if s.Slot != nil && s.Slot.Field == nil {
				add(s.Slot.Expr, anyValue)
			}
		}
	}
	paras := func(ps []*Paragraph) {
		for _, p := range ps {
			add(p.When, boolValue)
			prose(p.Text)
		}
	}
	prose(t.Title)
	paras(t.Opening)
	var parts func(ps []*Part)
	parts = func(ps []*Part) {
		for _, p := range ps {
			add(p.When, boolValue)
			for _, h := range p.Headings {
				prose(h)
			}
			paras(p.Paragraphs)
			parts(p.Parts)
		}
	}
	parts(t.Sections)
	paras(t.Closing)
	prose(t.Signature.Unit)
	prose(t.Signature.Date)
	if runtime.GOMAXPROCS(0) > 1 {
		go func() {
			for _, x := range order {
				x.program()
			}
		}()
	}
}
