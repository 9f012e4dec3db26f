package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/render"
)

// wordFormat is the index of .docx in render.Formats: the letterhead is
// for it alone.
const wordFormat = 0

// The export page: file name (default: the draft's title, e.g.
// 归义镇2022年上半年工作总结), folder, formats, and the clerk's own Word
// letterhead to pour the draft into (empty: the built-in layout).
type exportPage struct {
	c          *common
	s          *session
	name       *editor
	dir        *editor
	on         []bool
	letterhead *editor
	focus      int         // 0 name, 1 dir, 2.. formats, then the letterhead
	rows       map[int]int // page row → focus index, in the last frame
}

// letterheadFocus is the focus index of the letterhead box.
func (e *exportPage) letterheadFocus() int { return 2 + len(render.Formats) }

func newExport(c *common, s *session) *exportPage {
	e := &exportPage{c: c, s: s, on: make([]bool, len(render.Formats))}
	name := s.draftName(s.t.Name)
	dir := "." // an autosaved draft: where nigao was started
	if !s.st.autosave {
		dir = filepath.Dir(s.st.path) // beside the answers file
	}
	if out := s.opt.Out; out != "" {
		dir = filepath.Dir(out)
		base := filepath.Base(out)
		ext := strings.ToLower(filepath.Ext(base))
		name = strings.TrimSuffix(base, filepath.Ext(base))
		for i, f := range render.Formats {
			e.on[i] = f.Ext == ext
		}
	}
	if !anyTrue(e.on) {
		e.on[wordFormat], e.on[1] = true, true // Word and Markdown
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	e.name = newEditor(name, false)
	e.dir = newEditor(dir, false)
	e.letterhead = newEditor(s.letterhead, false)
	return e
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func (e *exportPage) paths() []string {
	name := strings.TrimSpace(e.name.String())
	dir := strings.TrimSpace(e.dir.String())
	var ps []string
	for i, f := range render.Formats {
		if e.on[i] {
			n := name
			if strings.EqualFold(filepath.Ext(n), f.Ext) {
				n = strings.TrimSuffix(n, filepath.Ext(n))
			}
			ps = append(ps, filepath.Join(dir, n+f.Ext))
		}
	}
	return ps
}

func (e *exportPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if ed := e.editorAt(e.focus); ed != nil {
			ed.insert(msg.Content)
		}
	case tea.KeyPressMsg:
		return e, e.key(msg)
	case mouseMsg:
		if msg.wheel == 0 {
			e.click(msg.y)
		}
	}
	return e, nil
}

func (e *exportPage) key(k tea.KeyPressMsg) tea.Cmd {
	n := e.letterheadFocus() + 1
	switch s := k.String(); s {
	case "esc":
		e.c.close(e)
		return nil
	case "tab", "down":
		e.focus = (e.focus + 1) % n
		return nil
	case "shift+tab", "up":
		e.focus = (e.focus + n - 1) % n
		return nil
	case "enter":
		return e.run(false)
	case "space":
		if e.editorAt(e.focus) == nil {
			e.on[e.focus-2] = !e.on[e.focus-2]
			return nil
		}
	}
	if ed := e.editorAt(e.focus); ed != nil {
		ed.handleKey(k)
	} else if s := k.String(); s == "left" || s == "right" || s == "x" {
		e.on[e.focus-2] = !e.on[e.focus-2]
	}
	return nil
}

// click focuses the row clicked (page row y); on a format it ticks or
// unticks it, as space does.
func (e *exportPage) click(y int) {
	i, ok := e.rows[y]
	if !ok {
		return
	}
	e.focus = i
	if e.editorAt(i) == nil {
		e.on[i-2] = !e.on[i-2]
	}
}

func (e *exportPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("Tab/↑/↓", "移动"), bind("空格", "勾选格式"), bind("Enter", "导出"), bind("Esc", "返回")}
}

// editorAt is the text box at focus index i, nil for a format.
func (e *exportPage) editorAt(i int) *editor {
	switch i {
	case 0:
		return e.name
	case 1:
		return e.dir
	case e.letterheadFocus():
		return e.letterhead
	}
	return nil
}

// docxOptions opens the letterhead, if one is given and Word is among
// the formats. Its errors name the file and say what is wrong with it.
func (e *exportPage) docxOptions() (render.DocxOptions, error) {
	in := strings.TrimSpace(e.letterhead.String())
	if in == "" || !e.on[wordFormat] {
		return render.DocxOptions{}, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "."
	}
	p, err := resolveFile(in, cwd)
	if err != nil {
		return render.DocxOptions{}, fmt.Errorf("Word 信纸：%w", err)
	}
	return render.ReadDocxTemplate(p)
}

