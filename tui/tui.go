// Package tui is nigao's terminal wizard: pick a template, fill it in
// section by section beside a live preview of the draft, review what is
// missing and export the draft. Answers are saved atomically as they
// are typed, so nothing completed is ever lost.
//
// The structure follows soft-serve's pkg/ui: the root model holds a page
// (the picker, then the form) and a stack of overlays over it (review,
// export, find, draft, help, dialogs) and hands every message to the one
// on top; pages share a common struct with size, styles and keys, work
// on one session (the template being filled in) and speak to the root
// by messages. The form is built like huh: form → section → widget. The
// package calls render for the draft and its writers; it knows nothing
// of their formats. docs/architecture.md draws the whole.
package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// Options configure the wizard (nigao fill's flags).
type Options struct {
	// Set is the available templates; nil opens the built-in and user ones.
	Set *templates.Set
	// Template is a template id or path; empty shows the picker.
	Template string
	// AnswersPath is the answers file (-a): loaded when it exists, and
	// every change is saved to it. Empty: a per-template autosave in
	// AutosaveDir, with an offer to resume it.
	AnswersPath string
	// Previous is last period's answers file (--previous), for 上年 and 同比.
	Previous string
	// Out is the default export file (-o); its extension picks the format.
	Out string
	// AutosaveDir overrides where autosaves go (tests); empty means
	// AutosaveDir().
	AutosaveDir string
	// PickerActions are extra entries under the templates in the picker
	// (e.g. 从往年报告导入).
	PickerActions []PickerAction
	// DocxTemplate is the Word letterhead the export page offers first
	// (--docx-template); the clerk can change it there.
	DocxTemplate string
	// NoMouse leaves the mouse to the terminal (selecting text to copy
	// without holding Shift) instead of clicks and the wheel.
	NoMouse bool
}

// A PickerAction is an extra entry in the template picker, after the
// templates (e.g. 从往年报告导入). With Ask set, choosing it first asks
// for a file; Run then gets its absolute path ("" without Ask) and
// returns the template to fill, and the form opens on it. An error from
// Run is shown in the file dialog, which stays open with what was typed.
type PickerAction struct {
	Label       string
	Description string
	Ask         *FilePrompt
	Run         func(set *templates.Set, path string) (*ActionResult, error)
}

// A FilePrompt asks for a file: typed or pasted, ~ is the home folder,
// relative paths start from the current folder, Tab completes.
type FilePrompt struct {
	Title  string   // the dialog's title
	Lines  []string // what to enter, shown above the input
	Prompt string   // before the input, e.g. "报告文件："
	Exts   []string // extensions (".docx") listed and completed; others are hidden
	OK     string   // the Enter label, e.g. "导入"
}

// ActionResult is what a PickerAction opens.
type ActionResult struct {
	Template *schema.Template
	// Answers to start from (nil: empty). They are saved at once to the
	// template's autosave, which a later start offers to resume.
	Answers *schema.Answers
	// Title and Summary, when set, are shown in a dialog over the form.
	Title   string
	Summary []string
}

// Model is the wizard's root model: a page, the overlays over it, and
// the frame around them (header, status line, help line).
type Model struct {
	c   *common
	opt Options
	set *templates.Set

	base     page     // the picker, then the form
	overlays []page   // opened over base, the last on top
	s        *session // the template being filled in; nil in the picker

	status    string
	statusErr bool
	err       error // why the wizard could not run
	quit      bool
}

