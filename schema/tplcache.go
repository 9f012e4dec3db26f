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
// positions refer to; uvarint counts of fields, parts, paragraphs, slots,
// expressions, presence conditions and their terms, segments, headings
// and the strings in string lists (each kind allocated in one piece);
// then the template:
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

const templateMagic = "nigao template 3\n"

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
	countPresences
	countTerms
	countSegments
	countHeadings
	countStrings // in Idents, Filters, Choices and Default lists
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
			e.counts[countStrings] += len(x.Idents)
			if x.presence != nil {
				e.counts[countPresences]++
				e.counts[countTerms] += len(x.presence.terms)
			}
			file(x.Pos)
		}
	}
	prose := func(p Prose) {
		file(p.Pos)
		e.counts[countSegments] += len(p.Segs)
		for _, s := range p.Segs {
			if s.Slot != nil {
				e.counts[countSlots]++
				e.counts[countStrings] += len(s.Slot.Filters)
				file(s.Slot.Pos())
				expr(s.Slot.Expr)
			}
		}
	}
	fields := func(fs []*Field) {
		for _, f := range fs {
			e.counts[countFields]++
			e.counts[countStrings] += len(f.Choices)
			if r, ok := f.Default.(Raw); ok {
				e.counts[countStrings] += len(r.List)
			}
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
			e.counts[countHeadings] += len(p.Headings)
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
	d.pool.fields = make([]Field, counts[countFields])
	d.pool.fieldPtrs = make([]*Field, counts[countFields])
	d.pool.parts = make([]Part, counts[countParts])
	d.pool.partPtrs = make([]*Part, counts[countParts])
	d.pool.paras = make([]Paragraph, counts[countParagraphs])
	d.pool.paraPtrs = make([]*Paragraph, counts[countParagraphs])
	d.pool.slots = make([]Slot, counts[countSlots])
	slots := d.pool.slots // whole, for relink
	d.pool.exprs = make([]Expr, counts[countExprs])
	d.pool.presences = make([]presence, counts[countPresences])
	d.pool.terms = make([]presenceTerm, counts[countTerms])
	d.pool.segs = make([]Segment, counts[countSegments])
	d.pool.headings = make([]Prose, counts[countHeadings])
	d.pool.strs = make([]string, counts[countStrings])

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
	order := make([]string, 0, min(d.count(), counts[countFields]))
	for range cap(order) {
		order = append(order, d.str())
	}
	if d.err != nil {
		return nil, d.err
	}
	// Every count in the header must have been used up exactly.
	if d.off != len(data) || len(d.pool.fields) != 0 || len(d.pool.parts) != 0 || len(d.pool.paras) != 0 ||
		len(d.pool.slots) != 0 || len(d.pool.exprs) != 0 || len(d.pool.presences) != 0 || len(d.pool.terms) != 0 ||
		len(d.pool.segs) != 0 || len(d.pool.headings) != 0 || len(d.pool.strs) != 0 {
		return nil, errBinData
	}
	if err := t.relink(slots, order, counts[countFields], counts[countParts], d.programs); err != nil {
		return nil, err
	}
	return t, nil
}

// tplDecoder cuts every object and list it decodes from pools the
// header's counts size (see take): a template is a few dozen
// allocations, not one per list, and in a fresh process, where each new
// page of heap costs a fault, no bytes are lost to growing slices.
type tplDecoder struct {
	binReader
	files    []string
	pool     tplPool
	programs int // expressions compileAll will compile (see relink)
}

// tplPool is what is left of each kind of object the header counts.
type tplPool struct {
	fields    []Field
	fieldPtrs []*Field // Info and each part's Fields
	parts     []Part
	partPtrs  []*Part
	paras     []Paragraph
	paraPtrs  []*Paragraph
	slots     []Slot
	exprs     []Expr
	presences []presence
	terms     []presenceTerm
	segs      []Segment
	headings  []Prose
	strs      []string
}

// take cuts the next n items off pool; nil for none, like the lists Load
// makes, and an error when the header promised fewer.
func take[T any](d *tplDecoder, pool *[]T, n int) []T {
	if n == 0 || d.err != nil {
		return nil
	}
	if n > len(*pool) {
		d.err = errBinData
		return nil
	}
	out := (*pool)[:n:n] // full: an append elsewhere cannot overwrite the next list
	*pool = (*pool)[n:]
	return out
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

func (d *tplDecoder) strings() []string {
	out := take(d, &d.pool.strs, d.count())
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// expr decodes an expression. Those compileAll may compile are counted in
// d.programs, to size its lazies: all but presence conditions and, when
// program is false, the expression of a slot that names a field.
func (d *tplDecoder) expr(program bool) *Expr {
	if !d.bool() || d.err != nil {
		return nil
	}
	xs := take(d, &d.pool.exprs, 1)
	if xs == nil {
		return nil
	}
	x := &xs[0]
	x.Src = d.str()
	x.Pos = d.pos()
	x.Idents = d.strings()
	switch kind := d.uvarint(); kind {
	case 0:
		if program {
			d.programs++
		}
	case 1, 2:
		if ps := take(d, &d.pool.presences, 1); ps != nil {
			x.presence = &ps[0]
			x.presence.and = kind == 2
			x.presence.terms = take(d, &d.pool.terms, d.count())
			for i := range x.presence.terms {
				x.presence.terms[i] = presenceTerm{id: d.str(), isNil: d.bool()}
			}
		}
	default:
		d.err = errBinData
	}
	return x
}

func (d *tplDecoder) prose() Prose {
	p := Prose{Src: d.str(), Pos: d.pos()}
	p.Segs = take(d, &d.pool.segs, d.count())
	for i := range p.Segs {
		s := &p.Segs[i]
		s.Text = d.str()
		if !d.bool() || d.err != nil {
			continue
		}
		sls := take(d, &d.pool.slots, 1)
		if sls == nil {
			return p
		}
		sl := &sls[0]
		sl.Src = d.str()
		sl.Filters = d.strings()
		sl.fieldID = d.str()
		sl.pos = d.pos()
		sl.Expr = d.expr(sl.fieldID == "")
		s.Slot = sl
	}
	return p
}

func (d *tplDecoder) fields(part *Part) []*Field {
	n := d.count()
	fs, out := take(d, &d.pool.fields, n), take(d, &d.pool.fieldPtrs, n)
	for i := range out {
		f := &fs[i]
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
			f.Default = Raw{Text: d.str(), List: d.strings(), IsList: flags&fieldDefaultList != 0}
		}
		f.Choices = d.strings()
		f.Compute = d.expr(true)
		if d.err != nil {
			return nil
		}
	}
	return out
}

func (d *tplDecoder) paragraphs() []*Paragraph {
	n := d.count()
	ps, out := take(d, &d.pool.paras, n), take(d, &d.pool.paraPtrs, n)
	for i := range out {
		p := &ps[i]
		out[i] = p
		p.Join = d.bool()
		p.When = d.expr(true)
		p.Text = d.prose()
	}
	return out
}

func (d *tplDecoder) parts(parent *Part, depth int) []*Part {
	n := d.count()
	if depth > maxNodeDepth {
		d.err = errBinData
		return nil
	}
	ps, out := take(d, &d.pool.parts, n), take(d, &d.pool.partPtrs, n)
	for i := range out {
		p := &ps[i]
		out[i] = p
		p.Parent = parent
		p.ID = d.str()
		p.Use = d.str()
		p.Level = d.int()
		p.Pos = d.pos()
		p.RunIn = d.bool()
		p.Optional = d.bool()
		p.Headings = take(d, &d.pool.headings, d.count())
		for j := range p.Headings {
			p.Headings[j] = d.prose()
		}
		p.When = d.expr(true)
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
// indexes by id, the slots' fields and the evaluation order; fields and
// parts are how many the template has, programs how many expressions
// compileAll may arrange to compile (see tplDecoder.expr).
func (t *Template) relink(slots []Slot, order []string, fields, parts, programs int) error {
	// Sized for all at once: a map that grows leaves its old tables as
	// garbage, which a fresh process pays for in page faults.
	t.fields = make(map[string]*Field, fields)
	t.parts = make(map[string]*Part, parts)
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
	t.compileAll(make([]lazyProgram, programs))
	return nil
}

// compileAll arranges for every expression check would have compiled to
// be compiled, for a template decoded from its encoding. Compiling is most
// of what decoding costs, so it is not done here: each expression compiles
// when it is first run, and with more than one CPU a goroutine compiles
// them all meanwhile, in the order a draft runs them, so that evaluating
// and typesetting the draft mostly find them ready. lazies has room for
// every expression that may need compiling.
func (t *Template) compileAll(lazies []lazyProgram) {
	cs := &compilers{fields: t.fields}
	order := make([]*Expr, 0, len(lazies))
	add := func(x *Expr, kind exprKind) {
		// Malformed data may list a computed field twice in the order.
		if x == nil || x.presence != nil || x.lazy != nil {
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
