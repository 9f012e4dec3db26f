// Package tui is nigao's terminal wizard: pick a template, fill it in
// section by section beside a live preview of the draft, review what is
// missing and export the draft. Answers are saved atomically as they
// are typed, so nothing completed is ever lost.
//
// The structure follows soft-serve's pkg/ui: a root model routes between
// pages (picker, form, review, export, help, dialogs) which share a
// common struct with size, styles and keys. The form is built like huh:
// form → section → widget. The package calls render for the draft and
// its writers; it knows nothing of their formats.
package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
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

type screen int

const (
	scrPicker screen = iota
	scrForm
	scrReview
	scrExport
)

// Model is the wizard's root model.
type Model struct {
	c   *common
	opt Options
	set *templates.Set

	scr    screen
	picker *pickerPage
	form   *formPage
	review *reviewPage
	export *exportPage
	find   *findPage  // Ctrl+F over the form or the review, nil when closed
	draft  *draftPage // Ctrl+P, the same
	// letterhead is the Word letterhead last exported with in this
	// session (starting as Options.DocxTemplate).
	letterhead string
	help       *helpPage
	dialog     *dialog

	t  *schema.Template
	st *store

	status    string
	statusErr bool
	err       error // why the wizard could not run
	quit      bool
}

// statusMsg shows a message in the status line.
type statusMsg struct {
	text string
	err  bool
}

func statusCmd(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text, isErr} }
}

// New builds the wizard. With opt.Template or opt.AnswersPath it opens
// the form directly (on the first field of the basic information);
// otherwise the template picker.
func New(opt Options) (*Model, error) {
	m := &Model{c: &common{styles: defaultStyles(), keys: defaultKeys()}, opt: opt, set: opt.Set, letterhead: opt.DocxTemplate}
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
		m.picker = newPicker(m.c, m.set, opt.PickerActions, m.autosaveDir())
		m.scr = scrPicker
		return m, nil
	}
	t, err := m.set.Load(ref)
	if err != nil {
		return nil, err
	}
	if a != nil && a.TemplateID != "" && a.TemplateID != t.ID {
		return nil, fmt.Errorf("答案文件 %s 是模板“%s”的，不是“%s”的", opt.AnswersPath, a.TemplateID, t.ID)
	}
	if err := m.open(t, a); err != nil {
		return nil, err
	}
	return m, nil
}

func loadAnswersIfExists(path string) (*schema.Answers, error) {
	a, err := schema.LoadAnswersFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return a, err
}

func (m *Model) autosaveDir() string {
	if m.opt.AutosaveDir != "" {
		return m.opt.AutosaveDir
	}
	d, _ := AutosaveDir()
	return d
}

func (m *Model) autosavePath(id string) string {
	d := m.autosaveDir()
	if d == "" {
		return ""
	}
	return filepath.Join(d, safeFileName(id)+".yaml")
}

// open shows the form for t. a are answers to start from (nil: the -a
// file, or the autosave, or empty).
func (m *Model) open(t *schema.Template, a *schema.Answers) error {
	m.t = t
	st := &store{}
	var draft *draftInfo
	switch {
	case m.opt.AnswersPath != "":
		st.path = m.opt.AnswersPath
		if a == nil {
			a = schema.NewAnswers(t)
		}
	default:
		st.path = m.autosavePath(t.ID)
		st.autosave = true
		if a == nil && st.path != "" {
			var err error
			draft, err = findDraftAt(st.path)
			if err != nil {
				m.status, m.statusErr = err.Error(), true
			}
			if draft != nil {
				a = draft.answers
			}
		}
		if a == nil {
			a = schema.NewAnswers(t)
		} else {
			st.dirty = draft == nil // answers from elsewhere (an import): save them
		}
	}
	st.a = a
	st.stamp = stampOf(st.path)
	// last period's answers and the letterhead, as nigao render finds them
	given := schema.Given{Previous: m.opt.Previous, Letterhead: m.opt.DocxTemplate}
	if st.autosave && st.path != "" {
		given.KeptPrevious = PreviousPath(filepath.Dir(st.path), t.ID)
	}
	c, err := schema.ResolveCompanions(a, st.path, given)
	if err != nil {
		m.status, m.statusErr = err.Error(), true
	}
	var prev *schema.Values
	if c.Previous != nil {
		prev = t.Evaluate(c.Previous)
	}
	m.st = st
	if m.opt.DocxTemplate == "" {
		m.letterhead = c.Letterhead
	}
	m.form = newForm(m.c, t, st, prev)
	m.scr = scrForm
	if draft != nil {
		m.dialog = resumeDialog(m, draft)
	}
	return nil
}

