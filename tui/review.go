package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/collect"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// The review page: every missing figure (Enter jumps to it), the
// computed totals, and warnings (invalid values, required fields left
// empty, parts exceeding their total, answers the template does not
// know).
type reviewPage struct {
	c      *common
	s      *session
	rows   []reviewRow
	sel    int // index into rows of the selected jumpable row
	scroll int
}

type reviewRow struct {
	text  string
	style int    // 0 plain, 1 heading, 2 dim, 3 warning, 4 ok
	field string // jump target
	part  string // or the part to show, on its 写入稿子; both "": not selectable
}

func (r reviewRow) jumps() bool { return r.field != "" || r.part != "" }

func newReview(c *common, s *session) *reviewPage {
	r := &reviewPage{c: c, s: s}
	st := s.st
	add := func(text string, style int, field string) {
		r.rows = append(r.rows, reviewRow{text: text, style: style, field: field})
	}
	t := s.t
	// where a part is, by the outline: 一、年度总结 › （三）安全生产
	where := func(p *schema.Part) string { return s.tree.of(p).path(s) }

	miss := s.doc.Missing
	add(fmt.Sprintf("稿子里待填的数据（%d 处）", len(miss)), 1, "")
	if len(miss) == 0 {
		add("  都填齐了。", 4, "")
	}
	seen := map[string]bool{}
	for _, m := range miss {
		label := m.Label
		if label == "" {
			label = m.Field
		}
		key := m.Field + "\x00" + m.Part
		if seen[key] {
			continue
		}
		seen[key] = true
		text := "  " + where(t.Part(m.Part)) + "：" + label
		if fl := t.Field(m.Field); fl != nil && fl.Computed() {
			var names []string
			for _, id := range s.vs.Needs(m.Field) {
				names = append(names, s.label(id))
			}
			if len(names) > 0 {
				text += "（自动计算，还需：" + strings.Join(names, "、") + "）"
			}
		}
		add(text, 0, m.Field)
	}

	// figures typed in that the draft does not write: the clerk should
	// not find the 6 they typed missing from the Word file
	un := render.UnwrittenFigures(s.vs)
	add("", 0, "")
	add(fmt.Sprintf("填了但没写进稿子（%d 项）", len(un)), 1, "")
	if len(un) == 0 {
		add("  填了的数都写进了稿子。", 4, "")
	}
	for _, g := range render.GroupUnwritten(un) {
		// a part left out with its figures is one row, not one a figure
		u := g[0]
		fl := t.Field(u.Field)
		text := "  " + where(fl.Part) + "：" + s.label(u.Field) + " " + shownValue(fl, s.vs.Value(u.Field))
		if len(g) > 1 {
			text = "  " + where(t.Part(u.Out)) + "：" + s.label(u.Field) + " " + shownValue(fl, s.vs.Value(u.Field)) + fmt.Sprintf(" 等 %d 项", len(g))
		}
		r.rows = append(r.rows, reviewRow{text: text, style: 3, field: u.Decider, part: u.DeciderPart})
		add("    "+u.Reason, 2, "") // on a line of its own: paths are long at 80 columns
	}

	// parts not in the draft, and why: a clerk should not be surprised
	// by a section that is missing from the Word file
	// (optional sub-parts nothing of which is filled in are only counted:
	// the built-in templates offer many, for the clerk to pick from)
	var out []reviewRow
	idle := 0
	written := map[*schema.Part]bool{} // the parts the draft has text of, and those above them
	for _, para := range s.doc.Paras {
		for p := t.Part(para.Part); p != nil && !written[p]; p = p.Parent {
			written[p] = true
		}
	}
	var walk func(ps []*schema.Part)
	walk = func(ps []*schema.Part) {
		for _, p := range ps {
			why := render.LeftOut(s.vs, p)
			switch {
			case why == "" && len(p.Headings) > 0 && len(p.Parts) > 0 && !written[p]:
				// in, but all under it is out: the heading goes too (a plan
				// the title still promises)
				out = append(out, reviewRow{text: "  " + where(p) + "：下面的小节都没有写入，整个部分不写入（标题或开头提到它的，请核对）", style: 2, field: firstInput(p)})
				continue
			case why == "":
				walk(p.Parts)
				continue
			case len(p.Headings) == 0:
			case p.Parent != nil && p.Optional && why == render.NothingFilled:
				idle++
			default:
				row := reviewRow{text: "  " + where(p) + "：" + why, style: 2, field: firstInput(p)}
				if s.st.a.Omitted(p.ID) {
					row.field, row.part = "", p.ID
				}
				out = append(out, row)
			}
			// what is under a part left out is out with it
		}
	}
	walk(t.Sections)
	if len(out) > 0 || idle > 0 {
		add("", 0, "")
		add(fmt.Sprintf("不写入稿子的部分（%d 个）", len(out)), 1, "")
		r.rows = append(r.rows, out...)
		if idle > 0 {
			add(fmt.Sprintf("  另有 %d 个可选的小节一个数字都没填，不写入（填了就写入）", idle), 2, "")
		}
	}

	add("", 0, "")
	add("自动计算的数", 1, "")
	n := 0
	in := map[*schema.Part]bool{}
	marked := map[string]bool{} // what the draft marks 【待填】
	for _, p := range s.doc.Paras {
		for _, sp := range append(p.Heading, p.Body...) {
			if sp.Missing != nil {
				marked[sp.Missing.Field] = true
			}
		}
	}
	for _, fl := range t.ComputeOrder() {
		v := s.vs.Value(fl.ID)
		if !inDraft(s.vs, fl.Part, in) || v.State == schema.Missing && !marked[fl.ID] {
			continue // not in the draft: not missing either
		}
		n++
		label := s.label(fl.ID)
		switch v.State {
		case schema.Set:
			add("  "+label+" = "+shownValue(fl, v), 4, "")
		case schema.NA:
			add("  "+label+"：不适用", 2, "")
		default:
			add("  "+label+"：待填", 2, fl.ID)
		}
	}
	if n == 0 {
		add("  （写入稿子的部分中没有计算字段）", 2, "")
	}

	// figures taken in from the offices' sheets, and from which
	var taken []reviewRow
	for _, fl := range t.Fields() {
		if src, ok := st.a.Source(fl.ID); ok {
			r, _ := st.a.Get(fl.ID)
			taken = append(taken, reviewRow{text: "  " + s.label(fl.ID) + " " + collect.Show(fl, r) + "：" + src.String(), style: 0, field: fl.ID})
		}
	}
	if len(taken) > 0 {
		add("", 0, "")
		add(fmt.Sprintf("从报送表收来的数（%d 项）", len(taken)), 1, "")
		r.rows = append(r.rows, taken...)
	}

	// names nigao import could only guess: the clerk names them (F2)
	var guessed []reviewRow
	for _, fl := range t.Fields() {
		if fl.Review {
			guessed = append(guessed, reviewRow{text: "  " + where(fl.Part) + "：" + s.label(fl.ID), field: fl.ID})
		}
	}
	if len(guessed) > 0 {
		add("", 0, "")
		add(fmt.Sprintf("名称待定的字段（%d 个，导入时没找到贴切的名称；Enter 去看原文，在字段上按 F2 改名）", len(guessed)), 1, "")
		r.rows = append(r.rows, guessed...)
	}

	add("", 0, "")
	var warns []reviewRow
	shown := map[string]bool{} // value errors listed with their field, not again from the file check
	for _, fl := range t.Fields() {
		v := s.vs.Value(fl.ID)
		switch {
		case v.State == schema.Invalid && v.Err != nil:
			warns = append(warns, reviewRow{text: "  " + s.label(fl.ID) + "：" + v.Err.Error(), style: 3, field: fl.ID})
			shown[fl.Label+"："+v.Err.Error()] = true
		case fl.Required && v.State == schema.Missing:
			warns = append(warns, reviewRow{text: "  " + s.label(fl.ID) + "：必填，还没有填", style: 3, field: fl.ID})
		}
		// a share (整改率) over its max is a slip; a completion rate over
		// 100% (超额完成) has no max and is not questioned
		if fl.Computed() && fl.Max != nil && v.State == schema.Set && v.Num.Value > *fl.Max {
			ids := fl.Compute.Idents
			msg := fmt.Sprintf("  %s为 %s，超过 %g，请核对", s.label(fl.ID), shownValue(fl, v), *fl.Max)
			if fl.Type == schema.Percent && len(ids) >= 2 {
				a, b := s.vs.Value(ids[0]), s.vs.Value(ids[1])
				msg = fmt.Sprintf("  %s（%s）多于%s（%s）：%s为 %s%%，请核对", s.label(ids[0]), a.Text, s.label(ids[1]), b.Text, s.label(fl.ID), v.Text)
			}
			warns = append(warns, reviewRow{text: msg, style: 3, field: firstEntered(t, ids)})
		}
	}
	for _, c := range s.vs.RateHints() {
		warns = append(warns, reviewRow{text: "  " + c.Msg, style: 3, field: c.Field.ID})
	}
	for _, e := range st.a.Check(t) {
		if !shown[e.Msg] {
			warns = append(warns, reviewRow{text: "  答案文件：" + e.Msg, style: 3, field: ""})
		}
	}
	add(fmt.Sprintf("提醒（%d 条）", len(warns)), 1, "")
	if len(warns) == 0 {
		add("  没有发现问题。", 4, "")
	}
	r.rows = append(r.rows, warns...)
	r.sel = r.next(-1, 1)
	return r
}

