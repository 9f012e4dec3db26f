package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The whole-draft page (Ctrl+P): the draft from title to signature, to
// read through before exporting. Lines are 28 Chinese characters wide
// where the terminal allows, as on a GB/T 9704 page, so the text breaks
// about where Word will break it.
type draftPage struct {
	c      *common
	s      *session
	scroll int
	rows   int                 // text rows in the last frame, for PgUp/PgDn
	cache  map[string][]string // wrapped paragraphs of the last frame
}

// draftMeasure is a GB/T 9704 line: 28 characters of two cells.
const draftMeasure = 56

func newDraft(c *common, s *session) *draftPage {
	return &draftPage{c: c, s: s, cache: map[string][]string{}}
}

func (d *draftPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		d.key(msg)
	case mouseMsg:
		d.scroll = max(0, d.scroll+msg.wheel*wheelStep)
	}
	return d, nil
}

// key scrolls; Ctrl+E goes on to the export page instead.
func (d *draftPage) key(k tea.KeyPressMsg) {
	page := max(1, d.rows-1)
	switch k.String() {
	case "esc", "ctrl+p", "q":
		d.c.close(d)
	case "ctrl+e":
		d.c.close(d)
		d.c.open(newExport(d.c, d.s))
	case "up", "k":
		d.scroll--
	case "down", "j", "enter":
		d.scroll++
	case "pgup", "b":
		d.scroll -= page
	case "pgdown", "space", "f":
		d.scroll += page
	case "home", "g":
		d.scroll = 0
	case "end", "G":
		d.scroll = 1 << 30
	}
}

func (d *draftPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("↑/↓ PgUp/PgDn", "翻看"), bind("Home/End", "开头/末尾"), bind("Ctrl+E", "导出"), bind("Esc", "返回")}
}

func (d *draftPage) view(width, height int) ([]string, *tea.Cursor) {
	st := d.c.styles
	doc := d.s.doc
	w := min(width-4, draftMeasure)
	text := titleLines(st, doc, w)
	text = append(text, typeset(st, doc.Paras, w, true, &d.cache, nil)...)
	text = append(text, signatureLines(doc, w)...)

	d.rows = max(1, height-2)
	d.scroll = max(0, min(d.scroll, len(text)-d.rows))
	last := min(len(text), d.scroll+d.rows)
	where := fmt.Sprintf("第 %d–%d 行，共 %d 行", d.scroll+1, last, len(text))
	if n := len(doc.Missing); n > 0 {
		where += st.warn.Render(fmt.Sprintf("  还有 %d 处【待填】", n))
	}
	lines := []string{st.heading.Render("全文预览") + st.dim.Render("  "+where), ""}
	pad := strings.Repeat(" ", max(0, (width-w)/2))
	for _, l := range text[d.scroll:last] {
		lines = append(lines, pad+l)
	}
	return fitLines(lines, width), nil
}