// Err is why the wizard stopped, if it failed.
func (m *Model) Err() error { return m.err }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		return m, nil
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
		return m, nil
	case pickMsg:
		return m, m.pick(msg)
	case changedMsg:
		if m.dialog == nil && m.st != nil {
			m.dialog = changedDialog(m)
		}
		return m, nil
	case tea.MouseClickMsg:
		return m, m.mouse(msg)
	case tea.MouseWheelMsg:
		return m, m.mouse(msg)
	case tea.KeyPressMsg:
		if m.status != "" && !m.statusErr {
			m.status = ""
		}
		return m, m.key(msg)
	case tea.PasteMsg:
		switch {
		case m.dialog != nil:
			cmd, _ := m.dialog.update(msg)
			return m, cmd
		case m.find != nil:
			m.find.paste(msg.Content)
			return m, nil
		case m.scr == scrForm:
			return m, m.form.update(msg)
		case m.scr == scrPicker:
			return m, m.picker.update(msg)
		case m.scr == scrExport:
			return m, m.export.update(msg)
		}
	case saveTickMsg:
		if m.form != nil && m.scr == scrForm {
			return m, m.form.update(msg)
		}
	}
	return m, nil
}

func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	if d := m.dialog; d != nil {
		cmd, done := d.update(k)
		if done && m.dialog == d {
			m.dialog = nil
		}
		return cmd
	}
	if m.help != nil {
		switch s {
		case "ctrl+c":
			return m.askQuit()
		case "up", "down", "pgup", "pgdown", "k", "j":
			return m.help.update(k)
		}
		m.help = nil
		return nil
	}
	if m.c.width < minWidth || m.c.height < minHeight {
		if s == "ctrl+c" || s == "esc" {
			return m.askQuit()
		}
		return nil
	}
	switch s {
	case "ctrl+c":
		return m.askQuit()
	case "f1":
		m.help = newHelp(m.c)
		return nil
	case "?":
		if m.find == nil && m.draft == nil && !(m.scr == scrForm && m.form.textFocused()) && m.scr != scrPicker && m.scr != scrExport {
			m.help = newHelp(m.c)
			return nil
		}
	}
	if m.draft != nil {
		if s == "ctrl+e" {
			m.draft = nil
			return m.openExport(m.scr)
		}
		if m.draft.key(k) {
			m.draft = nil
		}
		return nil
	}
	if s == "ctrl+p" && (m.scr == scrForm || m.scr == scrReview) {
		cmd := m.form.blur()
		m.draft = newDraftPage(m.c, m.form)
		return cmd
	}
	if m.find != nil {
		id, done := m.find.key(k)
		if done {
			m.find = nil
			if id != "" {
				m.form.jumpTo(id)
				m.scr = scrForm
			}
		}
		return nil
	}
	if s == "ctrl+f" && (m.scr == scrForm || m.scr == scrReview) {
		cmd := m.form.blur()
		m.find = newFind(m.c, m.form)
		return cmd
	}
	switch m.scr {
	case scrPicker:
		switch s {
		case "esc":
			return m.askQuit()
		case "enter":
			// opened at once, so keys typed next go into the form
			p, err := m.picker.chosen()
			if err != nil {
				return statusCmd(err.Error(), true)
			}
			return m.pick(p)
		}
		return m.picker.update(k)
	case scrReview:
		switch s {
		case "esc", "ctrl+r":
			m.scr = scrForm
			return nil
		case "ctrl+e":
			return m.openExport(scrReview)
		case "ctrl+s":
			return m.save()
		}
		if id := m.review.key(k); id != "" {
			m.form.jumpTo(id)
			m.scr = scrForm
		}
		return nil
	case scrExport:
		if s == "esc" {
			m.scr = m.export.back
			return nil
		}
		return m.export.update(k)
	}
	// the form
	switch s {
	case "esc":
		return m.askQuit()
	case "ctrl+s":
		return m.save()
	case "ctrl+e":
		return tea.Batch(m.form.blur(), m.openExport(scrForm))
	case "ctrl+r":
		cmd := m.form.blur()
		m.review = newReview(m.c, m.form, m.st)
		m.scr = scrReview
		return cmd
	}
	return m.form.update(k)
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if !m.opt.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "拟稿"
	if m.t != nil {
		v.WindowTitle = "拟稿 — " + m.t.Name
	}
	if m.quit {
		return v
	}
	w, h := m.c.width, m.c.height
	if w == 0 || h == 0 {
		return v
	}
	if w < minWidth || h < minHeight {
		v.SetContent(m.tooSmall(w, h))
		return v
	}
	body := h - 3
	var lines []string
	var cur *tea.Cursor
	var help string
	switch {
	case m.dialog != nil:
		lines, cur = m.dialog.view(w, body)
		help = m.dialog.helpLine(w)
	case m.help != nil:
		lines, cur = m.help.view(w, body)
		help = m.c.styles.help.Render("↑/↓ 翻看  任意键返回")
	case m.draft != nil:
		lines, cur = m.draft.view(w, body)
		help = m.c.styles.help.Render("↑/↓ PgUp/PgDn 翻看  Home/End 开头/末尾  Ctrl+E 导出  Esc 返回")
	case m.find != nil:
		lines, cur = m.find.view(w, body)
		help = m.c.styles.help.Render("输入文字查找  ↑/↓ 选择  Enter 跳过去填  Esc 返回")
	default:
		switch m.scr {
		case scrPicker:
			lines, cur = m.picker.view(w, body)
			help = m.c.styles.help.Render("输入文字筛选  ↑/↓ 选择  Enter 打开  F1 帮助  Esc 退出")
		case scrForm:
			lines, cur = m.form.view(w, body)
			k := m.c.keys
			help = m.c.helpLine(w, k.Next, k.Prev, k.NextSection, k.PrevSec, k.Save, k.Review, key.NewBinding(key.WithHelp("Ctrl+F", "查找")), key.NewBinding(key.WithHelp("Ctrl+P", "全文")), k.Export, k.Help, k.Quit)
			if w < 130 {
				help = m.c.helpLine(w, k.short()...)
			}
		case scrReview:
			lines, cur = m.review.view(w, body)
			help = m.c.styles.help.Render("↑/↓ 选择  Enter 跳到该项去填  Ctrl+E 导出  Esc 返回填写  F1 帮助")
		case scrExport:
			lines, cur = m.export.view(w, body)
			help = m.c.styles.help.Render("Tab/↑/↓ 移动  空格 勾选格式  Enter 导出  Esc 返回")
		}
	}
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
	b.WriteString(fit(help, w))
	v.SetContent(b.String())
	if cur != nil {
		cur.Y++ // below the header
		cur.Shape = tea.CursorBar
		cur.Blink = true
		v.Cursor = cur
	}
	return v
}

