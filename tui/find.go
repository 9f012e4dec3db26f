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
	id      string
	label   string
	section string
	shown   string // its value, or its state when it has none
	state   schema.State
	text    string // what the query is matched against, lower-cased
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
	add := func(section string, fields []*schema.Field) {
		for _, fl := range fields {
			if fl.Computed() {
				continue
			}
			h := p.hit(section, fl)
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
	}
	add("基本信息", p.s.t.Info)
	for _, sec := range p.s.t.Sections {
		add(sectionName(sec), sec.AllFields())
	}
	p.sel, p.scroll = 0, 0
}

func (p *findPage) hit(section string, fl *schema.Field) findHit {
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
	text := strings.ToLower(strings.Join([]string{label, fl.ID, section, shown}, "\x00"))
	return findHit{id: fl.ID, label: label, section: section, shown: shown, state: v.State, text: text}
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
		p.c.send(jumpToFieldMsg{p.hits[i].id})
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
	if p.sel < p.scroll {
		p.scroll = p.sel
	}
	if p.sel >= p.scroll+room {
		p.scroll = p.sel - room + 1
	}
	if len(p.hits) == 0 {
		lines = append(lines, st.dim.Render("  没有符合的字段。按 Backspace 修改，Esc 返回。"))
	}
	// columns: name, section, value; the name as wide as the longest shown
	sw := min(14, max(6, width/6))
	lw := 8
	for i := p.scroll; i < len(p.hits) && i < p.scroll+room; i++ {
		lw = max(lw, strWidth(p.hits[i].label))
	}
	lw = min(lw, max(8, width-2-sw-2-2-20))
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
		row := marker + label + "  " + st.dim.Render(padRight(truncate(h.section, sw), sw)) + "  "
		lines = append(lines, row+state.Render(truncate(h.shown, max(4, width-strWidth(row)))))
	}
	return fitLines(lines, width), cur
}

func findCount(n int) string {
	if n == 0 {
		return ""
	}
	return "  " + strconv.Itoa(n) + " 项"
}
