package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/schema"
)

// The find page (Ctrl+F): every field the clerk fills, narrowed as
// they type — by name, id, section or what is filled in — so a figure
// in a 300-field template is a few keys away. Enter goes to it.
type findPage struct {
	c       *common
	s       *session
	input   *editor
	hits    []findHit
	sel     int
	scroll  int
	listTop int // page row of the first hit in the last frame
}

// findHit is a field as the find page lists it.
type findHit struct {
	id    string
	label string
	path  string // where it is in the outline: 一、年度总结 › （三）安全生产
	shown string // its value, or its state when it has none
	state schema.State
	text  string // what the query is matched against, lower-cased
}

func newFind(c *common, s *session) *findPage {
	p := &findPage{c: c, s: s, input: newEditor("", false)}
	p.search()
	return p
}

// search lists the fields matching every word of the query.
func (p *findPage) search() {
	words := strings.Fields(strings.ToLower(p.input.String()))
	p.hits = p.hits[:0]
	paths := map[*node]string{}
	for _, fl := range p.s.t.Fields() {
		if fl.Computed() {
			continue
		}
		n := p.s.tree.of(fl.Part)
		path, ok := paths[n]
		if !ok {
			path = n.path(p.s)
			paths[n] = path
		}
		h := p.hit(path, fl)
		match := true
		for _, q := range words {
			if !strings.Contains(h.text, q) {
				match = false
				break
			}
		}
		if match {
			p.hits = append(p.hits, h)
		}
	}
	p.sel, p.scroll = 0, 0
}

func (p *findPage) hit(path string, fl *schema.Field) findHit {
	label := p.s.label(fl.ID)
	v := p.s.vs.Value(fl.ID)
	shown := "待填"
	switch v.State {
	case schema.Set:
		shown = shownValue(fl, v)
	case schema.NA:
		shown = "不适用"
	case schema.Invalid:
		shown = "有误"
	}
	text := strings.ToLower(strings.Join([]string{label, fl.ID, path, shown}, "\x00"))
	return findHit{id: fl.ID, label: label, path: path, shown: shown, state: v.State, text: text}
}

func (p *findPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		p.key(msg)
	case tea.PasteMsg:
		p.input.insert(msg.Content)
		p.search()
	case mouseMsg:
		p.mouse(msg)
	}
	return p, nil
}

func (p *findPage) key(k tea.KeyPressMsg) {
	switch k.String() {
	case "esc", "ctrl+f":
		p.c.close(p)
	case "enter":
		p.jump(p.sel)
	case "ctrl+p":
		p.c.open(newDraft(p.c, p.s))
	case "up", "shift+tab":
		p.sel = max(0, p.sel-1)
	case "down", "tab", "ctrl+n":
		p.sel = max(0, min(len(p.hits)-1, p.sel+1))
	case "pgup":
		p.sel = max(0, p.sel-10)
	case "pgdown":
		p.sel = max(0, min(len(p.hits)-1, p.sel+10))
	default:
		if p.input.handleKey(k) == editChanged {
			p.search()
		}
	}
}

// jump goes to hit i's field, if there is one.
func (p *findPage) jump(i int) {
	if i < len(p.hits) {
		p.c.send(jumpToFieldMsg{id: p.hits[i].id})
	}
}

// mouse: the wheel moves the choice; a click chooses a hit, a click on
// the chosen one goes to it, as Enter does.
func (p *findPage) mouse(ms mouseMsg) {
	if ms.wheel != 0 {
		p.sel = max(0, min(len(p.hits)-1, p.sel+ms.wheel))
		return
	}
	i := p.scroll + ms.y - p.listTop
	switch {
	case ms.y < p.listTop || i >= len(p.hits):
	case i != p.sel:
		p.sel = i
	default:
		p.jump(i)
	}
}

func (p *findPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("", "输入文字查找"), bind("↑/↓", "选择"), bind("Enter", "跳过去填"), bind("Esc", "返回")}
}

func (p *findPage) view(width, height int) ([]string, *tea.Cursor) {
	st := p.c.styles
	lines := []string{st.heading.Render("查找字段") + st.dim.Render("  按名称、部分或填的内容查找，Enter 跳过去填"), ""}
	prompt := " 查找："
	text, cx := p.input.viewLine(min(40, width-strWidth(prompt)-4))
	cur := tea.NewCursor(strWidth(prompt)+1+cx, len(lines))
	lines = append(lines, prompt+"["+st.inputFocus.Render(text)+"]"+st.dim.Render(findCount(len(p.hits))), "")
	p.listTop = len(lines)
	room := max(1, height-len(lines))
	p.scroll = follow(p.scroll, p.sel, p.sel, room)
	if len(p.hits) == 0 {
		lines = append(lines, st.dim.Render("  没有符合的字段。按 Backspace 修改，Esc 返回。"))
	}
	// columns: name, value, then where it is, as far as room allows; the
	// name and the value as wide as the longest shown
	lw, vw := 8, 4
	for i := p.scroll; i < len(p.hits) && i < p.scroll+room; i++ {
		lw = max(lw, strWidth(p.hits[i].label))
		vw = max(vw, strWidth(p.hits[i].shown))
	}
	vw = min(vw, 14)
	lw = min(lw, max(8, width-2-2-vw-2-24))
	for i := p.scroll; i < len(p.hits) && i < p.scroll+room; i++ {
		h := p.hits[i]
		state := st.dim
		switch h.state {
		case schema.Set:
			state = st.ok
		case schema.Invalid:
			state = st.err
		}
		label := padRight(truncate(h.label, lw), lw)
		marker := "  "
		if i == p.sel {
			marker, label = st.focus.Render("> "), st.selected.Render(label)
		}
		row := marker + label + "  " + state.Render(padRight(truncate(h.shown, vw), vw)) + "  "
		lines = append(lines, row+st.dim.Render(truncate(h.path, max(4, width-2-lw-2-vw-2))))
	}
	return fitLines(lines, width), cur
}

func findCount(n int) string {
	if n == 0 {
		return ""
	}
	return "  " + strconv.Itoa(n) + " 项"
}
