package tui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/render"
)

// exportFormat is one kind of file the draft can be exported to; the
// writers are render's.
type exportFormat struct {
	ext   string
	label string
	write func(path string, doc *render.Document, opt render.DocxOptions) error
}

func writeWith(fn func(io.Writer, *render.Document) error) func(string, *render.Document, render.DocxOptions) error {
	return func(path string, doc *render.Document, _ render.DocxOptions) error {
		return atomicfile.Write(path, 0o644, func(w io.Writer) error { return fn(w, doc) })
	}
}

// exportFormats are every format render writes; Word first (wordFormat).
var exportFormats = []exportFormat{
	{".docx", "Word（.docx，GB/T 9704 版式）", render.WriteDocxFile},
	{".md", "Markdown（.md）", writeWith(render.WriteMarkdown)},
	{".txt", "纯文本（.txt，粘贴到 OA 用）", writeWith(render.WriteText)},
}

// wordFormat is the index of .docx in exportFormats: the letterhead is
// for it alone.
const wordFormat = 0

// The export page: file name (default: the draft's title, e.g.
// 归义镇2022年上半年工作总结), folder, formats, and the clerk's own Word
// letterhead to pour the draft into (empty: the built-in layout).
type exportPage struct {
	c          *common
	m          *Model
	name       *editor
	dir        *editor
	on         []bool
	letterhead *editor
	focus      int // 0 name, 1 dir, 2.. formats, then the letterhead
	back       screen
	rows       map[int]int // page row → focus index, in the last frame
}

// letterheadFocus is the focus index of the letterhead box.
func (e *exportPage) letterheadFocus() int { return 2 + len(exportFormats) }

func (m *Model) openExport(back screen) tea.Cmd {
	m.form.ensureFull()
	e := &exportPage{c: m.c, m: m, back: back, on: make([]bool, len(exportFormats))}
	name := defaultExportName(m)
	dir := "." // an autosaved draft: where nigao was started
	if !m.st.autosave {
		dir = filepath.Dir(m.st.path) // beside the answers file
	}
	if m.opt.Out != "" {
		dir = filepath.Dir(m.opt.Out)
		base := filepath.Base(m.opt.Out)
		ext := strings.ToLower(filepath.Ext(base))
		name = strings.TrimSuffix(base, filepath.Ext(base))
		for i, f := range exportFormats {
			e.on[i] = f.ext == ext
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
	e.letterhead = newEditor(m.letterhead, false)
	m.export = e
	m.scr = scrExport
	return nil
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func defaultExportName(m *Model) string {
	title := strings.TrimSpace(m.form.doc.Title)
	if title == "" || strings.Contains(title, "【") {
		// the title still has gaps: name it after the template
		title = m.t.Name
	}
	return safeFileName(title)
}

func (e *exportPage) paths() []string {
	name := strings.TrimSpace(e.name.String())
	dir := strings.TrimSpace(e.dir.String())
	var ps []string
	for i, f := range exportFormats {
		if e.on[i] {
			n := name
			if strings.EqualFold(filepath.Ext(n), f.ext) {
				n = strings.TrimSuffix(n, filepath.Ext(n))
			}
			ps = append(ps, filepath.Join(dir, n+f.ext))
		}
	}
	return ps
}

func (e *exportPage) update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok {
		if ed := e.editorAt(e.focus); ed != nil {
			ed.insert(p.Content)
		}
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := e.letterheadFocus() + 1
	switch s := k.String(); s {
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

// rememberLetterhead writes the letterhead used (path; "" for none) into
// the answers, so the next export, and nigao render, use it again: as a
// path relative to a named answers file that sits beside or above it,
// else in full.
func (m *Model) rememberLetterhead(path string) tea.Cmd {
	a := m.st.a
	rel := path
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			rel = abs
			if !m.st.autosave {
				if dir, err := filepath.Abs(filepath.Dir(m.st.path)); err == nil {
					if r, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(r, "..") {
						rel = r
					}
				}
			}
		}
	}
	if a.DocxTemplate == rel || path != "" && a.DocxTemplateFile(m.st.path) == path {
		return nil
	}
	a.DocxTemplate = rel
	m.st.changed()
	return m.form.saveNow()
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
	m := e.m
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
			m.dialog = confirmDialog("文件已存在", append([]string{"下面的文件已经存在，覆盖吗？"}, exist...),
				dialogChoice{"y", "Y 覆盖", func(string) tea.Cmd { return e.run(true) }},
				dialogChoice{"n", "N 不覆盖", nil})
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
		m.letterhead = strings.TrimSpace(e.letterhead.String())
		saved = m.rememberLetterhead(opt.TemplateName)
	}
	if err := os.MkdirAll(strings.TrimSpace(e.dir.String()), 0o755); err != nil {
		return statusCmd("导出失败："+fileerr.Explain(fileerr.MakeDir, "", strings.TrimSpace(e.dir.String()), err).Error(), true)
	}
	doc := m.form.doc
	var done []string
	for i, f := range exportFormats {
		if !e.on[i] {
			continue
		}
		p := ps[len(done)]
		if err := f.write(p, doc, opt); err != nil {
			return statusCmd("导出失败："+err.Error(), true)
		}
		done = append(done, p)
	}
	m.st.unexported = false
	m.scr = e.back
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
	doc := e.m.form.doc
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
	for i, f := range exportFormats {
		marker := "  "
		if e.focus == i+2 {
			marker = st.focus.Render("> ")
		}
		box := "[ ]"
		if e.on[i] {
			box = "[x]"
		}
		e.rows[len(lines)] = i + 2
		label := f.label
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
