package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size the wizard lays out in; smaller shows a message.
const (
	minWidth  = 80
	minHeight = 20
)

// common is what every page shares: size, styles and keys (the layout
// soft-serve's pkg/ui uses).
type common struct {
	width, height int
	styles        styles
	keys          keyMap
}

// page is one screen of the wizard. view returns the page's lines and,
// when a text field has focus, where the real terminal cursor goes
// (cell column and row within the page).
type page interface {
	update(msg tea.Msg) tea.Cmd
	view(width, height int) ([]string, *tea.Cursor)
}

// A paint is a style as a ready SGR sequence: styling a string is two
// concatenations. (lipgloss.Style.Render was a fifth of a keystroke's
// time in BenchmarkKeystroke.) Colours are lipgloss's; bubbletea's
// renderer adapts them to the terminal's colour profile.
type paint struct{ on string }

func newPaint(st ansi.Style) paint {
	if len(st) == 0 {
		return paint{}
	}
	return paint{st.String()}
}

// Render styles s.
func (p paint) Render(s string) string {
	if p.on == "" || s == "" {
		return s
	}
	return p.on + s + "\x1b[m"
}

type styles struct {
	header, headerDim   paint
	title, plain        paint
	heading, subheading paint
	subheadingBold      paint
	dim, help, helpKey  paint
	focus, selected     paint
	ok, warn, err       paint
	input, inputFocus   paint
	missing             paint
	omitted             paint
	dialog              paint
}

func defaultStyles() styles {
	accent := lipgloss.Color("#2B6CB0")
	red := lipgloss.Color("#C53030")
	grey := lipgloss.Color("#808080")
	banner := lipgloss.Color("#9B2C2C")
	var s ansi.Style
	return styles{
		header:         newPaint(s.Bold().ForegroundColor(lipgloss.Color("#FFFFFF")).BackgroundColor(banner)),
		headerDim:      newPaint(s.ForegroundColor(lipgloss.Color("#FED7D7")).BackgroundColor(banner)),
		title:          newPaint(s.Bold()),
		heading:        newPaint(s.Bold().ForegroundColor(accent)),
		subheading:     newPaint(s.ForegroundColor(accent)),
		subheadingBold: newPaint(s.Bold().ForegroundColor(accent)),
		dim:            newPaint(s.ForegroundColor(grey)),
		help:           newPaint(s.ForegroundColor(grey)),
		helpKey:        newPaint(s.Bold().ForegroundColor(lipgloss.Color("#A0A0A0"))),
		focus:          newPaint(s.Bold().ForegroundColor(accent)),
		selected:       newPaint(s.Reverse(true)),
		ok:             newPaint(s.ForegroundColor(lipgloss.Color("#2F855A"))),
		warn:           newPaint(s.ForegroundColor(lipgloss.Color("#B7791F"))),
		err:            newPaint(s.ForegroundColor(red)),
		input:          newPaint(s.Underline(true)),
		inputFocus:     newPaint(s.BackgroundColor(lipgloss.Color("#EDF2F7")).ForegroundColor(lipgloss.Color("#1A202C"))),
		missing:        newPaint(s.Bold().ForegroundColor(red)),
		omitted:        newPaint(s.ForegroundColor(grey).Strikethrough(true)),
		dialog:         newPaint(s.Bold().ForegroundColor(accent)),
	}
}

// keyMap holds the wizard's keys. They are the contract in the brief
// and in docs/wizard.md; the help line and help page are built from it.
type keyMap struct {
	Next, Prev           key.Binding
	Enter                key.Binding
	NextSection, PrevSec key.Binding
	Save, Export, Review key.Binding
	Find, Preview        key.Binding
	Help, Quit           key.Binding
	Toggle, Omit         key.Binding
	Undo, Redo           key.Binding
	ItemUp, ItemDown     key.Binding
	ItemDelete           key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Next:        key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("Tab/↓", "下一项")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab/↑", "上一项")),
		Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "下一项（列表中：新增一条）")),
		NextSection: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("PgDn", "下一部分")),
		PrevSec:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("PgUp", "上一部分")),
		Save:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", "保存答案")),
		Export:      key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("Ctrl+E", "导出")),
		Review:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("Ctrl+R", "检查")),
		Preview:     key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("Ctrl+P", "全文预览：从标题到落款通读一遍，每行 28 字")),
		Find:        key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("Ctrl+F", "查找字段（按名称、部分或填的内容）")),
		Help:        key.NewBinding(key.WithKeys("f1", "?"), key.WithHelp("F1", "帮助")),
		Quit:        key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("Esc", "退出")),
		Toggle:      key.NewBinding(key.WithKeys("space", "left", "right"), key.WithHelp("←/→/空格", "切换选项")),
		Omit:        key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("Ctrl+O", "光标所在小节（或整个部分）写入或不写入稿子")),
		Undo:        key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("Ctrl+Z", "撤销：最近改过的一项恢复成改之前（可以连续按）")),
		Redo:        key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("Ctrl+Y", "恢复刚撤销的修改")),
		ItemUp:      key.NewBinding(key.WithKeys("alt+up", "ctrl+up"), key.WithHelp("Alt+↑", "列表项上移")),
		ItemDown:    key.NewBinding(key.WithKeys("alt+down", "ctrl+down"), key.WithHelp("Alt+↓", "列表项下移")),
		ItemDelete:  key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("Ctrl+X", "删除列表项")),
	}
}

// helpLine renders bindings as "键 说明  键 说明 …" cut to width.
func (c *common) helpLine(width int, bs ...key.Binding) string {
	var b strings.Builder
	w := 0
	for i, k := range bs {
		h := k.Help()
		item := h.Key + " " + h.Desc
		iw := strWidth(item)
		if i > 0 {
			iw += 2
		}
		if w+iw > width {
			break
		}
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(c.styles.helpKey.Render(h.Key) + " " + c.styles.help.Render(h.Desc))
		w += iw
	}
	return b.String()
}

// short is the help line of the form on terminals under 130 cells.
func (k keyMap) short() []key.Binding {
	b := func(keys, desc string) key.Binding { return key.NewBinding(key.WithHelp(keys, desc)) }
	return []key.Binding{
		b("Tab/↑↓", "换项"), b("PgDn/PgUp", "换部分"), b("^S", "保存"), b("^R", "检查"),
		b("^E", "导出"), b("F1", "帮助"), b("Esc", "退出"), b("^F", "查找"), b("^P", "全文"), // these go first when space is short
	}
}
