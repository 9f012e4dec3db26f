package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// Layout of the form. Wide terminals (≥ 100 cells): section list | fields
// | preview. Narrow ones: section list | fields over preview.
const (
	wideWidth     = 100
	sepRune       = "│"
	previewIndent = 4 // a paragraph's first line is indented two Chinese characters
)

type formLayout struct {
	sw, fw, pw int // section list, fields and preview widths
	narrow     bool
	fh, ph     int // fields and preview heights (narrow: stacked)
}

func formLayoutFor(width, height int) formLayout {
	if width >= wideWidth {
		// the outline is wider where there is room: its names are headings
		sw := 24
		if width >= 120 {
			sw = 28
		}
		rest := width - sw - 2
		fw := rest * 54 / 100
		return formLayout{sw: sw, fw: fw, pw: rest - fw, fh: height, ph: height}
	}
	sw := 24
	fw := width - sw - 1
	fh := height * 3 / 5
	if fh < 8 {
		fh = min(8, height)
	}
	ph := max(0, height-fh-1)
	return formLayout{sw: sw, fw: fw, pw: fw, narrow: true, fh: fh, ph: ph}
}

// textWidth is the width of a field's text box in the current layout.
func (f *formPage) textWidth() int {
	l := formLayoutFor(max(f.c.width, minWidth), 0)
	return max(4, l.fw-1-4) // as fieldLines and fieldView lay it out
}

func (f *formPage) view(width, height int) ([]string, *tea.Cursor) {
	l := formLayoutFor(width, height)
	f.layout = l
	secLines := f.outlineList(l.sw, height)
	paras := f.nodeParas()
	flines, ctop, cbot, crow, ccol := f.fieldLines(l.fw-1, f.s.nums)
	// scroll the fields so the focused widget (and the caret) show,
	// unless the clerk has scrolled them with the mouse wheel
	if ctop >= 0 && !f.wheeled {
		if cbot-ctop+1 > l.fh && crow >= 0 {
			ctop, cbot = crow, crow
		}
		if ctop < f.fieldScroll {
			f.fieldScroll = ctop
			if ctop <= 2 {
				f.fieldScroll = 0 // keep the section's title in view
			}
		}
		if cbot >= f.fieldScroll+l.fh {
			f.fieldScroll = cbot - l.fh + 1
		}
	}
	f.fieldScroll = max(0, min(f.fieldScroll, max(0, len(flines)-l.fh)))
	plines, anchor := f.previewLines(l.pw-1, paras)
	if anchor >= 0 && !f.wheeled && (anchor < f.previewScroll || anchor >= f.previewScroll+l.ph) {
		f.previewScroll = max(0, anchor-1)
	}
	f.previewScroll = max(0, min(f.previewScroll, len(plines)-l.ph))

	sep := f.c.styles.dim.Render(sepRune)
	out := make([]string, height)
	var cur *tea.Cursor
	if crow >= 0 {
		y := crow - f.fieldScroll
		if y >= 0 && y < l.fh {
			cur = tea.NewCursor(l.sw+1+1+ccol, y)
		}
	}
	for i := 0; i < height; i++ {
		var b strings.Builder
		b.WriteString(fit(lineAt(secLines, i), l.sw))
		b.WriteString(sep)
		if !l.narrow {
			b.WriteString(" ")
			b.WriteString(fit(lineAt(flines, i+f.fieldScroll), l.fw-1))
			b.WriteString(sep)
			b.WriteString(" ")
			b.WriteString(fit(lineAt(plines, i+f.previewScroll), l.pw-1))
		} else {
			switch {
			case i < l.fh:
				b.WriteString(" ")
				b.WriteString(fit(lineAt(flines, i+f.fieldScroll), l.fw-1))
			case i == l.fh:
				b.WriteString(f.c.styles.dim.Render("── 稿子预览 " + strings.Repeat("─", max(0, l.fw-strWidth("── 稿子预览 ")))))
			default:
				b.WriteString(" ")
				b.WriteString(fit(lineAt(plines, i-l.fh-1+f.previewScroll), l.fw-1))
			}
		}
		out[i] = b.String()
	}
	return out, cur
}

func lineAt(lines []string, i int) string {
	if i >= 0 && i < len(lines) {
		return lines[i]
	}
	return ""
}

