package tui

import (
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// A dialog asks one question over the current page: a confirmation
// (覆盖吗？退出吗？) or a file name.
type dialog struct {
	c       *common
	title   string
	lines   []string
	input   *editor // nil for a plain question
	prompt  string
	choices []dialogChoice

	// try, when set, is Enter instead of the first choice's run; it may
	// refuse the input: the dialog stays open with the input kept and
	// the error (errText) shown under it until the input changes.
	try     func(input string) (tea.Cmd, error)
	errText string
	tab     func(in string) string   // Tab in the input (path completion)
	below   func(in string) []string // lines under the input (matching files)
	help    string                   // the help line, when not the default
}

// dialogChoice is an answer: its key, its label and what it does (nil:
// just close). The first choice is also Enter; the last also Esc.
type dialogChoice struct {
	key   string
	label string
	run   func(input string) tea.Cmd
}

func confirmDialog(title string, lines []string, choices ...dialogChoice) *dialog {
	return &dialog{title: title, lines: lines, choices: choices}
}

func inputDialog(title, prompt, value string, lines []string, ok func(string) tea.Cmd) *dialog {
	return &dialog{title: title, lines: lines, prompt: prompt, input: newEditor(value, false),
		choices: []dialogChoice{{"enter", "Enter 确定", ok}, {"esc", "Esc 取消", nil}}}
}

// update handles a key; done reports that the dialog is finished.
func (d *dialog) update(msg tea.Msg) (tea.Cmd, bool) {
	if p, ok := msg.(tea.PasteMsg); ok {
		if d.input != nil {
			d.input.insert(p.Content)
			d.errText = ""
		}
		return nil, false
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	s := k.String()
	in := ""
	if d.input != nil {
		in = strings.TrimSpace(d.input.String())
	}
	pick := func(c dialogChoice) (tea.Cmd, bool) {
		if c.run == nil {
			return nil, true
		}
		return c.run(in), true
	}
	switch s {
	case "enter":
		if d.try != nil {
			cmd, err := d.try(in)
			if err != nil {
				d.errText = err.Error()
				return cmd, false
			}
			return cmd, true
		}
		return pick(d.choices[0])
	case "esc", "ctrl+c":
		return pick(d.choices[len(d.choices)-1])
	case "tab":
		if d.input != nil && d.tab != nil {
			if v := d.tab(d.input.String()); v != d.input.String() {
				d.input.setValue(v)
				d.errText = ""
			}
			return nil, false
		}
	}
	if d.input != nil {
		if d.input.handleKey(k) == editChanged {
			d.errText = ""
		}
		return nil, false
	}
	for _, c := range d.choices {
		if strings.EqualFold(s, c.key) {
			return pick(c)
		}
	}
	return nil, false
}

func (d *dialog) view(width, height int) ([]string, *tea.Cursor) {
	st := defaultStyles()
	bw := min(width-4, 76)
	var box []string
	box = append(box, st.dialog.Render(d.title), "")
	for _, l := range d.lines {
		if l == "" {
			box = append(box, "")
			continue
		}
		box = append(box, wrapText(l, bw)...)
	}
	var cur *tea.Cursor
	if d.input != nil {
		box = append(box, "")
		iw := bw - strWidth(d.prompt) - 2
		text, cx := d.input.viewLine(iw)
		cur = tea.NewCursor(strWidth(d.prompt)+1+cx, len(box))
		box = append(box, d.prompt+"["+st.inputFocus.Render(text)+"]")
		if d.errText != "" {
			for _, l := range wrapText(d.errText, bw) {
				box = append(box, st.err.Render(l))
			}
		}
		if d.below != nil {
			// what fits, leaving room for the choices
			room := height - len(box) - 2
			for i, l := range d.below(d.input.String()) {
				if i >= room {
					break
				}
				box = append(box, st.dim.Render(truncate(l, bw)))
			}
		}
	}
	box = append(box, "")
	var cs []string
	for _, c := range d.choices {
		cs = append(cs, c.label)
	}
	box = append(box, st.helpKey.Render(strings.Join(cs, "    ")))

	left := max(0, (width-bw)/2)
	top := max(0, (height-len(box))/3)
	out := make([]string, height)
	pad := strings.Repeat(" ", left)
	for i, l := range box {
		if top+i < height {
			out[top+i] = pad + l
		}
	}
	if cur != nil {
		cur.X += left
		cur.Y += top
	}
	return out, cur
}

func (d *dialog) helpLine(w int) string {
	if d.help != "" {
		return defaultStyles().help.Render(truncate(d.help, w))
	}
	if d.input != nil {
		return defaultStyles().help.Render("输入文件名  Enter 确定  Esc 取消")
	}
	var cs []string
	for _, c := range d.choices {
		cs = append(cs, c.label)
	}
	return defaultStyles().help.Render(truncate(strings.Join(cs, "  "), w))
}

// saveAsDialog asks for a file name for answers kept so far only in the
// autosave; from then on every change is saved to that file.
func saveAsDialog(m *Model) *dialog {
	s := m.s
	def := s.draftName(s.t.ID) + ".yaml"
	var save func(name string, force bool) tea.Cmd
	save = func(name string, force bool) tea.Cmd {
		if name == "" {
			return statusCmd("没有保存：文件名是空的", true)
		}
		if !strings.HasSuffix(strings.ToLower(name), ".yaml") && !strings.HasSuffix(strings.ToLower(name), ".yml") {
			name += ".yaml"
		}
		if _, err := os.Stat(name); err == nil && !force {
			m.dialog = confirmDialog("文件已存在", []string{name + " 已经存在。覆盖它吗？"},
				dialogChoice{"y", "Y 覆盖", func(string) tea.Cmd { return save(name, true) }},
				dialogChoice{"n", "N 不覆盖", nil})
			return nil
		}
		if err := s.saveAs(name); err != nil {
			return statusCmd(err.Error(), true)
		}
		abs, _ := filepath.Abs(name)
		return statusCmd("答案已保存到 "+abs+"；以后的修改都自动存到这里（下次用 nigao fill -a 接着填）", false)
	}
	return inputDialog("保存答案", "文件名：", def, []string{
		"把填写的内容存为答案文件，以后可以用 nigao fill -a 文件名 接着填，或用 nigao render 生成稿子。",
	}, func(name string) tea.Cmd { return save(name, false) })
}

// changedDialog asks what to do when the answers file was changed outside
// the wizard: read it in (losing what the wizard has not saved, which is
// at most the last few seconds of typing), overwrite it, or decide later
// (autosaving pauses; Ctrl+S and quitting ask again).
func changedDialog(m *Model) *dialog {
	s := m.s
	return confirmDialog("答案文件在向导之外被改过", []string{
		s.st.path,
		"",
		"可能是在记事本等程序里改过，或者另开了一个向导也在填它。向导没有覆盖它。",
		"读入：用文件里现在的内容，向导里还没存进去的修改（最近几秒的输入）不要了。",
		"覆盖：用向导里的内容，文件里别处做的修改不要了。",
	},
		dialogChoice{"r", "R 读入文件", func(string) tea.Cmd {
			cmd, ok := s.readDisk()
			if ok {
				// shown in the section the clerk was in
				cur := m.form.cur
				m.find, m.draft = nil, nil // they show the form being replaced
				m.form = newForm(m.c, s)
				m.form.setSection(min(cur, len(m.form.secs)-1), true)
				m.scr = scrForm
			}
			return cmd
		}},
		dialogChoice{"y", "Y 覆盖文件", func(string) tea.Cmd { return s.overwrite() }},
		dialogChoice{"n", "Esc 稍后再说（暂停自动保存）", func(string) tea.Cmd { return s.pause() }})
}
