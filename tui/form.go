package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// The form: Form → section → widget, as in huh (Form → Group → Field).
// The first section is the basic information (单位, 年度, 上级, 日期 …);
// then one per top-level part of the template.

type section struct {
	part    *schema.Part // nil for 基本信息
	name    string       // short name for the section list
	widgets []*widget
}

func (s *section) id() string {
	if s.part == nil {
		return ""
	}
	return s.part.ID
}

// formPage shows a session as sections of widgets: it keeps only what
// is on screen (section, focus, scroll, where the last frame put things).
type formPage struct {
	c *common
	s *session

	secs    []*section
	cur     int               // current section
	focus   int               // focused widget in the current section; -1 none
	byField map[string][2]int // field id → section, widget

	wrapCache map[string][]string // preview paragraphs wrapped in the last frame

	fieldScroll   int
	previewScroll int
	// wheeled: the mouse wheel scrolled the fields or the preview, so
	// the next frame keeps that scroll instead of following the focus;
	// any key ends it.
	wheeled bool

	// Where the last frame put things, for mouse clicks.
	layout     formLayout
	widgetTop  []int // first line of each widget of the current section
	secListOff int   // rows of the section list scrolled off the top
}

func newForm(c *common, s *session) *formPage {
	f := &formPage{c: c, s: s, byField: map[string][2]int{}}
	a := s.st.a
	info := &section{name: "基本信息"}
	for _, fl := range s.t.Info {
		info.widgets = append(info.widgets, newFieldWidget(fl, a))
	}
	f.secs = append(f.secs, info)
	for _, p := range s.t.Sections {
		sec := &section{part: p, name: sectionName(p)}
		sec.widgets = append(sec.widgets, &widget{kind: wInclude, part: p})
		addPart(sec, p, nil, a)
		f.secs = append(f.secs, sec)
	}
	for si, sec := range f.secs {
		for wi, w := range sec.widgets {
			if w.kind == wField {
				f.byField[w.field.ID] = [2]int{si, wi}
			}
		}
	}
	f.setSection(0, true)
	return f
}

// addPart adds the widgets of part p and its sub-parts; owner is the
// sub-part Ctrl+O leaves out from inside p (nil: the section).
func addPart(s *section, p, owner *schema.Part, a *schema.Answers) {
	if p.Level > 1 && len(p.Headings) > 0 {
		owner = p
		s.widgets = append(s.widgets, &widget{kind: wLabel, part: p, owner: owner})
	}
	if len(p.Headings) > 1 {
		s.widgets = append(s.widgets, &widget{kind: wHeading, part: p, owner: owner})
	}
	for _, fl := range p.Fields {
		w := newFieldWidget(fl, a)
		w.owner = owner
		s.widgets = append(s.widgets, w)
	}
	for _, q := range p.Parts {
		addPart(s, q, owner, a)
	}
}

