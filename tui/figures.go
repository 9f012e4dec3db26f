package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/importer"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// figurePage is 加一句带数字的话: on a part whose template lets the clerk
// add figures (figures: true), the clerk types a sentence the way a
// report says it (完成统计执法检查25家，发现问题12个); nigao finds its
// figures and proposes for each a name, unit and type (as nigao import
// does), which the clerk may correct, and whether to say 同比 after it.
// Enter adds the sentence to the answers (figures:) and its figures'
// values to values:; the form is built again with them as fields.
type figurePage struct {
	c    *common
	s    *session
	part *schema.Part

	sentence *editor
	found    importer.Sentence // the sentence as last scanned; no figures: not scanned
	rows     []figureRow
	focus    int    // 0: the sentence; then figureStops per row
	errText  string // shown under the item it is about
	errAt    int    // that item: a row, -1 for the sentence
	scroll   int    // first line of the box shown, when it is taller than the screen

	// changing is the index of the clerk's sentence being changed (F3),
	// -1 for a new one; old is that sentence as it was, and from the
	// figure F3 was pressed on
	changing int
	old      schema.FigureSentence
	from     string

	// chosen is what the clerk chose for the figures of the sentence
	// before it was changed (in the dialog, or by F3 in the answers):
	// the figures found again are given it (carry)
	chosen []choice
}

// choice is what the clerk chose for a figure: name, unit and type, and
// 同比; said is the figure as the sentence read (48.2亿元), unit the
// unit it read with.
type choice struct {
	field      schema.FigureField
	yoy        bool
	said, unit string
}

// figureRow is what the clerk may correct of one figure found.
type figureRow struct {
	name, unit *editor
	typ        int  // index into schema.FigureTypes
	yoy        bool // write 同比… after it
}

// The focus stops of a row: name, unit, type, 同比.
const (
	stopName = iota
	stopUnit
	stopType
	stopYoY
	figureStops
)

func newFigurePage(c *common, s *session, p *schema.Part) *figurePage {
	return &figurePage{c: c, s: s, part: p, sentence: newEditor("", false), changing: -1, errAt: -1}
}

// editFigurePage is F3 on a figure of the clerk's: its sentence as the
// draft says it, its figures found again and named, typed and switched
// as they were, to change and put back in its place.
func editFigurePage(c *common, s *session, f *schema.Field) *figurePage {
	part, i := s.sentenceOf(f)
	old := s.st.a.Figures(part)[i]
	d := newFigurePage(c, s, s.t.Part(part))
	d.changing, d.old = i, old
	value := func(id string) string { r, _ := s.st.a.Get(id); return r.Text }
	text, yoy := plainSentence(old, value)
	for _, ff := range old.Fields {
		d.chosen = append(d.chosen, choice{field: ff, yoy: yoy[ff.ID], said: strings.TrimSuffix(value(ff.ID), "%") + ff.Unit, unit: ff.Unit})
	}
	d.from = f.ID
	// without its 。, so what is typed after it goes on the sentence
	d.sentence = newEditor(strings.TrimRight(text, "。"), false)
	d.scan()
	return d
}

// carry gives the figures found again in a changed sentence what the
// clerk chose for them before (name, unit, type, 同比): a figure is the
// one chosen before of its proposed name, else the one that read the
// same (48.2亿元), else, when the sentence has as many figures as before,
// the one in its place if it counts in the same unit.
func (d *figurePage) carry() {
	used := make([]bool, len(d.chosen))
	chosenFor := func(i int) int {
		f := d.found.Figures[i]
		for j, c := range d.chosen {
			if !used[j] && c.field.ID == f.ID {
				return j
			}
		}
		for j, c := range d.chosen {
			if !used[j] && c.said == strings.TrimSuffix(f.Value, "%")+f.Unit {
				return j
			}
		}
		if len(d.rows) == len(d.chosen) && !used[i] && d.chosen[i].unit == f.Unit {
			return i // the number changed, not what it counts
		}
		return -1
	}
	for i := range d.rows {
		j := chosenFor(i)
		if j < 0 {
			continue
		}
		used[j] = true
		c, r := d.chosen[j], &d.rows[i]
		r.name, r.unit = newEditor(c.field.ID, false), newEditor(c.field.Unit, false)
		r.typ = max(slices.Index(schema.FigureTypes, c.field.Type), 0)
		r.yoy = c.yoy
	}
}

