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
	"sort"
	"strings"

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
// files from dirs (YAML files with a top-level `library:` key).
func Library(dirs ...string) (*schema.Library, error) {
	lib := schema.NewLibrary()
	names, err := fs.Glob(files, "sections/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, n := range names {
		src, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if err := lib.Add(builtinName(n), src); err != nil {
			return nil, fmt.Errorf("内置章节库有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
		}
	}
	for _, d := range dirs {
		for _, p := range yamlFiles(d) {
			src, err := os.ReadFile(p)
			if err != nil || !IsLibrary(src) {
				continue
			}
			if err := lib.Add(p, src); err != nil {
				return nil, err
			}
		}
	}
	return lib, nil
}

// IsLibrary reports whether YAML source is a section-library file rather
// than a template (it has a top-level `library:` key).
func IsLibrary(src []byte) bool {
	var probe struct {
		Library any `yaml:"library"`
	}
	return yaml.Unmarshal(src, &probe) == nil && probe.Library != nil
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
// A broken user template does not stop the others: it is listed with its
// error.
func Open(dirs []string) (*Set, error) {
	if dirs == nil {
		dirs = UserDirs()
	}
	lib, err := Library(dirs...)
	if err != nil {
		return nil, err
	}
	s := &Set{Lib: lib}
	names, _ := fs.Glob(files, "builtin/*.yaml")
	sort.Strings(names)
	for _, n := range names {
		src, _ := files.ReadFile(n)
		t, err := schema.Load(builtinName(n), src, lib)
		if err != nil {
			return nil, fmt.Errorf("内置模板有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
		}
		s.entries = append(s.entries, entryOf(t, "内置", n, true))
	}
	for _, d := range dirs {
		for _, p := range yamlFiles(d) {
			src, err := os.ReadFile(p)
			if err != nil || IsLibrary(src) {
				continue
			}
			t, err := schema.Load(p, src, lib)
			if err != nil {
				s.entries = append(s.entries, Entry{ID: strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), Source: p, Path: p, Err: err})
				continue
			}
			s.entries = append(s.entries, entryOf(t, p, p, false))
		}
	}
	return s, nil
}

func entryOf(t *schema.Template, source, p string, builtin bool) Entry {
	return Entry{ID: t.ID, Name: t.Name, Kind: t.Kind, Description: t.Description, Sections: len(t.Sections), Source: source, Path: p, Builtin: builtin}
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
			return nil, fmt.Errorf("读取模板: %w", err)
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
	if found.Builtin {
		src, err := files.ReadFile(found.Path)
		if err != nil {
			return nil, err
		}
		return schema.Load(builtinName(found.Path), src, s.Lib)
	}
	src, err := os.ReadFile(found.Path)
	if err != nil {
		return nil, fmt.Errorf("读取模板: %w", err)
	}
	return schema.Load(found.Path, src, s.Lib)
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
