package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// The form shows one node of the outline (outline.go) at a time: its
// widgets are the node's part and everything under it — the 写入稿子
// and 标题写法 controls, the fields, and the headings of the sub-parts
// with their fields. 基本信息 is the first node. Every field has one
// widget, shared by the nodes that show it.

// formPage shows a session node by node: it keeps only what is on
// screen (which node, which parts the outline folds, focus, scroll,
// where the last frame put things).
type formPage struct {
	c *common
	s *session

	tree    *outline
	folds   folds
	cur     *node
	widgets []*widget          // the current node's
	byField map[string]*widget // every field's widget
	focus   int                // focused widget of the current node; -1 none

	wrapCache map[string][]string // preview paragraphs wrapped in the last frame

	fieldScroll   int
	previewScroll int
	// wheeled: the mouse wheel scrolled the fields or the preview, so
	// the next frame keeps that scroll instead of following the focus;
	// any key ends it.
	wheeled bool

	// Where the last frame put things, for mouse clicks.
	layout    formLayout
	widgetTop []int   // first line of each widget of the current node
	listRows  []*node // the node on each row of the outline list (row 0 is its header)
}

func newForm(c *common, s *session) *formPage {
	f := &formPage{c: c, s: s, tree: s.tree, byField: map[string]*widget{}}
	f.folds = defaultFolds(f.tree)
	for _, fl := range s.t.Fields() {
		w := newFieldWidget(fl, s.st.a)
		w.owner = ownerOf(fl.Part)
		f.byField[fl.ID] = w
	}
	f.setNode(f.tree.nodes[0], true)
	return f
}

// ownerOf is the part Ctrl+O leaves out from a widget of part p: the
// nearest part with a heading of its own holding it (or the top-level
// part).
func ownerOf(p *schema.Part) *schema.Part {
	for q := p; q != nil; q = q.Parent {
		if len(q.Headings) > 0 || q.Parent == nil {
			return q
		}
	}
	return nil
}

// nodeWidgets lists the widgets of node n: its part and everything under
// it, or, while the outline shows n's parts, its part only (their
// widgets are on their own pages).
func (f *formPage) nodeWidgets(n *node) []*widget {
	if n.part == nil {
		var ws []*widget
		for _, fl := range f.s.t.Info {
			ws = append(ws, f.byField[fl.ID])
		}
		return ws
	}
	return f.addPart(nil, n.part, true, f.opened(n))
}

// opened reports whether the outline shows n's parts, so n's page holds
// only its own part.
func (f *formPage) opened(n *node) bool { return len(n.kids) > 0 && f.folds[n] }

// addPart adds the widgets of part p: on top of the node, whether it
// goes into the draft; under it, its heading; then its choice of
// headings, its fields and its parts (with own, only those that are no
// node of their own).
func (f *formPage) addPart(ws []*widget, p *schema.Part, top, own bool) []*widget {
	if !top && own && f.tree.byPart[p.ID] != nil {
		return ws
	}
	owner := ownerOf(p)
	switch {
	case top:
		ws = append(ws, &widget{kind: wInclude, part: p, owner: p})
	case len(p.Headings) > 0:
		ws = append(ws, &widget{kind: wLabel, part: p, owner: owner})
	}
	if len(p.Headings) > 1 {
		ws = append(ws, &widget{kind: wHeading, part: p, owner: owner})
	}
	for _, fl := range p.Fields {
		ws = append(ws, f.byField[fl.ID])
	}
	if p.Figures {
		ws = append(ws, &widget{kind: wAddFigure, part: p, owner: owner})
	}
	for _, q := range p.Parts {
		ws = f.addPart(ws, q, false, own)
	}
	return ws
}

// nodeParas are the paragraphs of the draft that the current node's part
// and the parts under it wrote (its own part's alone, while the outline
// shows its parts).
func (f *formPage) nodeParas() []render.Para {
	if f.cur.part == nil {
		return nil
	}
	own := f.opened(f.cur)
	var out []render.Para
	for _, p := range f.s.doc.Paras {
		if p.Part == "" {
			continue
		}
		part := f.s.t.Part(p.Part)
		if own && f.tree.of(part) == f.cur || !own && f.cur.holds(part) {
			out = append(out, p)
		}
	}
	return out
}