// keep notes what the clerk chose for the figures found, before a
// change to the sentence (Ctrl+U, a word typed) sets them aside.
func (d *figurePage) keep() {
	fs, _ := d.figureSentence()
	d.chosen = d.chosen[:0]
	for i, ff := range fs.Fields {
		f := d.found.Figures[i]
		d.chosen = append(d.chosen, choice{field: ff, yoy: d.rows[i].yoy, said: strings.TrimSuffix(f.Value, "%") + f.Unit, unit: f.Unit})
	}
}

// plainSentence is a clerk's sentence as typed: each figure's value in
// its slot (value gives it), the 同比 that nigao writes taken out; yoy
// tells which figures had it.
func plainSentence(fs schema.FigureSentence, value func(id string) string) (string, map[string]bool) {
	yoy := map[string]bool{}
	for _, f := range fs.Fields {
		if strings.Contains(fs.Text, "{"+f.ID+"|同比}") {
			yoy[f.ID] = true
		}
	}
	return fillSentence(fs, value, func(schema.FigureField) string { return "" }), yoy
}

// fillSentence is a clerk's sentence with each figure's value (value
// gives it) in its slot and said(f) where it asks for 同比; when said
// gives "", the comma before that 同比 goes too.
func fillSentence(fs schema.FigureSentence, value func(id string) string, said func(schema.FigureField) string) string {
	var pairs []string
	for _, f := range fs.Fields {
		v := value(f.ID)
		if f.Type == schema.Percent && v != "" && !strings.HasSuffix(v, "%") {
			v += "%"
		}
		yoy := said(f)
		if yoy == "" {
			pairs = append(pairs, "，{"+f.ID+"|同比}", "")
		}
		pairs = append(pairs, "{"+f.ID+"|同比}", yoy, "{"+f.ID+"}", v)
	}
	pairs = append(pairs, "{{", "{", "}}", "}")
	return strings.NewReplacer(pairs...).Replace(fs.Text)
}

func (d *figurePage) modal() {}

func (d *figurePage) update(msg tea.Msg) (page, tea.Cmd) {
	said := d.errText
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if e := d.editing(); e != nil {
			e.insert(msg.Content)
			d.edited()
		}
	case tea.KeyPressMsg:
		cmd = d.key(msg)
	}
	if d.errText != said {
		d.errAt = d.item(d.focus) // a message is about the item with the focus as it is given
	}
	return d, cmd
}

// item is the row of focus stop i, -1 for the sentence.
func (d *figurePage) item(i int) int {
	if i == 0 {
		return -1
	}
	return (i - 1) / figureStops
}

// editing is the text box with the focus, if any.
func (d *figurePage) editing() *editor {
	if d.focus == 0 {
		return d.sentence
	}
	r, stop := d.at()
	switch stop {
	case stopName:
		return r.name
	case stopUnit:
		return r.unit
	}
	return nil
}

// at is the row and stop of the focus (not on the sentence).
func (d *figurePage) at() (*figureRow, int) {
	i := d.focus - 1
	return &d.rows[i/figureStops], i % figureStops
}

// edited: a change to the sentence makes the figures found stale.
func (d *figurePage) edited() {
	d.errText = ""
	if d.focus == 0 && d.rows != nil {
		d.keep() // for the figures found again
		d.rows, d.found = nil, importer.Sentence{}
	}
}