func (m *Model) tooSmall(w, h int) string {
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
	if m.t != nil {
		left += " │ " + m.t.Name
	}
	right := ""
	if m.st != nil {
		where := filepath.Base(m.st.path)
		if m.st.autosave {
			where = "自动保存"
		}
		saved := "未保存"
		switch {
		case errors.Is(m.st.err, errChanged), m.st.paused:
			saved = "文件在外面被改过，暂停保存"
		case m.st.err != nil:
			saved = "保存失败"
		case m.st.dirty:
			saved = "正在输入"
		case !m.st.saved.IsZero():
			saved = "已保存 " + m.st.saved.Format("15:04:05")
		case m.st.path != "":
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
	if m.form != nil && m.scr != scrPicker {
		n := m.form.missingCount()
		if n == 0 {
			return st.ok.Render("稿子里的数据都齐了。Ctrl+E 导出")
		}
		return st.dim.Render(truncate(fmt.Sprintf("稿子里还有 %d 处【待填】，Ctrl+R 查看", n), w))
	}
	return ""
}

// save is Ctrl+S: save the answers now. Answers that so far live only in
// the autosave get a name first.
func (m *Model) save() tea.Cmd {
	if m.st == nil {
		return nil
	}
	m.form.blur()
	if m.st.autosave && !m.st.paused {
		m.dialog = saveAsDialog(m)
		return nil
	}
	m.st.paused = false
	if err := m.st.save(true); err != nil {
		if errors.Is(err, errChanged) {
			m.dialog = changedDialog(m)
			return nil
		}
		return statusCmd(err.Error(), true)
	}
	m.st.unexported = false
	return statusCmd("已保存到 "+m.st.path, false)
}

// askQuit quits, first asking when answers could be lost or exist only
// in the autosave.
func (m *Model) askQuit() tea.Cmd {
	if m.st == nil {
		return m.doQuit()
	}
	if m.form != nil {
		m.form.blur()
	}
	if errors.Is(m.st.err, errChanged) || (m.st.dirty && m.st.changedOnDisk()) {
		m.dialog = changedDialog(m)
		return nil
	}
	if m.st.err != nil {
		m.dialog = confirmDialog("答案没能保存", []string{m.st.err.Error(), "", "现在退出，最近的修改会丢失。"},
			dialogChoice{"y", "Y 仍然退出", func(string) tea.Cmd { return m.doQuit() }},
			dialogChoice{"n", "N 返回", nil})
		return nil
	}
	if m.st.autosave && m.st.unexported {
		m.dialog = confirmDialog("退出拟稿？", []string{
			"填写的内容已自动保存，下次打开这个模板时可以接着填。",
			"但还没有另存为答案文件，也没有导出稿子。",
		},
			dialogChoice{"y", "Y 退出", func(string) tea.Cmd { return m.doQuit() }},
			dialogChoice{"s", "S 保存答案…", func(string) tea.Cmd { m.dialog = saveAsDialog(m); return nil }},
			dialogChoice{"n", "N 返回", nil})
		return nil
	}
	return m.doQuit()
}

func (m *Model) doQuit() tea.Cmd {
	if m.st != nil {
		m.st.save(false)
	}
	m.quit = true
	return tea.Quit
}

func (m *Model) pick(p pickMsg) tea.Cmd {
	if a := p.action; a != nil {
		if a.Ask != nil {
			m.dialog = fileDialog(m, a)
			return nil
		}
		cmd, err := m.runAction(a, "")
		if err != nil {
			return statusCmd(err.Error(), true)
		}
		return cmd
	}
	t, err := m.set.Load(p.id)
	if err != nil {
		return statusCmd(err.Error(), true)
	}
	if err := m.open(t, nil); err != nil {
		return statusCmd(err.Error(), true)
	}
	m.status = ""
	return nil
}

// runAction runs a picker action and opens the form on its result.
func (m *Model) runAction(a *PickerAction, path string) (tea.Cmd, error) {
	res, err := a.Run(m.set, path)
	if err != nil {
		return nil, err
	}
	if res == nil || res.Template == nil {
		return nil, errors.New(a.Label + "：没有得到模板")
	}
	if err := m.open(res.Template, res.Answers); err != nil {
		return nil, err
	}
	m.status = ""
	var cmd tea.Cmd
	if res.Answers != nil {
		// save now: the answers exist nowhere else the wizard knows of
		if err := m.st.save(true); err != nil {
			cmd = statusCmd(err.Error(), true)
		}
		m.st.unexported = true
	}
	if res.Title != "" || len(res.Summary) > 0 {
		m.dialog = confirmDialog(res.Title, res.Summary, dialogChoice{"enter", "Enter 开始填写", nil})
	}
	return cmd, nil
}

func findDraftAt(path string) (*draftInfo, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := schema.LoadAnswersFile(path)
	if err != nil {
		return nil, fmt.Errorf("自动保存的草稿读不出来（%v），从空白开始", err)
	}
	n := 0
	for _, k := range a.Keys() {
		if r, ok := a.Get(k); ok && !r.IsEmpty() {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return &draftInfo{path: path, answers: a, filled: n, modTime: fi.ModTime()}, nil
}

func resumeDialog(m *Model, d *draftInfo) *dialog {
	return confirmDialog("接着填上次的稿子？", []string{
		fmt.Sprintf("“%s”有一份没有完成的草稿：已填 %d 项，最后保存于 %s。", m.t.Name, d.filled, d.modTime.Format("2006-01-02 15:04")),
		"",
		"草稿文件：" + d.path,
	},
		dialogChoice{"y", "Enter 接着填", nil},
		dialogChoice{"n", "N 重新开始（旧草稿改名为 .bak 留存）", func(string) tea.Cmd {
			bak := d.path + ".bak"
			if err := os.Rename(d.path, bak); err != nil {
				return statusCmd("旧草稿改名失败："+err.Error(), true)
			}
			m.open(m.t, schema.NewAnswers(m.t))
			m.st.dirty = false
			return statusCmd("已重新开始；旧草稿在 "+bak, false)
		}})
}
