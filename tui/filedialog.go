package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/templates"
)

// fileDialog asks for the file of a PickerAction (its FilePrompt), then
// runs the action. A path that is not there, or that the action refuses,
// is reported under the input; what was typed stays.
func fileDialog(c *common, set *templates.Set, a *PickerAction) *dialog {
	fp := a.Ask
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "."
	}
	lines := append([]string(nil), fp.Lines...)
	lines = append(lines, "", "当前文件夹："+cwd)
	ok := fp.OK
	if ok == "" {
		ok = "确定"
	}
	d := &dialog{c: c, title: fp.Title, lines: lines, prompt: fp.Prompt, input: newEditor("", false),
		help: []key.Binding{bind("", "输入或粘贴文件路径"), bind("Tab", "补全"), bind("Enter", ok), bind("Esc", "返回")}}
	d.choices = []dialogChoice{{"enter", "Enter " + ok, nil}, {"esc", "Esc 返回", nil}}
	d.try = func(in string) (tea.Cmd, error) {
		p, err := resolveFile(in, cwd)
		if err != nil {
			return nil, err
		}
		res, err := runAction(a, set, p)
		if err != nil {
			return nil, err
		}
		c.send(actionDoneMsg{res})
		return nil, nil
	}
	d.tab = func(in string) string { return completePath(in, cwd, fp.Exts) }
	d.below = func(in string) []string {
		names, dir := matchFiles(in, cwd, fp.Exts)
		if len(names) == 0 {
			return nil
		}
		out := []string{"", dir + " 里的文件："}
		for _, n := range names {
			out = append(out, "  "+n)
		}
		return out
	}
	return d
}

// actionDoneMsg: a picker action made a template to fill; the wizard
// opens the form on it.
type actionDoneMsg struct{ res *ActionResult }

// runAction runs a picker action on path ("" when it asks for none).
func runAction(a *PickerAction, set *templates.Set, path string) (*ActionResult, error) {
	res, err := a.Run(set, path)
	if err != nil {
		return nil, err
	}
	if res == nil || res.Template == nil {
		return nil, errors.New(a.Label + "：没有得到模板")
	}
	return res, nil
}

// cleanPath undoes what pasting and dragging add to a path: spaces,
// quotes ("Copy as path" on Windows), a file:// prefix.
func cleanPath(in string) string {
	s := strings.TrimSpace(in)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = s[1 : len(s)-1]
	}
	s = strings.TrimPrefix(s, "file://")
	return s
}

// expandPath makes a typed path absolute: ~ is the home folder, a
// relative path starts from dir.
func expandPath(s, dir string) string {
	if s == "~" || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			s = filepath.Join(home, s[1:])
		}
	}
	if !filepath.IsAbs(s) {
		s = filepath.Join(dir, s)
	}
	return filepath.Clean(s)
}

// resolveFile is the file a typed path names, or why there is none.
func resolveFile(in, cwd string) (string, error) {
	s := cleanPath(in)
	if s == "" {
		return "", errors.New("请输入文件的路径（可以从文件管理器复制后粘贴，Tab 补全文件名）")
	}
	p := expandPath(s, cwd)
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) && strings.Contains(s, `\ `) {
		// dragged into a terminal that escapes spaces
		if q := expandPath(strings.ReplaceAll(s, `\ `, " "), cwd); q != p {
			if fi2, err2 := os.Stat(q); err2 == nil {
				p, fi, err = q, fi2, nil
			}
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("找不到文件：%s", p)
	case errors.Is(err, fs.ErrPermission):
		return "", fmt.Errorf("没有权限读取：%s", p)
	case err != nil:
		return "", err
	case fi.IsDir():
		return "", fmt.Errorf("%s 是文件夹：请在后面接着输入文件名（Tab 补全）", p)
	}
	return p, nil
}

// splitTyped splits a typed path into its folder part (as typed, with
// the separator) and the start of a name.
func splitTyped(s string) (dirPart, base string) {
	i := strings.LastIndexAny(s, `/\`)
	if filepath.Separator == '/' {
		i = strings.LastIndex(s, "/")
	}
	return s[:i+1], s[i+1:]
}

// matchFiles lists the entries of the typed folder whose names start
// with the typed name: folders (with a separator) and files with one of
// exts (all files when exts is empty). dir is the folder, for display.
func matchFiles(in, cwd string, exts []string) (names []string, dir string) {
	dirPart, base := splitTyped(cleanPath(in))
	dir = cwd
	if dirPart != "" {
		dir = expandPath(dirPart, cwd)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, dir
	}
	var dirs, files []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(strings.ToLower(n), strings.ToLower(base)) || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(dir, n)); err == nil {
				isDir = fi.IsDir()
			}
		}
		switch {
		case isDir:
			dirs = append(dirs, n+string(filepath.Separator))
		case hasExt(n, exts):
			files = append(files, n)
		}
	}
	sort.Strings(dirs)
	sort.Strings(files)
	return append(files, dirs...), dir
}

func hasExt(name string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range exts {
		if ext == strings.ToLower(e) {
			return true
		}
	}
	return false
}

// completePath is Tab: the typed name completed as far as the matching
// entries agree (a folder gets its separator, to go on typing).
func completePath(in, cwd string, exts []string) string {
	s := cleanPath(in)
	dirPart, base := splitTyped(s)
	names, _ := matchFiles(s, cwd, exts)
	if len(names) == 0 {
		return in
	}
	common := names[0]
	for _, n := range names[1:] {
		common = commonPrefix(common, n)
	}
	if len([]rune(common)) < len([]rune(base)) {
		return in
	}
	return dirPart + common
}

// commonPrefix is the longest common prefix of a and b, ignoring case
// (the first's spelling), in whole runes.
func commonPrefix(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && strings.EqualFold(string(ra[i]), string(rb[i])) {
		i++
	}
	return string(ra[:i])
}