// New builds the wizard. With opt.Template or opt.AnswersPath it opens
// the form directly (on the first field of the basic information);
// otherwise the template picker.
func New(opt Options) (*Model, error) {
	m := &Model{c: &common{styles: defaultStyles(), keys: defaultKeys()}, opt: opt, set: opt.Set}
	if m.set == nil {
		set, err := templates.Open(nil)
		if err != nil {
			return nil, err
		}
		m.set = set
	}
	ref := opt.Template
	var a *schema.Answers
	if opt.AnswersPath != "" {
		var err error
		a, err = loadAnswersIfExists(opt.AnswersPath)
		if err != nil {
			return nil, err
		}
		if a != nil && ref == "" {
			ref = a.TemplateID
		}
	}
	if ref == "" {
		m.base = newPicker(m.c, m.set, opt.PickerActions, opt.autosaveDir())
		return m, nil
	}
	load := m.set.Load
	if ref != opt.Template {
		// the answers name it: beside them is where import put it
		load = func(ref string) (*schema.Template, error) { return m.set.LoadFor(ref, opt.AnswersPath) }
	}
	t, err := load(ref)
	if err != nil {
		return nil, err
	}
	if a != nil && !a.IsFor(t) {
		return nil, fmt.Errorf("答案文件 %s 是模板“%s”的，不是“%s”的", opt.AnswersPath, a.TemplateID, t.ID)
	}
	m.open(t, a)
	return m, nil
}

func loadAnswersIfExists(path string) (*schema.Answers, error) {
	a, err := schema.LoadAnswersFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return a, err
}

// autosaveDir is where answers typed without -a go.
func (o Options) autosaveDir() string {
	if o.AutosaveDir != "" {
		return o.AutosaveDir
	}
	d, _ := AutosaveDir()
	return d
}

// open shows the form for t, over nothing. a are answers to start from
// (nil: the -a file, or the autosave, or empty).
func (m *Model) open(t *schema.Template, a *schema.Answers) {
	s, draft, warn := openSession(t, a, m.opt)
	if warn != nil {
		m.status, m.statusErr = warn.Error(), true
	}
	if m.set != nil { // a model built by hand (benchmarks) has none
		s.lib = m.set.Lib
		s.tplPath = m.editablePath(t)
	}
	m.s = s
	m.base = newForm(m.c, s)
	m.overlays = nil
	if draft != nil {
		m.push(resumeDialog(m.c, s, draft))
	}
}

// editablePath is the file of a template the clerk's own (one of the
// set's user templates, or a file named on the command line), "" for a
// built-in.
func (m *Model) editablePath(t *schema.Template) string {
	for _, e := range m.set.Entries() {
		if e.Builtin && e.ID == t.ID && e.Path == strings.TrimPrefix(t.Source, "templates/") {
			return ""
		}
	}
	if fi, err := os.Stat(t.Source); err == nil && fi.Mode().IsRegular() {
		return t.Source
	}
	return ""
}

// Err is why the wizard stopped, if it failed.
func (m *Model) Err() error { return m.err }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) top() page {
	if n := len(m.overlays); n > 0 {
		return m.overlays[n-1]
	}
	return m.base
}

func (m *Model) push(p page) { m.overlays = append(m.overlays, p) }

// route hands msg to the page on top.
func (m *Model) route(msg tea.Msg) tea.Cmd {
	if n := len(m.overlays); n > 0 {
		p, cmd := m.overlays[n-1].update(msg)
		m.overlays[n-1] = p
		return cmd
	}
	p, cmd := m.base.update(msg)
	m.base = p
	return cmd
}

// Update implements tea.Model: msg, then what the pages said meanwhile.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{m.handle(msg)}
	for len(m.c.outbox) > 0 {
		next := m.c.outbox[0]
		m.c.outbox = m.c.outbox[1:]
		cmds = append(cmds, m.handle(next))
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		return m.route(msg)
	case tea.KeyPressMsg:
		if m.status != "" && !m.statusErr {
			m.status = ""
		}
		return m.key(msg)
	case tea.PasteMsg:
		return m.route(msg)
	case tea.MouseClickMsg:
		return m.mouse(msg)
	case tea.MouseWheelMsg:
		return m.mouse(msg)
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
	case openMsg:
		m.push(msg.p)
	case closeMsg:
		for i, p := range m.overlays {
			if p == msg.p {
				m.overlays = append(m.overlays[:i], m.overlays[i+1:]...)
				break
			}
		}
	case jumpToFieldMsg, reloadedMsg:
		m.overlays = nil
		return m.route(msg)
	case askQuitMsg:
		return m.askQuit()
	case quitMsg:
		return m.doQuit()
	case pickMsg:
		return m.pick(msg)
	case actionDoneMsg:
		return m.opened(msg.res)
	case changedMsg:
		if _, asking := m.top().(*dialog); !asking && m.s != nil {
			m.push(changedDialog(m.c, m.s))
		}
	case saveTickMsg:
		if m.s != nil {
			return m.s.tick(msg)
		}
	}
	return nil
}

