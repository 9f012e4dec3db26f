package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/schema"
)

// A widget is one focusable row group of the form: a field, or one of
// the controls of a part (write it into the draft or not; which of its
// alternative headings). It handles its keys, draws itself (view) and
// takes its clicks (click); the form lays widgets out (form_view.go).
type widgetKind int

const (
	wField     widgetKind = iota // a field the clerk fills in (or a computed one, not focusable)
	wInclude                     // 写入稿子：是/否 for a section
	wHeading                     // alternative headings of a part
	wLabel                       // a non-focusable sub-heading (an item's heading)
	wAddFigure                   // ＋ 加一句带数字的话, on a part that takes the clerk's figures
)

type widget struct {
	kind  widgetKind
	part  *schema.Part
	field *schema.Field
	// owner is the innermost sub-part with a heading of its own that
	// holds the widget (nil at the section's own level): Ctrl+O on the
	// widget leaves that sub-part out rather than the whole section.
	owner *schema.Part

	ed    *editor   // text-like fields and textarea
	items []*editor // list fields
	item  int       // focused list item
	opts  []string  // choice and bool fields: the options, then 不适用
	sel   int       // selected option, -1 none

	touched bool // the clerk has been in the field (a required one then says 必填)
	implied int  // option in effect while none is chosen, as last drawn; -1 none
	areaW   int  // width of a multi-line box in the last frame, for clicks
}

func (w *widget) focusable() bool {
	switch w.kind {
	case wLabel:
		return false
	case wField:
		return !w.field.Computed()
	}
	return true
}

// isText reports whether keys typed go into text (so "?" is text, not help).
func (w *widget) isText() bool {
	return w.kind == wField && (w.ed != nil || w.field.Type == schema.List)
}

func newFieldWidget(f *schema.Field, a *schema.Answers) *widget {
	w := &widget{kind: wField, field: f, sel: -1, implied: -1}
	if f.Computed() {
		return w
	}
	r, _ := a.Get(f.ID)
	switch f.Type {
	case schema.List:
		items := r.List
		if !r.IsList && r.Text != "" {
			items = strings.Split(r.Text, "\n")
		}
		for _, it := range items {
			w.items = append(w.items, newEditor(it, false))
		}
		if len(w.items) == 0 {
			w.items = []*editor{newEditor("", false)}
		}
	case schema.Choice, schema.Bool:
		w.opts = append([]string(nil), f.Choices...)
		if f.Type == schema.Bool {
			w.opts = []string{"是", "否"}
		}
		if !f.Required && f.Default == nil {
			// a choice the template requires or defaults (单位类型) always
			// means something: 不适用 there would empty every sentence using it
			w.opts = append(w.opts, schema.NotApplicable)
		}
		w.sel = -1
		for i, o := range w.opts {
			if strings.TrimSpace(r.Text) == o {
				w.sel = i
			}
		}
		if w.sel < 0 && strings.TrimSpace(r.Text) != "" {
			// a value not among the choices (hand-edited): keep it editable
			w.ed = newEditor(r.Text, false)
		}
	default:
		w.ed = newEditor(r.Text, f.Type == schema.TextArea)
	}
	return w
}

// raw is the answer the widget holds now.
// impliedOption is the index of the option in effect while none is
// chosen (the default, or 单位类型 following the unit's name), else -1.
func (w *widget) impliedOption(v schema.Value) int {
	if w.sel >= 0 || v.State != schema.Set {
		return -1
	}
	return slices.Index(w.opts, v.Text)
}

func (w *widget) raw() schema.Raw {
	switch {
	case w.field.Type == schema.List:
		var items []string
		for _, e := range w.items {
			if s := strings.TrimSpace(e.String()); s != "" {
				items = append(items, s)
			}
		}
		if len(items) == 1 && items[0] == schema.NotApplicable {
			return schema.Raw{Text: schema.NotApplicable}
		}
		return schema.Raw{List: items, IsList: true}
	case w.ed != nil:
		return schema.Raw{Text: w.ed.String()}
	case w.sel >= 0:
		return schema.Raw{Text: w.opts[w.sel]}
	}
	return schema.Raw{}
}

