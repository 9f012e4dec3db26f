package schema

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A Library holds reusable sections (党建, 安全生产 …) by id; templates
// pull them in with `use:`. Sections are kept as YAML nodes and decoded
// afresh for each use, so a template's overrides never leak into another
// and errors point into the library file.
type Library struct {
	sections map[string]libSection
	order    []string
	files    []string
	sealed   map[string]bool // sections a later file may replace: the built-ins
}

// Seal marks every section added so far as replaceable: a clerk's own
// library file may then redefine a built-in section (its own 党建) by
// using the same id, while two of their own files defining one id is
// still an error.
func (lib *Library) Seal() {
	if lib.sealed == nil {
		lib.sealed = map[string]bool{}
	}
	for _, id := range lib.order {
		lib.sealed[id] = true
	}
}

type libSection struct {
	node *yaml.Node
	src  *source
	name string    // the library's name, e.g. 党的建设
	size yamlSize  // what a use: of it adds to a template, aliases expanded
	lazy *lazyFile // set for a section whose file is parsed when first used
}

// A lazyFile is a library file whose YAML is parsed the first time one of
// its sections is used (see AddLazy); sections stay registered as lazy
// and read what parsing found from here, so parsing changes nothing shared.
type lazyFile struct {
	src      *source
	once     sync.Once
	sections map[string]libSection
	err      error
}

func (lf *lazyFile) parse() {
	lf.once.Do(func() {
		root, x, err := parseYAML(lf.src.name, lf.src.src)
		if err != nil {
			lf.err = err
			return
		}
		l := &loader{src: lf.src}
		refuseUnsafe(lf.src.name, root, &l.errs)
		m := l.checkedMap(root, "章节库文件", libraryKeys)
		name := l.str(m.val("library"), "library")
		lf.sections = map[string]libSection{}
		for _, sn := range l.seq(m.val("sections"), "sections") {
			sm := l.checkedMap(sn, "章节", partKeys)
			lf.sections[l.str(sm.val("id"), "id")] = libSection{node: sn, src: lf.src, name: name, size: x.z.size(sn)}
		}
		lf.err = l.errs.Err()
	})
}

// prefetch starts parsing, side by side, the files not yet parsed of the
// library sections a template's use: lines name, and returns: the
// template is read meanwhile, and waits only for a file still being parsed
// when it reaches one of its sections.
func (lib *Library) prefetch(root *yaml.Node) {
	if lib == nil {
		return
	}
	todo := map[*lazyFile]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "use" {
				if s, ok := lib.sections[c.Value]; ok && s.lazy != nil {
					todo[s.lazy] = true
				}
			}
			walk(c)
		}
	}
	walk(root)
	for lf := range todo {
		go lf.parse() // section waits for it, if it gets there first
	}
}

// section returns library section id, parsing its file first if that was
// left for later.
func (lib *Library) section(id string) (libSection, error) {
	s := lib.sections[id]
	if s.lazy == nil {
		return s, nil
	}
	s.lazy.parse()
	if s.lazy.err != nil {
		return s, s.lazy.err
	}
	p, ok := s.lazy.sections[id]
	if !ok {
		return s, &Error{Pos: Pos{File: s.src.name}, Msg: fmt.Sprintf("章节库文件中找不到章节“%s”（它的“  - id:”行与内容不符）", id)}
	}
	return p, nil
}

// NewLibrary returns an empty library.
func NewLibrary() *Library { return &Library{sections: map[string]libSection{}} }

// Files lists the library files added, in order.
func (lib *Library) Files() []string { return append([]string(nil), lib.files...) }

// IDs lists the library's section ids in the order they were added.
func (lib *Library) IDs() []string { return append([]string(nil), lib.order...) }

// Has reports whether the library defines a section with that id.
func (lib *Library) Has(id string) bool {
	if lib == nil {
		return false
	}
	_, ok := lib.sections[id]
	return ok
}