// key: on a terminal too small to draw in, only quitting; Ctrl+C and F1
// anywhere but in a dialog or the help; every other key to the page on
// top.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	if m.tooSmall() {
		if s == "ctrl+c" || s == "esc" {
			return m.askQuit()
		}
		return nil
	}
	if _, ok := m.top().(modal); !ok {
		switch s {
		case "ctrl+c":
			return m.askQuit()
		case "f1":
			m.push(newHelp(m.c))
			return nil
		}
	}
	return m.route(k)
}

// mouse hands a left click or a wheel notch to the page on top, in the
// page's cells (every page is drawn below the one-line header).
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.quit || m.tooSmall() {
		return nil
	}
	ms := msg.Mouse()
	x, y := ms.X, ms.Y-1
	if y < 0 || y >= m.c.height-3 {
		return nil
	}
	wheel := 0
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch ms.Button {
		case tea.MouseWheelUp:
			wheel = -1
		case tea.MouseWheelDown:
			wheel = 1
		default:
			return nil
		}
	case tea.MouseClickMsg:
		if ms.Button != tea.MouseLeft {
			return nil
		}
	}
	return m.route(mouseMsg{x, y, wheel})
}

func (m *Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

// View implements tea.Model.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if !m.opt.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "拟稿"
	if m.s != nil {
		v.WindowTitle = "拟稿 — " + m.s.name()
	}
	if m.quit {
		return v
	}
	w, h := m.c.width, m.c.height
	if w == 0 || h == 0 {
		return v
	}
	if m.tooSmall() {
		v.SetContent(tooSmall(w, h))
		return v
	}
	body := h - 3
	top := m.top()
	lines, cur := top.view(w, body)
	var b strings.Builder
	b.Grow(w * h * 2)
	b.WriteString(m.header(w))
	for i := 0; i < body; i++ {
		b.WriteByte('\n')
		b.WriteString(lineAt(lines, i))
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine(w))
	b.WriteByte('\n')
	b.WriteString(fit(m.c.helpLine(w, top.shortHelp(w)...), w))
	v.SetContent(b.String())
	if cur != nil {
		cur.Y++ // below the header
		cur.Shape = tea.CursorBar
		cur.Blink = true
		v.Cursor = cur
	}
	return v
}

func tooSmall(w, h int) string {
	lines := []string{
		"终端窗口太小",
		fmt.Sprintf("现在是 %d×%d，请把窗口放大到至少 %d×%d（列×行）。", w, h, minWidth, minHeight),
		"Esc 退出",
	}
	out := make([]string, h)
	top := max(0, (h-len(lines))/2)
	for i, l := range lines {
		if top+i < h {
			out[top+i] = truncate(centre(l, w), w)
		}
	}
	return strings.Join(out, "\n")
}