// outlineList draws the outline: a row per node shown, indented by its
// depth, with + (folded) or - before a node with parts under it, and its
// fill status (7/9); a part the clerk left out reads 不写 and is struck
// through, one not in the draft for another reason 未写入.
func (f *formPage) outlineList(width, height int) []string {
	st := f.c.styles
	vis := f.folds.visible(f.tree)
	// the rows in view, the current node's near the middle
	off, room := 0, max(1, height-1)
	if len(vis) > room {
		at := 0
		for i, n := range vis {
			if n == f.cur {
				at = i
			}
		}
		off = max(0, min(at-room/2, len(vis)-room))
	}
	vis = vis[off:min(len(vis), off+room)]
	lines := []string{st.dim.Render(" 大纲" + strings.Repeat(" ", max(1, width-9)) + "已填")}
	f.listRows = append(f.listRows[:0], nil)
	in := map[*schema.Part]bool{} // included, for this frame: parents are asked again and again
	for _, n := range vis {
		done, total := f.filled(n)
		status := ""
		if total > 0 {
			status = fmt.Sprintf("%d/%d", done, total)
		}
		nameStyle := st.plain
		statStyle := st.dim
		if done == total {
			statStyle = st.ok
		}
		if n.part != nil {
			switch {
			case f.s.st.a.Omitted(n.part.ID):
				status = "不写"
				nameStyle = st.omitted
			case !inDraft(f.s.vs, n.part, in):
				status = "未写入"
				statStyle = st.dim
			}
		}
		marker := "  "
		if n == f.cur {
			marker = "> "
			nameStyle = st.focus
		}
		fold := " "
		switch {
		case len(n.kids) > 0 && f.folds[n]:
			fold = "-"
		case len(n.kids) > 0:
			fold = "+"
		}
		lead := marker + strings.Repeat(" ", n.depth) + fold
		nw := max(1, width-strWidth(lead)-strWidth(status)-1)
		lines = append(lines, lead+nameStyle.Render(padRight(truncate(n.name(f.s), nw), nw))+" "+statStyle.Render(status))
		f.listRows = append(f.listRows, n)
	}
	return lines
}

// foldColumn is the cell of the outline row where n's + or - stands.
func foldColumn(n *node) int { return 2 + n.depth }

func (f *formPage) filled(n *node) (done, total int) {
	if n.part != nil {
		return f.s.vs.Filled(n.part)
	}
	for _, fl := range f.s.t.Info {
		if fl.Computed() {
			continue
		}
		total++
		if st := f.s.vs.Value(fl.ID).State; st == schema.Set || st == schema.NA {
			done++
		}
	}
	return done, total
}

// fieldLines lays out the widgets of the current section in width
// cells. It returns the lines, the first and last line of the focused
// widget, and the caret's line and column (-1 when no text box has the
// focus).
func (f *formPage) fieldLines(width int, nums map[string]string) (lines []string, ftop, fbot, crow, ccol int) {
	st := f.c.styles
	ftop, fbot, crow = -1, -1, -1
	if p := f.cur.part; p == nil {
		lines = append(lines, st.heading.Render("基本信息"))
		lines = appendWrapped(lines, "", "单位、年度等用在标题、开头和落款中。", width, st.dim.Render)
	} else {
		if up := f.cur.parent; up != nil {
			lines = appendWrapped(lines, "", up.path(f.s)+" ›", width, st.dim.Render)
		}
		lines = appendWrapped(lines, "", nums[p.ID]+heading(f.s, p), width, st.heading.Render)
	}
	lines = append(lines, "")
	f.widgetTop = f.widgetTop[:0]
	for wi, w := range f.widgets {
		focused := wi == f.focus
		top := len(lines)
		f.widgetTop = append(f.widgetTop, top)
		var r, c int
		lines, r, c = w.view(lines, f.s, st, nums, focused, width)
		if r >= 0 {
			crow, ccol = r, c
		}
		if focused {
			ftop, fbot = top, len(lines)-1
		}
	}
	return lines, ftop, fbot, crow, ccol
}

// appendWrapped appends text wrapped to width cells, each line after
// prefix and in style.
func appendWrapped(lines []string, prefix, text string, width int, style func(string) string) []string {
	for _, l := range wrapText(text, width-strWidth(prefix)) {
		lines = append(lines, prefix+style(l))
	}
	return lines
}

// previewLines renders the current node's part of the draft (paras),
// wrapped for Chinese, and returns the line where the part holding the
// focus starts. A part not in the draft says why instead.
func (f *formPage) previewLines(width int, paras []render.Para) ([]string, int) {
	st := f.c.styles
	if f.cur.part == nil {
		return f.infoPreview(width), -1
	}
	var focusPart *schema.Part
	if w := f.focused(); w != nil {
		focusPart = w.part
		if w.field != nil {
			focusPart = w.field.Part
		}
	}
	written := map[string]bool{}
	for _, p := range paras {
		written[p.Part] = true
	}
	// the innermost part holding the focus that wrote something
	anchorPart := ""
	for q := focusPart; q != nil && anchorPart == ""; q = q.Parent {
		if written[q.ID] {
			anchorPart = q.ID
		}
	}
	anchor := -1
	var lines []string
	if n := f.tree.of(focusPart); focusPart != nil && n != f.cur && len(paras) > 0 {
		if note := n.outNote(f.s.vs, "光标所在的“"+n.name(f.s)+"”"); note != "" {
			lines = appendWrapped(lines, "", note, width, st.dim.Render)
			anchor = 0
		}
	}
	lines = append(lines, typeset(st, paras, width, false, &f.wrapCache, func(p render.Para, line int) {
		if anchorPart != "" && p.Part == anchorPart && anchor < 0 {
			anchor = line
		}
	})...)
	if len(paras) == 0 {
		msg := f.cur.outNote(f.s.vs, "这一部分")
		if msg == "" {
			msg = "（这一部分还没有写出内容）"
		}
		lines = appendWrapped(lines, "", msg, width, st.dim.Render)
	}
	return lines, anchor
}