// sectionName is a short name for the section list: the part id when
// it reads as a name (党建, 安全生产), else its first heading.
func sectionName(p *schema.Part) string {
	id := p.ID
	if id != "" && strWidth(id) <= 12 && schema.IsIdent(id) && !isASCII(id) {
		return id
	}
	if h := p.Heading(0).Src; h != "" {
		return h
	}
	return id
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// sectionParas are the current section's paragraphs of the draft.
func (f *formPage) sectionParas() []render.Para {
	id := f.section().id()
	if id == "" {
		return nil
	}
	var out []render.Para
	for _, p := range f.s.doc.Paras {
		if p.Section == id {
			out = append(out, p)
		}
	}
	return out
}

func (f *formPage) section() *section { return f.secs[f.cur] }

func (f *formPage) focused() *widget {
	s := f.section()
	if f.focus < 0 || f.focus >= len(s.widgets) {
		return nil
	}
	return s.widgets[f.focus]
}

// setSection shows section i with the focus on its first field to fill
// (first=true) or its last focusable widget.
func (f *formPage) setSection(i int, first bool) {
	f.cur = i
	f.fieldScroll = 0
	f.previewScroll = 0
	f.wheeled = false
	s := f.section()
	f.focus = -1
	if first {
		for j, w := range s.widgets {
			if w.kind == wField && w.focusable() {
				f.focus = j
				break
			}
		}
		if f.focus < 0 {
			for j, w := range s.widgets {
				if w.focusable() {
					f.focus = j
					break
				}
			}
		}
	} else {
		for j := len(s.widgets) - 1; j >= 0; j-- {
			if s.widgets[j].focusable() {
				f.focus = j
				break
			}
		}
	}
	f.placeCaret(first)
}

// placeCaret puts a text caret at the end of the focused field's text,
// or for a list on its first or last item.
func (f *formPage) placeCaret(first bool) {
	w := f.focused()
	if w == nil {
		return
	}
	if w.ed != nil {
		w.ed.pos = len(w.ed.value)
	}
	if w.items != nil {
		if first {
			w.item = 0
		} else {
			w.item = len(w.items) - 1
		}
		w.items[w.item].pos = len(w.items[w.item].value)
	}
}

// move shifts the focus; past the section's ends it goes on to the next
// or previous section.
func (f *formPage) move(d int) tea.Cmd {
	cmd := f.blur()
	s := f.section()
	for j := f.focus + d; j >= 0 && j < len(s.widgets); j += d {
		if s.widgets[j].focusable() {
			f.focus = j
			f.placeCaret(d > 0)
			return cmd
		}
	}
	switch {
	case d > 0 && f.cur < len(f.secs)-1:
		f.setSection(f.cur+1, true)
	case d < 0 && f.cur > 0:
		f.setSection(f.cur-1, false)
	}
	return cmd
}

// blur is called when the focus leaves a widget: the change is complete
// and saved now.
func (f *formPage) blur() tea.Cmd {
	if w := f.focused(); w != nil {
		w.touched = true
	}
	return f.s.endEdit()
}

// commit writes the focused field's value into the answers.
func (f *formPage) commit(w *widget) tea.Cmd {
	return f.s.set(w.field.ID, w.raw())
}

func (f *formPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return f, f.key(msg)
	case tea.PasteMsg:
		if w := f.focused(); w != nil && w.paste(msg.Content) {
			return f, f.commit(w)
		}
	case mouseMsg:
		return f, f.mouse(msg)
	case jumpToFieldMsg:
		return f, f.jumpTo(msg.id)
	case blurMsg:
		return f, f.blur()
	case reloadedMsg:
		// the same section, with the answers now in the session
		nf := newForm(f.c, f.s)
		nf.setSection(min(f.cur, len(nf.secs)-1), true)
		return nf, nil
	}
	return f, nil
}

// overlays opened from the form (and the review page).
func (f *formPage) overlay(s string) page {
	switch s {
	case "ctrl+r":
		return newReview(f.c, f.s)
	case "ctrl+e":
		return newExport(f.c, f.s)
	case "ctrl+f":
		return newFind(f.c, f.s)
	case "ctrl+p":
		return newDraft(f.c, f.s)
	case "ctrl+t":
		return newSend(f.c, f.s)
	case "ctrl+g":
		return takeDialog(f.c, f.s)
	}
	return nil
}

