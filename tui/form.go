package tui

import (
	"errors"
	"fmt"
	"time"

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

type formPage struct {
	c    *common
	t    *schema.Template
	st   *store
	prev *schema.Values

	vs  *schema.Values
	doc *render.Document // the whole draft; stale while a field is being typed

	// The current section's paragraphs. A keystroke re-renders only
	// this section (render.BuildPart); the whole draft is rebuilt when
	// the clerk leaves the field or pauses.
	preview      []render.Para
	stale        bool
	secMissing   int            // missing figures in the current section
	missingBySec map[string]int // in the last whole build, by section id
	secNum       map[string]int // section numbers (1 = 一、) in the last whole build

	secs  []*section
	cur   int // current section
	focus int // focused widget in the current section; -1 none

	wrapCache map[string][]string // preview paragraphs wrapped in the last frame

	saveSeq int
	byField map[string][2]int // field id → section, widget

	// undo holds each field's answer from before the clerk's edits of
	// it, newest last; editing is the field whose current edit (since the
	// focus came to it) already has its step.
	undo    []undoStep
	redo    []undoStep // steps undone, newest last; a new edit clears them
	editing string

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

// saveTickMsg fires a moment after the last keystroke: the field being
// typed is saved even if the clerk never leaves it.
type saveTickMsg struct{ seq int }

const saveDelay = 600 * time.Millisecond

func newForm(c *common, t *schema.Template, st *store, prev *schema.Values) *formPage {
	f := &formPage{c: c, t: t, st: st, prev: prev, byField: map[string][2]int{}}
	info := &section{name: "基本信息"}
	for _, fl := range t.Info {
		info.widgets = append(info.widgets, newFieldWidget(fl, st.a))
	}
	f.secs = append(f.secs, info)
	for _, p := range t.Sections {
		s := &section{part: p, name: sectionName(p)}
		s.widgets = append(s.widgets, &widget{kind: wInclude, part: p})
		addPart(s, p, nil, st.a)
		f.secs = append(f.secs, s)
	}
	for si, s := range f.secs {
		for wi, w := range s.widgets {
			if w.kind == wField {
				f.byField[w.field.ID] = [2]int{si, wi}
			}
		}
	}
	f.refresh()
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

// refresh re-evaluates the answers and rebuilds the whole draft, shared
// by the preview, the section status, the review and the export.
func (f *formPage) refresh() {
	f.vs = f.t.Evaluate(f.st.a)
	f.vs.Prev = f.prev
	f.doc = render.Build(f.vs)
	f.stale = false
	f.missingBySec = map[string]int{}
	for _, m := range f.doc.Missing {
		f.missingBySec[m.Section]++
	}
	f.secNum = map[string]int{}
	n := 0
	for _, p := range f.doc.Paras {
		if p.Level == 1 && p.Number != "" {
			n++
			f.secNum[p.Section] = n
		}
	}
	f.setPreview()
}

// setPreview takes the current section's paragraphs from the whole draft.
func (f *formPage) setPreview() {
	id := f.section().id()
	f.preview = f.preview[:0]
	if id != "" {
		for _, p := range f.doc.Paras {
			if p.Section == id {
				f.preview = append(f.preview, p)
			}
		}
	}
	f.secMissing = f.missingBySec[id]
}

// refreshSection is refresh for a keystroke: it re-evaluates and
// re-renders only the current section.
func (f *formPage) refreshSection() {
	s := f.section()
	if s.part == nil {
		f.refresh() // the title, opening and signature use the basic information
		return
	}
	f.vs = f.t.Evaluate(f.st.a)
	f.vs.Prev = f.prev
	n := f.secNum[s.part.ID]
	if n == 0 {
		n = 1
		for _, p := range f.t.Sections {
			if p == s.part {
				break
			}
			if f.secNum[p.ID] > 0 {
				n++
			}
		}
	}
	var miss []render.Missing
	f.preview, miss = render.BuildPart(f.vs, s.part, n)
	f.secMissing = len(miss)
	f.stale = true
}

// ensureFull rebuilds the whole draft if a keystroke left it stale.
func (f *formPage) ensureFull() {
	if f.stale {
		f.refresh()
	}
}

// missingCount is the number of missing figures in the whole draft.
func (f *formPage) missingCount() int {
	return len(f.doc.Missing) - f.missingBySec[f.section().id()] + f.secMissing
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
	f.ensureFull()
	f.cur = i
	f.fieldScroll = 0
	f.previewScroll = 0
	f.wheeled = false
	s := f.section()
	f.focus = -1
	if f.doc != nil {
		f.setPreview()
	}
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
	f.editing = ""
	return f.saveNow()
}

func (f *formPage) saveNow() tea.Cmd {
	f.ensureFull()
	if !f.st.dirty {
		return nil
	}
	f.saveSeq++
	if err := f.st.save(false); err != nil {
		if errors.Is(err, errChanged) {
			return func() tea.Msg { return changedMsg{} }
		}
		return statusCmd(err.Error(), true)
	}
	return nil
}

// changedMsg: a save found the answers file changed outside the wizard;
// the model asks what to do.
type changedMsg struct{}

// undoStep is a field's answer before an edit: Ctrl+Z puts it back.
type undoStep struct {
	sec, wi int
	had     bool // the field had an answer
	before  schema.Raw
}

// maxUndo bounds the undo steps kept.
const maxUndo = 200

// commit writes the focused widget's value into the answers and
// schedules the save of a field still being typed.
func (f *formPage) commit(w *widget) tea.Cmd {
	switch w.kind {
	case wField:
		if f.editing != w.field.ID {
			// the first change since the focus came here: remember the before
			before, had := f.st.a.Get(w.field.ID)
			loc := f.byField[w.field.ID]
			f.undo = append(f.undo, undoStep{sec: loc[0], wi: loc[1], had: had, before: before})
			if len(f.undo) > maxUndo {
				f.undo = f.undo[len(f.undo)-maxUndo:]
			}
			f.editing = w.field.ID
			f.redo = f.redo[:0]
		}
		f.st.a.Set(w.field.ID, w.raw())
	}
	f.st.changed()
	f.refreshSection()
	f.saveSeq++
	seq := f.saveSeq
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveTickMsg{seq} })
}

func (f *formPage) setOmitted(p *schema.Part, omit bool) tea.Cmd {
	f.st.a.SetOmitted(p.ID, omit)
	f.st.changed()
	f.refresh()
	return f.saveNow()
}

func (f *formPage) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case saveTickMsg:
		if msg.seq == f.saveSeq {
			return f.saveNow()
		}
		return nil
	case tea.PasteMsg:
		if w := f.focused(); w != nil && w.paste(msg.Content) {
			return f.commit(w)
		}
		return nil
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	return nil
}