func (d *figurePage) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	switch s {
	case "esc", "ctrl+c":
		d.c.close(d)
		return nil
	case "enter":
		if d.focus == 0 && d.rows == nil {
			d.scan()
			return nil
		}
		return d.add()
	case "tab", "down":
		if d.rows != nil {
			d.focus = (d.focus + 1) % (1 + figureStops*len(d.rows))
		}
		return nil
	case "shift+tab", "up":
		if d.rows != nil {
			n := 1 + figureStops*len(d.rows)
			d.focus = (d.focus + n - 1) % n
		}
		return nil
	}
	if e := d.editing(); e != nil {
		if e.handleKey(k) == editChanged {
			d.edited()
		}
		return nil
	}
	r, stop := d.at()
	d.errText = "" // a choice changed: what was said may no longer hold
	switch {
	case stop == stopType && (s == "left" || s == "right" || s == "space"):
		n := len(schema.FigureTypes)
		if s == "left" {
			r.typ = (r.typ + n - 1) % n
		} else {
			r.typ = (r.typ + 1) % n
		}
	case stop == stopYoY && (s == "left" || s == "right" || s == "space"):
		r.yoy = !r.yoy
	}
	return nil
}

// taken reports the ids in use: the template's fields and the clerk's
// other figures (not those of the sentence being changed).
func (d *figurePage) taken() map[string]bool {
	ids := map[string]bool{}
	for _, f := range d.s.t.Fields() {
		if !d.mine(f) {
			ids[f.ID] = true
		}
	}
	return ids
}

// mine reports a figure of the sentence being changed.
func (d *figurePage) mine(f *schema.Field) bool {
	if d.changing < 0 || !f.Clerk {
		return false
	}
	return slices.ContainsFunc(d.old.Fields, func(ff schema.FigureField) bool { return ff.ID == f.ID })
}

// scan finds the figures of the sentence typed.
func (d *figurePage) scan() {
	// white space as the draft has it (a pasted Tab was kept as a space)
	text := render.TidySpaces(d.sentence.String())
	if text != d.sentence.String() {
		d.sentence.setValue(text)
	}
	if text == "" {
		d.errText = "先输入这句话"
		return
	}
	if n := utf8.RuneCountInString(text); n > schema.MaxSentenceRunes {
		d.errText = fmt.Sprintf("这句话太长（%d 个字，一句最多 %d 个字）：请分成几句", n, schema.MaxSentenceRunes)
		return
	}
	d.found = importer.ScanSentence(text, d.taken())
	if n := len(d.found.Figures); n > schema.MaxSentenceFields {
		d.errText = fmt.Sprintf("这句话里有 %d 个数字，一句最多 %d 个：请分成几句", n, schema.MaxSentenceFields)
		d.found = importer.Sentence{}
		return
	}
	if len(d.found.Figures) == 0 {
		d.errText = "这句话里没有找到带单位的数字（如 25家、12个、98.5%）；不带数字的工作写在“其他工作”里"
		return
	}
	d.rows = nil
	for _, f := range d.found.Figures {
		t := slices.Index(schema.FigureTypes, f.Type)
		d.rows = append(d.rows, figureRow{name: newEditor(f.ID, false), unit: newEditor(f.Unit, false), typ: max(t, 0)})
	}
	d.carry()
	d.focus = 1
}