func (f *formPage) key(k tea.KeyPressMsg) tea.Cmd {
	switch s := k.String(); s {
	case "esc":
		f.c.send(askQuitMsg{})
		return nil
	case "ctrl+s":
		cmd := f.blur()
		return tea.Batch(cmd, f.s.save(f.c))
	case "ctrl+r", "ctrl+e", "ctrl+f", "ctrl+p", "ctrl+t", "ctrl+g":
		cmd := f.blur() // before the page opens on the draft
		f.c.open(f.overlay(s))
		return cmd
	case "?":
		if !f.textFocused() {
			f.c.open(newHelp(f.c))
			return nil
		}
	case "f2":
		if w := f.focused(); w != nil && w.kind == wField {
			cmd := f.blur() // what is typed is kept before the form is rebuilt
			f.c.open(renameDialog(f.c, f.s, w.field))
			return cmd
		}
		return nil
	}
	f.wheeled = false
	s := k.String()
	switch s {
	case "pgdown":
		if f.cur < len(f.secs)-1 {
			cmd := f.blur()
			f.setSection(f.cur+1, true)
			return cmd
		}
		return nil
	case "pgup":
		if f.cur > 0 {
			cmd := f.blur()
			f.setSection(f.cur-1, true)
			return cmd
		}
		return nil
	case "ctrl+o":
		// the sub-part the focus is in, else the whole section
		p := f.section().part
		if w := f.focused(); w != nil && w.owner != nil {
			p = w.owner
		}
		if p != nil {
			return f.s.setOmitted(p, !f.s.st.a.Omitted(p.ID))
		}
		return nil
	case "tab":
		return f.move(1)
	case "shift+tab":
		return f.move(-1)
	case "ctrl+z":
		return f.step(false)
	case "ctrl+y":
		return f.step(true)
	}
	w := f.focused()
	if w == nil {
		switch s {
		case "down", "enter":
			return f.move(1)
		case "up":
			return f.move(-1)
		}
		return nil
	}
	var m move
	switch w.kind {
	case wField:
		m = w.handleKey(k, f.c.keys, f.textWidth())
	case wInclude:
		m = toggleKey(s)
		if m == moveAlter {
			return f.s.setOmitted(w.part, !f.s.st.a.Omitted(w.part.ID))
		}
	case wHeading:
		m = toggleKey(s)
		if m == moveAlter {
			n := len(w.part.Headings)
			i := f.s.st.a.Heading(w.part.ID)
			if s == "left" {
				i = (i + n - 1) % n
			} else {
				i = (i + 1) % n
			}
			return f.s.setHeading(w.part, i)
		}
	}
	switch m {
	case moveNext:
		return f.move(1)
	case movePrev:
		return f.move(-1)
	case moveAlter:
		return f.commit(w)
	}
	return nil
}

// step is Ctrl+Z (undo the newest edit) and Ctrl+Y (redo the newest
// undo): the field changed shows its answer again, with the focus.
func (f *formPage) step(redo bool) tea.Cmd {
	if !f.s.canStep(redo) {
		if redo {
			return statusCmd("没有可以恢复的修改", false)
		}
		return statusCmd("没有可以撤销的修改", false)
	}
	cmd := f.blur()
	id, done := f.s.step(redo)
	loc := f.byField[id]
	old := f.secs[loc[0]].widgets[loc[1]]
	w := newFieldWidget(old.field, f.s.st.a)
	w.owner, w.touched = old.owner, old.touched
	f.secs[loc[0]].widgets[loc[1]] = w
	if f.cur != loc[0] {
		f.setSection(loc[0], true)
	}
	f.focus = loc[1]
	f.placeCaret(true)
	return tea.Batch(cmd, done)
}

func toggleKey(s string) move {
	switch s {
	case "left", "right", "space":
		return moveAlter
	case "enter", "down":
		return moveNext
	case "up":
		return movePrev
	}
	return moveNone
}

// jumpTo focuses a field (from the review and find pages); a computed
// one sends the clerk to the first field it waits for.
func (f *formPage) jumpTo(id string) tea.Cmd {
	loc, ok := f.byField[id]
	if !ok {
		return nil
	}
	cmd := f.blur()
	f.setSection(loc[0], true)
	f.focus = loc[1]
	if !f.focused().focusable() {
		if needs := f.s.vs.Needs(id); len(needs) > 0 && needs[0] != id {
			return tea.Batch(cmd, f.jumpTo(needs[0]))
		}
	}
	f.placeCaret(true)
	return cmd
}

// mouse: a click on a section's name opens it; on a widget, focuses it
// (and puts the caret, or picks the option, where it landed); the wheel
// scrolls the fields or the preview under it until a key is pressed.
func (f *formPage) mouse(ms mouseMsg) tea.Cmd {
	l := f.layout
	x, y, d := ms.x, ms.y, ms.wheel
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
			// the fields pane's text starts after the separator and a space
			if w.kind == wField && w.click(was, line-f.widgetTop[wi], x-l.sw-2) {
				cmd = tea.Batch(cmd, f.commit(w))
			}
			return cmd
		}
	}
	return nil
}

func (f *formPage) shortHelp(width int) []key.Binding {
	if width < 130 {
		return f.c.keys.short()
	}
	k := f.c.keys
	return []key.Binding{k.Next, k.Prev, k.NextSection, k.PrevSec, k.Save, k.Review, bind("Ctrl+F", "查找"), bind("Ctrl+P", "全文"), k.Export, k.Help, k.Quit}
}

// textFocused reports whether keys go into a text box now.
func (f *formPage) textFocused() bool {
	w := f.focused()
	return w != nil && w.isText()
}