func (f *formPage) focused() *widget {
	if f.focus < 0 || f.focus >= len(f.widgets) {
		return nil
	}
	return f.widgets[f.focus]
}

// setNode shows node n with the focus on its first field to fill
// (first=true) or its last focusable widget.
func (f *formPage) setNode(n *node, first bool) {
	f.cur = n
	f.widgets = f.nodeWidgets(n)
	f.fieldScroll = 0
	f.previewScroll = 0
	f.wheeled = false
	f.focus = -1
	if first {
		for j, w := range f.widgets {
			if w.kind == wField && w.focusable() {
				f.focus = j
				break
			}
		}
		if f.focus < 0 {
			for j, w := range f.widgets {
				if w.focusable() {
					f.focus = j
					break
				}
			}
		}
	} else {
		for j := len(f.widgets) - 1; j >= 0; j-- {
			if f.widgets[j].focusable() {
				f.focus = j
				break
			}
		}
	}
	f.placeCaret(first)
}

// goNode leaves the field being typed (saved now) and shows node n.
func (f *formPage) goNode(n *node, first bool) tea.Cmd {
	cmd := f.blur()
	f.setNode(n, first)
	return cmd
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

// move shifts the focus; past the node's ends it goes on to the next
// or previous node at the deepest level the outline shows.
func (f *formPage) move(d int) tea.Cmd {
	cmd := f.blur()
	for j := f.focus + d; j >= 0 && j < len(f.widgets); j += d {
		if f.widgets[j].focusable() {
			f.focus = j
			f.placeCaret(d > 0)
			return cmd
		}
	}
	if n := f.folds.step(f.tree, f.cur, d); n != nil {
		f.setNode(n, d > 0)
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
		return f, f.jumpTo(msg.id, msg.part, msg.add)
	case blurMsg:
		return f, f.blur()
	case reloadedMsg:
		// the same node, with the answers now in the session
		// (the template itself may be new: a field renamed), by part id
		nf := newForm(f.c, f.s)
		cur := nf.tree.nodes[0]
		for n, open := range f.folds {
			if m := nf.tree.byPart[n.part.ID]; m != nil {
				nf.folds[m] = open
			}
		}
		if f.cur.part != nil && nf.tree.byPart[f.cur.part.ID] != nil {
			cur = nf.tree.byPart[f.cur.part.ID]
		}
		nf.setNode(cur, true)
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
	case "ctrl+x", "f3":
		if w := f.focused(); w != nil && w.kind == wField && w.field.Clerk && f.s.hasSentence(w.field) {
			cmd := f.blur() // what is typed is in the answers first
			if k.String() == "f3" {
				f.c.open(editFigurePage(f.c, f.s, w.field))
			} else {
				f.c.open(deleteSentenceDialog(f.c, f.s, w.field))
			}
			return cmd
		}
	case "f2":
		if w := f.focused(); w != nil && w.kind == wField {
			cmd := f.blur() // what is typed is kept before the form is rebuilt
			if w.field.Clerk && f.s.hasSentence(w.field) {
				f.c.open(relabelDialog(f.c, f.s, w.field))
			} else {
				f.c.open(renameDialog(f.c, f.s, w.field))
			}
			return cmd
		}
		return nil
	}
	f.wheeled = false
	s := k.String()
	switch s {
	case "pgdown", "pgup":
		d := 1
		if s == "pgup" {
			d = -1
		}
		if n := f.folds.step(f.tree, f.cur, d); n != nil {
			return f.goNode(n, true)
		}
		return nil
	case "alt+right", "ctrl+right":
		return f.unfold()
	case "alt+left", "ctrl+left":
		return f.fold()
	case "ctrl+o":
		// the sub-part the focus is in, else the node's own part
		p := f.cur.part
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
	case wAddFigure:
		switch s {
		case "enter", "space":
			f.c.open(newFigurePage(f.c, f.s, w.part))
			return nil
		case "down":
			m = moveNext
		case "up":
			m = movePrev
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
	u, done := f.s.step(redo)
	if u.figures != nil {
		// the template changed: the form is built again on it
		f.c.send(reloadedMsg{})
		if u.id != "" {
			f.c.send(jumpToFieldMsg{id: u.id})
		} else {
			f.c.send(jumpToFieldMsg{part: u.figures.part})
		}
		return tea.Batch(cmd, done)
	}
	id := u.id
	if old := f.byField[id]; old != nil {
		w := newFieldWidget(old.field, f.s.st.a)
		w.owner, w.touched = old.owner, old.touched
		*old = *w
	}
	return tea.Batch(cmd, done, f.jumpTo(id, "", false))
}

// unfold shows the kids of the current node in the outline and goes to
// the first (Alt+→).
func (f *formPage) unfold() tea.Cmd {
	if len(f.cur.kids) == 0 {
		return statusCmd("这一部分下面没有再分小节", false)
	}
	f.folds[f.cur] = true
	return f.goNode(f.cur.kids[0], true)
}

// fold goes up to the node above and folds its kids away (Alt+←): its
// page holds all their fields.
func (f *formPage) fold() tea.Cmd {
	up := f.cur.parent
	if up == nil {
		if !f.folds[f.cur] {
			return nil
		}
		up = f.cur
	}
	f.folds[up] = false
	return f.goNode(up, true)
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

// jumpTo focuses a field (from the review and find pages, and undo) in
// the node the outline shows for it; a computed one sends the clerk to
// the first field it waits for. With part set instead, it shows that
// part, on its 写入稿子, or with add, on its ＋ 加一句带数字的话.
func (f *formPage) jumpTo(id, part string, add bool) tea.Cmd {
	if part != "" {
		p := f.s.t.Part(part)
		if p == nil {
			return nil
		}
		cmd := f.blur()
		n := f.folds.showing(f.tree.of(p))
		f.setNode(n, true)
		for i, w := range f.widgets {
			if add && w.part == p && w.kind == wAddFigure {
				f.focus = i
				break
			}
			if !add && w.part == p && (w.kind == wInclude || w.kind == wLabel) {
				f.focus = i
				if w.kind == wLabel {
					f.focus = f.nextFocusable(i)
				}
				break
			}
		}
		return cmd
	}
	w, ok := f.byField[id]
	if !ok {
		return nil
	}
	if !w.focusable() {
		if needs := f.s.vs.Needs(id); len(needs) > 0 && needs[0] != id {
			return f.jumpTo(needs[0], "", false)
		}
	}
	cmd := f.blur()
	n := f.tree.nodes[0]
	if w.field.Part != nil {
		n = f.folds.showing(f.tree.of(w.field.Part))
	}
	f.setNode(n, true)
	for i, x := range f.widgets {
		if x == w {
			f.focus = i
		}
	}
	f.placeCaret(true)
	return cmd
}

// nextFocusable is the first focusable widget from i on, or i.
func (f *formPage) nextFocusable(i int) int {
	for j := i; j < len(f.widgets); j++ {
		if f.widgets[j].focusable() {
			return j
		}
	}
	return i
}

// mouse: a click on a node of the outline opens it (on its +/- folds
// or unfolds it); on a widget, focuses it (and puts the caret, or picks
// the option, where it landed); the wheel scrolls the fields or the
// preview under it until a key is pressed.
func (f *formPage) mouse(ms mouseMsg) tea.Cmd {
	l := f.layout
	x, y, d := ms.x, ms.y, ms.wheel
	if x < l.sw {
		if d != 0 || y < 1 || y >= len(f.listRows) {
			return nil
		}
		n := f.listRows[y]
		if x == foldColumn(n) && len(n.kids) > 0 {
			f.folds[n] = !f.folds[n]
			switch {
			case n == f.cur:
				return f.goNode(n, true) // its page holds more, or less
			case f.folds.showing(f.cur) == f.cur:
				return nil
			}
			// folded away the node on screen: show the node above it
		}
		if n != f.cur {
			return f.goNode(n, true)
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
		for wi := len(f.widgetTop) - 1; wi >= 0; wi-- {
			if f.widgetTop[wi] > line {
				continue
			}
			if wi >= len(f.widgets) || !f.widgets[wi].focusable() {
				return nil
			}
			w := f.widgets[wi]
			var cmd tea.Cmd
			was := wi == f.focus
			if !was {
				cmd = f.blur()
				f.focus = wi
				f.placeCaret(true)
			}
			f.wheeled = false
			// the fields pane's text starts after the separator and a space
			if w.kind == wAddFigure && was {
				f.c.open(newFigurePage(f.c, f.s, w.part))
			}
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