func (m *Model) header(w int) string {
	st := m.c.styles
	left := " 拟稿 nigao"
	right := ""
	if m.s != nil {
		left += " │ " + m.s.name()
		st := m.s.st
		where := filepath.Base(st.path)
		if st.autosave {
			where = "自动保存"
		}
		saved := "未保存"
		switch {
		case errors.Is(st.err, errChanged), st.paused:
			saved = "文件在外面被改过，暂停保存"
		case st.err != nil:
			saved = "保存失败"
		case st.dirty:
			saved = "正在输入"
		case !st.saved.IsZero():
			saved = "已保存 " + st.saved.Format("15:04:05")
		case st.path != "":
			saved = "已保存"
		}
		right = "答案：" + where + "  " + saved + " "
	}
	rw := strWidth(right)
	lw := w - rw
	if lw < 20 {
		right = ""
		lw = w
	}
	return st.header.Render(fit(left, lw)) + st.headerDim.Render(right)
}

func (m *Model) statusLine(w int) string {
	st := m.c.styles
	if m.status != "" {
		s := st.ok
		if m.statusErr {
			s = st.err
		}
		return s.Render(truncate(m.status, w))
	}
	if m.s != nil {
		n := len(m.s.doc.Missing)
		if n == 0 {
			return st.ok.Render("稿子里的数据都齐了。Ctrl+E 导出")
		}
		return st.dim.Render(truncate(fmt.Sprintf("稿子里还有 %d 处【待填】，Ctrl+R 查看", n), w))
	}
	return ""
}

// askQuit quits, first asking when answers could be lost or exist only
// in the autosave.
func (m *Model) askQuit() tea.Cmd {
	if m.s == nil {
		return m.doQuit()
	}
	var cmd tea.Cmd
	m.base, cmd = m.base.update(blurMsg{})
	st := m.s.st
	if errors.Is(st.err, errChanged) || (st.dirty && st.changedOnDisk()) {
		m.push(changedDialog(m.c, m.s))
		return cmd
	}
	if st.err != nil {
		m.push(confirmDialog(m.c, "答案没能保存", []string{st.err.Error(), "", "现在退出，最近的修改会丢失。"},
			dialogChoice{"y", "Y 仍然退出", m.c.say(quitMsg{})},
			dialogChoice{"n", "N 返回", nil}))
		return cmd
	}
	if st.autosave && st.unexported {
		m.push(confirmDialog(m.c, "退出拟稿？", []string{
			"填写的内容已自动保存，下次打开这个模板时可以接着填。",
			"但还没有另存为答案文件，也没有导出稿子。",
		},
			dialogChoice{"y", "Y 退出", m.c.say(quitMsg{})},
			dialogChoice{"s", "S 保存答案…", m.c.say(openMsg{saveAsDialog(m.c, m.s)})},
			dialogChoice{"n", "N 返回", nil}))
		return cmd
	}
	return tea.Batch(cmd, m.doQuit())
}

func (m *Model) doQuit() tea.Cmd {
	if m.s != nil {
		m.s.st.save(false)
	}
	m.quit = true
	return tea.Quit
}

// pick opens what the picker chose: a template, or an action (asking
// for its file first).
func (m *Model) pick(p pickMsg) tea.Cmd {
	if a := p.action; a != nil {
		if a.Ask != nil {
			m.push(fileDialog(m.c, m.set, a))
			return nil
		}
		res, err := runAction(a, m.set, "")
		if err != nil {
			return statusCmd(err.Error(), true)
		}
		return m.opened(res)
	}
	t, err := m.set.Load(p.id)
	if err != nil {
		return statusCmd(err.Error(), true)
	}
	m.status = ""
	m.open(t, nil)
	return nil
}

// opened shows the form on what a picker action made.
func (m *Model) opened(res *ActionResult) tea.Cmd {
	m.status = ""
	m.open(res.Template, res.Answers)
	var cmd tea.Cmd
	if res.Answers != nil {
		// save now: the answers exist nowhere else the wizard knows of
		if err := m.s.st.save(true); err != nil {
			cmd = statusCmd(err.Error(), true)
		}
		m.s.st.unexported = true
	}
	if res.Title != "" || len(res.Summary) > 0 {
		m.push(confirmDialog(m.c, res.Title, res.Summary, dialogChoice{"enter", "Enter 开始填写", nil}))
	}
	return cmd
}
