package schema

import (
	"sync"

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
	name string // the library's name, e.g. 党的建设
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

// Add reads a library file (top-level keys library, description,
// sections) into lib. A section id defined twice is an error; a later file
// may not silently replace an earlier section (but see Seal). lib keeps
// src for messages: the caller must not modify it afterwards.
func (lib *Library) Add(name string, src []byte) error {
	root, err := parseYAML(name, src)
	if err != nil {
		return err
	}
	return lib.add(name, src, root)
}

// A SourceFile is a YAML file's name and content.
type SourceFile struct {
	Name string
	Src  []byte
}

// AddAll adds library files in order, as Add does one by one. Parsing the
// YAML is most of the time a render takes to open the templates (the
// built-in library is some 110 KB), so the files are parsed side by side,
// each on its own goroutine; adding them stays in order.
func (lib *Library) AddAll(files []SourceFile) error {
	roots := make([]*yaml.Node, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { roots[i], errs[i] = parseYAML(f.Name, f.Src) })
	}
	wg.Wait()
	for i, f := range files {
		if errs[i] != nil {
			return errs[i]
		}
		if err := lib.add(f.Name, f.Src, roots[i]); err != nil {
			return err
		}
	}
	return nil
}

// add adds the parsed library file name.
func (lib *Library) add(name string, src []byte, root *yaml.Node) error {
	l := &loader{src: newSource(name, src), lib: lib}
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
			lib.sections[id] = libSection{node: sn, src: l.src, name: libName}
			continue
		case lib.Has(id):
			prev := lib.sections[id]
			l.errorf(sm.val("id"), "章节“%s”已在 %s:%d 定义过", id, prev.src.name, prev.node.Line)
			continue
		}
		lib.sections[id] = libSection{node: sn, src: l.src, name: libName}
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
		s := lib.sections[id]
		if s.src.name != name {
			continue
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

// addInfoForLibrary declares the info fields every built-in template has,
// so library prose may mention {单位} and {年度} when linted alone.
func (l *loader) addInfoForLibrary(t *Template) {
	for _, id := range []string{"单位", "年度", "上级", "下一年度", "落款日期"} {
		ty := Text
		if id == "年度" || id == "下一年度" {
			ty = Year
		}
		t.Info = append(t.Info, &Field{ID: id, Label: id, Type: ty, Pos: Pos{File: l.src.name}})
	}
}