// sentence is what the rows make of the sentence found: the figures as
// the clerk named them, the text with their slots (and 同比 after those
// that ask for it, after the unit), and their values.
func (d *figurePage) figureSentence() (schema.FigureSentence, map[string]string) {
	var fs schema.FigureSentence
	values := map[string]string{}
	for i, r := range d.rows {
		f := d.found.Figures[i]
		ff := schema.FigureField{ID: strings.TrimSpace(r.name.String()), Type: schema.FigureTypes[r.typ], Unit: strings.TrimSpace(r.unit.String())}
		if f.Label != ff.ID && f.ID == ff.ID {
			ff.Label = f.Label
		}
		fs.Fields = append(fs.Fields, ff)
		values[ff.ID] = f.Value
	}
	var b strings.Builder
	said := map[int]bool{}
	for i, p := range d.found.Pieces {
		if i > 0 {
			// the words after slot i-1 begin with the figure's unit as found
			j := d.found.Slots[i-1]
			found, ff := d.found.Figures[j], fs.Fields[j]
			if found.Unit != "" && strings.HasPrefix(p, found.Unit) {
				b.WriteString(ff.Unit)
				p = strings.TrimPrefix(p, found.Unit)
			}
			if d.rows[j].yoy && !said[j] {
				said[j] = true
				b.WriteString("，{" + ff.ID + "|同比}")
			}
		}
		b.WriteString(p)
		if i < len(d.found.Slots) {
			b.WriteString("{" + fs.Fields[d.found.Slots[i]].ID + "}")
		}
	}
	fs.Text = b.String()
	return fs, values
}

// add checks the sentence and adds it; a problem keeps the page open
// and is shown under the figures.
func (d *figurePage) add() tea.Cmd {
	if d.rows == nil {
		d.scan()
		return nil
	}
	fs, values := d.figureSentence()
	taken := d.taken()
	if i, stop, msg := d.misfit(fs, values); msg != "" {
		d.errText, d.focus = msg, 1+i*figureStops+stop
		return nil
	}
	for i, ff := range fs.Fields {
		msg := d.s.nameInUse(ff.ID, d.mine)
		if j := slices.IndexFunc(fs.Fields[:i], func(g schema.FigureField) bool { return g.ID == ff.ID }); j >= 0 {
			msg = fmt.Sprintf("这句话里的“%s”也叫“%s”：请换一个名称", d.found.Figures[j].Figure, ff.ID)
		}
		if msg != "" {
			d.errText, d.focus = msg, 1+i*figureStops+stopName
			return nil
		}
	}
	if msg := schema.CheckSentence(fs, func(id string) bool { return taken[id] }); msg != "" {
		d.errText = msg
		return nil
	}
	cmd, err := d.s.putSentence(d.part.ID, d.changing, fs, values)
	if err != nil {
		d.errText = err.Error()
		return nil
	}
	d.c.close(d)
	d.c.send(reloadedMsg{}) // the form is built again with the new fields
	d.c.send(d.back(fs))
	if d.changing >= 0 {
		d.c.send(statusMsg{text: "已改好这句话（Ctrl+Z 撤销）"})
	} else {
		d.c.send(statusMsg{text: fmt.Sprintf("已加入这句话和它的 %d 个数字；在它的数字上 F3 改这句话，Ctrl+X 删除", len(fs.Fields))})
	}
	return cmd
}

// back is where the focus goes once the sentence is in: where the clerk
// was. A sentence added: its ＋ 加一句带数字的话, for the next one; its
// figures were typed in it and show above, filled. A sentence changed
// (F3): the figure F3 was pressed on, or its first figure when that one
// went, with the caret after the value as on any field filled.
func (d *figurePage) back(fs schema.FigureSentence) jumpToFieldMsg {
	if d.changing < 0 {
		return jumpToFieldMsg{part: d.part.ID, add: true}
	}
	for _, ff := range fs.Fields {
		if ff.ID == d.from {
			return jumpToFieldMsg{id: ff.ID}
		}
	}
	return jumpToFieldMsg{id: fs.Fields[0].ID}
}