// infoPreview is 基本信息's preview: the title, the opening, …… for the
// parts, the closing and the signature.
func (f *formPage) infoPreview(width int) []string {
	st := f.c.styles
	var own []render.Para
	gap := -1 // index in own of the first paragraph after the parts
	for _, p := range f.s.doc.Paras {
		switch {
		case p.Section == "":
			own = append(own, p)
		case gap < 0:
			gap = len(own)
		}
	}
	n, cut := 0, -1 // cut: the line the paragraph at gap starts on
	body := typeset(st, own, width, false, &f.wrapCache, func(_ render.Para, line int) {
		if n == gap {
			cut = line
		}
		n++
	})
	if gap == len(own) {
		cut = len(body) // parts, and nothing after them
	}
	lines := titleLines(st, f.s.doc, width)
	if cut < 0 {
		lines = append(lines, body...)
	} else {
		lines = append(lines, body[:cut]...)
		lines = append(lines, st.dim.Render(centre("……", width)))
		lines = append(lines, body[cut:]...)
	}
	return append(lines, signatureLines(f.s.doc, width)...)
}

// titleLines are the draft's title, centred, and a blank line.
func titleLines(st styles, doc *render.Document, width int) []string {
	var lines []string
	for _, l := range wrapText(doc.Title, width) {
		lines = append(lines, st.title.Render(centre(l, width)))
	}
	return append(lines, "")
}

// signatureLines are the unit and date, right-aligned after a blank line.
func signatureLines(doc *render.Document, width int) []string {
	sig := doc.Signature
	if sig.Unit == "" && sig.Date == "" {
		return nil
	}
	lines := []string{""}
	for _, s := range []string{sig.Unit, sig.Date} {
		if s != "" {
			lines = append(lines, strings.Repeat(" ", max(0, width-strWidth(s)))+s)
		}
	}
	return lines
}

// typeset lays paragraphs out as the preview shows them, width cells
// wide: headings in their styles, paragraphs indented two Chinese
// characters (一、 headings too when asWord, as Word sets them; the
// preview sets them flush to stand out), missing figures marked. *cache holds each paragraph's
// wrapped lines from the last frame (a keystroke rewraps only the
// paragraph typed into) and is replaced with this frame's. at, if set,
// is told each paragraph's first line.
func typeset(st styles, paras []render.Para, width int, asWord bool, cache *map[string][]string, at func(p render.Para, line int)) []string {
	styleOf := func(s span) string {
		switch s.style {
		case 1:
			return st.missing.Render(s.text)
		case 2:
			return st.heading.Render(s.text)
		case 3:
			return st.subheadingBold.Render(s.text)
		}
		return s.text
	}
	var lines []string
	next := map[string][]string{}
	for _, p := range paras {
		if at != nil {
			at(p, len(lines))
		}
		var spans []span
		indent := previewIndent
		if len(p.Heading) > 0 {
			hs := 2
			if p.Level > 1 {
				hs = 3
			}
			if p.Level == 1 && !asWord {
				indent = 0
			}
			spans = append(spans, span{p.Number, hs})
			for _, s := range p.Heading {
				spans = append(spans, docSpan(s, hs))
			}
		}
		for _, s := range p.Body {
			spans = append(spans, docSpan(s, 0))
		}
		var kb strings.Builder
		kb.WriteByte(byte(indent))
		kb.WriteByte(byte(width))
		kb.WriteByte(byte(width >> 8))
		for _, sp := range spans {
			kb.WriteByte(byte(sp.style))
			kb.WriteString(sp.text)
			kb.WriteByte(0)
		}
		k := kb.String()
		wrapped, ok := (*cache)[k]
		if !ok {
			for i, l := range wrapSpans(spans, width, indent) {
				var b strings.Builder
				if i == 0 && indent > 0 {
					b.WriteString(strings.Repeat(" ", indent))
				}
				for _, s := range l {
					b.WriteString(styleOf(s))
				}
				wrapped = append(wrapped, b.String())
			}
		}
		next[k] = wrapped
		lines = append(lines, wrapped...)
	}
	*cache = next
	return lines
}

func docSpan(s render.Span, style int) span {
	if s.Missing != nil {
		return span{s.Text, 1}
	}
	return span{s.Text, style}
}

// shownValue is a value as the draft writes it: a percentage with its
// sign, other figures with their unit.
func shownValue(fl *schema.Field, v schema.Value) string {
	if fl.Type == schema.Percent {
		return v.Text + "%"
	}
	return v.Text + fl.Unit
}