// firstInput is the first field of p (or of its parts) the clerk fills.
func firstInput(p *schema.Part) string {
	for _, fl := range p.AllFields() {
		if !fl.Computed() {
			return fl.ID
		}
	}
	return ""
}

func firstEntered(t *schema.Template, ids []string) string {
	for _, id := range ids {
		if fl := t.Field(id); fl != nil && !fl.Computed() {
			return id
		}
	}
	return ""
}

// next finds the next selectable row from i in direction d (-1 none).
func (r *reviewPage) next(i, d int) int {
	for j := i + d; j >= 0 && j < len(r.rows); j += d {
		if r.rows[j].jumps() {
			return j
		}
	}
	return i
}

func (r *reviewPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return r, r.key(msg)
	case mouseMsg:
		r.mouse(msg)
	}
	return r, nil
}

func (r *reviewPage) key(k tea.KeyPressMsg) tea.Cmd {
	switch s := k.String(); s {
	case "esc", "ctrl+r":
		r.c.close(r)
	case "ctrl+s":
		return r.s.save(r.c)
	case "ctrl+e":
		r.c.open(newExport(r.c, r.s))
	case "ctrl+f":
		r.c.open(newFind(r.c, r.s))
	case "ctrl+p":
		r.c.open(newDraft(r.c, r.s))
	case "?":
		r.c.open(newHelp(r.c))
	case "up", "shift+tab", "k":
		r.sel = r.next(r.sel, -1)
	case "down", "tab", "j":
		r.sel = r.next(r.sel, 1)
	case "pgdown":
		for i := 0; i < 10; i++ {
			r.sel = r.next(r.sel, 1)
		}
	case "pgup":
		for i := 0; i < 10; i++ {
			r.sel = r.next(r.sel, -1)
		}
	case "enter":
		r.jump(r.sel)
	}
	return nil
}

