package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
)

// The mouse: a click picks what it lands on, the wheel scrolls. Every
// page is laid out below the one-line header, so screen row y is page
// row y-1. Positions come from the last frame each page drew (the
// picker's listTop, the form's widgetTop and layout), so a click lands
// on what the clerk saw.

// wheelStep is how many lines one notch of the wheel scrolls.
const wheelStep = 3

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.dialog != nil || m.quit || m.c.width < minWidth || m.c.height < minHeight {
		return nil
	}
	ms := msg.Mouse()
	x, y := ms.X, ms.Y-1
	if y < 0 || y >= m.c.height-3 {
		return nil
	}
	d := 0
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch ms.Button {
		case tea.MouseWheelUp:
			d = -1
		case tea.MouseWheelDown:
			d = 1
		default:
			return nil
		}
	case tea.MouseClickMsg:
		if ms.Button != tea.MouseLeft {
			return nil
		}
	default:
		return nil
	}
	if m.help != nil {
		if d != 0 {
			code := tea.KeyDown
			if d < 0 {
				code = tea.KeyUp
			}
			for range wheelStep {
				m.help.update(tea.KeyPressMsg{Code: code})
			}
		}
		return nil
	}
	if m.draft != nil {
		m.draft.wheel(d)
		return nil
	}
	if p := m.find; p != nil {
		if d != 0 {
			p.sel = max(0, min(len(p.hits)-1, p.sel+d))
			return nil
		}
		if i, ok := p.hitAt(y); ok {
			if i != p.sel {
				p.sel = i
				return nil
			}
			m.find = nil
			m.scr = scrForm
			return m.form.jumpTo(p.hits[i].id)
		}
		return nil
	}
	switch m.scr {
	case scrPicker:
		if d != 0 {
			m.picker.sel = max(0, min(m.picker.sel+d, len(m.picker.items())-1))
			return nil
		}
		if i, ok := m.picker.itemAt(y); ok {
			if i != m.picker.sel {
				m.picker.sel = i
				return nil
			}
			// a click on the chosen item opens it, like Enter
			p, err := m.picker.chosen()
			if err != nil {
				return statusCmd(err.Error(), true)
			}
			return m.pick(p)
		}
	case scrReview:
		r := m.review
		if d != 0 {
			r.sel = r.next(r.sel, d)
			return nil
		}
		if i := r.scroll + y - reviewTitleLines; y >= reviewTitleLines && i < len(r.rows) && r.rows[i].field != "" {
			if i != r.sel {
				r.sel = i
				return nil
			}
			m.scr = scrForm
			return m.form.jumpTo(r.rows[i].field)
		}
	case scrExport:
		if d == 0 {
			m.export.click(y)
		}
	case scrForm:
		return m.form.mouse(x, y, d)
	}
	return nil
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

// mouse handles a click (d == 0) or a wheel notch (d = ±1) at page
// position x, y.
func (f *formPage) mouse(x, y, d int) tea.Cmd {
	l := f.layout
	if x < l.sw {
		if d != 0 {
			return nil
		}
		// row 0 is the list's header
		if i := f.secListOff + y - 1; y >= 1 && i < len(f.secs) && i != f.cur {
			cmd := f.blur()
			f.setSection(i, true)
			return cmd
		}
		return nil
	}
	inFields, inPreview := false, false
	if l.narrow {
		inFields = y < l.fh
		inPreview = y > l.fh
	} else {
		inFields = x < l.sw+1+l.fw
		inPreview = !inFields
	}
	switch {
	case inFields && d != 0:
		f.fieldScroll = max(0, f.fieldScroll+d*wheelStep)
		f.wheeled = true
	case inPreview && d != 0:
		f.previewScroll = max(0, f.previewScroll+d*wheelStep)
		f.wheeled = true
	case inFields:
		line := f.fieldScroll + y
		s := f.section()
		for wi := len(f.widgetTop) - 1; wi >= 0; wi-- {
			if f.widgetTop[wi] > line {
				continue
			}
			if wi >= len(s.widgets) || !s.widgets[wi].focusable() {
				return nil
			}
			w := s.widgets[wi]
			var cmd tea.Cmd
			was := wi == f.focus
			if !was {
				cmd = f.blur()
				f.focus = wi
				f.placeCaret(true)
			}
			f.wheeled = false
			if w.kind == wField {
				// the fields pane's text starts after the separator and a space
				cmd = tea.Batch(cmd, f.clickInField(w, was, line-f.widgetTop[wi], x-l.sw-2))
			}
			return cmd
		}
	}
	return nil
}

// clickInField puts the caret where a click landed in a text box (one
// line or several), or
// picks the option clicked. row is the line within the widget (0: its
// label), col the cell within the fields pane; was says whether the
// widget had the focus when the frame the clerk clicked on was drawn.
// The columns follow fieldWidgetLines: "  [" before a text box, "  N. ["
// before a list item, "  " before options.
func (f *formPage) clickInField(w *widget, was bool, row, col int) tea.Cmd {
	if row < 1 {
		return nil
	}
	switch {
	case w.items != nil:
		i := row - 1
		if i >= len(w.items) {
			return nil
		}
		e := w.items[i]
		start := 0
		if was && i == w.item {
			start = e.scroll
		}
		w.item = i
		e.scroll = min(start, len(e.value))
		e.pos = e.posAt(e.scroll, col-2-strWidth(strconv.Itoa(i+1)+". ")-1)
	case w.ed != nil && w.ed.multiline && w.areaW > 0:
		shown := areaRows // as fieldWidgetLines draws the box
		if was {
			shown = areaRowsFocused
		}
		if row <= shown {
			// the rows shown start at the editor's scroll
			w.ed.pos = w.ed.posAtCell(w.areaW, w.ed.scroll+row-1, col-3)
		}
	case w.ed != nil && !w.ed.multiline && row == 1:
		start := 0
		if was {
			start = w.ed.scroll
		}
		w.ed.scroll = min(start, len(w.ed.value))
		w.ed.pos = w.ed.posAt(w.ed.scroll, col-3)
	case w.opts != nil && row == 1:
		x := 2
		for i, o := range w.opts {
			ow := strWidth(o) + 2 // [o] or " o "
			if col >= x && col < x+ow {
				if w.sel != i {
					w.sel = i
					return f.commit(w)
				}
				return nil
			}
			x += ow + 1
		}
	}
	return nil
}