// find returns what a `use:` names: a section by its id, or a single item
// of one — by the item's own id (安全.隐患排查) or as the section's id, a
// dot and the last part of the item's id (安全生产.隐患排查).
func (lib *Library) find(ref string) (libSection, bool, error) {
	if lib.Has(ref) {
		s, err := lib.section(ref)
		return s, err == nil, err
	}
	for _, id := range lib.order {
		if s := lib.sections[id]; s.lazy != nil && !bytes.Contains(s.lazy.src.src, []byte(lastPart(ref))) {
			continue // a built-in file not yet parsed that cannot hold the item
		}
		s, err := lib.section(id)
		if err != nil {
			return s, false, err
		}
		suffix, inSection := strings.CutPrefix(ref, id+".")
		var found *yaml.Node
		walkItems(s.node, func(n *yaml.Node, itemID string) {
			if found == nil && (itemID == ref || inSection && lastPart(itemID) == suffix) {
				found = n
			}
		})
		if found != nil {
			return libSection{node: found, src: s.src, name: s.name, size: s.size}, true, nil // the section's size bounds its item's
		}
	}
	return libSection{}, false, nil
}

// itemsOf lists the ids of the items under a section, at every level.
func (lib *Library) itemsOf(section string) []string {
	var ids []string
	s, _ := lib.section(section)
	walkItems(s.node, func(_ *yaml.Node, id string) { ids = append(ids, id) })
	return ids
}

// walkItems calls f for every item (with an id) under a library node.
func walkItems(n *yaml.Node, f func(n *yaml.Node, id string)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "items" || n.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range n.Content[i+1].Content {
			if it.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(it.Content); j += 2 {
				if it.Content[j].Value == "id" {
					f(it, it.Content[j+1].Value)
				}
			}
			walkItems(it, f)
		}
	}
}

func lastPart(id string) string { return id[strings.LastIndex(id, ".")+1:] }

// sectionOf returns the library section a dotted reference starts with
// (安全生产 for 安全生产.隐患排查), "" if none.
func (lib *Library) sectionOf(ref string) string {
	best := ""
	for _, id := range lib.order {
		if strings.HasPrefix(ref, id+".") && len(id) > len(best) {
			best = id
		}
	}
	return best
}

// Add reads a library file (top-level keys library, description,
// sections) into lib. A section id defined twice is an error; a later file
// may not silently replace an earlier section (but see Seal). lib keeps
// src for messages: the caller must not modify it afterwards.
func (lib *Library) Add(name string, src []byte) error {
	root, x, err := parseYAML(name, src)
	if err != nil {
		return err
	}
	return lib.add(name, src, root, x)
}

// A SourceFile is a YAML file's name and content.
type SourceFile struct {
	Name string
	Src  []byte
}

// AddLazy adds library files in order, as Add does one by one, but
// parses each only when one of its sections is first used: a template
// uses a few of the built-in library's files, and parsing all of them
// (some 280 KB) was most of what a render spent. A file's sections are
// found by their lines “  - id: …” under “sections:”, as the built-in
// files are written; a file without such lines is parsed at once.
func (lib *Library) AddLazy(files []SourceFile) error {
	for _, f := range files {
		ids := scanSectionIDs(f.Src)
		if len(ids) == 0 {
			if err := lib.Add(f.Name, f.Src); err != nil {
				return err
			}
			continue
		}
		lf := &lazyFile{src: newSource(f.Name, f.Src)}
		for _, id := range ids {
			if lib.Has(id) {
				return &Error{Pos: Pos{File: f.Name}, Msg: fmt.Sprintf("章节“%s”已在 %s 定义过", id, lib.sections[id].src.name)}
			}
			lib.sections[id] = libSection{src: lf.src, lazy: lf}
			lib.order = append(lib.order, id)
		}
		lib.files = append(lib.files, f.Name)
	}
	return nil
}