// misfit finds the first figure whose number does not fit the type
// chosen for it (98.7亿元 as a date), or that asks for 同比 where a
// number cannot have one, or where the sentence already says it: its
// row, the stop to correct and why.
func (d *figurePage) misfit(fs schema.FigureSentence, values map[string]string) (int, int, string) {
	for i, ff := range fs.Fields {
		f := &schema.Field{ID: ff.ID, Type: ff.Type, Unit: ff.Unit}
		if _, err := schema.ParseValue(f, schema.Raw{Text: values[ff.ID]}); err != nil {
			return i, stopType, fmt.Sprintf("“%s”按%s不对：%v。请换一种类型", d.found.Figures[i].Figure, schema.FigureTypeWord[ff.Type], err)
		}
		if !d.rows[i].yoy {
			continue
		}
		if ff.Type == schema.Date || ff.Type == schema.Text {
			return i, stopYoY, fmt.Sprintf("“%s”是%s，后面不能写同比", d.found.Figures[i].Figure, schema.FigureTypeWord[ff.Type])
		}
		if said := d.saysYoY(i); said != "" {
			return i, stopYoY, fmt.Sprintf("这句话在“%s”后面已经写了“%s”，不用再选“后面写同比”。要 nigao 按上年的数算同比，就到“句子”里删掉这几个字，再按 Enter", d.found.Figures[i].Figure, said)
		}
	}
	return -1, 0, ""
}

// yoyWords begin a comparison with last year said after a figure.
var yoyWords = []string{"同比", "比上年", "较上年", "比去年", "较去年", "与上年", "和上年", "比上年同期", "较上年同期"}

// saysYoY is the comparison with last year the sentence already says
// right after figure i (its unit and a comma between), or "".
func (d *figurePage) saysYoY(i int) string {
	for k, slot := range d.found.Slots {
		if slot != i || k+1 >= len(d.found.Pieces) {
			continue
		}
		after := strings.TrimPrefix(d.found.Pieces[k+1], d.found.Figures[i].Unit)
		after = strings.TrimLeft(after, "，,、 （(")
		for _, w := range yoyWords {
			if strings.HasPrefix(after, w) {
				return w
			}
		}
	}
	return ""
}

func (d *figurePage) view(width, height int) ([]string, *tea.Cursor) {
	bw := min(width-4, 76)
	// the message under the item it is about; when that and the item
	// with the focus do not fit on the screen together, under the focus
	said := d.errAt
	if said >= len(d.rows) {
		said = d.item(d.focus)
	}
	box, cur, top, bot := d.box(bw, said)
	if len(box) > height && bot-top >= height {
		box, cur, top, bot = d.box(bw, d.item(d.focus))
	}
	if len(box) > height {
		d.scroll = follow(min(d.scroll, len(box)-height), top, bot, height)
		box = box[d.scroll:]
		if cur != nil {
			cur.Y -= d.scroll
		}
	}
	return placeBox(box, bw, width, height, cur)
}

