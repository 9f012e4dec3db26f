// Package templates holds nigao's built-in report templates and section
// library (embedded), and finds the clerk's own templates beside them.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/schema"
	"go.yaml.in/yaml/v3"
)

//go:embed builtin/*.yaml sections/*.yaml
var files embed.FS

// Default is the template the wizard opens when none is named.
const Default = "township-halfyear"

// Entry describes one available template.
type Entry struct {
	ID          string
	Name        string
	Kind        string
	Description string
	Sections    int
	Source      string // "内置" or the file's path
	Path        string // for built-ins, the embedded path
	Builtin     bool
	Err         error // a user template that does not load is listed with its error
}

// Set is the built-in templates plus those found in user directories.
type Set struct {
	Lib     *schema.Library
	entries []Entry
	loaded  map[string]*schema.Template // by path; templates are not changed once loaded
	snap    map[string]*snapEntry       // built-ins in the snapshot, by embedded path
	// libCurrent: every built-in library file came from the snapshot, so
	// the templates in it were loaded with the sections in Lib.
	libCurrent bool
	decoded    int                 // built-ins taken loaded from the snapshot, for tests
	user       map[string]userFile // the clerk's templates, by path
}

// UserDirs are where a clerk's own templates live: the user config dir
// (e.g. ~/.config/nigao/templates) and ./templates.
func UserDirs() []string {
	var dirs []string
	if d, err := os.UserConfigDir(); err == nil {
		dirs = append(dirs, filepath.Join(d, "nigao", "templates"))
	}
	return append(dirs, "templates")
}

// builtinName is how messages name an embedded file: its path in the
// repository, so a developer finds it and a clerk sees it is built in.
func builtinName(p string) string { return "templates/" + p }

// Library loads the built-in section library and, if given, library
// files from dirs (YAML files with a top-level `library:` key), and checks
// every section on its own, as lint does.
func Library(dirs ...string) (*schema.Library, error) {
	lib, _, err := loadLibrary(readUserFiles(dirs), builtinSnapshot())
	if err != nil {
		return nil, err
	}
	var errs schema.ErrorList
	for _, f := range lib.Files() {
		if err := lib.Check(f); err != nil {
			var list schema.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
			} else {
				return nil, err
			}
		}
	}
	return lib, errs.Err()
}

// loadLibrary reads the built-in library files and the library files among
// users, without checking each section alone: sections are checked in
// every template that uses them. current reports whether every built-in
// library file came from the snapshot.
func loadLibrary(users []userFile, snap snapIndex) (lib *schema.Library, current bool, err error) {
	lib = schema.NewLibrary()
	names, err := fs.Glob(files, "sections/*.yaml")
	if err != nil {
		return nil, false, err
	}
	sort.Strings(names)
	var builtin []schema.File
	current = true
	buf := make([]byte, 1<<10)
	for _, n := range names {
		f := schema.File{Name: builtinName(n)}
		if e := snap.current(n, buf); e != nil && e.secs != nil {
			f.Index = e.index(n, nil)
			builtin = append(builtin, f)
			continue
		}
		src, err := files.ReadFile(n)
		if err != nil {
			return nil, false, err
		}
		f.Src = src
		if f.Index = snap.library(n, src); f.Index == nil {
			f.Root = snap.root(n, src)
			current = false
		}
		builtin = append(builtin, f)
	}
	if err := lib.AddFiles(builtin); err != nil {
		return nil, false, fmt.Errorf("内置章节库有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
	}
	lib.Seal() // the clerk's own library files may redefine built-in sections
	for _, f := range users {
		if !f.library() {
			continue
		}
		if err := lib.AddNode(f.path, f.src, f.root); err != nil {
			return nil, false, err
		}
	}
	return lib, current, nil
}

// A userFile is a YAML file in one of the clerk's directories, read and
// parsed once for both the library and the list of templates.
type userFile struct {
	path string
	src  []byte
	root *yaml.Node // as schema.Parse returns it; nil if it does not parse
}

// readUserFiles reads the YAML files in dirs; unreadable ones are skipped.
func readUserFiles(dirs []string) []userFile {
	var out []userFile
	for _, d := range dirs {
		for _, p := range yamlFiles(d) {
			src, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			root, _ := schema.Parse(p, src)
			out = append(out, userFile{path: p, src: src, root: root})
		}
	}
	return out
}

// library reports whether f is a section-library file (see IsLibrary).
func (f userFile) library() bool { return f.root != nil && isLibraryNode(f.root) }

// isLibraryNode is IsLibrary for a parsed file: a mapping whose library
// key has a value.
func isLibraryNode(root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "library" {
			return root.Content[i+1].Tag != "!!null"
		}
	}
	return false
}

