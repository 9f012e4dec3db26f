package tui

import (
	"fmt"
	"strings"

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

func newDraftPage(c *common, s *session) *draftPage {
	return &draftPage{c: c, s: s, cache: map[string][]string{}}
}

// key scrolls; it reports whether the page is done.
func (d *draftPage) key(k tea.KeyPressMsg) bool {
	page := max(1, d.rows-1)
	switch k.String() {
	case "esc", "ctrl+p", "q":
		return true
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
	return false
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

// wheel scrolls by notches of the mouse wheel.
func (d *draftPage) wheel(n int) { d.scroll = max(0, d.scroll+n*wheelStep) }