// move is what a key asks of the form after a widget has seen it.
type move int

const (
	moveNone  move = iota
	moveNext       // to the next widget
	movePrev       // to the previous widget
	moveStay       // handled inside the widget
	moveAlter      // handled, and the answer changed
)

// handleKey lets a field widget handle a key; width is the width of its
// text box (for ↑/↓ in a textarea).
func (w *widget) handleKey(k tea.KeyPressMsg, keys keyMap, width int) move {
	s := k.String()
	switch {
	case w.field.Type == schema.List:
		return w.listKey(k, s)
	case w.ed != nil && w.ed.multiline:
		if w.areaW > 0 {
			width = w.areaW // rows as the clerk sees them
		}
		switch s {
		case "up":
			if r, _ := w.ed.caretRow(width); r == 0 {
				return movePrev
			}
			w.ed.moveRow(width, -1)
			return moveStay
		case "down":
			if r, n := w.ed.caretRow(width); r == n-1 {
				return moveNext
			}
			w.ed.moveRow(width, 1)
			return moveStay
		case "ctrl+n":
			w.ed.setValue(schema.NotApplicable)
			return moveAlter
		}
		return editMove(w.ed.handleKey(k))
	case w.ed != nil:
		switch s {
		case "enter", "down":
			return moveNext
		case "up":
			return movePrev
		case "ctrl+n":
			w.ed.setValue(schema.NotApplicable)
			return moveAlter
		}
		return editMove(w.ed.handleKey(k))
	case w.opts != nil:
		switch s {
		case "enter", "down":
			return moveNext
		case "up":
			return movePrev
		case "right", "space", "l":
			cur := w.sel
			if cur < 0 {
				cur = w.implied
			}
			w.sel = (cur + 1) % len(w.opts)
			return moveAlter
		case "left", "h":
			cur := w.sel
			if cur < 0 {
				cur = w.implied
			}
			if cur <= 0 {
				w.sel = len(w.opts) - 1
			} else {
				w.sel = cur - 1
			}
			return moveAlter
		case "backspace", "delete":
			w.sel = -1
			return moveAlter
		case "ctrl+n":
			w.sel = len(w.opts) - 1
			return moveAlter
		}
		// typing the first character of an option picks it
		if t := k.Key().Text; t != "" {
			for i, o := range w.opts {
				if strings.HasPrefix(o, t) {
					w.sel = i
					return moveAlter
				}
			}
		}
	}
	return moveNone
}

func editMove(r editResult) move {
	switch r {
	case editChanged:
		return moveAlter
	case editMoved:
		return moveStay
	}
	return moveNone
}

// listKey: Enter adds an item after the current one (on an empty last
// item it leaves the list), ↑/↓ move between items, Alt+↑/↓ reorder,
// Ctrl+X deletes, Backspace on an empty item deletes it.
func (w *widget) listKey(k tea.KeyPressMsg, s string) move {
	cur := w.items[w.item]
	switch s {
	case "enter":
		if strings.TrimSpace(cur.String()) == "" {
			if w.item == len(w.items)-1 {
				if len(w.items) > 1 {
					w.items = w.items[:len(w.items)-1]
					w.item--
				}
				return moveNext
			}
			return moveStay
		}
		// split at the caret, as a text editor would
		rest := string(cur.value[cur.pos:])
		cur.value = cur.value[:cur.pos]
		ne := newEditor(rest, false)
		ne.pos = 0
		w.items = append(w.items[:w.item+1], append([]*editor{ne}, w.items[w.item+1:]...)...)
		w.item++
		return moveAlter
	case "down":
		if w.item == len(w.items)-1 {
			return moveNext
		}
		w.item++
		return moveStay
	case "up":
		if w.item == 0 {
			return movePrev
		}
		w.item--
		return moveStay
	case "alt+up", "ctrl+up":
		if w.item > 0 {
			w.items[w.item-1], w.items[w.item] = w.items[w.item], w.items[w.item-1]
			w.item--
			return moveAlter
		}
		return moveStay
	case "alt+down", "ctrl+down":
		if w.item < len(w.items)-1 {
			w.items[w.item+1], w.items[w.item] = w.items[w.item], w.items[w.item+1]
			w.item++
			return moveAlter
		}
		return moveStay
	case "ctrl+x":
		return w.deleteItem()
	case "backspace":
		if len(cur.value) == 0 && len(w.items) > 1 {
			w.items = append(w.items[:w.item], w.items[w.item+1:]...)
			if w.item > 0 {
				w.item--
			}
			w.items[w.item].pos = len(w.items[w.item].value)
			return moveAlter
		}
	case "ctrl+n":
		w.items = []*editor{newEditor(schema.NotApplicable, false)}
		w.item = 0
		return moveAlter
	}
	return editMove(cur.handleKey(k))
}