// IsLibrary reports whether YAML source is a section-library file rather
// than a template (it has a top-level `library:` key).
func IsLibrary(src []byte) bool {
	root, err := schema.Parse("", src)
	return err == nil && isLibraryNode(root)
}

func yamlFiles(dir string) []string {
	var out []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		out = append(out, m...)
	}
	sort.Strings(out)
	return out
}

// Open finds built-in templates and those in dirs (UserDirs() when nil).
// It reads only what the list shows (id, name, kind, description, number
// of sections); a template is loaded and checked in full by Load. A user
// file that is not even valid YAML is listed with its error.
func Open(dirs []string) (*Set, error) {
	return open(dirs, builtinSnapshot())
}

// open is Open with built-ins taken from snap where it is current (nil:
// parse them all).
func open(dirs []string, snap snapIndex) (*Set, error) {
	if dirs == nil {
		dirs = UserDirs()
	}
	users := readUserFiles(dirs)
	lib, current, err := loadLibrary(users, snap)
	if err != nil {
		return nil, err
	}
	s := &Set{Lib: lib, loaded: map[string]*schema.Template{}, snap: map[string]*snapEntry{}, libCurrent: current, user: map[string]userFile{}}
	names, _ := fs.Glob(files, "builtin/*.yaml")
	sort.Strings(names)
	// A template in the snapshot is not read at all unless Load falls
	// back to its YAML, so checking it needs no copy of it.
	buf := make([]byte, 1<<10)
	for _, n := range names {
		var e Entry
		var err error
		if se := snap.template(n, buf); se != nil {
			s.snap[n] = se
			e = se.entry
		} else {
			src, _ := files.ReadFile(n)
			e, err = peek(src)
		}
		if err != nil {
			return nil, fmt.Errorf("内置模板 %s 有错误（这是 nigao 的缺陷，请报告）: %w", n, err)
		}
		e.Source, e.Path, e.Builtin = "内置", n, true
		s.entries = append(s.entries, e)
	}
	for _, f := range users {
		if f.library() {
			continue
		}
		var e Entry
		ok := false
		if f.root != nil {
			e, ok = peekNode(f.root)
		}
		var err error
		if !ok {
			e, err = peek(f.src)
		}
		e.Source, e.Path = f.path, f.path
		if e.ID == "" {
			e.ID = strings.TrimSuffix(filepath.Base(f.path), filepath.Ext(f.path))
		}
		if err != nil {
			e.Err = fmt.Errorf("%s: %w", f.path, err)
		}
		s.entries = append(s.entries, e)
		s.user[f.path] = f
	}
	return s, nil
}

// peek reads a template's list entry without loading it.
func peek(src []byte) (Entry, error) {
	var head struct {
		ID          string      `yaml:"id"`
		Name        string      `yaml:"name"`
		Kind        string      `yaml:"kind"`
		Description string      `yaml:"description"`
		Sections    []yaml.Node `yaml:"sections"`
	}
	if err := yaml.Unmarshal(src, &head); err != nil {
		return Entry{}, fmt.Errorf("YAML 格式错误（nigao lint 查看详情）")
	}
	return Entry{ID: head.ID, Name: head.Name, Kind: head.Kind, Description: head.Description, Sections: len(head.Sections)}, nil
}

