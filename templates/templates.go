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
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nigao/nigao/inputfile"
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
	Lib   *schema.Library
	users []Entry           // the clerk's templates, in the order found
	user  map[string][]byte // the clerk's template sources, by path
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
	lib, err := loadLibrary(readUserFiles(dirs))
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
// every template that uses them.
func loadLibrary(users []userFile) (*schema.Library, error) {
	lib := schema.NewLibrary()
	names, err := fs.Glob(files, "sections/*.yaml")
	if err != nil {
		return nil, err
	}
	builtins := make([]schema.SourceFile, len(names))
	for i, n := range names {
		src, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		builtins[i] = schema.SourceFile{Name: builtinName(n), Src: src}
	}
	if err := lib.AddLazy(builtins); err != nil {
		return nil, fmt.Errorf("内置章节库有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
	}
	lib.Seal() // the clerk's own library files may redefine built-in sections
	for _, f := range users {
		if f.library {
			if err := lib.Add(f.path, f.src); err != nil {
				return nil, err
			}
		}
	}
	return lib, nil
}

// A userFile is a YAML file in one of the clerk's directories.
type userFile struct {
	path    string
	src     []byte
	library bool  // a section-library file, not a template
	err     error // why it could not be read (a folder, a pipe, too large …)
}

// readUserFiles reads the YAML files in dirs. One that cannot be read is
// kept with its error, to be listed as a broken template; it never makes
// nigao wait (a named pipe) or read without end.
func readUserFiles(dirs []string) []userFile {
	var out []userFile
	for _, d := range dirs {
		for _, p := range yamlFiles(d) {
			src, err := inputfile.Read(p, "模板", schema.MaxSourceSize)
			if err != nil {
				out = append(out, userFile{path: p, err: err})
				continue
			}
			out = append(out, userFile{path: p, src: src, library: IsLibrary(src)})
		}
	}
	return out
}

// IsLibrary reports whether YAML source is a section-library file rather
// than a template: a mapping whose top-level `library:` key has a value.
func IsLibrary(src []byte) bool {
	root, err := schema.Parse("", src)
	if err != nil || root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "library" {
			return root.Content[i+1].Tag != "!!null"
		}
	}
	return false
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

// Open finds built-in templates and those in dirs (UserDirs() when nil)
// and reads the section library. Entries lists the templates; a template
// is loaded and checked in full by Load. A user file that is not even
// valid YAML is listed with its error.
func Open(dirs []string) (*Set, error) {
	if dirs == nil {
		dirs = UserDirs()
	}
	users := readUserFiles(dirs)
	lib, err := loadLibrary(users)
	if err != nil {
		return nil, err
	}
	s := &Set{Lib: lib, user: map[string][]byte{}}
	for _, f := range users {
		if f.library {
			continue
		}
		e, err := peek(f.src)
		e.Source, e.Path = f.path, f.path
		if e.ID == "" {
			e.ID = strings.TrimSuffix(filepath.Base(f.path), filepath.Ext(f.path))
		}
		switch {
		case f.err != nil:
			e.Err = f.err // it names the file
		case err != nil:
			e.Err = fmt.Errorf("%s: %w", f.path, err)
		}
		s.users = append(s.users, e)
		s.user[f.path] = f.src
	}
	s.markDuplicates()
	return s, nil
}

// markDuplicates gives each user template whose id another one has too
// an error naming both files: loading either by id would otherwise pick
// one silently, and a clerk could get another unit's report.
func (s *Set) markDuplicates() {
	paths := map[string][]string{}
	for _, e := range s.users {
		if e.Err == nil {
			paths[e.ID] = append(paths[e.ID], e.Path)
		}
	}
	for i := range s.users {
		e := &s.users[i]
		if same := paths[e.ID]; e.Err == nil && len(same) > 1 {
			others := slices.DeleteFunc(slices.Clone(same), func(p string) bool { return p == e.Path })
			e.Err = fmt.Errorf("%s: 模板 id“%s”与 %s 相同：两个模板不能同名，请改掉其中一个文件开头的 id:（或用 -t 文件路径 指明用哪个）", e.Path, e.ID, strings.Join(others, "、"))
		}
	}
}

// builtinPath is where the built-in template id is embedded: a built-in's
// file is named by its id (TestBuiltinFileNames), so loading one by id
// reads no other.
func builtinPath(id string) string { return "builtin/" + id + ".yaml" }

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

// Entries lists the templates: built-ins first, then user templates.
// Only what the list shows is read (id, name, kind, description, number
// of sections).
func (s *Set) Entries() []Entry {
	var out []Entry
	names, _ := fs.Glob(files, "builtin/*.yaml")
	for _, n := range names {
		src, _ := files.ReadFile(n)
		e, err := peek(src)
		if err != nil {
			e.Err = fmt.Errorf("内置模板 %s 有错误（这是 nigao 的缺陷，请报告）: %w", n, err)
		}
		e.Source, e.Path, e.Builtin = "内置", n, true
		out = append(out, e)
	}
	return append(out, s.users...)
}

// Load returns the template named by a built-in or user id, or by a path
// to a YAML file. A user template with the same id as a built-in wins, so
// a clerk's adapted copy replaces the original.
func (s *Set) Load(ref string) (*schema.Template, error) {
	if looksLikePath(ref) {
		src, err := inputfile.Read(ref, "模板", schema.MaxSourceSize)
		if err != nil {
			return nil, err
		}
		return schema.Load(ref, src, s.Lib)
	}
	var found *Entry
	for i := range s.users {
		if s.users[i].ID == ref && s.users[i].Err == nil {
			found = &s.users[i] // the last one found wins
		}
	}
	if found != nil {
		return schema.Load(found.Path, s.user[found.Path], s.Lib)
	}
	if _, err := fs.Stat(files, builtinPath(ref)); err == nil {
		return s.loadBuiltin(builtinPath(ref))
	}
	for _, e := range s.users {
		if e.ID == ref && e.Err != nil {
			return nil, e.Err
		}
	}
	return nil, s.notFound(ref)
}

// LoadFor loads the template an answers file at answersPath names
// (its template:). A path there is relative to the answers file, as its
// previous: is. An id is first looked for among the templates in the
// answers' folder, where nigao import writes the template beside last
// year's answers: the copy the clerk edits there wins over one of the same
// id elsewhere (an import made again in the wizard, a built-in), as a
// user template wins over a built-in.
func (s *Set) LoadFor(ref, answersPath string) (*schema.Template, error) {
	if answersPath == "" {
		return s.Load(ref)
	}
	dir := filepath.Dir(answersPath)
	if looksLikePath(ref) {
		if p := filepath.Join(dir, ref); !filepath.IsAbs(ref) && fileExists(p) {
			return s.Load(p)
		}
		return s.Load(ref)
	}
	var found []string
	var src []byte
	for _, f := range readUserFiles([]string{dir}) {
		if f.err != nil || f.library {
			continue
		}
		// an answers file (this one too) has no sections: not a template
		if e, err := peek(f.src); err == nil && e.ID == ref && e.Sections > 0 {
			found, src = append(found, f.path), f.src
		} else if err != nil && rawID(f.src) == ref {
			// the clerk's copy, broken: say where, rather than fall back
			// to another template of its id
			_, lerr := schema.Load(f.path, f.src, s.Lib)
			return nil, fmt.Errorf("答案文件旁边的模板 %s 有错误，没有用它：\n%w", f.path, lerr)
		}
	}
	switch len(found) {
	case 0:
		t, err := s.Load(ref)
		if errors.Is(err, ErrNotFound) {
			err = fmt.Errorf("%w；答案文件所在的文件夹里也没有 id 为“%s”的模板（导入得到的模板放在答案文件旁边就能找到，也可以在答案文件里写 template: 模板文件名.yaml）", err, ref)
		}
		return t, err
	case 1:
		return schema.Load(found[0], src, s.Lib)
	}
	var names []string
	for _, p := range found {
		names = append(names, filepath.Base(p))
	}
	return nil, fmt.Errorf("答案文件旁边有 %d 个 id 为“%s”的模板（%s）：请在答案文件里把 template: 改成要用的那个文件名（例如 template: %s）", len(found), ref, strings.Join(names, "、"), names[0])
}

// idLine is a template's id line, read without YAML (for a file that is
// not valid YAML).
var idLine = regexp.MustCompile(`(?m)^id[ \t]*[:：][ \t]*["']?([^"'\s#]+)`)

// rawID is the id a template file's id line names, "" when none.
func rawID(src []byte) string {
	if m := idLine.FindSubmatch(src); m != nil {
		return string(m[1])
	}
	return ""
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// loadBuiltin loads the embedded template at p.
func (s *Set) loadBuiltin(p string) (*schema.Template, error) {
	src, err := files.ReadFile(p)
	if err != nil {
		return nil, err
	}
	t, err := schema.Load(builtinName(p), src, s.Lib)
	if err != nil {
		return nil, fmt.Errorf("内置模板有错误（这是 nigao 的缺陷，请报告）:\n%w", err)
	}
	return t, nil
}

func looksLikePath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
}

// ErrNotFound is returned for an unknown template id.
var ErrNotFound = errors.New("没有这个模板")

func (s *Set) notFound(ref string) error {
	var ids []string
	for _, e := range s.Entries() {
		ids = append(ids, e.ID)
	}
	return fmt.Errorf("%w：“%s”（可用：%s；用 nigao templates 查看全部）", ErrNotFound, ref, strings.Join(ids, "、"))
}

// BuiltinSource returns the YAML of a built-in template, for
// `nigao template copy`.
func BuiltinSource(id string) ([]byte, bool) {
	src, err := files.ReadFile(builtinPath(id))
	return src, err == nil
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