func (w *widget) deleteItem() move {
	if len(w.items) == 1 {
		w.items[0].setValue("")
		return moveAlter
	}
	w.items = append(w.items[:w.item], w.items[w.item+1:]...)
	if w.item >= len(w.items) {
		w.item = len(w.items) - 1
	}
	return moveAlter
}

// paste inserts pasted text; into a list, several lines become items.
func (w *widget) paste(s string) bool {
	switch {
	case w.field == nil:
		return false
	case w.field.Type == schema.List:
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		lines := strings.Split(strings.Trim(s, "\n"), "\n")
		cur := w.items[w.item]
		cur.insert(lines[0])
		for _, l := range lines[1:] {
			if strings.TrimSpace(l) == "" {
				continue
			}
			w.items = append(w.items[:w.item+1], append([]*editor{newEditor(l, false)}, w.items[w.item+1:]...)...)
			w.item++
		}
		return true
	case w.ed != nil:
		if !w.ed.multiline {
			s = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r", ""), "\n", ""))
		}
		w.ed.insert(s)
		return true
	}
	return false
}

// view appends the widget's lines, width cells wide, to lines; nums
// are the parts' numbers in the draft (一、（一）…). It returns the lines
// and, while its text box has the focus, the caret's line and column
// (else -1). click reads the same layout.
func (w *widget) view(lines []string, s *session, st styles, nums map[string]string, focused bool, width int) ([]string, int, int) {
	a := s.st.a
	marker := "  "
	if focused {
		marker = st.focus.Render("> ")
	}
	switch w.kind {
	case wLabel:
		h := nums[w.part.ID] + heading(s, w.part)
		if a.Omitted(w.part.ID) {
			lines = appendWrapped(lines, "", h, width, st.omitted.Render)
			lines = appendWrapped(lines, "  ", "（这一小节不写入稿子，在其中按 Ctrl+O 恢复）", width, st.dim.Render)
		} else {
			lines = appendWrapped(lines, "", h, width, st.subheading.Render)
		}
	case wInclude:
		yes, no := "[是]", " 否 "
		if a.Omitted(w.part.ID) {
			yes, no = " 是 ", "[否]"
		}
		l := marker + "写入稿子：" + yes + " " + no
		if w.part.Optional {
			l += st.dim.Render("（未填时自动不写）")
		}
		lines = append(lines, l)
	case wHeading:
		n := len(w.part.Headings)
		i := a.Heading(w.part.ID)
		lines = append(lines, marker+fmt.Sprintf("标题写法：第%d种，共%d种", i+1, n)+st.dim.Render("（←/→ 更换）"))
	case wField:
		return w.fieldView(lines, s, st, focused, marker, width)
	case wAddFigure:
		l := marker + "＋ 加一句带数字的话"
		if focused {
			l += st.dim.Render("（Enter）")
		}
		lines = append(lines, l)
	}
	return lines, -1, -1
}