// jump goes to the field of row i, if it has one.
func (r *reviewPage) jump(i int) {
	if i >= 0 && i < len(r.rows) && r.rows[i].jumps() {
		r.c.send(jumpToFieldMsg{id: r.rows[i].field, part: r.rows[i].part})
	}
}

// mouse: the wheel moves the choice; a click chooses a row, a click on
// the chosen one goes to its field, as Enter does.
func (r *reviewPage) mouse(ms mouseMsg) {
	if ms.wheel != 0 {
		r.sel = r.next(r.sel, ms.wheel)
		return
	}
	i := r.scroll + ms.y - reviewTitleLines
	switch {
	case ms.y < reviewTitleLines || i >= len(r.rows) || !r.rows[i].jumps():
	case i != r.sel:
		r.sel = i
	default:
		r.jump(i)
	}
}

func (r *reviewPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("↑/↓", "选择"), bind("Enter", "跳到该项去填"), bind("Ctrl+E", "导出"), bind("Esc", "返回填写"), bind("F1", "帮助")}
}

// reviewTitleLines is the height of the review page's title.
const reviewTitleLines = 2

func (r *reviewPage) view(width, height int) ([]string, *tea.Cursor) {
	st := r.c.styles
	title := []string{st.heading.Render("检查稿子") + st.dim.Render("  选中一项按 Enter 跳过去填"), ""}[:reviewTitleLines]
	// the selected row in full under the list, when it is too long for a line
	var full []string
	if r.sel >= 0 && strWidth(r.rows[r.sel].text) > width-2 {
		full = wrapText(strings.TrimSpace(r.rows[r.sel].text), width-4)
		if room := max(3, height/4); len(full) > room {
			full = full[:room] // a 同比 reminder with the rate it computes takes 4 at 80 columns
		}
		for i, l := range full {
			full[i] = "  " + st.dim.Render(l)
		}
		full = append([]string{""}, full...)
	}
	h := height - len(title) - len(full)
	if r.sel >= 0 {
		if r.sel < r.scroll {
			r.scroll = max(0, r.sel-1)
		}
		if r.sel >= r.scroll+h {
			r.scroll = r.sel - h + 1
		}
	}
	lines := title
	for i := r.scroll; i < len(r.rows) && i < r.scroll+h; i++ {
		row := r.rows[i]
		text := truncate(row.text, width-2)
		switch row.style {
		case 1:
			text = st.title.Render(text)
		case 2:
			text = st.dim.Render(text)
		case 3:
			text = st.warn.Render(text)
		case 4:
			text = st.ok.Render(text)
		}
		if i == r.sel && row.jumps() {
			text = st.selected.Render(fit(truncate(row.text, width-2), width-2))
		}
		lines = append(lines, " "+text)
	}
	if full != nil {
		for len(lines) < height-len(full) {
			lines = append(lines, "")
		}
		lines = append(lines, full...)
	}
	return fitLines(lines, width), nil
}