// box is the dialog's lines, bw cells wide, with the message under item
// said (a row, -1: the sentence), the cursor, and the first and last
// line that must show: the item with the focus and the message.
func (d *figurePage) box(bw, said int) (box []string, cur *tea.Cursor, top, bot int) {
	st := d.c.styles
	add := func(ls ...string) { box = append(box, ls...) }
	// input draws a text box after the line so far (before), with the
	// cursor in it when it has the focus
	input := func(before, prefix string, e *editor, w int, focused bool) string {
		style := st.input
		text := fit(e.String(), w)
		if focused {
			style = st.inputFocus
			var cx int
			text, cx = e.viewLine(w)
			cur = tea.NewCursor(strWidth(before)+strWidth(prefix)+1+cx, len(box))
		}
		return before + prefix + "[" + style.Render(text) + "]"
	}
	top, bot = -1, -1
	// ended: the lines of item i since from are drawn
	ended := func(i, from int) {
		if i == said && d.errText != "" {
			for _, l := range wrapText(d.errText, bw) {
				add(st.err.Render(l))
			}
		}
		if i == d.item(d.focus) || i == said && d.errText != "" {
			if top < 0 {
				top = from
			}
			bot = len(box) - 1
		}
	}
	heading := "加一句带数字的话"
	if d.changing >= 0 {
		heading = "改这句话"
	}
	add(st.dialog.Render(heading), st.dim.Render(truncate("部分："+d.s.tree.of(d.part).path(d.s), bw)), "")
	add(wrapText("照平常的写法输入这句话，数字写在里面，如：完成统计执法检查25家，发现问题12个。按 Enter 找出其中的数字。", bw)...)
	add("")
	add(input("", "句子：", d.sentence, bw-8, d.focus == 0))
	ended(-1, len(box)-1)
	if d.rows != nil {
		add("", fmt.Sprintf("找到 %d 个数字。名称就是表单和检查页里的名字；名称、单位、类型都可以改：", len(d.rows)))
		for i := range d.rows {
			r := &d.rows[i]
			focus, stop := -1, -1
			if d.focus > 0 && d.item(d.focus) == i {
				focus, stop = i, (d.focus-1)%figureStops
			}
			from := len(box)
			add("  " + st.subheading.Render(d.found.Figures[i].Figure))
			line := input("", "  "+marker(st, focus == i && stop == stopName)+"名称：", r.name, 24, focus == i && stop == stopName)
			add(input(line, "  "+marker(st, focus == i && stop == stopUnit)+"单位：", r.unit, 8, focus == i && stop == stopUnit))
			var b strings.Builder
			b.WriteString("  " + marker(st, focus == i && stop == stopType) + "类型：")
			for j, t := range schema.FigureTypes {
				if j == r.typ {
					b.WriteString(st.focus.Render("[" + schema.FigureTypeWord[t] + "]"))
				} else {
					b.WriteString(" " + schema.FigureTypeWord[t] + " ")
				}
			}
			yoy := "[否]"
			if r.yoy {
				yoy = "[是]"
			}
			b.WriteString("  " + marker(st, focus == i && stop == stopYoY) + "后面写同比：" + yoy)
			add(b.String())
			ended(i, from)
		}
		fs, values := d.figureSentence()
		add("")
		add(wrapText("稿子里写成："+readSentence(fs, values), bw)...)
	}
	enter := "找出数字"
	switch {
	case d.rows != nil && d.changing >= 0:
		enter = "改好"
	case d.rows != nil:
		enter = "加入"
	}
	add("", st.helpKey.Render("Enter "+enter+"    Tab/↑↓ 换项    ←/→ 换类型、同比    Esc 取消"))
	return box, cur, max(top, 0), max(bot, 0)
}

// marker is the focus mark before a choice.
func marker(st styles, focused bool) string {
	if focused {
		return st.focus.Render("> ")
	}
	return "  "
}

// readSentence is the sentence as the draft will say it: values in
// place of their slots, 同比 as a word.
func readSentence(fs schema.FigureSentence, values map[string]string) string {
	return fillSentence(fs, func(id string) string { return values[id] }, func(f schema.FigureField) string {
		if f.Type == schema.Percent {
			return "同比提高（或下降）…个百分点"
		}
		return "同比增长（或下降）…%"
	})
}

func (d *figurePage) shortHelp(int) []key.Binding {
	if d.rows == nil {
		return []key.Binding{bind("", "输入这句话"), bind("Enter", "找出数字"), bind("Esc", "取消")}
	}
	return []key.Binding{bind("Tab/↑↓", "换项"), bind("←/→", "换类型、同比"), bind("Enter", "加入"), bind("Esc", "取消")}
}

// deleteSentenceDialog asks before the sentence holding the clerk's
// figure f goes, with its figures and their values (Ctrl+X on one).
func deleteSentenceDialog(c *common, s *session, f *schema.Field) *dialog {
	part, i := s.sentenceOf(f)
	fs := s.st.a.Figures(part)[i]
	values := map[string]string{}
	for _, ff := range fs.Fields {
		if r, ok := s.st.a.Get(ff.ID); ok && strings.TrimSpace(r.Text) != "" {
			values[ff.ID] = r.Text
		} else {
			values[ff.ID] = "【" + ff.ID + "】"
		}
	}
	return confirmDialog(c, "删除这句话？", []string{
		"“" + readSentence(fs, values) + "”",
		"",
		"这句话和其中的数字（连同填的值）都从答案里去掉，稿子里不再有它。",
	},
		dialogChoice{"y", "Y 删除", func(string) tea.Cmd {
			cmd := s.deleteSentence(part, i)
			c.send(reloadedMsg{})
			c.send(statusMsg{text: "已删除这句话"})
			return cmd
		}},
		dialogChoice{"n", "N 返回", nil})
}