func (f *formPage) key(k tea.KeyPressMsg) tea.Cmd {
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
			return f.setOmitted(p, !f.st.a.Omitted(p.ID))
		}
		return nil
	case "tab":
		return f.move(1)
	case "shift+tab":
		return f.move(-1)
	case "ctrl+z":
		return f.undoLast()
	case "ctrl+y":
		return f.redoLast()
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
			return f.setOmitted(w.part, !f.st.a.Omitted(w.part.ID))
		}
	case wHeading:
		m = toggleKey(s)
		if m == moveAlter {
			n := len(w.part.Headings)
			i := f.st.a.Heading(w.part.ID)
			if s == "left" {
				i = (i + n - 1) % n
			} else {
				i = (i + 1) % n
			}
			f.st.a.SetHeading(w.part.ID, i)
			f.st.changed()
			f.refresh()
			return f.saveNow()
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

// undoLast puts back the field changed last as it was before that
// edit, and goes to it; redoLast takes an undo back.
func (f *formPage) undoLast() tea.Cmd {
	return f.step(&f.undo, &f.redo, "没有可以撤销的修改", "已撤销对“%s”的修改（Ctrl+Y 恢复）")
}

func (f *formPage) redoLast() tea.Cmd {
	return f.step(&f.redo, &f.undo, "没有可以恢复的修改", "已恢复对“%s”的修改")
}

// step restores the newest step of from, and pushes onto to the step
// that puts back what it replaced.
func (f *formPage) step(from, to *[]undoStep, none, done string) tea.Cmd {
	if len(*from) == 0 {
		return statusCmd(none, false)
	}
	u := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, f.restore(u))
	id := f.secs[u.sec].widgets[u.wi].field.ID
	return tea.Batch(f.saveNow(), statusCmd(fmt.Sprintf(done, f.label(id)), false))
}

// restore gives a field the answer of step u, goes to it, and returns
// the step that puts back what it had.
func (f *formPage) restore(u undoStep) undoStep {
	f.blur()
	old := f.secs[u.sec].widgets[u.wi]
	id := old.field.ID
	back := u
	back.before, back.had = f.st.a.Get(id)
	if u.had {
		f.st.a.Set(id, u.before)
	} else {
		f.st.a.Delete(id)
	}
	w := newFieldWidget(old.field, f.st.a)
	w.owner, w.touched = old.owner, old.touched
	f.secs[u.sec].widgets[u.wi] = w
	if f.cur != u.sec {
		f.setSection(u.sec, true)
	}
	f.focus = u.wi
	f.placeCaret(true)
	f.st.changed()
	f.refresh()
	return back
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

// jumpTo focuses a field (from the review page).
func (f *formPage) jumpTo(id string) bool {
	loc, ok := f.byField[id]
	if !ok {
		return false
	}
	f.blur()
	f.setSection(loc[0], true)
	f.focus = loc[1]
	if !f.focused().focusable() {
		// a computed field: go to the first field it waits for
		if needs := f.vs.Needs(id); len(needs) > 0 && needs[0] != id {
			return f.jumpTo(needs[0])
		}
	}
	f.placeCaret(true)
	return true
}

// textFocused reports whether keys go into a text box now.
func (f *formPage) textFocused() bool {
	w := f.focused()
	return w != nil && w.isText()
}