// fieldView appends a field's lines; see view.
func (w *widget) fieldView(lines []string, s *session, st styles, focused bool, marker string, width int) ([]string, int, int) {
	fl := w.field
	crow, ccol := -1, -1
	add := func(l string) { lines = append(lines, l) }
	label := s.label(fl.ID)
	if fl.Required {
		label += "*"
	}
	v := s.vs.Value(fl.ID)
	var status string
	switch {
	case fl.Computed():
		status = st.dim.Render("自动计算")
	case v.State == schema.Set:
		status = st.ok.Render("已填")
	case v.State == schema.NA:
		status = st.dim.Render("不适用")
	case v.State == schema.Invalid:
		status = st.err.Render("有误")
	case fl.Required && w.touched:
		status = st.err.Render("必填")
	default:
		status = st.dim.Render("待填")
	}
	lw := width - 2 - strWidth(status) - 1
	labelStyle := st.plain
	if focused {
		labelStyle = st.focus
	}
	add(marker + labelStyle.Render(padRight(truncate(label, lw), lw)) + " " + status)

	unit := ""
	if fl.Unit != "" {
		unit = " " + fl.Unit
	}
	last := ""
	if s.vs.Prev != nil && fl.Type != schema.List {
		if pv := s.vs.Prev.Value(fl.ID); pv.State == schema.Set && pv.Text != "" {
			last = shownValue(fl, pv)
		}
	}
	// last year's value goes beside a text box while that leaves the box
	// half the line and room for a value as long as last year's; else on
	// a line of its own under it, clipped: the clerk's value is never cut
	full := width - 2 - 2 - strWidth(unit)
	box, prev := full, ""
	if last != "" {
		prev = "  上年 " + last
		if b := full - strWidth(prev); b >= max(full/2, strWidth(last)+2) {
			box = b
		}
	}
	boxStyle := st.input
	if focused {
		boxStyle = st.inputFocus
	}

	switch {
	case fl.Computed():
		val := ""
		switch v.State {
		case schema.Set:
			val = st.ok.Render(shownValue(fl, v))
		case schema.NA:
			val = st.dim.Render("不适用")
		default:
			needs := s.vs.Needs(fl.ID)
			names := make([]string, 0, len(needs))
			for _, id := range needs {
				names = append(names, s.label(id))
			}
			val = st.dim.Render("待填（还需：" + strings.Join(names, "、") + "）")
			if len(needs) == 0 && v.Err != nil {
				val = st.err.Render(v.Err.Error())
			}
		}
		add("  = " + val)
	case fl.Type == schema.List:
		for i, e := range w.items {
			num := strconv.Itoa(i+1) + ". "
			ib := max(4, width-2-strWidth(num)-2)
			text, cx := e.viewLine(ib)
			style := st.input
			if focused && i == w.item {
				style = st.inputFocus
				crow, ccol = len(lines), 2+strWidth(num)+1+cx
			}
			add("  " + num + "[" + style.Render(text) + "]")
		}
		if focused {
			add(st.dim.Render(truncate("  Enter 新增一条  Alt+↑/↓ 调整顺序  Ctrl+X 删除", width)))
		}
	case w.ed != nil && w.ed.multiline:
		rowsN := areaRows
		if focused {
			rowsN = areaRowsFocused
		}
		w.areaW = max(4, full) // last year's text is not shown beside it
		rows, cr, cc := w.ed.viewArea(w.areaW, rowsN)
		for i, r := range rows {
			if focused && i == cr {
				crow, ccol = len(lines), 3+cc
			}
			add("  [" + boxStyle.Render(r) + "]")
		}
	case w.ed != nil:
		var text string
		if len(w.ed.value) == 0 && !focused {
			text = st.dim.Render(fit(placeholder(fl), box))
		} else if !focused {
			text = boxStyle.Render(fit(w.ed.String(), box)) // from its beginning
		} else {
			var cx int
			text, cx = w.ed.viewLine(box)
			text = boxStyle.Render(text)
			if focused {
				crow, ccol = len(lines), 3+cx
			}
		}
		if box == full {
			add("  [" + text + "]" + unit)
			if last != "" {
				add("   " + st.dim.Render(truncate("上年 "+last, width-3)))
			}
		} else {
			add("  [" + text + "]" + unit + st.dim.Render(prev))
		}
	case w.opts != nil:
		var b strings.Builder
		w.implied = w.impliedOption(v)
		for i, o := range w.opts {
			switch {
			case i == w.sel:
				b.WriteString(st.focus.Render("[" + o + "]"))
			case i == w.implied:
				b.WriteString(st.dim.Render("[" + o + "]")) // the default in effect
			default:
				b.WriteString(" " + o + " ")
			}
			b.WriteString(" ")
		}
		add(truncate("  "+b.String()+st.dim.Render(prev), width))
	}
	if focused && !fl.Computed() {
		var hint []string
		if fl.Example != "" {
			hint = append(hint, "例："+fl.Example)
		}
		if d, ok := fl.Default.(schema.Raw); ok && d.Text != "" {
			if named := s.t.ImpliedByName(s.st.a, fl.ID); named != "" && named != d.Text {
				hint = append(hint, "没选时按单位名称："+named) // 单位类型 of 归义乡, 行政区 of 南江县医保局
			} else {
				hint = append(hint, "默认："+d.Text)
			}
		}
		if fl.Help != "" {
			hint = append(hint, fl.Help)
		}
		if fl.Clerk {
			hint = append(hint, "自己加的数字：F3 改它所在的那句话，Ctrl+X 删除")
		}
		if w.opts != nil {
			hint = append(hint, "←/→ 选择")
		}
		if len(hint) > 0 {
			for i, l := range wrapText(strings.Join(hint, "；"), width-2) {
				if i == 2 {
					break
				}
				add("  " + st.dim.Render(l))
			}
		}
	}
	if focused && s.t.ImportedFrom != "" {
		lines = appendSource(lines, s, st, fl.ID, width)
	}
	// said in full under the field: the wrapped lines of msg
	say := func(msg string, style paint) {
		for _, l := range wrapText(msg, width-4) {
			add("  " + style.Render("! "+l))
		}
	}
	switch {
	case v.State == schema.Invalid && v.Err != nil:
		say(v.Err.Error(), st.err)
	case fl.Required && w.touched && v.State == schema.Missing:
		say("必填，请填写", st.err)
	case focused && fl.Type.Numeric():
		// a figure no report states, a 同比 copied from last year or
		// pointing the wrong way (with the change the two years give)
		for _, c := range s.vs.HintsFor(fl) {
			say(c.Msg, st.warn)
		}
	}
	return lines, crow, ccol
}

// Rows a multi-line box shows, and while it has the focus.
const areaRows, areaRowsFocused = 3, 5

func placeholder(fl *schema.Field) string {
	if d, ok := fl.Default.(schema.Raw); ok && d.Text != "" {
		return "默认：" + d.Text
	}
	if fl.Example != "" {
		return "例：" + fl.Example
	}
	return ""
}

// click puts the caret where a click landed in the widget's text box
// (one line or several), or picks the option clicked; it reports whether
// the answer changed. row is the line within the widget (0: its label),
// col the cell within the fields pane; was says whether the widget had
// the focus when the frame the clerk clicked on was drawn. The columns
// follow view: "  [" before a text box, "  N. [" before a list item,
// "  " before options.
func (w *widget) click(was bool, row, col int) bool {
	if row < 1 {
		return false
	}
	switch {
	case w.items != nil:
		i := row - 1
		if i >= len(w.items) {
			return false
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
		shown := areaRows // as view draws the box
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
					return true
				}
				return false
			}
			x += ow + 1
		}
	}
	return false
}