// run exports, asking first if a file would be overwritten.
func (e *exportPage) run(force bool) tea.Cmd {
	if strings.TrimSpace(e.name.String()) == "" {
		return statusCmd("请填写文件名", true)
	}
	ps := e.paths()
	if len(ps) == 0 {
		return statusCmd("请至少勾选一种格式（空格勾选）", true)
	}
	if !force {
		var exist []string
		for _, p := range ps {
			if _, err := os.Stat(p); err == nil {
				exist = append(exist, p)
			}
		}
		if len(exist) > 0 {
			e.c.open(confirmDialog(e.c, "文件已存在", append([]string{"下面的文件已经存在，覆盖吗？"}, exist...),
				dialogChoice{"y", "Y 覆盖", func(string) tea.Cmd { return e.run(true) }},
				dialogChoice{"n", "N 不覆盖", nil}))
			return nil
		}
	}
	// the letterhead is checked before anything is written
	opt, err := e.docxOptions()
	if err != nil {
		e.focus = e.letterheadFocus()
		return statusCmd("没有导出："+err.Error(), true)
	}
	var saved tea.Cmd
	if e.on[wordFormat] {
		e.s.letterhead = strings.TrimSpace(e.letterhead.String())
		saved = e.s.rememberLetterhead(opt.TemplateName)
	}
	if err := os.MkdirAll(strings.TrimSpace(e.dir.String()), 0o755); err != nil {
		return statusCmd("导出失败："+fileerr.Explain(fileerr.MakeDir, "", strings.TrimSpace(e.dir.String()), err).Error(), true)
	}
	doc := e.s.doc
	var done []string
	for i, f := range render.Formats {
		if !e.on[i] {
			continue
		}
		p := ps[len(done)]
		if err := f.WriteFile(p, doc, opt); err != nil {
			return statusCmd("导出失败："+err.Error(), true)
		}
		done = append(done, p)
	}
	e.s.st.unexported = false
	e.c.close(e)
	msg := "已导出：" + strings.Join(done, "、")
	if n := len(doc.Missing); n > 0 {
		msg += fmt.Sprintf("（稿子里还有 %d 处【待填】）", n)
	}
	if saved != nil {
		return saved // the answers could not be saved: that says more
	}
	return statusCmd(msg, false)
}

func (e *exportPage) view(width, height int) ([]string, *tea.Cursor) {
	st := e.c.styles
	doc := e.s.doc
	lines := []string{st.heading.Render("导出稿子"), ""}
	if n := len(doc.Missing); n > 0 {
		lines = append(lines, st.warn.Render(fmt.Sprintf(" 稿子里还有 %d 处【待填】，导出后会原样显示；Esc 返回，Ctrl+R 查看。", n)), "")
	}
	var cur *tea.Cursor
	e.rows = map[int]int{}
	field := func(i int, label string, ed *editor) {
		label = padRight(label, strWidth("Word 信纸："))
		marker := "  "
		style := st.input
		if e.focus == i {
			marker = st.focus.Render("> ")
			style = st.inputFocus
		}
		w := min(60, width-strWidth(label)-6)
		text, cx := ed.viewLine(w)
		if e.focus == i {
			cur = tea.NewCursor(2+strWidth(label)+1+cx, len(lines))
		}
		e.rows[len(lines)] = i
		lines = append(lines, marker+label+"["+style.Render(text)+"]")
	}
	field(0, "文件名：", e.name)
	field(1, "文件夹：", e.dir)
	lines = append(lines, "", "  格式：")
	for i, f := range render.Formats {
		marker := "  "
		if e.focus == i+2 {
			marker = st.focus.Render("> ")
		}
		box := "[ ]"
		if e.on[i] {
			box = "[x]"
		}
		e.rows[len(lines)] = i + 2
		label := f.Label
		if i == wordFormat && strings.TrimSpace(e.letterhead.String()) != "" {
			label = "Word（.docx，套用下面的信纸）"
		}
		lines = append(lines, marker+"  "+box+" "+label)
	}
	lines = append(lines, "")
	field(e.letterheadFocus(), "Word 信纸：", e.letterhead)
	hint := "可不填（用内置公文版式）；怎样做单位的信纸见 docs/docx-templates.md"
	for _, l := range wrapText(hint, width-6) {
		lines = append(lines, "    "+st.dim.Render(l))
	}
	lines = append(lines, "", st.dim.Render("  将写出："))
	for _, p := range e.paths() {
		lines = append(lines, "    "+truncate(p, width-6))
	}
	lines = append(lines, "", st.helpKey.Render("  Enter 导出    Esc 返回"))
	return fitLines(lines, width), cur
}