// peekNode is peek for a parsed built-in; ok is false when a value is
// not the plain text (or list) peek expects, and peek must decide.
func peekNode(root *yaml.Node) (e Entry, ok bool) {
	if root.Kind != yaml.MappingNode {
		return e, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		if k == "sections" {
			if v.Kind != yaml.SequenceNode {
				return e, false
			}
			e.Sections = len(v.Content)
			continue
		}
		var dst *string
		switch k {
		case "id":
			dst = &e.ID
		case "name":
			dst = &e.Name
		case "kind":
			dst = &e.Kind
		case "description":
			dst = &e.Description
		default:
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			return e, false
		}
		*dst = v.Value
	}
	return e, true
}

// Entries lists the templates: built-ins first, then user templates.
func (s *Set) Entries() []Entry { return append([]Entry(nil), s.entries...) }

// Load returns the template named by a built-in or user id, or by a path
// to a YAML file. A user template with the same id as a built-in wins, so
// a clerk's adapted copy replaces the original.
func (s *Set) Load(ref string) (*schema.Template, error) {
	if looksLikePath(ref) {
		src, err := os.ReadFile(ref)
		if err != nil {
			return nil, fileerr.Explain(fileerr.Read, "模板", ref, err)
		}
		return schema.Load(ref, src, s.Lib)
	}
	var found *Entry
	for i := range s.entries {
		if s.entries[i].ID == ref && s.entries[i].Err == nil {
			found = &s.entries[i] // later (user) entries override built-ins
		}
	}
	if found == nil {
		for _, e := range s.entries {
			if e.ID == ref && e.Err != nil {
				return nil, e.Err
			}
		}
		return nil, s.notFound(ref)
	}
	if t := s.loaded[found.Path]; t != nil {
		return t, nil
	}
	var t *schema.Template
	if found.Builtin {
		var err error
		if t, err = s.loadBuiltin(found.Path); err != nil {
			return nil, fmt.Errorf("内置模板有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
		}
	} else {
		f := s.user[found.Path] // read and parsed by Open
		var err error
		if f.root != nil {
			t, err = schema.LoadNode(f.path, f.src, f.root, s.Lib)
		} else {
			t, err = schema.Load(f.path, f.src, s.Lib)
		}
		if err != nil {
			return nil, err
		}
	}
	s.loaded[found.Path] = t
	return t, nil
}

// loadBuiltin loads built-in template p: as the snapshot holds it loaded
// when the library sections it uses are the ones it was loaded with,
// otherwise from its tree (or its YAML) with the sections in s.Lib.
func (s *Set) loadBuiltin(p string) (*schema.Template, error) {
	se := s.snap[p]
	if se != nil && s.libCurrent && !slices.ContainsFunc(se.uses, s.Lib.Replaced) {
		if t, err := schema.DecodeTemplate(se.compiled); err == nil {
			s.decoded++
			return t, nil
		}
	}
	src, err := files.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if se != nil {
		if root, err := schema.DecodeNode(se.tree); err == nil {
			return schema.LoadNode(builtinName(p), src, root, s.Lib)
		}
	}
	return schema.Load(builtinName(p), src, s.Lib)
}

func looksLikePath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
}

// ErrNotFound is returned for an unknown template id.
var ErrNotFound = errors.New("没有这个模板")

func (s *Set) notFound(ref string) error {
	var ids []string
	for _, e := range s.entries {
		ids = append(ids, e.ID)
	}
	return fmt.Errorf("%w：“%s”（可用：%s；用 nigao templates 查看全部）", ErrNotFound, ref, strings.Join(ids, "、"))
}

// BuiltinSource returns the YAML of a built-in template, for
// `nigao template copy`.
func BuiltinSource(id string) ([]byte, bool) {
	names, _ := fs.Glob(files, "builtin/*.yaml")
	for _, n := range names {
		src, _ := files.ReadFile(n)
		var probe struct {
			ID string `yaml:"id"`
		}
		if yaml.Unmarshal(src, &probe) == nil && probe.ID == id {
			return src, true
		}
	}
	return nil, false
}

// LibrarySources returns the built-in section library files by name, for
// docs and for copying.
func LibrarySources() map[string][]byte {
	out := map[string][]byte{}
	names, _ := fs.Glob(files, "sections/*.yaml")
	for _, n := range names {
		src, _ := files.ReadFile(n)
		out[path.Base(n)] = src
	}
	return out
}
