package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// A dialog asks one question over the page shown: a confirmation
// (覆盖吗？退出吗？) or a file name. It takes every key until answered.
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
	help    []key.Binding            // the help line, when not the choices
}

// dialogChoice is an answer: its key, its label ("Y 覆盖": the key, a
// space, what it does) and what it does (nil: just close). The first
// choice is also Enter; the last also Esc.
type dialogChoice struct {
	key   string
	label string
	run   func(input string) tea.Cmd
}

// say is a choice that sends msg to the wizard.
func (c *common) say(msg tea.Msg) func(string) tea.Cmd {
	return func(string) tea.Cmd { c.send(msg); return nil }
}

func confirmDialog(c *common, title string, lines []string, choices ...dialogChoice) *dialog {
	return &dialog{c: c, title: title, lines: lines, choices: choices}
}

func inputDialog(c *common, title, prompt, value string, lines []string, ok func(string) tea.Cmd) *dialog {
	return &dialog{c: c, title: title, lines: lines, prompt: prompt, input: newEditor(value, false),
		choices: []dialogChoice{{"enter", "Enter 确定", ok}, {"esc", "Esc 取消", nil}},
		help:    []key.Binding{bind("", "输入文件名"), bind("Enter", "确定"), bind("Esc", "取消")}}
}

func (d *dialog) modal() {}

func (d *dialog) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if d.input != nil {
			d.input.insert(msg.Content)
			d.errText = ""
		}
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *dialog) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	in := ""
	if d.input != nil {
		in = strings.TrimSpace(d.input.String())
	}
	pick := func(c dialogChoice) tea.Cmd {
		d.c.close(d)
		if c.run == nil {
			return nil
		}
		return c.run(in)
	}
	switch s {
	case "enter":
		if d.try != nil {
			cmd, err := d.try(in)
			if err != nil {
				d.errText = err.Error()
				return nil
			}
			d.c.close(d)
			return cmd
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
			return nil
		}
	}
	if d.input != nil {
		if d.input.handleKey(k) == editChanged {
			d.errText = ""
		}
		return nil
	}
	for _, c := range d.choices {
		if strings.EqualFold(s, c.key) {
			return pick(c)
		}
	}
	return nil
}

func (d *dialog) view(width, height int) ([]string, *tea.Cursor) {
	st := d.c.styles
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
			for _, para := range strings.Split(d.errText, "\n") {
				for _, l := range wrapText(para, bw) {
					box = append(box, st.err.Render(l))
				}
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

	return placeBox(box, bw, width, height, cur)
}

func (d *dialog) shortHelp(int) []key.Binding {
	if d.help != nil {
		return d.help
	}
	var bs []key.Binding
	for _, c := range d.choices {
		k, desc, _ := strings.Cut(c.label, " ")
		bs = append(bs, bind(k, desc))
	}
	return bs
}

// saveAsDialog asks for a file name for answers kept so far only in the
// autosave; from then on every change is saved to that file.
func saveAsDialog(c *common, s *session) *dialog {
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
			c.open(confirmDialog(c, "文件已存在", []string{name + " 已经存在。覆盖它吗？"},
				dialogChoice{"y", "Y 覆盖", func(string) tea.Cmd { return save(name, true) }},
				dialogChoice{"n", "N 不覆盖", nil}))
			return nil
		}
		if err := s.saveAs(name); err != nil {
			return statusCmd(err.Error(), true)
		}
		abs, _ := filepath.Abs(name)
		return statusCmd("答案已保存到 "+abs+"；以后的修改都自动存到这里（下次用 nigao fill -a 接着填）", false)
	}
	return inputDialog(c, "保存答案", "文件名：", def, []string{
		"把填写的内容存为答案文件，以后可以用 nigao fill -a 文件名 接着填，或用 nigao render 生成稿子。",
	}, func(name string) tea.Cmd { return save(name, false) })
}

// changedDialog asks what to do when the answers file was changed outside
// the wizard: read it in (losing what the wizard has not saved, which is
// at most the last few seconds of typing), overwrite it, or decide later
// (autosaving pauses; Ctrl+S and quitting ask again).
func changedDialog(c *common, s *session) *dialog {
	return confirmDialog(c, "答案文件在向导之外被改过", []string{
		s.st.path,
		"",
		"可能是在记事本等程序里改过，或者另开了一个向导也在填它。向导没有覆盖它。",
		"读入：用文件里现在的内容，向导里还没存进去的修改（最近几秒的输入）不要了。",
		"覆盖：用向导里的内容，文件里别处做的修改不要了。",
	},
		dialogChoice{"r", "R 读入文件", func(string) tea.Cmd {
			cmd, ok := s.readDisk()
			return reloaded(c, cmd, ok)
		}},
		dialogChoice{"y", "Y 覆盖文件", func(string) tea.Cmd { return s.overwrite() }},
		dialogChoice{"n", "Esc 稍后再说（暂停自动保存）", func(string) tea.Cmd { return s.pause() }})
}

// resumeDialog offers an unfinished autosaved draft, or a fresh start.
func resumeDialog(c *common, s *session, d *draftInfo) *dialog {
	return confirmDialog(c, "接着填上次的稿子？", []string{
		fmt.Sprintf("“%s”有一份没有完成的草稿：已填 %d 项，最后保存于 %s。", s.t.Name, d.filled, d.modTime.Format("2006-01-02 15:04")),
		"",
		"草稿文件：" + d.path,
	},
		dialogChoice{"y", "Enter 接着填", nil},
		dialogChoice{"n", "N 重新开始（旧草稿改名为 .bak 留存）", func(string) tea.Cmd {
			cmd, ok := s.restart(d)
			return reloaded(c, cmd, ok)
		}})
}

// reloaded tells the wizard the session's answers were replaced, if they
// were, and passes on what the session said about it.
func reloaded(c *common, cmd tea.Cmd, ok bool) tea.Cmd {
	if ok {
		c.send(reloadedMsg{})
	}
	return cmd
}

// placeBox centres a box bw cells wide across width and a third of the
// way down height, moving the cursor in it along.
func placeBox(box []string, bw, width, height int, cur *tea.Cursor) ([]string, *tea.Cursor) {
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