// scanSectionIDs reads the ids of a library file's sections from their
// lines “  - id: X” under the top-level “sections:”.
func scanSectionIDs(src []byte) []string {
	var ids []string
	in := false
	for line := range bytes.Lines(src) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) > 0 && line[0] != ' ' && line[0] != '#' {
			in = bytes.HasPrefix(line, []byte("sections:"))
			continue
		}
		if rest, ok := bytes.CutPrefix(line, []byte("  - id: ")); in && ok {
			ids = append(ids, string(bytes.TrimSpace(rest)))
		}
	}
	return ids
}

// add adds the parsed library file name, measured by x.
func (lib *Library) add(name string, src []byte, root *yaml.Node, x *expansion) error {
	l := &loader{src: newSource(name, src), lib: lib}
	refuseUnsafe(name, root, &l.errs)
	m := l.checkedMap(root, "章节库文件", libraryKeys)
	libName := l.str(m.val("library"), "library")
	if !m.has("library") {
		l.errorf(root, "章节库文件缺少 library（库名），例如 library: 党的建设")
	}
	if !m.has("sections") {
		l.errorf(root, "章节库文件缺少 sections")
	}
	for _, sn := range l.seq(m.val("sections"), "sections") {
		sm := l.checkedMap(sn, "章节", partKeys)
		id := l.str(sm.val("id"), "id")
		switch {
		case id == "":
			l.errorf(sn, "章节库中的每个章节都要有 id")
			continue
		case lib.sealed[id]:
			delete(lib.sealed, id) // replaced once, by the clerk's own file
			lib.sections[id] = libSection{node: sn, src: l.src, name: libName, size: x.z.size(sn)}
			continue
		case lib.Has(id):
			prev, _ := lib.section(id)
			line := 0
			if prev.node != nil {
				line = prev.node.Line
			}
			l.errorf(sm.val("id"), "章节“%s”已在 %s:%d 定义过", id, prev.src.name, line)
			continue
		}
		lib.sections[id] = libSection{node: sn, src: l.src, name: libName, size: x.z.size(sn)}
		lib.order = append(lib.order, id)
	}
	lib.files = append(lib.files, name)
	return l.errs.Err()
}

// Check decodes every section of library file name on its own, so its
// mistakes surface when the library is linted, not only when a template
// uses the section. Loading templates does not need it: a section is
// checked wherever it is used.
func (lib *Library) Check(name string) error {
	var errs ErrorList
	for _, id := range lib.order {
		if lib.sections[id].src.name != name {
			continue
		}
		s, err := lib.section(id)
		if err != nil {
			return err
		}
		t := &Template{ID: "章节库检查", Source: name}
		l := &loader{src: s.src, lib: lib}
		l.addInfoForLibrary(t)
		if p := l.part(s.node, 1, nil, "章节"); p != nil {
			t.Sections = append(t.Sections, p)
		}
		l.check(t)
		for _, e := range l.errs {
			if e.Pos.File == name {
				errs = append(errs, e)
			}
		}
	}
	return errs.Err()
}

// libraryInfo are the info fields the built-in templates give their
// sections, so library prose may mention them when linted alone: the
// unit's name and year, and the words that follow the unit's type — 全
// {单位类型} (全乡, 全镇, 全街道), {村社} (村, 村（社区）, 社区), {两级}
// (镇村两级, 街道社区两级), {党委} (镇党委, 街道党工委) in the township
// templates, 全{行政区} (全区, 全县) in the department templates.
var libraryInfo = []string{"单位", "年度", "上级", "下一年度", "落款日期", "单位类型", "村社", "两级", "党委", "行政区"}

// unitWordsIn are the words of the library's labels that stand for any
// kind of township (储备村（社区）后备干部), by the info field that says
// them for this unit: a 乡's wizard asks 储备村后备干部, as its draft says.
var unitWordsIn = []struct{ generic, field string }{
	{"村（社区）", "村社"}, {"镇村两级", "两级"}, {"镇党委", "党委"},
}