// putSentence adds a sentence of the clerk's to part (at -1), or puts it
// in the place of sentence at, with the values of its figures: the
// template is made again with them (and last period's values are read by
// their ids), and the answers are saved. The figures of the sentence
// replaced that it no longer has go with their values.
func (s *session) putSentence(part string, at int, fs schema.FigureSentence, values map[string]string) (tea.Cmd, error) {
	a := s.st.a
	before := a.Figures(part)
	var ids []string
	for _, f := range fs.Fields {
		ids = append(ids, f.ID)
	}
	undo := s.figureState(part, ids)
	after := slices.Clone(before)
	if at < 0 {
		after = append(after, fs)
	} else {
		for _, f := range after[at].Fields {
			if _, kept := values[f.ID]; !kept {
				a.Delete(f.ID)
			}
		}
		after[at] = fs
	}
	a.SetFigures(part, after)
	for id, v := range values {
		a.Set(id, schema.Raw{Text: v})
	}
	if err := readsBack(s.base, a); err != nil {
		s.setFigureState(undo)
		return nil, err
	}
	s.pushUndo(undoStep{figures: &undo})
	return s.figuresChanged(), nil
}

// deleteSentence takes sentence i of part away, and its figures' values.
func (s *session) deleteSentence(part string, i int) tea.Cmd {
	a := s.st.a
	undo := s.figureState(part, nil)
	s.pushUndo(undoStep{figures: &undo})
	ss := slices.Clone(a.Figures(part))
	for _, f := range ss[i].Fields {
		a.Delete(f.ID)
	}
	a.SetFigures(part, slices.Delete(ss, i, i+1))
	return s.figuresChanged()
}

// readsBack checks that the answers with a sentence added are what nigao
// reads back: saved, loaded again and fitted to the template. The
// wizard must never write a file that it, lint or render then refuse.
func readsBack(t *schema.Template, a *schema.Answers) error {
	data, err := a.Encode()
	if err != nil {
		return err
	}
	b, err := schema.LoadAnswers("答案文件", data)
	if err != nil {
		var list schema.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return fmt.Errorf("%s", list[0].Msg) // its place in a file not yet written says nothing
		}
		return err
	}
	_, err = schema.WithFigures(t, b)
	return err
}

// figureState is part's sentences of the clerk's now, with the answers
// of their figures and of the figures ids.
func (s *session) figureState(part string, ids []string) figureState {
	fs := figureState{part: part, sentences: s.st.a.Figures(part), values: map[string]schema.Raw{}}
	fs.ids = slices.Clone(ids)
	for _, ss := range fs.sentences {
		for _, f := range ss.Fields {
			fs.ids = append(fs.ids, f.ID)
		}
	}
	slices.Sort(fs.ids)
	fs.ids = slices.Compact(fs.ids)
	for _, id := range fs.ids {
		if r, ok := s.st.a.Get(id); ok {
			fs.values[id] = r
		}
	}
	return fs
}

// setFigureState puts a part's sentences and their figures' answers
// back as they were.
func (s *session) setFigureState(fs figureState) {
	s.st.a.SetFigures(fs.part, fs.sentences)
	for _, id := range fs.ids {
		if r, ok := fs.values[id]; ok {
			s.st.a.Set(id, r)
		} else {
			s.st.a.Delete(id)
		}
	}
}

// figuresChanged makes the template again from the answers and saves.
// The undo steps of figures gone stay: the step that took them away is
// newer, and undoing it brings them back first.
func (s *session) figuresChanged() tea.Cmd {
	cmd := statusCmdOf(s.start())
	s.editing = ""
	s.st.changed()
	return tea.Batch(cmd, s.saveNow())
}

