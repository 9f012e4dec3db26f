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
// soft-serve's pkg/ui uses), and the outbox through which pages speak
// to the wizard.
type common struct {
	width, height int
	styles        styles
	keys          keyMap
	outbox        []tea.Msg
}

// send says something to the wizard (open a page, close one, go to a
// field …). It is handled as soon as the update that sent it returns,
// before the next key: a key typed right after Ctrl+R goes to the review
// page, not to the form under it.
func (c *common) send(msg tea.Msg) { c.outbox = append(c.outbox, msg) }

// open puts p over the pages shown; close takes p away.
func (c *common) open(p page)  { c.send(openMsg{p}) }
func (c *common) close(p page) { c.send(closeMsg{p}) }

// A page is one screen of the wizard: the picker or the form, and the
// overlays opened over them (review, export, find, draft, help,
// dialogs). The wizard hands every key, paste, click and window size to
// the page on top, draws it between the header and the status line, and
// shows its help line.
type page interface {
	// update handles a message: a key, a paste, a mouseMsg, a window
	// size, or one the wizard hands on (jumpToFieldMsg, blurMsg,
	// reloadedMsg). A page speaks to the wizard through common.send.
	update(msg tea.Msg) (page, tea.Cmd)
	// view draws the page in width × height cells: its lines and, when a
	// text box has the focus, where the terminal cursor goes.
	view(width, height int) ([]string, *tea.Cursor)
	// shortHelp is the keys the help line names, most useful first; the
	// help page (F1) lists every key (keyMap.fullHelp).
	shortHelp(width int) []key.Binding
}

// A modal page takes every key itself, Ctrl+C and F1 too (a dialog: its
// Esc; the help page: any key closes it).
type modal interface{ modal() }

// Messages pages send to the wizard.
type (
	openMsg  struct{ p page } // put p on top
	closeMsg struct{ p page } // take p away, wherever it is
	// jumpToFieldMsg: close the overlays; the form goes to field id, or
	// with part set, to that part's 写入稿子, with add too, to its
	// ＋ 加一句带数字的话.
	jumpToFieldMsg struct {
		id, part string
		add      bool
	}
	askQuitMsg struct{} // quit, asking first when answers could be lost
	quitMsg    struct{} // quit now
	// reloadedMsg: the session's answers were replaced (read in again,
	// started afresh); the overlays close and the form shows them.
	reloadedMsg struct{}
	// blurMsg tells the form the clerk is leaving it (to quit): the field
	// being typed is complete.
	blurMsg struct{}
)

// mouseMsg is a left click (wheel 0) or a notch of the wheel (-1 up,
// 1 down) at cell x, y of the page.
type mouseMsg struct{ x, y, wheel int }

// wheelStep is how many lines one notch of the wheel scrolls.
const wheelStep = 3

// follow is the first line to show of lines room high, scrolled from
// scroll as little as needed for lines top to bot to show (top first,
// when they are more than room).
func follow(scroll, top, bot, room int) int {
	if bot >= scroll+room {
		scroll = bot - room + 1
	}
	return max(0, min(scroll, top))
}

// statusMsg shows a message in the status line.
type statusMsg struct {
	text string
	err  bool
}

func statusCmd(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text, isErr} }
}

// bind is a key binding for the help line alone (a page's own keys,
// handled in its update); keys "" shows just the description.
func bind(keys, desc string) key.Binding {
	return key.NewBinding(key.WithHelp(keys, desc))
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
	Unfold, Fold         key.Binding
	Save, Export, Review key.Binding
	Find, Preview        key.Binding
	Send, Take           key.Binding
	Help, Quit           key.Binding
	Toggle, Omit         key.Binding
	Undo, Redo           key.Binding
	ItemUp, ItemDown     key.Binding
	ItemDelete           key.Binding
	Rename               key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Next:        key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("Tab/↓", "下一项")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab/↑", "上一项")),
		Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "下一项（列表中：新增一条）")),
		NextSection: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("PgDn", "大纲里的下一部分（最深一层展开的）")),
		PrevSec:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("PgUp", "大纲里的上一部分")),
		Unfold:      key.NewBinding(key.WithKeys("alt+right", "ctrl+right"), key.WithHelp("Alt+→", "展开这一部分的小节，到第一个小节")),
		Fold:        key.NewBinding(key.WithKeys("alt+left", "ctrl+left"), key.WithHelp("Alt+←", "收起到上一级：它的所有字段在一页里")),
		Save:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", "保存答案")),
		Export:      key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("Ctrl+E", "导出")),
		Review:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("Ctrl+R", "检查")),
		Preview:     key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("Ctrl+P", "全文预览：从标题到落款通读一遍，每行 28 字")),
		Find:        key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("Ctrl+F", "查找字段（按名称、部分或填的内容）")),
		Send:        key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("Ctrl+T", "发报送表：每个部门一张 Excel 表，只有它要报的数")),
		Take:        key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("Ctrl+G", "收报送表：收回的表逐项核对后填进来")),
		Help:        key.NewBinding(key.WithKeys("f1", "?"), key.WithHelp("F1", "帮助")),
		Quit:        key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("Esc", "退出")),
		Toggle:      key.NewBinding(key.WithKeys("space", "left", "right"), key.WithHelp("←/→/空格", "切换选项")),
		Omit:        key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("Ctrl+O", "光标所在小节（或整个部分）写入或不写入稿子")),
		Undo:        key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("Ctrl+Z", "撤销：最近改过的一项恢复成改之前（可以连续按）")),
		Redo:        key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("Ctrl+Y", "恢复刚撤销的修改")),
		ItemUp:      key.NewBinding(key.WithKeys("alt+up", "ctrl+up"), key.WithHelp("Alt+↑", "列表项上移")),
		ItemDown:    key.NewBinding(key.WithKeys("alt+down", "ctrl+down"), key.WithHelp("Alt+↓", "列表项下移")),
		ItemDelete:  key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("Ctrl+X", "删除列表项")),
		Rename:      key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", "给光标所在字段改名（写回模板文件；导入的模板里名称待定的在检查页列出）")),
	}
}

// helpLine renders bindings as "键 说明  键 说明 …" cut to width.
func (c *common) helpLine(width int, bs ...key.Binding) string {
	var b strings.Builder
	w := 0
	for i, k := range bs {
		h := k.Help()
		item := strings.TrimSpace(h.Key + " " + h.Desc)
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
		switch {
		case h.Key == "":
			b.WriteString(c.styles.help.Render(h.Desc))
		case h.Desc == "":
			b.WriteString(c.styles.helpKey.Render(h.Key))
		default:
			b.WriteString(c.styles.helpKey.Render(h.Key) + " " + c.styles.help.Render(h.Desc))
		}
		w += iw
	}
	return b.String()
}

// short is the help line of the form on terminals under 130 cells.
func (k keyMap) short() []key.Binding {
	return []key.Binding{
		bind("Tab/↑↓", "换项"), bind("PgDn/PgUp", "换部分"), bind("^S", "保存"), bind("^R", "检查"),
		bind("^E", "导出"), bind("F1", "帮助"), bind("Esc", "退出"), bind("^F", "查找"), bind("^P", "全文"), // these go first when space is short
	}
}