// UnitWords is s, a label, in this unit's words: what the template's
// 村社, 两级 and 党委 say, where the label says them for any township.
func (vs *Values) UnitWords(s string) string {
	for _, w := range unitWordsIn {
		if !strings.Contains(s, w.generic) || vs.T.Field(w.field) == nil {
			continue
		}
		if v := vs.Value(w.field); v.State == Set && v.Text != "" && v.Text != w.generic {
			s = strings.ReplaceAll(s, w.generic, v.Text)
		}
	}
	return s
}

// addInfoForLibrary declares libraryInfo for a library linted alone.
func (l *loader) addInfoForLibrary(t *Template) {
	for _, id := range libraryInfo {
		ty := Text
		if id == "年度" || id == "下一年度" {
			ty = Year
		}
		t.Info = append(t.Info, &Field{ID: id, Label: id, Type: ty, Pos: Pos{File: l.src.name}})
	}
}

// namesIdent reports whether id stands in src as a whole identifier, not
// as part of a longer one (两级 in 两级干部培训).
func namesIdent(src, id string) bool {
	for i := 0; ; {
		j := strings.Index(src[i:], id)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(id)
		before, _ := utf8.DecodeLastRuneInString(src[:a])
		after, _ := utf8.DecodeRuneInString(src[b:])
		if !identRune(before) && !identRune(after) {
			return true
		}
		i = b
	}
}

// identRune reports whether r may be part of an identifier (utf8.RuneError
// stands for the start or end of the text).
func identRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

// unitWords are the word fields the built-in sections use, as a 镇 and a
// 区 department have them: the built-in templates define their own; a
// template written before the sections spoke the unit's words (a clerk's
// copy) gets those it mentions and lacks, so it loads and reads as it did.
const unitWords = `
- {id: 单位类型, label: 单位类型, type: choice, choices: [乡, 镇, 街道], default: 镇}
- {id: 村社, label: 下辖的村（社区）, type: text, compute: '单位类型 == "街道" ? "社区" : 单位类型 == "乡" ? "村" : "村（社区）"'}
- {id: 两级, label: 两级干部的说法, type: text, compute: '单位类型 == "街道" ? "街道社区两级" : 单位类型 + "村两级"'}
- {id: 党委, label: 党委的说法, type: text, compute: '单位类型 == "街道" ? "街道党工委" : 单位类型 + "党委"'}
- {id: 行政区, label: 本级行政区, type: choice, choices: [区, 县, 市], default: 区}
`

// addUnitWords appends to t's info the unitWords its prose or conditions
// mention and it does not define (with 单位类型 when a word needs it).
func (l *loader) addUnitWords(t *Template) {
	have := map[string]bool{}
	for _, f := range t.Fields() {
		have[f.ID] = true
	}
	var srcs []string
	addExpr := func(e *Expr) {
		if e != nil {
			srcs = append(srcs, e.Src)
		}
	}
	// only what is inside {…}: a report's plain words (镇党委, 两级) are no slots
	t.visitProse(func(p Prose) {
		for _, sg := range p.Segs {
			if sg.Slot != nil {
				srcs = append(srcs, sg.Slot.Src)
			}
		}
	}, addExpr)
	for _, f := range t.Fields() {
		addExpr(f.Compute)
	}
	mentioned := func(id string) bool {
		return slices.ContainsFunc(srcs, func(s string) bool { return namesIdent(s, id) })
	}
	root, _, err := parseYAML("内置说法", []byte(unitWords))
	if err != nil {
		panic(err) // a constant
	}
	wl := &loader{src: newSource("内置说法", []byte(unitWords))}
	var add []*Field
	needType := false
	for _, n := range root.Content {
		f := wl.field(n, nil)
		if f == nil || have[f.ID] || !mentioned(f.ID) && !(f.ID == "单位类型" && needType) {
			continue
		}
		needType = needType || f.Compute != nil
		add = append(add, f)
	}
	if needType && !have["单位类型"] && !slices.ContainsFunc(add, func(f *Field) bool { return f.ID == "单位类型" }) {
		f := wl.field(root.Content[0], nil)
		add = append([]*Field{f}, add...)
	}
	t.Info = append(t.Info, add...)
}
