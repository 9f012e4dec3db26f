package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/templates"
)

// The template picker: built-in and user templates with kind,
// description and section count, filtered as the clerk types; extra
// actions (PickerAction) follow the templates.
type pickerPage struct {
	c       *common
	entries []templates.Entry
	actions []PickerAction
	drafts  map[string]bool
	filter  *editor
	sel     int
	scroll  int
	listTop int // line of the first listed item in the last frame
}

// chosen returns what Enter picks: a template (id) or an action.
func (p *pickerPage) chosen() (pickMsg, error) {
	items := p.items()
	if p.sel < 0 || p.sel >= len(items) {
		return pickMsg{}, errors.New("没有选中模板")
	}
	it := items[p.sel]
	if it.action != nil {
		return pickMsg{action: it.action}, nil
	}
	if it.entry.Err != nil {
		return pickMsg{}, errors.New("这个模板有错误，打不开：" + it.entry.Err.Error())
	}
	id := it.entry.ID
	if !it.entry.Builtin && it.entry.Path != "" {
		id = it.entry.Path
	}
	return pickMsg{id: id}, nil
}

// pickMsg opens a template (id) or runs an action; the wizard does it
// at once, so keys typed right after Enter go into the form.
type pickMsg struct {
	id     string
	action *PickerAction
}

type pickerItem struct {
	entry  *templates.Entry
	action *PickerAction
}

func newPicker(c *common, set *templates.Set, actions []PickerAction, autosaveDir string) *pickerPage {
	p := &pickerPage{c: c, entries: set.CheckedEntries(), actions: actions, drafts: map[string]bool{}, filter: newEditor("", false)}
	for _, e := range p.entries {
		if autosaveDir != "" {
			if fi, err := os.Stat(filepath.Join(autosaveDir, safeFileName(e.ID)+".yaml")); err == nil && fi.Size() > 0 {
				p.drafts[e.ID] = true
			}
		}
	}
	// the default template first under the cursor
	for i, it := range p.items() {
		if it.entry != nil && it.entry.ID == templates.Default {
			p.sel = i
		}
	}
	return p
}

func (p *pickerPage) items() []pickerItem {
	q := strings.ToLower(strings.TrimSpace(p.filter.String()))
	var out []pickerItem
	match := func(ss ...string) bool {
		if q == "" {
			return true
		}
		for _, s := range ss {
			if strings.Contains(strings.ToLower(s), q) {
				return true
			}
		}
		return false
	}
	for i := range p.entries {
		e := &p.entries[i]
		if match(e.ID, e.Name, e.Kind, e.Description, e.Source) {
			out = append(out, pickerItem{entry: e})
		}
	}
	for i := range p.actions {
		a := &p.actions[i]
		if match(a.Label, a.Description) {
			out = append(out, pickerItem{action: a})
		}
	}
	return out
}

func (p *pickerPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		p.filter.insert(msg.Content)
		p.sel = 0
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case mouseMsg:
		return p, p.mouse(msg)
	}
	return p, nil
}

func (p *pickerPage) key(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		p.c.send(askQuitMsg{})
		return nil
	case "enter":
		return p.open()
	case "up", "shift+tab", "ctrl+p":
		if p.sel > 0 {
			p.sel--
		}
		return nil
	case "down", "tab", "ctrl+n":
		if p.sel < len(p.items())-1 {
			p.sel++
		}
		return nil
	}
	if p.filter.handleKey(k) == editChanged {
		p.sel = 0
	}
	return nil
}

// open asks the wizard to open the item chosen.
func (p *pickerPage) open() tea.Cmd {
	pm, err := p.chosen()
	if err != nil {
		return statusCmd(err.Error(), true)
	}
	p.c.send(pm)
	return nil
}

// mouse: the wheel moves the choice; a click chooses an item, a click on
// the chosen one opens it, as Enter does.
func (p *pickerPage) mouse(ms mouseMsg) tea.Cmd {
	if ms.wheel != 0 {
		p.sel = max(0, min(p.sel+ms.wheel, len(p.items())-1))
		return nil
	}
	i, ok := p.itemAt(ms.y)
	switch {
	case !ok:
		return nil
	case i != p.sel:
		p.sel = i
		return nil
	}
	return p.open()
}

// itemAt returns the item shown at page row y.
func (p *pickerPage) itemAt(y int) (int, bool) {
	if y < p.listTop {
		return 0, false
	}
	off := y - p.listTop
	if off%pickerItemLines == pickerItemLines-1 {
		return 0, false // the blank line between items
	}
	i := p.scroll + off/pickerItemLines
	return i, i < len(p.items())
}

func (p *pickerPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("", "输入文字筛选"), bind("↑/↓", "选择"), bind("Enter", "打开"), bind("F1", "帮助"), bind("Esc", "退出")}
}

func (p *pickerPage) view(width, height int) ([]string, *tea.Cursor) {
	st := p.c.styles
	lines := []string{
		st.heading.Render("选择要写的稿子"),
		"",
	}
	prompt := "筛选："
	fw := min(40, width-strWidth(prompt)-4)
	text, cx := p.filter.viewLine(fw)
	cur := tea.NewCursor(1+strWidth(prompt)+1+cx, len(lines))
	lines = append(lines, " "+prompt+"["+st.inputFocus.Render(text)+"]"+st.dim.Render("  输入模板名、类型筛选"))
	lines = append(lines, "")
	items := p.items()
	if p.sel >= len(items) {
		p.sel = max(0, len(items)-1)
	}
	listTop := len(lines)
	p.listTop = listTop
	visible := max(1, (height-listTop)/pickerItemLines)
	if p.sel < p.scroll {
		p.scroll = p.sel
	}
	if p.sel >= p.scroll+visible {
		p.scroll = p.sel - visible + 1
	}
	if len(items) == 0 {
		lines = append(lines, st.dim.Render("  没有符合的模板。按 Backspace 修改筛选。"))
	}
	for i := p.scroll; i < len(items) && i < p.scroll+visible; i++ {
		it := items[i]
		marker := "  "
		nameStyle := st.title
		if i == p.sel {
			marker = st.focus.Render("> ")
			nameStyle = st.focus
		}
		var name, meta, desc string
		if e := it.entry; e != nil {
			name = e.Name
			src := "内置"
			if !e.Builtin {
				src = e.Source
			}
			kind := e.Kind
			if kind == "" {
				kind = "模板"
			}
			meta = fmt.Sprintf("%s · %d 个部分 · %s · %s", kind, e.Sections, src, e.ID)
			if p.drafts[e.ID] {
				meta += " · " + st.warn.Render("有未完成的草稿")
			}
			desc = e.Description
			if e.Err != nil {
				meta = fmt.Sprintf("%s · 有错误，打不开 · %s · %s", kind, src, e.ID)
				desc = st.err.Render("有错误：" + e.Err.Error())
			}
		} else {
			name = it.action.Label
			meta = "操作"
			desc = it.action.Description
		}
		lines = append(lines,
			marker+nameStyle.Render(name)+"  "+st.dim.Render(meta),
			"    "+st.dim.Render(truncate(desc, width-6)),
			"")
	}
	return fitLines(lines, width), cur
}

// pickerItemLines is the height of an item: name, description, space.
const pickerItemLines = 3

func fitLines(lines []string, width int) []string {
	for i, l := range lines {
		lines[i] = fit(l, width)
	}
	return lines
}