// statusCmdOf says err in the status line, if there is one.
func statusCmdOf(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return statusCmd(err.Error(), true)
}

// hasSentence reports whether the clerk's figure f is in a sentence of
// the answers (it is, unless they were replaced under the form).
func (s *session) hasSentence(f *schema.Field) bool {
	_, i := s.sentenceOf(f)
	return i >= 0
}

// sentenceOf finds the clerk's sentence holding figure f: its part and
// index (-1: none).
func (s *session) sentenceOf(f *schema.Field) (string, int) {
	for i, fs := range s.st.a.Figures(f.Part.ID) {
		for _, ff := range fs.Fields {
			if ff.ID == f.ID {
				return f.Part.ID, i
			}
		}
	}
	return f.Part.ID, -1
}

// relabelDialog is F2 on a figure of the clerk's: the name shown for it
// in the wizard and the review (its label) goes into the answers file;
// its id, which the sentence and values: use, stays. A name refused
// (one the template has) keeps the dialog open with the name typed and
// the reason under it.
func relabelDialog(c *common, s *session, f *schema.Field) *dialog {
	d := inputDialog(c, "数字改名", "名称：", s.label(f.ID), []string{
		"自己加的数字“" + f.ID + "”在向导和检查页里显示的名称，存在答案文件里（句子里写作 {" + f.ID + "}，不变）。",
	}, nil)
	d.try = func(in string) (tea.Cmd, error) {
		cmd, err := s.relabelFigure(f, in)
		if err != nil {
			return nil, err
		}
		c.send(reloadedMsg{})
		c.send(jumpToFieldMsg{id: f.ID})
		return tea.Batch(cmd, statusCmd("已改名："+strings.TrimSpace(in), false)), nil
	}
	d.help = []key.Binding{bind("", "输入新名称"), bind("Enter", "改名"), bind("Esc", "取消")}
	return d
}

// nameInUse says when name is already the name (id or label) of a
// field other than self, and where: two fields of one name in the form
// and the review could not be told apart, and a figure the template
// already asks for is better filled there.
func (s *session) nameInUse(name string, mine func(*schema.Field) bool) string {
	for _, g := range s.t.Fields() {
		if mine(g) || g.ID != name && g.Label != name {
			continue
		}
		where := "基本信息"
		if g.Part != nil {
			where = s.tree.of(g.Part).path(s)
		}
		if g.Clerk {
			return fmt.Sprintf("“%s”这个名称已经有了（自己加的数字，在 %s）：请换一个名称", name, where)
		}
		return fmt.Sprintf("模板里已经有“%s”（在 %s）：这个数字模板里有，直接填那一项；要另写一个，请换一个名称", name, where)
	}
	return ""
}

// relabelFigure gives the clerk's figure f the label label.
func (s *session) relabelFigure(f *schema.Field, label string) (tea.Cmd, error) {
	label = strings.TrimSpace(label)
	part, i := s.sentenceOf(f)
	if label == "" || i < 0 {
		return nil, fmt.Errorf("名称不能为空")
	}
	if msg := s.nameInUse(label, func(g *schema.Field) bool { return g == f }); msg != "" {
		return nil, fmt.Errorf("%s", msg)
	}
	ss := slices.Clone(s.st.a.Figures(part))
	ss[i].Fields = slices.Clone(ss[i].Fields)
	for j := range ss[i].Fields {
		if ss[i].Fields[j].ID == f.ID {
			ss[i].Fields[j].Label = label
		}
	}
	if msg := schema.CheckSentence(ss[i], func(string) bool { return false }); msg != "" {
		return nil, fmt.Errorf("%s", msg)
	}
	undo := s.figureState(part, nil)
	s.pushUndo(undoStep{figures: &undo})
	s.st.a.SetFigures(part, ss)
	return s.figuresChanged(), nil
}
